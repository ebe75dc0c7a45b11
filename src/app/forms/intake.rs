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
use crate::domain::remedy::Remedy;
use crate::domain::workflow::Step;
use crate::i18n::{channel_key, remedy_named, remedy_names, service_id_or_given, service_names};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Open cases of one caller listed at most (a caller with more is rare).
const MAX_DUPLICATES: usize = 50;

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
        FormField::closed_pick(
            Field::Service,
            true,
            "",
            service_names(app.lang, &app.rules.services),
        ),
        FormField::choice(Field::Channel, true, channels, Some(0)),
        FormField::line(Field::ComplainedAt, false, ""),
        FormField::text(Field::Description, true, ""),
        FormField::closed_pick(Field::Remedy, false, "", remedy_names(app.lang)),
        FormField::line(Field::RemedyText, false, ""),
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
    let (remedy, remedy_text) = remedy(form)?;
    Ok(Intake {
        name: form.text(Field::Name),
        phone: form.text(Field::Phone),
        email: form.text(Field::Email),
        organisation: form.text(Field::Organisation),
        service: service_id_or_given(&app.rules.services, &form.text(Field::Service)),
        channel,
        complained_at,
        description: form.text(Field::Description),
        remedy,
        remedy_text,
    })
}

/// The remedy picked (by its name) and the words typed with it.
pub fn remedy(form: &Form) -> Result<(Option<Remedy>, String), (Field, Problem)> {
    let typed = form.text(Field::Remedy);
    let remedy = if typed.trim().is_empty() {
        None
    } else {
        let named = remedy_named(&typed);
        Some(named.ok_or((Field::Remedy, Problem::UnknownRemedy(typed.trim().to_string())))?)
    };
    Ok((remedy, form.text(Field::RemedyText)))
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
    let picked = modal.duplicates.get(modal.picked).copied();
    modal.duplicates = hits.into_iter().take(MAX_DUPLICATES).map(|(_, id)| id).collect();
    // The case picked stays picked while the caller's details are typed.
    modal.picked = picked
        .and_then(|id| modal.duplicates.iter().position(|d| *d == id))
        .unwrap_or(0);
}

/// ↑/↓ on a contact field of the intake (where they have nothing else to
/// do) pick among the caller's open cases; whether `key` did.
pub fn picks(modal: &mut FormModal, key: &KeyEvent) -> bool {
    let one_line = matches!(
        modal.form.focused().map(|f| f.field),
        Some(Field::Name | Field::Phone | Field::Email | Field::Organisation)
    );
    if modal.purpose != Purpose::Intake
        || modal.duplicates.is_empty()
        || !one_line
        || !key.modifiers.is_empty()
    {
        return false;
    }
    let last = modal.duplicates.len() - 1;
    match key.code {
        KeyCode::Up => modal.picked = modal.picked.saturating_sub(1),
        KeyCode::Down => modal.picked = (modal.picked + 1).min(last),
        _ => return false,
    }
    true
}

/// Goes to the caller's existing case to log the call there, taking along
/// what was typed as the description.
pub fn open_duplicate(app: &mut App, modal: &mut FormModal) -> (Outcome, Vec<Effect>) {
    let Some(&id) = modal.duplicates.get(modal.picked).or(modal.duplicates.first()) else {
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
