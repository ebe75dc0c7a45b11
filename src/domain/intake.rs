//! Registering a new complaint: what the operator typed, and its checks.

use chrono::{DateTime, Utc};

use super::case::{Channel, Contact};
use super::contact::{email, optional_detail, optional_line, phone, required_line, required_text};
use super::problem::{Field, Problem, Problems, Refusal};
use super::remedy::{Remedy, RemedySought};
use super::service::Catalogue;

/// A new complaint as typed: free text, to be checked by [`Intake::validate`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Intake {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub organisation: String,
    pub service: String,
    pub channel: Channel,
    /// When the complaint was made; `None` means now.
    #[serde(with = "super::moment::option")]
    pub complained_at: Option<DateTime<Utc>>,
    pub description: String,
    /// What the complainant wants, if they said (see [`super::remedy::sought`]).
    #[serde(default)]
    pub remedy: Option<Remedy>,
    #[serde(default)]
    pub remedy_text: String,
}

impl Default for Intake {
    fn default() -> Self {
        Self {
            name: String::new(),
            phone: String::new(),
            email: String::new(),
            organisation: String::new(),
            service: String::new(),
            channel: Channel::Phone,
            complained_at: None,
            description: String::new(),
            remedy: None,
            remedy_text: String::new(),
        }
    }
}

/// An intake that passed every check: the four things registration requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIntake {
    pub contact: Contact,
    pub service: String,
    pub channel: Channel,
    pub complained_at: DateTime<Utc>,
    pub description: String,
    pub remedy: Option<RemedySought>,
}

impl Intake {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self, services: &Catalogue, now: DateTime<Utc>) -> Result<ValidIntake, Refusal> {
        let mut p = Problems::default();
        let name = p.check(required_line(Field::Name, &self.name));
        let phone = p.check(optional_detail(&self.phone, phone));
        let email = p.check(optional_detail(&self.email, email));
        if self.phone.trim().is_empty() && self.email.trim().is_empty() {
            p.push(Problem::NoWayToReach);
        }
        let organisation = p.check(optional_line(Field::Organisation, &self.organisation));
        let service = if self.service.trim().is_empty() {
            p.push(Problem::Missing(Field::Service));
            None
        } else {
            p.check(services.resolve(&self.service))
        };
        let complained_at = self.complained_at.unwrap_or(now);
        if complained_at > now {
            p.push(Problem::InFuture(Field::ComplainedAt));
        }
        let description = p.check(required_text(Field::Description, &self.description));
        let remedy = super::remedy::sought(self.remedy, &self.remedy_text, &mut p);
        p.finish(|| ValidIntake {
            contact: Contact {
                name: name.unwrap_or_default(),
                email: email.flatten(),
                phone: phone.flatten(),
                organisation: organisation.flatten(),
            },
            service: service.unwrap_or_default(),
            channel: self.channel,
            complained_at,
            description: description.unwrap_or_default(),
            remedy: remedy.flatten(),
        })
    }
}
