//! Registering a complaint while the phone rings: the fields in the order a
//! call goes, and the caller's open cases shown as soon as they are recognised,
//! so the call can be logged there instead of registering a duplicate.

use super::step;
use super::{FormModal, Purpose, moment};
use crate::app::form::{Form, FormField};
use crate::app::modal::{Modal, Outcome};
use crate::app::{App, Effect};
use crate::domain::case::{CaseId, Channel};
use crate::domain::contact::phone_key;
use crate::domain::intake::Intake;
use crate::domain::problem::{Field, Problem};
use crate::domain::workflow::Step;
use crate::i18n::channel_key;

/// How many of the caller's cases the intake lists.
const MAX_DUPLICATES: usize = 5;

pub fn open(app: &App) -> FormModal {
    let channels = Channel::ALL
        .iter()
        .map(|c| app.lang.t(channel_key(*c)).to_string())
        .collect();
    let form = Form::new(vec![
        FormField::line(Field::Name, true, ""),
        FormField::line(Field::Phone, false, ""),
        FormField::line(Field::Email, false, ""),
        FormField::line(Field::Organisation, false, ""),
        FormField::closed_pick(Field::Service, true, "", app.rules.services.services().to_vec()),
        FormField::choice(Field::Channel, true, channels, Some(0)),
        FormField::line(Field::ComplainedAt, false, ""),
        FormField::text(Field::Description, true, ""),
    ]);
    FormModal::new(Purpose::Intake, form)
}

pub fn build(app: &App, form: &Form) -> Result<Intake, (Field, Problem)> {
    let date = form.text(Field::ComplainedAt);
    let complained_at = if date.trim().is_empty() {
        None
    } else {
        Some(moment(app, Field::ComplainedAt, &date)?)
    };
    let channel = form
        .choice(Field::Channel)
        .and_then(|i| Channel::ALL.get(i).copied())
        .unwrap_or(Channel::Phone);
    Ok(Intake {
        name: form.text(Field::Name),
        phone: form.text(Field::Phone),
        email: form.text(Field::Email),
        organisation: form.text(Field::Organisation),
        service: form.text(Field::Service),
        channel,
        complained_at,
        description: form.text(Field::Description),
    })
}

/// The open cases of the contact typed so far: the same phone number (however
/// written), the same e-mail address, or the same name.
pub fn find_duplicates(app: &App, modal: &mut FormModal) {
    let form = &modal.form;
    let name = form.text(Field::Name).trim().to_lowercase();
    let phone = phone_key(&form.text(Field::Phone));
    let email = form.text(Field::Email).trim().to_lowercase();
    let phone_ok = phone.trim_start_matches(['0', '+']).len() >= 6;
    let email_ok = email.contains('@') && email.len() >= 5;
    let name_ok = name.chars().count() >= 4;
    let mut hits: Vec<(u8, CaseId)> = Vec::new();
    if phone_ok || email_ok || name_ok {
        for entry in app.cases.read().search_entries() {
            let same_phone =
                phone_ok && !entry.phone.is_empty() && entry.phone.contains(phone.trim_start_matches('0'));
            let same_email = email_ok && entry.text.contains(&email);
            let rank = if same_phone || same_email {
                Some(0)
            } else if name_ok && entry.name == name {
                Some(1)
            } else if name_ok && entry.name.contains(&name) {
                Some(2)
            } else {
                None
            };
            if let Some(rank) = rank
                && app.cases.read().get(entry.id).is_some_and(|c| c.is_open())
            {
                hits.push((rank, entry.id));
            }
        }
    }
    hits.sort_by_key(|&(rank, id)| (rank, std::cmp::Reverse(id)));
    modal.duplicates = hits.into_iter().take(MAX_DUPLICATES).map(|(_, id)| id).collect();
}

/// Goes to the caller's existing case to log the call there, taking along
/// what was typed as the description.
pub fn open_duplicate(app: &mut App, modal: &mut FormModal) -> (Outcome, Vec<Effect>) {
    let Some(&id) = modal.duplicates.first() else {
        return (Outcome::Stay, Vec::new());
    };
    let said = modal.form.text(Field::Description);
    let effects = app.open_case(id);
    if let Some(mut log) = step::open(app, id, Step::LogContact) {
        log.form = step::with_text(log.form, app.lang, Field::LogText, &said);
        app.modal = Some(Modal::Form(Box::new(log)));
    }
    (Outcome::Close, effects)
}
