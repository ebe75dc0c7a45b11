//! Letters and e-mails to complainants from templates: filling them in (every
//! placeholder, both languages, dates in the letter's language), refusing a
//! template that names an unknown placeholder, the desk's own templates in its
//! configuration directory, the letter view as an operator uses it (`w` on a
//! case, ←/→, `c`, `w`, `x`), and `klachtdesk letter` on the command line.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{TimeZone, Utc};
use klachtdesk::app::letters::{LetterView, Row};
use klachtdesk::app::{Effect, Modal, Msg, update};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Direction, LogKind};
use klachtdesk::domain::clock::Policy;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::remedy::{Remedy, RemedySought};
use klachtdesk::domain::template::{
    Facts, Language, LetterKind, MissingData, Placeholder, SentVia, Template, TemplateError,
};
use klachtdesk::domain::workflow::{self, Command, Ctx, Edit, Rules, State};
use klachtdesk::i18n::{Lang, remedy_sentence};
use klachtdesk::templates::{self, LetterError, LoadProblem, Origin, Templates};
use klachtdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::*;

// ───────────────────────────── filling in ─────────────────────────────

/// Jan's complaint of Tuesday 24 November 2026, 14:30, registered the same day.
fn jan() -> Case {
    let complained = Utc.with_ymd_and_hms(2026, 11, 24, 13, 30, 0).unwrap();
    let intake = Intake {
        name: "Jan de Vries".into(),
        phone: "06-12345678".into(),
        email: "jan@korenschoof.nl".into(),
        organisation: "Bakkerij De Korenschoof".into(),
        service: "Penetration testing".into(),
        channel: Channel::Email,
        complained_at: Some(complained),
        description: "The pentest report arrived two weeks late.".into(),
        ..Intake::default()
    };
    let rules = Rules::default();
    let ctx = Ctx {
        now: complained,
        actor: "anna",
        rules: &rules,
    };
    workflow::register(CaseId::new(2026, 42), &intake, &ctx)
        .unwrap()
        .0
}

fn facts<'a>(case: &'a Case, language: Language, policy: &'a Policy) -> Facts<'a> {
    Facts {
        case,
        language,
        service: klachtdesk::i18n::service_name(language.into(), &case.service),
        policy,
        remedy_sought: "",
        operator: "Anna Smit",
        now: thursday_ten(),
    }
}

#[test]
fn every_placeholder_is_filled_in_with_dates_in_the_letters_language() {
    let mut case = jan();
    case.justification = "Outside our contract.".into();
    case.root_cause = "Planning".into();
    case.solution = "Extra reviewer".into();
    case.outcome = "Apology and discount".into();
    case.remedy_sought = Some(RemedySought {
        remedy: Remedy::Refund,
        text: "the fee back".into(),
    });
    let all: Vec<String> = Placeholder::names()
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect();
    let template = Template::parse(&all.join("|")).unwrap();
    assert_eq!(template.placeholders().count(), Placeholder::ALL.len());
    let policy = Policy::default();
    let expected = |service: &str, complaint: &str, today: &str, due: &str, remedy: &str| {
        [
            "K-2026-0042",
            "Jan de Vries",
            "Bakkerij De Korenschoof",
            "jan@korenschoof.nl",
            "06-12345678",
            service,
            complaint,
            "The pentest report arrived two weeks late.",
            "Outside our contract.",
            "Planning",
            "Extra reviewer",
            "Apology and discount",
            // No handler yet: the operator writing the letter.
            "Anna Smit",
            "Anna Smit",
            today,
            "10",
            due,
            remedy,
        ]
        .join("|")
    };
    // The outcome clock has not started: 10 working days from today, Thursday.
    // What the complainant asked for, worded in the letter's language.
    let remedy_in = |language: Language| remedy_sentence(language.into(), case.remedy_sought.as_ref());
    let (remedy_en, remedy_nl) = (remedy_in(Language::En), remedy_in(Language::Nl));
    assert_eq!(
        template.fill(&Facts {
            remedy_sought: &remedy_en,
            ..facts(&case, Language::En, &policy)
        }),
        expected(
            "Penetration testing",
            "24 November 2026",
            "26 November 2026",
            "Thursday 10 December 2026",
            "You asked us for a refund (in your words: \u{201c}the fee back\u{201d}). "
        )
    );
    assert_eq!(
        template.fill(&Facts {
            remedy_sought: &remedy_nl,
            ..facts(&case, Language::Nl, &policy)
        }),
        // The service by its Dutch name in a Dutch letter.
        expected(
            "Penetratietesten",
            "24 november 2026",
            "26 november 2026",
            "donderdag 10 december 2026",
            "U vroeg ons om terugbetaling (in uw woorden: \u{201c}the fee back\u{201d}). "
        )
    );
    // With a handler and a running outcome clock (since Friday 27 November).
    case.handler = Some("Piet Bakker".into());
    case.outcome_clock_since = Some(Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap());
    let f = facts(&case, Language::En, &policy);
    assert_eq!(f.value(Placeholder::Handler), "Piet Bakker");
    assert_eq!(f.value(Placeholder::OutcomeDue), "Friday 11 December 2026");
}

#[test]
fn the_built_in_letters_read_well_in_both_languages() {
    let mut case = jan();
    case.justification = "Outside our contract.".into();
    case.root_cause = "Planning".into();
    case.solution = "Extra reviewer".into();
    case.outcome = "Apology and discount".into();
    case.handler = Some("Piet Bakker".into());
    let policy = Policy::default();
    let templates = Templates::built_in();
    for language in Language::ALL {
        for kind in LetterKind::ALL {
            let text = templates.letter(kind, &facts(&case, language, &policy)).unwrap();
            let what = format!("{language:?} {kind:?}:\n{text}");
            assert!(!text.contains("{{") && !text.contains("}}"), "{what}");
            assert!(text.contains("K-2026-0042"), "{what}");
            let (subject, dear) = match language {
                Language::En => ("Subject: ", "Dear Jan de Vries,"),
                Language::Nl => ("Onderwerp: ", "Geachte Jan de Vries,"),
            };
            assert!(text.starts_with(subject), "{what}");
            assert!(text.contains(dear), "{what}");
            assert!(text.contains("Anna Smit"), "signed by the operator: {what}");
        }
    }
    let ack = |language| {
        templates
            .letter(LetterKind::Acknowledgement, &facts(&case, language, &policy))
            .unwrap()
    };
    // When the complainant can expect what.
    let en = ack(Language::En);
    assert!(
        en.contains("within 10 working days after we have received all relevant information"),
        "{en}"
    );
    assert!(en.contains("by Thursday 10 December 2026 at the latest"), "{en}");
    assert!(en.contains("On 24 November 2026 you submitted"), "{en}");
    let nl = ack(Language::Nl);
    assert!(
        nl.contains("binnen 10 werkdagen nadat wij alle relevante informatie hebben ontvangen"),
        "{nl}"
    );
    assert!(nl.contains("uiterlijk op donderdag 10 december 2026"), "{nl}");
    assert!(nl.contains("Op 24 november 2026 heeft u"), "{nl}");
    let outcome = templates
        .letter(LetterKind::Outcome, &facts(&case, Language::Nl, &policy))
        .unwrap();
    for part in [
        "Planning",
        "Extra reviewer",
        "Apology and discount",
        "Piet Bakker",
    ] {
        assert!(outcome.contains(part), "{part}: {outcome}");
    }
}

#[test]
fn a_letter_whose_data_is_missing_is_refused_with_the_fields() {
    let case = jan();
    let policy = Policy::default();
    let templates = Templates::built_in();
    let err = templates
        .letter(LetterKind::Outcome, &facts(&case, Language::En, &policy))
        .unwrap_err();
    assert_eq!(
        err,
        LetterError::Missing(MissingData {
            kind: LetterKind::Outcome,
            fields: vec![Field::RootCause, Field::Solution, Field::Outcome],
        })
    );
    assert_eq!(
        err.describe(Lang::En),
        "This letter needs what the case does not have yet: root cause, solution, outcome."
    );
    assert!(
        templates
            .letter(LetterKind::Justification, &facts(&case, Language::Nl, &policy))
            .unwrap_err()
            .describe(Lang::Nl)
            .contains("onderbouwing")
    );
}

#[test]
fn an_unknown_placeholder_is_refused_with_its_name_and_the_known_ones() {
    let err = Template::parse("Subject: {{case_id}}\n\nDear {{klant}},\n").unwrap_err();
    match &err {
        TemplateError::UnknownPlaceholder { name, line, known } => {
            assert_eq!((name.as_str(), *line), ("klant", 3));
            assert_eq!(known, &Placeholder::names());
        }
        other => panic!("{other:?}"),
    }
    // Spaces inside the braces are fine; a misspelling is not.
    assert!(Template::parse("{{ name }}").is_ok());
    assert!(Template::parse("{{Name}}").is_err());
}

// ───────────────────────────── the desk's own templates ─────────────────────────────

fn write_override(config_dir: &Path, language: &str, kind: &str, text: &str) -> PathBuf {
    let file = config_dir
        .join("templates")
        .join(language)
        .join(format!("{kind}.txt"));
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_template_in_the_config_directory_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_override(
        dir.path(),
        "nl",
        "acknowledgement",
        "Beste {{name}},\r\nWij hebben {{case_id}} ontvangen.\r\n",
    );
    assert_eq!(
        file,
        templates::override_file(dir.path(), Language::Nl, LetterKind::Acknowledgement)
    );
    let templates = Templates::load(Some(dir.path()));
    let case = jan();
    let policy = Policy::default();
    let nl = templates
        .letter(LetterKind::Acknowledgement, &facts(&case, Language::Nl, &policy))
        .unwrap();
    assert_eq!(nl, "Beste Jan de Vries,\nWij hebben K-2026-0042 ontvangen.\n");
    // The others are still the built-in ones.
    assert_eq!(
        templates.get(Language::En, LetterKind::Acknowledgement),
        Templates::built_in().get(Language::En, LetterKind::Acknowledgement)
    );
}

#[test]
fn an_override_with_an_unknown_placeholder_is_refused_with_the_file_and_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_override(dir.path(), "en", "outcome", "Dear {{name}},\n{{klant_nummer}}\n");
    let templates = Templates::load(Some(dir.path()));
    let err = templates.get(Language::En, LetterKind::Outcome).unwrap_err();
    assert_eq!(err.origin, Origin::File(file.clone()));
    assert!(matches!(
        &err.problem,
        LoadProblem::Invalid(TemplateError::UnknownPlaceholder { name, line: 2, .. }) if name == "klant_nummer"
    ));
    let text = err.describe(Lang::En);
    assert!(text.starts_with(&file.display().to_string()), "{text}");
    assert!(
        text.contains("line 2: unknown placeholder {{klant_nummer}}"),
        "{text}"
    );
    assert!(text.contains("case_id, name, organisation"), "{text}");
    assert!(
        err.describe(Lang::Nl)
            .contains("regel 2: onbekende plaatshouder {{klant_nummer}}")
    );
    // Only that letter is spoiled.
    assert!(templates.get(Language::Nl, LetterKind::Outcome).is_ok());
    assert!(templates.get(Language::En, LetterKind::Acknowledgement).is_ok());
}

// ───────────────────────────── the letter view ─────────────────────────────

/// The demo desk, whose session reads no templates folder (the built-in
/// letters only), so that a developer's own templates never change what is
/// tested.
fn desk() -> Desk {
    let d = Desk::demo();
    assert_eq!(d.app.settings.templates, None);
    d
}

fn view(d: &Desk) -> &LetterView {
    match &d.app.modal {
        Some(Modal::Letter(view)) => view,
        other => panic!("expected the letter view, found {other:?}"),
    }
}

/// Opens case `id` from the board and its letter view with `w`.
fn open_letter(d: &mut Desk, id: CaseId) {
    d.select(id);
    d.press("enter w");
    assert_eq!(view(d).id, id);
}

/// The letter a case gets from the built-in templates, as the view makes it.
fn expected_letter(d: &Desk, id: CaseId, kind: LetterKind, language: Language) -> String {
    let case = d.app.cases.case(id).unwrap();
    Templates::built_in()
        .letter(
            kind,
            &Facts {
                case: &case,
                language,
                service: klachtdesk::i18n::service_name(language.into(), &case.service),
                policy: &d.app.rules.policy,
                remedy_sought: &klachtdesk::i18n::remedy_sentence(
                    language.into(),
                    case.remedy_sought.as_ref(),
                ),
                operator: &d.app.operator,
                now: d.app.now,
            },
        )
        .unwrap()
        .trim_end()
        .to_string()
}

/// Presses a key through `update` only, returning the effects unperformed.
fn effects_of(d: &mut Desk, key_name: &str) -> Vec<Effect> {
    update(&mut d.app, Msg::Key(key(key_name)))
}

fn ctx(rules: &Rules) -> Ctx<'_> {
    Ctx {
        now: thursday_ten(),
        actor: "anna",
        rules,
    }
}

/// Changes a case in the store, as another operator would, and tells the app.
fn change(d: &mut Desk, id: CaseId, command: Command) {
    let rules = Rules::default();
    let case = d.store.execute(id, None, &command, &ctx(&rules)).unwrap();
    d.send(Msg::Changed(case));
}

#[test]
fn w_on_a_case_opens_the_letter_its_state_calls_for() {
    let mut d = desk();
    for (state, kind) in [
        (State::Received, LetterKind::Acknowledgement),
        (State::Acknowledged, LetterKind::Justification),
        (State::NotAdmissible, LetterKind::Justification),
        (State::OutcomeCommunicated, LetterKind::Outcome),
    ] {
        if state == State::NotAdmissible {
            d.press("c");
        }
        let id = d.first_in(state);
        open_letter(&mut d, id);
        let v = view(&d);
        assert_eq!(
            (v.kind, v.language, v.via),
            (kind, Language::En, SentVia::Email),
            "{state:?}"
        );
        d.press("esc esc");
        assert!(d.app.modal.is_none() && d.app.pane.is_none());
    }
}

#[test]
fn left_and_right_choose_the_letter_up_and_down_the_row() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    d.press("right");
    assert_eq!(view(&d).kind, LetterKind::Justification);
    d.press("right right");
    assert_eq!(view(&d).kind, LetterKind::Acknowledgement, "it wraps around");
    d.press("left");
    assert_eq!(view(&d).kind, LetterKind::Outcome);
    d.press("right down");
    assert_eq!(view(&d).row, Row::Language);
    d.press("right");
    assert_eq!(view(&d).language, Language::Nl);
    d.press("down right");
    assert_eq!((view(&d).row, view(&d).via), (Row::Via, SentVia::Letter));
    d.press("down");
    assert_eq!(view(&d).row, Row::Kind, "the rows wrap around");
    d.press("up");
    assert_eq!(view(&d).row, Row::Via);
}

#[test]
fn c_copies_the_filled_in_letter_and_w_writes_it_to_a_file() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    let english = expected_letter(&d, id, LetterKind::Acknowledgement, Language::En);
    assert_eq!(effects_of(&mut d, "c"), [Effect::Copy(english.clone())]);
    assert_eq!(effects_of(&mut d, "ctrl-c"), [Effect::Copy(english.clone())]);
    d.app.settings.exports = "/home/anna/exports".into();
    assert_eq!(effects_of(&mut d, "w"), [], "it asks where first");
    assert_eq!(
        effects_of(&mut d, "enter"),
        [Effect::WriteFile {
            path: PathBuf::from(format!("/home/anna/exports/{id}-acknowledgement-en.txt")),
            contents: format!("{english}\n"),
        }]
    );
    d.press("down right");
    let dutch = expected_letter(&d, id, LetterKind::Acknowledgement, Language::Nl);
    assert!(dutch.starts_with("Onderwerp: Ontvangstbevestiging"), "{dutch}");
    assert_eq!(effects_of(&mut d, "c"), [Effect::Copy(dutch.clone())]);
    effects_of(&mut d, "ctrl-s");
    match effects_of(&mut d, "enter").as_slice() {
        [Effect::WriteFile { path, .. }] => assert_eq!(
            path,
            &PathBuf::from(format!("/home/anna/exports/{id}-acknowledgement-nl.txt"))
        ),
        other => panic!("{other:?}"),
    }
    // The copy goes to the terminal, which says so; nothing is saved.
    let version = d.stored(id).version;
    assert!(matches!(
        support::dispatch(&mut d.app, Msg::Key(key("c")), &d.store).as_slice(),
        [Effect::Copy(_)]
    ));
    assert_eq!(d.stored(id).version, version);
}

/// `w` asks where to write, offering the export folder and the letter's
/// name; Enter writes it there, readable by the operator only, and the
/// flash names the whole path.
#[test]
fn w_asks_where_and_enter_writes_the_letter_in_the_export_folder() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    let exports = tempfile::tempdir().unwrap();
    d.app.settings.exports = exports.path().join("letters");
    open_letter(&mut d, id);
    d.press("w");
    let path = exports
        .path()
        .join(format!("letters/{id}-acknowledgement-en.txt"));
    let shown = words(&screen(&d));
    assert!(shown.contains("Write to a file"), "{shown}");
    assert!(shown.contains(&format!("File: {}", path.display())), "{shown}");
    assert!(shown.contains("Enter write · Esc cancel"), "{shown}");
    d.press("enter");
    let letter = expected_letter(&d, id, LetterKind::Acknowledgement, Language::En);
    assert_eq!(fs::read_to_string(&path).unwrap(), format!("{letter}\n"));
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(view(&d).id, id, "back at the letter");
    let (text, error) = flash(&d.app);
    let full = path.canonicalize().unwrap();
    assert_eq!((text, error), (format!("Written to {}.", full.display()), false));
}

/// The path offered can be changed: a name of its own, into the export
/// folder; a full path anywhere but the working folder. Esc writes nothing.
#[test]
fn the_path_offered_can_be_changed_and_esc_writes_nothing() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    let exports = tempfile::tempdir().unwrap();
    d.app.settings.exports = exports.path().to_path_buf();
    open_letter(&mut d, id);

    d.press("w");
    d.press("esc");
    assert_eq!(view(&d).id, id, "Esc goes back to the letter");
    assert_eq!(flash(&d.app), ("Nothing written.".to_string(), false));
    assert_eq!(fs::read_dir(exports.path()).unwrap().count(), 0);

    // A name alone goes into the export folder, never the working folder.
    d.press("w home ctrl-k");
    d.type_text("jansen.txt");
    d.press("enter");
    assert!(exports.path().join("jansen.txt").is_file());

    // A full path is written as it is.
    let elsewhere = tempfile::tempdir().unwrap();
    let chosen = elsewhere.path().join("brieven").join("ontvangst.txt");
    d.press("w home ctrl-k");
    d.type_text(&chosen.display().to_string());
    d.press("enter");
    assert_eq!(fs::metadata(&chosen).unwrap().permissions().mode() & 0o777, 0o600);
}

/// A path that names no file is refused in the question, which stays open
/// with what was typed; Dutch too.
#[test]
fn a_path_without_a_file_name_is_refused_and_kept() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    d.app.settings.exports = "/home/anna/exports".into();
    open_letter(&mut d, id);
    d.press("w home ctrl-k");
    d.type_text("/tmp/");
    d.press("enter");
    let Some(Modal::SaveAs(save)) = &d.app.modal else {
        panic!("the question stays open: {:?}", d.app.modal);
    };
    assert_eq!(save.typed(), "/tmp/");
    let shown = words(&screen(&d));
    assert!(
        shown.contains("Give the file to write: a path ending in a file name, e.g. ~/brieven/brief.txt, then press Enter."),
        "{shown}"
    );
    d.app.lang = Lang::Nl;
    d.press("enter");
    let shown = words(&screen(&d));
    assert!(shown.contains("Naar een bestand schrijven"), "{shown}");
    assert!(
        shown.contains("Vul het bestand in: een pad dat eindigt op een bestandsnaam"),
        "{shown}"
    );
}

/// Over SSH the desk writes into the operator's folder by name only: the
/// question shows the folder and asks for the name; a folder is refused.
#[test]
fn by_name_only_the_question_asks_for_the_name_alone() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    d.app.settings.exports = "/srv/klachtdesk/exports/anna".into();
    d.app.settings.by_name_only = true;
    open_letter(&mut d, id);
    assert_eq!(effects_of(&mut d, "w"), []);
    let shown = words(&screen(&d));
    assert!(
        shown.contains("Into your folder at the desk, /srv/klachtdesk/exports/anna/"),
        "{shown}"
    );
    let Some(Modal::SaveAs(save)) = &d.app.modal else {
        panic!("{:?}", d.app.modal);
    };
    assert_eq!(save.typed(), format!("{id}-acknowledgement-en.txt"));
    d.press("home");
    d.type_text("sub/");
    assert_eq!(effects_of(&mut d, "enter"), []);
    let shown = words(&screen(&d));
    assert!(shown.contains("give a file name only, without /"), "{shown}");
    d.press("backspace backspace backspace backspace");
    match effects_of(&mut d, "enter").as_slice() {
        [Effect::WriteFile { path, .. }] => assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            format!("{id}-acknowledgement-en.txt")
        ),
        other => panic!("{other:?}"),
    }
}

/// A letter written where a file is already: the board asks first; `n`
/// leaves the file as it was, Enter (or `y`, `j`) replaces it.
#[test]
fn the_board_asks_before_replacing_a_file() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    let dir = tempfile::tempdir().unwrap();
    d.app.settings.exports = dir.path().to_path_buf();
    open_letter(&mut d, id);
    let path = dir.path().join(format!("{id}-acknowledgement-en.txt"));
    fs::write(&path, "Notes of my own.").unwrap();
    let contents = format!(
        "{}\n",
        expected_letter(&d, id, LetterKind::Acknowledgement, Language::En)
    );
    let ask = |d: &mut Desk| {
        d.press("w enter");
        assert!(
            matches!(d.app.modal, Some(Modal::Replace(_))),
            "{:?}",
            d.app.modal
        );
    };

    ask(&mut d);
    let shown = words(&screen(&d));
    assert!(
        shown.contains("exists already. Replace it? Enter/y yes · n/Esc no"),
        "{shown}"
    );
    d.press("n");
    assert_eq!(fs::read_to_string(&path).unwrap(), "Notes of my own.");
    assert_eq!(view(&d).id, id, "back at the letter");
    let (text, error) = flash(&d.app);
    assert!(!error && text.starts_with("Nothing written"), "{text}");
    ask(&mut d);
    d.press("esc");
    assert_eq!(fs::read_to_string(&path).unwrap(), "Notes of my own.");
    assert_eq!(view(&d).id, id, "Esc says no, and does not close the letter");

    d.app.lang = Lang::Nl;
    ask(&mut d);
    let shown = words(&screen(&d));
    assert!(
        shown.contains("bestaat al. Vervangen? Enter/j ja · n/Esc nee"),
        "{shown}"
    );
    d.press("enter");
    assert_eq!(fs::read_to_string(&path).unwrap(), contents);
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(view(&d).id, id);
    let (text, error) = flash(&d.app);
    assert!(!error && text.starts_with("Geschreven naar"), "{text}");
}

#[test]
fn x_on_a_received_case_acknowledges_it_and_logs_the_e_mail() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    let before = d.stored(id);
    d.press("x");
    assert_eq!(
        d.stored(id).version,
        before.version,
        "asked first, nothing saved yet"
    );
    let shown = screen(&d);
    assert!(
        shown.contains(&format!("Acknowledge {id} now, via e-mail? y yes · n no")),
        "{shown}"
    );
    d.press("y");
    let after = d.stored(id);
    assert_eq!(after.state, State::Acknowledged);
    let ack = after.acknowledgement.as_ref().unwrap();
    assert_eq!((ack.at, ack.via), (thursday_ten(), AckVia::Email));
    assert_eq!(after.version, before.version + 2, "two steps, one save");
    let entry = after.contact_log.last().unwrap();
    assert_eq!(
        (
            entry.kind,
            entry.direction,
            entry.text.as_str(),
            entry.author.as_str()
        ),
        (
            LogKind::Email,
            Direction::Outbound,
            "Sent: acknowledgement of receipt (e-mail, English)",
            "anna"
        )
    );
    // The board follows and the view stays open, saying what was saved.
    assert_eq!(d.app.cases.case(id).unwrap().state, State::Acknowledged);
    assert_eq!(view(&d).notice, None);
    let (text, error) = flash(&d.app);
    assert!(!error && text.contains("Acknowledged"), "{text}");
}

#[test]
fn x_asks_before_recording_the_step_and_n_or_j_in_english_records_nothing() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    let version = d.stored(id).version;
    d.press("x j");
    assert_eq!(d.stored(id).version, version, "j is not yes in English");
    let (hint, _) = flash(&d.app);
    assert!(hint.contains("y or Enter: yes"), "{hint}");
    d.press("n");
    assert!(!view(&d).confirming);
    assert_eq!(d.stored(id).version, version);
    d.press("x esc");
    assert_eq!(d.stored(id).version, version, "Esc says no");
    assert!(
        matches!(d.app.modal, Some(Modal::Letter(_))),
        "the view stays open"
    );
}

#[test]
fn x_asks_in_dutch_and_j_says_yes() {
    let mut d = desk();
    d.app.lang = Lang::Nl;
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    d.press("x");
    let shown = screen(&d);
    assert!(
        shown.contains(&format!(
            "Ontvangst van {id} nu bevestigen, via e-mail? j ja · n nee"
        )),
        "{shown}"
    );
    d.press("j");
    assert_eq!(d.stored(id).state, State::Acknowledged);
}

#[test]
fn x_on_a_letter_sent_by_post_in_dutch_logs_a_letter() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    d.press("down right down right x enter");
    let after = d.stored(id);
    assert_eq!(after.acknowledgement.as_ref().unwrap().via, AckVia::Letter);
    let entry = after.contact_log.last().unwrap();
    assert_eq!(entry.kind, LogKind::Note);
    assert_eq!(entry.direction, Direction::Outbound);
    assert_eq!(entry.text, "Sent: acknowledgement of receipt (letter, Dutch)");
}

#[test]
fn x_on_an_acknowledgement_already_made_is_refused_with_the_reason() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    d.press("x y");
    let version = d.stored(id).version;
    let effects = effects_of(&mut d, "x");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(d.stored(id).version, version, "nothing saved twice");
    let notice = view(&d).notice.clone().expect("a reason in the view");
    assert!(notice.error);
    assert!(
        notice
            .text
            .starts_with("\"Acknowledge receipt\" is not possible while the case is \"Acknowledged\"."),
        "{}",
        notice.text
    );
    // Choosing another letter clears it.
    d.press("right");
    assert_eq!(view(&d).notice, None);
}

#[test]
fn x_on_the_justification_while_deciding_declares_the_case_not_admissible() {
    let mut d = desk();
    let id = d.first_in(State::Acknowledged);
    change(
        &mut d,
        id,
        Command::Edit {
            edits: vec![Edit::Justification(
                "The service was never ordered from us.".into(),
            )],
        },
    );
    open_letter(&mut d, id);
    assert_eq!(view(&d).kind, LetterKind::Justification);
    let Some(Effect::Copy(text)) = effects_of(&mut d, "c").pop() else {
        panic!("nothing copied");
    };
    assert!(text.contains("The service was never ordered from us."), "{text}");
    d.press("x y");
    let after = d.stored(id);
    assert_eq!(after.state, State::NotAdmissible);
    assert_eq!(
        after.contact_log.last().unwrap().text,
        "Sent: justification (e-mail, English)"
    );
    // Sent again later: only logged.
    d.press("x");
    let again = d.stored(id);
    assert_eq!(again.state, State::NotAdmissible);
    assert_eq!(again.contact_log.len(), after.contact_log.len() + 1);
}

#[test]
fn a_letter_without_its_data_cannot_be_copied_or_sent() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    d.press("left");
    assert_eq!(view(&d).kind, LetterKind::Outcome);
    for k in ["c", "w", "x"] {
        assert!(effects_of(&mut d, k).is_empty(), "{k}");
        let notice = view(&d).notice.clone().unwrap();
        assert!(
            notice
                .text
                .starts_with("This letter needs what the case does not have yet: root cause"),
            "{k}: {notice:?}"
        );
    }
    assert_eq!(d.stored(id).state, State::Received);
}

#[test]
fn a_bad_template_of_the_desk_is_shown_in_the_view_not_a_panic() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("enter");
    let dir = tempfile::tempdir().unwrap();
    write_override(dir.path(), "en", "acknowledgement", "Dear {{klant}},\n");
    let letter = LetterView::with_templates(&d.app, id, Templates::load(Some(dir.path()))).unwrap();
    d.app.modal = Some(Modal::Letter(Box::new(letter)));
    assert!(effects_of(&mut d, "c").is_empty());
    let notice = view(&d).notice.clone().unwrap();
    assert!(
        notice.text.contains("unknown placeholder {{klant}}"),
        "{notice:?}"
    );
    for (w, h) in [(80, 24), (160, 48)] {
        d.send(Msg::Resize { width: w, height: h });
        let words = words(&screen(&d));
        assert!(words.contains("line 1: unknown placeholder {{klant}}"), "{words}");
    }
    // The Dutch one is fine.
    d.press("down right c");
    assert_eq!(view(&d).notice, None);
}

/// The screen as drawn now, rows joined by newlines.
fn screen(d: &Desk) -> String {
    let (w, h) = d.app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| ui::draw(&d.app, &Theme::new(false), frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen's text as words, the view's borders left out, for sentences that wrap.
fn words(screen: &str) -> String {
    screen
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_view_draws_at_80x24_and_160x48_in_both_languages() {
    for lang in [Lang::En, Lang::Nl] {
        for (w, h) in [(80, 24), (160, 48), (60, 16)] {
            let mut d = desk();
            d.app = app_over(&d.store, "anna", lang);
            d.send(Msg::Resize { width: w, height: h });
            let id = d.first_in(State::Received);
            open_letter(&mut d, id);
            let s = screen(&d);
            let what = format!("{lang:?} {w}x{h}:\n{s}");
            assert!(s.contains(&id.to_string()), "{what}");
            let (subject, copy, mark) = match lang {
                Lang::En => ("Subject: Your complaint", "c copy", "x mark sent"),
                Lang::Nl => ("Onderwerp: Ontvangstbevestiging", "c kopiëren", "x verstuurd"),
            };
            assert!(s.contains(subject), "{what}");
            if w >= 80 {
                assert!(s.contains(copy) && s.contains(mark), "{what}");
                let will = match lang {
                    Lang::En => "Marking it sent logs the e-mail and records the acknowledgement",
                    Lang::Nl => "Als verstuurd markeren legt de e-mail vast en registreert",
                };
                assert!(s.contains(will), "{what}");
            }
            // Every letter and the other choices draw too.
            for keys in ["right", "right", "down right", "down right", "pagedown"] {
                d.press(keys);
                screen(&d);
            }
        }
    }
}

#[test]
fn page_keys_scroll_the_preview_and_stop_at_its_end() {
    let mut d = desk();
    d.send(Msg::Resize {
        width: 80,
        height: 24,
    });
    let id = d.first_in(State::Received);
    open_letter(&mut d, id);
    assert!(screen(&d).contains("1–"), "the rule says which rows are shown");
    for _ in 0..20 {
        d.press("pagedown");
    }
    let bottom = view(&d).scroll;
    assert!(bottom > 0);
    assert!(
        screen(&d).contains("Complaints desk"),
        "the end of the letter is in view"
    );
    d.press("pagedown");
    assert_eq!(view(&d).scroll, bottom, "it stops at the end");
    for _ in 0..20 {
        d.press("pageup");
    }
    assert_eq!(view(&d).scroll, 0);
    assert!(screen(&d).contains("Subject: Your complaint"));
}

#[test]
fn escape_sequences_in_the_case_are_shown_escaped() {
    let mut d = desk();
    let id = d.first_in(State::Received);
    change(
        &mut d,
        id,
        Command::Edit {
            edits: vec![Edit::Description("Screen went \u{1b}[2J blank".into())],
        },
    );
    open_letter(&mut d, id);
    d.press("pagedown");
    let s = screen(&d);
    assert!(!s.contains('\u{1b}'), "{s}");
    d.press("pageup");
    let all: String = (0..10)
        .map(|_| {
            let s = screen(&d);
            d.press("pagedown");
            s
        })
        .collect();
    assert!(all.contains("\\u{1b}[2J"), "{all}");
}

// ───────────────────────────── the command line ─────────────────────────────

/// Monday 23 November 2026, 10:00 in Amsterdam.
const NOW: &str = "2026-11-23T10:00";

/// One test's private world: database, home and configuration directory.
struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Cli { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Where the desk's configuration (and so its templates) lives.
    fn config_dir(&self) -> PathBuf {
        self.path("home/.config/klachtdesk")
    }

    fn run_in(&self, lang: &str, args: &[&str]) -> Output {
        cargo_bin_cmd!("klachtdesk")
            .env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("TMPDIR", self.path("tmp"))
            .env("LANG", lang)
            .env("USER", "tester")
            .arg("--db")
            .arg(self.path("db"))
            .arg("--now")
            .arg(NOW)
            .args(args)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in("C", args)
    }

    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        (text(&out.stdout), text(&out.stderr))
    }

    /// A refused command: exit 2, nothing on stdout, one line on stderr.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("klachtdesk: "), "{err}");
        err
    }

    /// Registers Jan's complaint; its number.
    fn add(&self) -> String {
        let (out, _) = self.ok(&[
            "add",
            "--name",
            "Jan Jansen",
            "--email",
            "jan@voorbeeld.nl",
            "--service",
            "Penetration testing",
            "--description",
            "The pentest report arrived two weeks late.",
        ]);
        out.trim().to_string()
    }

    fn show(&self, id: &str) -> serde_json::Value {
        serde_json::from_str(&self.ok(&["show", id, "--json"]).0).unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn letter_prints_the_filled_in_letter_in_the_chosen_language() {
    let cli = Cli::new();
    let id = cli.add();
    let (en, err) = cli.ok(&["letter", &id, "--kind", "acknowledgement"]);
    assert_eq!(err, "");
    assert!(
        en.starts_with(&format!(
            "Subject: Your complaint {id}: confirmation of receipt\n"
        )),
        "{en}"
    );
    assert!(en.contains("Dear Jan Jansen,"), "{en}");
    assert!(en.contains("On 23 November 2026 you submitted"), "{en}");
    assert!(en.contains("by Monday 7 December 2026 at the latest"), "{en}");
    assert!(en.trim_end().ends_with("tester\nComplaints desk"), "{en}");
    let (nl, _) = cli.ok(&["letter", &id, "--kind", "acknowledgement", "--lang", "nl"]);
    assert!(nl.contains("Op 23 november 2026 heeft u"), "{nl}");
    assert!(nl.contains("uiterlijk op maandag 7 december 2026"), "{nl}");
    // The operator's language is the default.
    let out = cli.run_in("nl_NL.UTF-8", &["letter", &id, "--kind", "acknowledgement"]);
    assert_eq!(text(&out.stdout), nl);
    assert_eq!(cli.show(&id)["state"], "received", "printing records nothing");
}

#[test]
fn letter_out_writes_the_file() {
    let cli = Cli::new();
    let id = cli.add();
    let file = cli.path("ack.txt");
    let (out, err) = cli.ok(&[
        "letter",
        &id,
        "--kind",
        "acknowledgement",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out, "");
    assert_eq!(err, format!("Written to {}.\n", file.display()));
    let written = fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("Subject: ") && written.ends_with("Complaints desk\n"),
        "{written}"
    );
}

#[test]
fn letter_mark_sent_acknowledges_and_logs_and_refuses_a_second_time() {
    let cli = Cli::new();
    let id = cli.add();
    let (out, err) = cli.ok(&[
        "letter",
        &id,
        "--kind",
        "acknowledgement",
        "--lang",
        "nl",
        "--mark-sent",
        "--via",
        "letter",
    ]);
    assert!(out.starts_with("Onderwerp: "), "{out}");
    assert_eq!(err, format!("Saved: {id} is now \"Acknowledged\".\n"));
    let case = cli.show(&id);
    assert_eq!(case["state"], "acknowledged");
    assert_eq!(case["acknowledgement"]["via"], "letter");
    assert_eq!(case["acknowledgement"]["at"], "2026-11-23T09:00:00Z");
    let log = case["contact_log"].as_array().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["direction"], "outbound");
    assert_eq!(log[0]["text"], "Sent: acknowledgement of receipt (letter, Dutch)");

    let err = cli.refused(&[
        "letter",
        &id,
        "--kind",
        "acknowledgement",
        "--mark-sent",
        "--via",
        "email",
    ]);
    assert!(
        err.contains("\"Acknowledge receipt\" is not possible while the case is \"Acknowledged\""),
        "{err}"
    );
    assert_eq!(cli.show(&id)["contact_log"].as_array().unwrap().len(), 1);
}

#[test]
fn letter_refuses_an_unknown_case_a_letter_without_data_and_bad_options() {
    let cli = Cli::new();
    let id = cli.add();
    let err = cli.refused(&["letter", "K-2026-0099", "--kind", "outcome"]);
    assert_eq!(err.trim_end(), "klachtdesk: there is no case K-2026-0099");
    let err = cli.refused(&["letter", &id, "--kind", "outcome"]);
    assert!(
        err.contains("This letter needs what the case does not have yet: root cause, solution, outcome"),
        "{err}"
    );
    let err = cli.refused(&[
        "letter",
        &id,
        "--kind",
        "justification",
        "--mark-sent",
        "--via",
        "email",
    ]);
    assert!(err.contains("justification"), "{err}");
    cli.refused(&["letter", &id, "--kind", "apology"]);
    cli.refused(&["letter", &id, "--kind", "outcome", "--lang", "fr"]);
    cli.refused(&["letter", &id, "--kind", "acknowledgement", "--mark-sent"]);
    cli.refused(&["letter", &id, "--kind", "acknowledgement", "--via", "email"]);
    cli.refused(&[
        "letter",
        &id,
        "--kind",
        "acknowledgement",
        "--mark-sent",
        "--via",
        "phone",
    ]);
    assert_eq!(cli.show(&id)["state"], "received");
}

#[test]
fn letter_uses_the_desks_template_and_refuses_a_bad_one_with_file_and_name() {
    let cli = Cli::new();
    let id = cli.add();
    write_override(
        &cli.config_dir(),
        "en",
        "acknowledgement",
        "Hello {{name}}, we got {{case_id}} on {{complaint_date}}.\n",
    );
    let (out, _) = cli.ok(&["letter", &id, "--kind", "acknowledgement"]);
    assert_eq!(
        out,
        format!("Hello Jan Jansen, we got {id} on 23 November 2026.\n")
    );
    let (nl, _) = cli.ok(&["letter", &id, "--kind", "acknowledgement", "--lang", "nl"]);
    assert!(nl.starts_with("Onderwerp: "), "the Dutch one is still built in");

    let file = write_override(&cli.config_dir(), "en", "acknowledgement", "Hello {{klant}}\n");
    let err = cli.refused(&[
        "letter",
        &id,
        "--kind",
        "acknowledgement",
        "--mark-sent",
        "--via",
        "email",
    ]);
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains("line 1: unknown placeholder {{klant}}"), "{err}");
    assert_eq!(cli.show(&id)["state"], "received", "nothing recorded");
}

#[test]
fn letter_shows_escape_sequences_escaped_on_the_terminal() {
    let cli = Cli::new();
    let (out, _) = cli.ok(&[
        "add",
        "--name",
        "Eve",
        "--email",
        "eve@example.nl",
        "--service",
        "Consultancy",
        "--description",
        "Look: \u{1b}]52;c;aGk=\u{7} gone",
    ]);
    let (letter, _) = cli.ok(&["letter", out.trim(), "--kind", "acknowledgement"]);
    assert!(!letter.contains('\u{1b}'), "{letter}");
    assert!(letter.contains("\\u{1b}]52"), "{letter}");
}

#[test]
fn the_outcome_letter_says_what_the_complainant_asked_for_when_they_said() {
    let mut case = jan();
    case.root_cause = "Planning".into();
    case.solution = "Extra reviewer".into();
    case.outcome = "We refund the fee.".into();
    let policy = Policy::default();
    let letter = |case: &Case, language: Language| {
        let remedy = remedy_sentence(language.into(), case.remedy_sought.as_ref());
        Templates::built_in()
            .letter(
                LetterKind::Outcome,
                &Facts {
                    remedy_sought: &remedy,
                    ..facts(case, language, &policy)
                },
            )
            .unwrap()
    };
    let without = letter(&case, Language::En);
    assert!(
        without.contains("\n\nWe hope that you are satisfied"),
        "nothing asked, nothing said:\n{without}"
    );
    case.remedy_sought = Some(RemedySought {
        remedy: Remedy::Apology,
        text: String::new(),
    });
    let en = letter(&case, Language::En);
    assert!(
        en.contains("\n\nYou asked us for an apology. We hope that you are satisfied"),
        "{en}"
    );
    let nl = letter(&case, Language::Nl);
    assert!(
        nl.contains("\n\nU vroeg ons om excuses. Wij hopen dat u tevreden bent"),
        "{nl}"
    );
}
