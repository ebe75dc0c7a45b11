//! `klachtdesk add`: register a complaint.

use std::hash::BuildHasher;

use super::{Failure, Session};
use crate::desk::{MAX_REQUEST_ID, valid_request_id};
use crate::domain::case::Channel;
use crate::domain::intake::Intake;
use crate::domain::problem::{Field, Problem, Refusal};
use crate::domain::remedy::Remedy;
use crate::i18n::Describe;
use crate::i18n::{self, T, datetime};
use crate::store::{CommandError, StoreError};

#[derive(Debug, Clone, clap::Args)]
pub struct AddArgs {
    /// The complainant's name
    #[arg(long, default_value = "")]
    name: String,
    /// Their phone number (this or --email is required)
    #[arg(long, default_value = "")]
    phone: String,
    /// Their e-mail address
    #[arg(long, default_value = "")]
    email: String,
    /// Their organisation
    #[arg(long, default_value = "")]
    org: String,
    /// The service the complaint is about (from the catalogue)
    #[arg(long, default_value = "")]
    service: String,
    /// How the complaint came in
    #[arg(long, value_enum, default_value_t = ChannelArg::Phone)]
    channel: ChannelArg,
    /// When the complaint was made, local time [default: now]
    #[arg(long, value_name = "DATETIME")]
    date: Option<String>,
    /// What the complaint is about
    #[arg(long, default_value = "")]
    description: String,
    /// What the complainant wants: apology, correction, refund, call or other
    #[arg(long, value_name = "REMEDY")]
    remedy: Option<String>,
    /// The remedy in the complainant's words (required with --remedy other)
    #[arg(long, value_name = "TEXT", default_value = "")]
    remedy_text: String,
    /// Registers only once: the same command again with the same id answers
    /// with the case the first one made [default: a new random id]
    #[arg(long, value_name = "ID")]
    request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ChannelArg {
    Phone,
    Email,
    ContactPerson,
}

impl From<ChannelArg> for Channel {
    fn from(c: ChannelArg) -> Self {
        match c {
            ChannelArg::Phone => Channel::Phone,
            ChannelArg::Email => Channel::Email,
            ChannelArg::ContactPerson => Channel::ContactPerson,
        }
    }
}

pub fn run(session: &mut Session, args: &AddArgs) -> Result<(), Failure> {
    if let Some(id) = &args.request_id
        && !valid_request_id(id)
    {
        return Err(Failure::Refused(
            session.lang.fill(T::BadRequestId, &[("max", &MAX_REQUEST_ID)]),
        ));
    }
    let lang = session.lang;
    let complained_at = session.moment(Field::ComplainedAt, args.date.as_ref())?;
    // Checked here rather than by clap, so that the refusal is in the
    // operator's language.
    let remedy =
        match &args.remedy {
            None => None,
            Some(given) => Some(Remedy::from_slug(given).ok_or_else(|| {
                Failure::refusal(lang, &Refusal::one(Problem::UnknownRemedy(given.clone())))
            })?),
        };
    let intake = Intake {
        name: args.name.clone(),
        phone: args.phone.clone(),
        email: args.email.clone(),
        organisation: args.org.clone(),
        service: i18n::service_id_or_given(&session.rules.services, &args.service),
        channel: args.channel.into(),
        complained_at,
        description: args.description.clone(),
        remedy,
        remedy_text: args.remedy_text.clone(),
    };
    let desk = session.desk()?;
    let request_id = args.request_id.clone().unwrap_or_else(new_request_id);
    let case = desk.register(&intake, Some(&request_id)).map_err(|e| match e {
        // Sent, and no answer: say how to find out, and how to retry safely.
        CommandError::Store(unanswered @ StoreError::Unanswered { .. }) => Failure::Failed(format!(
            "{} {}",
            unanswered.describe(lang),
            lang.fill(
                T::UnansweredAdd,
                &[("name", &intake.name.trim()), ("request", &request_id)]
            )
        )),
        e => Failure::command(lang, &e),
    })?;
    let policy = &session.rules.policy;
    let due = policy.due(case.complained_at, policy.acknowledge_days);
    println!("{}", case.id);
    eprintln!("{}", lang.fill(T::Registered, &[("id", &case.id)]));
    eprintln!(
        "{}",
        lang.fill(T::AckDue, &[("date", &datetime(lang, due.deadline))])
    );
    Ok(())
}

/// A request id no other registration has: 128 random bits, as hex.
fn new_request_id() -> String {
    let random = std::collections::hash_map::RandomState::new();
    let half = |salt: u64| random.hash_one((salt, std::process::id(), std::time::SystemTime::now()));
    format!("{:016x}{:016x}", half(1), half(2))
}
