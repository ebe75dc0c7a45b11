//! One field of a case, edited in place in the case pane.

use super::{FormModal, Purpose, moment};
use crate::app::form::{Form, FormField};
use crate::app::{App, pane};
use crate::domain::case::{Case, CaseId, Channel, Satisfaction};
use crate::domain::problem::{Field, Problem};
use crate::domain::remedy::Granted;
use crate::domain::workflow::{self, Command, Edit};
use crate::i18n::{self, channel_key, satisfaction_key};

/// The editor for `field` of case `id`, holding its current value.
pub fn open(app: &App, id: CaseId, field: Field) -> Option<FormModal> {
    let held = app.cases.case(id)?;
    let case = held.as_ref();
    let lang = app.lang;
    let value = pane::value(case, field);
    // What the form always needs, or what the case's state depends on.
    let required = |always: bool| always || workflow::required_for_state(case).contains(&field);
    if field == Field::Remedy {
        // The kind and the words are edited together: "other" needs both.
        let named = case
            .remedy_sought
            .as_ref()
            .map(|s| lang.t(i18n::remedy_key(s.remedy)))
            .unwrap_or_default();
        let inputs = vec![
            FormField::closed_pick(field, false, named, i18n::remedy_names(lang)),
            FormField::line(Field::RemedyText, false, &pane::value(case, Field::RemedyText)),
        ];
        return Some(FormModal::new(
            Purpose::Edit {
                id,
                version: case.version,
                field,
            },
            Form::new(inputs),
        ));
    }
    let input = match field {
        Field::Channel => {
            let options = Channel::ALL
                .iter()
                .map(|c| lang.t(channel_key(*c)).to_string())
                .collect();
            let index = Channel::ALL.iter().position(|c| *c == case.channel);
            FormField::choice(field, required(true), options, index)
        }
        Field::Satisfaction => {
            let options = Satisfaction::ALL
                .iter()
                .map(|s| lang.t(satisfaction_key(*s)).to_string())
                .collect();
            let index = case
                .satisfaction
                .and_then(|s| Satisfaction::ALL.iter().position(|x| *x == s));
            FormField::choice(field, required(false), options, index)
        }
        Field::RemedyGranted => {
            let options = Granted::ALL
                .iter()
                .map(|g| lang.t(i18n::granted_key(*g)).to_string())
                .collect();
            let index = case
                .remedy_granted
                .and_then(|g| Granted::ALL.iter().position(|x| *x == g));
            FormField::choice(field, required(false), options, index)
        }
        Field::ComplainedAt => FormField::line(field, required(true), &i18n::iso_local(case.complained_at)),
        Field::Service => FormField::closed_pick(
            field,
            required(true),
            i18n::service_name(lang, &value),
            i18n::service_names(lang, &app.rules.services),
        ),
        Field::Handler => FormField::pick(field, required(false), &value, app.cases.read().staff()),
        Field::RootCause => FormField::pick(
            field,
            required(false),
            &value,
            super::causes::earlier(app, &case.service, id),
        ),
        f if pane::is_multiline(f) => FormField::text(f, required(f == Field::Description), &value),
        f => FormField::line(f, required(f == Field::Name), &value),
    };
    Some(FormModal::new(
        Purpose::Edit {
            id,
            version: case.version,
            field,
        },
        Form::new(vec![input]),
    ))
}

/// The command that sets the field to what the form holds.
pub fn build(app: &App, case: Option<&Case>, field: Field, form: &Form) -> Result<Command, (Field, Problem)> {
    let text = form.text(field);
    let edit = |e: Edit| Command::Edit { edits: vec![e] };
    Ok(match field {
        Field::Name => edit(Edit::Name(text)),
        Field::Phone => edit(Edit::Phone(text)),
        Field::Email => edit(Edit::Email(text)),
        Field::Organisation => edit(Edit::Organisation(text)),
        Field::Service => edit(Edit::Service(i18n::service_id_or_given(
            &app.rules.services,
            &text,
        ))),
        Field::Channel => {
            let channel = form
                .choice(field)
                .and_then(|i| Channel::ALL.get(i).copied())
                .or(case.map(|c| c.channel))
                .unwrap_or(Channel::Phone);
            edit(Edit::Channel(channel))
        }
        Field::ComplainedAt => edit(Edit::ComplainedAt(moment(app, field, &text)?)),
        Field::Description => edit(Edit::Description(text)),
        Field::Justification => edit(Edit::Justification(text)),
        Field::RootCause => edit(Edit::RootCause(text)),
        Field::Solution => edit(Edit::Solution(text)),
        Field::Outcome => edit(Edit::Outcome(text)),
        Field::Learnings => edit(Edit::Learnings(text)),
        Field::Satisfaction => edit(Edit::Satisfaction(
            form.choice(field).and_then(|i| Satisfaction::ALL.get(i).copied()),
        )),
        Field::Remedy => {
            let (remedy, text) = super::intake::remedy(form)?;
            edit(Edit::RemedySought { remedy, text })
        }
        Field::RemedyGranted => edit(Edit::RemedyGranted(
            form.choice(field).and_then(|i| Granted::ALL.get(i).copied()),
        )),
        Field::Handler => Command::AssignHandler { handler: text },
        Field::Involved => Command::SetInvolved {
            staff: text.split(',').map(|s| s.trim().to_string()).collect(),
        },
        other => {
            return Err((
                other,
                Problem::NotAllowed {
                    step: crate::domain::workflow::Step::Edit,
                    from: case.map_or(crate::domain::workflow::State::Received, |c| c.state),
                },
            ));
        }
    })
}
