//! `klachtdesk letter`: a letter to the complainant filled in from the desk's
//! template, printed (or written to a file) and, with `--mark-sent`, recorded
//! as sent through the same store call as the board's `x`.
//!
//! Only the letter goes to stdout, so that it can be piped into a mail
//! program; what was done is said on stderr.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, Session, output};
use crate::domain::case::CaseId;
use crate::domain::template::{self, Facts, Language, LetterKind, SentVia};
use crate::i18n::{self, T, state_key};
use crate::private_file;
use crate::sanitize::visible;
use crate::templates::{self, Templates};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The case number, e.g. K-2026-0042
    id: String,
    /// Which letter
    #[arg(long, value_enum)]
    kind: KindArg,
    /// The letter's language [default: the operator's]
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Write the letter to this file (readable by you only) instead of printing it
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the file given with --out if it exists
    #[arg(long, requires = "out")]
    force: bool,
    /// Record the letter as sent: a contact-log entry and, for the
    /// acknowledgement, the acknowledgement itself (justification: declares
    /// the case not admissible; outcome: communicates it, when still to do)
    #[arg(long, requires = "via")]
    mark_sent: bool,
    /// How the letter was sent (with --mark-sent)
    #[arg(long, value_enum, requires = "mark_sent")]
    via: Option<ViaArg>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Acknowledgement,
    Justification,
    Outcome,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LangArg {
    En,
    Nl,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ViaArg {
    Email,
    Letter,
}

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let id = CaseId::parse(&args.id).map_err(|p| Failure::refusal(lang, &p.into()))?;
    let kind = match args.kind {
        KindArg::Acknowledgement => LetterKind::Acknowledgement,
        KindArg::Justification => LetterKind::Justification,
        KindArg::Outcome => LetterKind::Outcome,
    };
    let language = match args.lang {
        Some(LangArg::En) => Language::En,
        Some(LangArg::Nl) => Language::Nl,
        None => lang.into(),
    };
    let desk = session.desk()?;
    let case = desk.get(id).map_err(|e| Failure::store(lang, &e))?;
    let templates = Templates::load(session.settings().templates.as_deref());
    let facts = Facts {
        case: &case,
        language,
        service: i18n::service_name(language.into(), &case.service),
        policy: &session.rules.policy,
        remedy_sought: &i18n::remedy_sentence(language.into(), case.remedy_sought.as_ref()),
        operator: desk.operator(),
        now: session.now,
    };
    let text = templates
        .letter(kind, &facts)
        .map_err(|e| Failure::Refused(e.describe(lang)))?;
    let text = format!("{}\n", text.trim_end());
    // Checked before anything is written, so that a refusal leaves nothing behind.
    let sending = match args.via.filter(|_| args.mark_sent) {
        Some(via) => {
            let via = match via {
                ViaArg::Email => SentVia::Email,
                ViaArg::Letter => SentVia::Letter,
            };
            let log = templates::sent_log_text(lang, kind, via, language);
            Some(
                template::sending(kind, &case, via, session.now, &log)
                    .map_err(|r| Failure::refusal(lang, &r))?,
            )
        }
        None => None,
    };
    if let Some(path) = &args.out {
        private_file::write_text(path, args.force, &text).map_err(|e| Failure::file(lang, &e))?;
    }
    if let Some(commands) = sending {
        let saved = desk
            .execute(id, Some(case.version), commands)
            .map_err(|e| super::moves::unanswered_or(lang, id, &e))?;
        eprintln!(
            "{}",
            lang.fill(
                T::Saved,
                &[("id", &saved.id), ("state", &lang.t(state_key(saved.state)))]
            )
        );
    }
    match &args.out {
        Some(path) => {
            eprintln!("{}", lang.fill(T::WrittenTo, &[("path", &path.display())]));
            Ok(())
        }
        // Never raw, not even into a pipe: a letter is read by people (as it
        // always was, so that scripts get what they got).
        None => output::print(lang, |out| out.write_all(visible(&text).as_bytes())),
    }
}
