//! `klachtdesk list`: the queue, filtered, most urgent first.

use std::io::Write;

use super::text::cell;
use super::{Failure, Session, json, output};
use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseId};
use crate::domain::clock::Policy;
use crate::domain::deadlines::{CaseClocks, Clocks};
use crate::domain::query::Filter;
use crate::domain::summary::{Standing, Summary};
use crate::domain::workflow::State;
use crate::i18n::Describe;
use crate::i18n::{self, Lang, T};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    filters: FilterArgs,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

/// The filters `list` and `export` share.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only cases in these states (comma-separated): received, acknowledged,
    /// in-treatment, waiting, outcome, closed, not-admissible
    #[arg(long, value_delimiter = ',', value_name = "STATE")]
    state: Vec<String>,
    /// Only cases about this service
    #[arg(long)]
    service: Option<String>,
    /// Only cases of this handler
    #[arg(long)]
    handler: Option<String>,
    /// Only cases whose running deadline has passed
    #[arg(long)]
    breached: bool,
    /// Only cases with a deadline today
    #[arg(long)]
    due_today: bool,
    /// Only cases whose number, contact, phone, e-mail or description contain these words
    #[arg(long)]
    text: Option<String>,
    /// Closed and not-admissible cases too (only open cases otherwise)
    #[arg(long)]
    all: bool,
}

pub fn run(session: &mut Session, args: &ListArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let filter = args.filters.filter(session)?;
    let loaded = session
        .desk()?
        .select(&filter)
        .map_err(|e| Failure::store(lang, &e))?;
    for problem in &loaded.unreadable {
        eprintln!("klachtdesk: {}", problem.describe(lang));
    }
    if args.json {
        // Scripts get every case whole: read in batches, in the order chosen.
        let ids: Vec<CaseId> = loaded.summaries.iter().map(|s| s.id).collect();
        let whole = session
            .desk()?
            .cases(&ids)
            .map_err(|e| Failure::store(lang, &e))?;
        for problem in &whole.unreadable {
            eprintln!("klachtdesk: {}", problem.describe(lang));
        }
        let policy = &session.rules.policy;
        let rows: Vec<(Case, CaseClocks)> = whole
            .cases
            .into_iter()
            .map(|case| {
                let clocks = CaseClocks::of(&case, policy, session.now);
                (case, clocks)
            })
            .collect();
        let list: Vec<_> = rows
            .iter()
            .map(|(case, clocks)| json::case(case, clocks, None))
            .collect();
        return output::print_json(lang, &list);
    }
    let policy = &session.rules.policy;
    // Counted once per day a clock started, not once per case.
    let mut counted = Clocks::new(policy, session.now);
    let rows: Vec<(Summary, CaseClocks)> = loaded
        .summaries
        .into_iter()
        .map(|case| {
            let clocks = CaseClocks::in_queue(&case, &mut counted);
            (case, clocks)
        })
        .collect();
    output::print(lang, |out| {
        if rows.is_empty() {
            return writeln!(out, "{}", lang.t(T::NoCases));
        }
        writeln!(
            out,
            "{} {} {} {} {}",
            cell(lang.t(T::HeadCase), 11),
            cell(lang.t(T::HeadState), 24),
            cell(lang.t(T::HeadContact), 32),
            cell(lang.t(T::HeadService), 26),
            lang.t(T::HeadDeadline)
        )?;
        for (case, clocks) in &rows {
            writeln!(out, "{}", row(lang, case, clocks, policy, session.now))?;
        }
        if rows.len() == 1 {
            writeln!(out, "{}", lang.t(T::CaseCountedOne))
        } else {
            writeln!(out, "{}", lang.fill(T::CasesCounted, &[("count", &rows.len())]))
        }
    })
}

/// One case on a line; its deadline column the running target's badge,
/// then the outstanding promise's (`· call back today 12:00`).
pub(super) fn row<C: Standing + ?Sized>(
    lang: Lang,
    case: &C,
    clocks: &CaseClocks,
    policy: &Policy,
    now: DateTime<Utc>,
) -> String {
    let contact = match &case.contact().organisation {
        Some(org) => format!("{} ({org})", case.contact().name),
        None => case.contact().name.clone(),
    };
    let deadline = if case.is_open() {
        let (target, status) = clocks.current();
        let badge = i18n::badge(lang, target, status);
        match (clocks.promise, case.next_promise()) {
            (Some((due, promised)), Some((_, what))) => {
                let promise = i18n::promise_badge(lang, what, due, promised, now, policy);
                format!("{badge} · {promise}")
            }
            _ => badge,
        }
    } else {
        String::new()
    };
    format!(
        "{} {} {} {} {}",
        cell(&case.id().to_string(), 11),
        cell(&i18n::state_label(lang, case), 24),
        cell(&contact, 32),
        cell(i18n::service_name(lang, case.service()), 26),
        deadline
    )
}

impl FilterArgs {
    /// The domain filter: open cases unless states or `--all` are given.
    pub fn filter(&self, session: &Session) -> Result<Filter, Failure> {
        let args = self;
        let lang = session.lang;
        let mut states = Vec::new();
        for given in &args.state {
            let state = State::from_slug(given).ok_or_else(|| {
                let known: Vec<&str> = State::ALL.iter().map(|s| s.slug()).collect();
                Failure::Refused(
                    lang.fill(T::NoSuchState, &[("given", given), ("states", &known.join(", "))]),
                )
            })?;
            states.push(state);
        }
        if states.is_empty() && !args.all {
            states = State::OPEN.to_vec();
        }
        let service = match &args.service {
            Some(s) => Some(
                i18n::resolve_service(&session.rules.services, s)
                    .map_err(|p| Failure::refusal(lang, &p.into()))?,
            ),
            None => None,
        };
        Ok(Filter {
            states,
            service,
            handler: args.handler.clone(),
            channel: None,
            breached: args.breached,
            due_today: args.due_today,
            text: args.text.clone(),
        })
    }
}
