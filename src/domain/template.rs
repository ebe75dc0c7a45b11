//! Letters to the complainant from templates: the three letters the procedure
//! sends, the placeholders a template may name, parsing (a template naming an
//! unknown placeholder is refused with that name), filling one in from a case,
//! and what sending one records. Pure: the case, the letter's language, the
//! policy, the operator and the moment are all passed in.

use chrono::{DateTime, Locale, NaiveDate, Utc};

use super::case::{AckVia, Case, Direction, LogKind};
use super::clock::Policy;
use super::problem::{Field, Problem, Refusal};
use super::workflow::{Command, State, Step};

/// The letters the procedure sends to a complainant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LetterKind {
    /// The confirmation of receipt, within 2 working days (step 1).
    Acknowledgement,
    /// The written justification of a not-admissible complaint (step 3).
    Justification,
    /// The root cause, the solution and the outcome (step 6).
    Outcome,
}

impl LetterKind {
    pub const ALL: [LetterKind; 3] = [
        LetterKind::Acknowledgement,
        LetterKind::Justification,
        LetterKind::Outcome,
    ];

    /// The kind's name in file names and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "acknowledgement",
            LetterKind::Justification => "justification",
            LetterKind::Outcome => "outcome",
        }
    }

    /// The fields of the case the letter cannot do without.
    pub fn needs(self) -> &'static [Field] {
        match self {
            LetterKind::Acknowledgement => &[],
            LetterKind::Justification => &[Field::Justification],
            LetterKind::Outcome => &[Field::RootCause, Field::Solution, Field::Outcome],
        }
    }

    /// The needed fields the case has not filled in.
    pub fn missing(self, case: &Case) -> Vec<Field> {
        self.needs()
            .iter()
            .copied()
            .filter(|f| text_of(case, *f).trim().is_empty())
            .collect()
    }

    /// The letter the case's state calls for: the acknowledgement while it is
    /// received, the justification while admissibility is being decided or once
    /// it was judged not admissible, the outcome once there is one.
    pub fn fitting(case: &Case) -> LetterKind {
        let has_outcome = !case.outcome.trim().is_empty()
            || matches!(case.state, State::OutcomeCommunicated | State::Closed);
        match case.state {
            State::Received => LetterKind::Acknowledgement,
            State::NotAdmissible => LetterKind::Justification,
            _ if has_outcome => LetterKind::Outcome,
            State::Acknowledged => LetterKind::Justification,
            _ => LetterKind::Outcome,
        }
    }
}

/// The language a letter is written in: the complainant's, not necessarily
/// the operator's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    En,
    Nl,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Nl];

    pub fn slug(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }

    fn locale(self) -> Locale {
        match self {
            Language::En => Locale::en_GB,
            Language::Nl => Locale::nl_NL,
        }
    }

    /// A date as a letter writes it: `26 November 2026`, `26 november 2026`.
    pub fn date(self, day: NaiveDate) -> String {
        day.format_localized("%-d %B %Y", self.locale()).to_string()
    }

    /// With the weekday, for a day to look out for: `Thursday 10 December 2026`.
    pub fn day(self, day: NaiveDate) -> String {
        day.format_localized("%A %-d %B %Y", self.locale()).to_string()
    }
}

/// What a template can ask to be filled in, as `{{name}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    CaseId,
    Name,
    Organisation,
    Email,
    Phone,
    Service,
    ComplaintDate,
    Description,
    Justification,
    RootCause,
    Solution,
    Outcome,
    /// The case's handler; the operator while there is none.
    Handler,
    Operator,
    Today,
    /// The target for the outcome, in working days.
    OutcomeDays,
    /// The day the outcome is due if no more information is needed: counted
    /// from when the outcome clock started, or from today while it has not.
    OutcomeDue,
    /// What the complainant asked for, as a sentence that opens the
    /// paragraph it is written at the start of; nothing when they did not say.
    RemedySought,
}

impl Placeholder {
    pub const ALL: [Placeholder; 18] = [
        Placeholder::CaseId,
        Placeholder::Name,
        Placeholder::Organisation,
        Placeholder::Email,
        Placeholder::Phone,
        Placeholder::Service,
        Placeholder::ComplaintDate,
        Placeholder::Description,
        Placeholder::Justification,
        Placeholder::RootCause,
        Placeholder::Solution,
        Placeholder::Outcome,
        Placeholder::Handler,
        Placeholder::Operator,
        Placeholder::Today,
        Placeholder::OutcomeDays,
        Placeholder::OutcomeDue,
        Placeholder::RemedySought,
    ];

    /// The name a template writes between `{{` and `}}`.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::CaseId => "case_id",
            Placeholder::Name => "name",
            Placeholder::Organisation => "organisation",
            Placeholder::Email => "email",
            Placeholder::Phone => "phone",
            Placeholder::Service => "service",
            Placeholder::ComplaintDate => "complaint_date",
            Placeholder::Description => "description",
            Placeholder::Justification => "justification",
            Placeholder::RootCause => "root_cause",
            Placeholder::Solution => "solution",
            Placeholder::Outcome => "outcome",
            Placeholder::Handler => "handler",
            Placeholder::Operator => "operator",
            Placeholder::Today => "today",
            Placeholder::OutcomeDays => "outcome_days",
            Placeholder::OutcomeDue => "outcome_due",
            Placeholder::RemedySought => "remedy_sought",
        }
    }

    pub fn from_name(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.name() == name)
    }

    pub fn names() -> Vec<&'static str> {
        Placeholder::ALL.iter().map(|p| p.name()).collect()
    }
}

/// Why a template text cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// `{{name}}` names nothing a case can fill in.
    UnknownPlaceholder {
        name: String,
        line: usize,
        known: Vec<&'static str>,
    },
    /// A `{{` without its `}}` on the same line.
    Unclosed { line: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(Placeholder),
}

/// A parsed template: text with placeholders, every one of them known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Reads `{{name}}` placeholders (spaces inside the braces allowed). Parsing
    /// up front means a bad template is refused when it is loaded, with its
    /// line, rather than showing up as a blank in a letter sent to a customer.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = text;
        let mut line = 1;
        while let Some(open) = rest.find("{{") {
            let before = &rest[..open];
            line += before.matches('\n').count();
            let after = &rest[open + 2..];
            let inner = match after.find("}}") {
                Some(close) if !after[..close].contains('\n') => &after[..close],
                _ => return Err(TemplateError::Unclosed { line }),
            };
            let name = inner.trim();
            let slot = Placeholder::from_name(name).ok_or_else(|| TemplateError::UnknownPlaceholder {
                name: name.to_string(),
                line,
                known: Placeholder::names(),
            })?;
            if !before.is_empty() {
                parts.push(Part::Text(before.to_string()));
            }
            parts.push(Part::Slot(slot));
            rest = &after[inner.len() + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// The placeholders the template names, in order, repeats included.
    pub fn placeholders(&self) -> impl Iterator<Item = Placeholder> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Slot(s) => Some(*s),
            Part::Text(_) => None,
        })
    }

    /// The text with every placeholder replaced by the case's value.
    pub fn fill(&self, facts: &Facts) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Slot(s) => facts.value(*s),
            })
            .collect()
    }
}

/// Everything a letter is filled in from.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub case: &'a Case,
    pub language: Language,
    /// The case's service by its name in the letter's language.
    pub service: &'a str,
    pub policy: &'a Policy,
    /// What the complainant asked for, worded in the letter's language
    /// (empty when they did not say).
    pub remedy_sought: &'a str,
    pub operator: &'a str,
    pub now: DateTime<Utc>,
}

impl Facts<'_> {
    pub fn value(&self, p: Placeholder) -> String {
        let case = self.case;
        let contact = &case.contact;
        let lang = self.language;
        let policy = self.policy;
        let optional = |v: &Option<String>| v.clone().unwrap_or_default();
        match p {
            Placeholder::CaseId => case.id.to_string(),
            Placeholder::Name => contact.name.clone(),
            Placeholder::Organisation => optional(&contact.organisation),
            Placeholder::Email => optional(&contact.email),
            Placeholder::Phone => optional(&contact.phone),
            Placeholder::Service => self.service.to_string(),
            Placeholder::ComplaintDate => lang.date(policy.local_date(case.complained_at)),
            Placeholder::Description => case.description.clone(),
            Placeholder::Justification => case.justification.clone(),
            Placeholder::RootCause => case.root_cause.clone(),
            Placeholder::Solution => case.solution.clone(),
            Placeholder::Outcome => case.outcome.clone(),
            Placeholder::Handler => case
                .handler
                .clone()
                .filter(|h| !h.trim().is_empty())
                .unwrap_or_else(|| self.operator.to_string()),
            Placeholder::Operator => self.operator.to_string(),
            Placeholder::Today => lang.date(policy.local_date(self.now)),
            Placeholder::OutcomeDays => policy.outcome_days.to_string(),
            Placeholder::OutcomeDue => {
                let start = case.outcome_clock_since.unwrap_or(self.now);
                lang.day(policy.due(start, policy.outcome_days).day)
            }
            Placeholder::RemedySought if self.remedy_sought.is_empty() => String::new(),
            Placeholder::RemedySought => format!("{} ", self.remedy_sought),
        }
    }
}

/// A letter that cannot be written yet: the case lacks what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingData {
    pub kind: LetterKind,
    pub fields: Vec<Field>,
}

/// The filled-in letter of `kind`, or what the case still lacks for it. An
/// outcome letter with empty parts would read as a finished answer to the
/// customer, so it is refused instead.
pub fn letter(kind: LetterKind, template: &Template, facts: &Facts) -> Result<String, MissingData> {
    let fields = kind.missing(facts.case);
    if !fields.is_empty() {
        return Err(MissingData { kind, fields });
    }
    Ok(template.fill(facts))
}

/// How a letter went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SentVia {
    Email,
    Letter,
}

impl SentVia {
    pub const ALL: [SentVia; 2] = [SentVia::Email, SentVia::Letter];

    pub fn slug(self) -> &'static str {
        match self {
            SentVia::Email => "email",
            SentVia::Letter => "letter",
        }
    }

    pub fn ack_via(self) -> AckVia {
        match self {
            SentVia::Email => AckVia::Email,
            SentVia::Letter => AckVia::Letter,
        }
    }

    /// The contact log has no kind for a posted letter: it is logged as a note,
    /// outbound, its text saying "letter".
    pub fn log_kind(self) -> LogKind {
        match self {
            SentVia::Email => LogKind::Email,
            SentVia::Letter => LogKind::Note,
        }
    }
}

/// The commands that record a letter of `kind` as sent at `at`: the contact-log
/// entry `log_text`, preceded by the procedure's step the letter is, when that
/// step is still to be done. Sending the acknowledgement acknowledges receipt
/// (only possible while received); sending the justification while
/// admissibility is being decided declares the case not admissible; sending the
/// outcome while the case is in treatment communicates it. Re-sending the
/// justification or the outcome only logs it. Refused, with the domain's
/// reasons, when the step is not possible in the case's state or the letter
/// lacks its data.
pub fn sending(
    kind: LetterKind,
    case: &Case,
    via: SentVia,
    at: DateTime<Utc>,
    log_text: &str,
) -> Result<Vec<Command>, Refusal> {
    let missing = kind.missing(case);
    if !missing.is_empty() {
        return Err(Refusal(missing.into_iter().map(Problem::Missing).collect()));
    }
    let not_allowed = |step: Step| {
        Err(Refusal::one(Problem::NotAllowed {
            step,
            from: case.state,
        }))
    };
    let step = match (kind, case.state) {
        (LetterKind::Acknowledgement, State::Received) => Some(Command::Acknowledge {
            at,
            via: via.ack_via(),
        }),
        (LetterKind::Acknowledgement, _) => return not_allowed(Step::Acknowledge),
        (LetterKind::Justification, State::Acknowledged) => Some(Command::DeclareNotAdmissible {
            at: None,
            justification: String::new(),
        }),
        (LetterKind::Justification, State::NotAdmissible) => None,
        (LetterKind::Justification, _) => return not_allowed(Step::DeclareNotAdmissible),
        (LetterKind::Outcome, State::InTreatment) => Some(Command::CommunicateOutcome {
            at: None,
            root_cause: String::new(),
            solution: String::new(),
            outcome: String::new(),
        }),
        (LetterKind::Outcome, State::OutcomeCommunicated | State::Closed) => None,
        (LetterKind::Outcome, _) => return not_allowed(Step::CommunicateOutcome),
    };
    let log = Command::LogContact {
        kind: via.log_kind(),
        direction: Direction::Outbound,
        text: log_text.to_string(),
    };
    Ok(step.into_iter().chain([log]).collect())
}

fn text_of(case: &Case, field: Field) -> &str {
    match field {
        Field::Justification => &case.justification,
        Field::RootCause => &case.root_cause,
        Field::Solution => &case.solution,
        Field::Outcome => &case.outcome,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_with_their_line() {
        let t = Template::parse("Dear {{ name }},\nabout {{case_id}}.").unwrap();
        assert_eq!(
            t.placeholders().collect::<Vec<_>>(),
            [Placeholder::Name, Placeholder::CaseId]
        );
        match Template::parse("a\nb {{klant}}") {
            Err(TemplateError::UnknownPlaceholder { name, line, known }) => {
                assert_eq!((name.as_str(), line), ("klant", 2));
                assert!(known.contains(&"case_id"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Template::parse("x\n{{name\n}}"),
            Err(TemplateError::Unclosed { line: 2 })
        );
        assert_eq!(
            Template::parse("{{name"),
            Err(TemplateError::Unclosed { line: 1 })
        );
    }

    #[test]
    fn every_placeholder_has_a_distinct_name() {
        let names = Placeholder::names();
        for (i, n) in names.iter().enumerate() {
            assert!(!names[..i].contains(n), "{n} twice");
            assert_eq!(Placeholder::from_name(n).map(|p| p.name()), Some(*n));
        }
    }

    #[test]
    fn dates_read_as_in_a_letter() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        assert_eq!(Language::En.date(d), "10 December 2026");
        assert_eq!(Language::Nl.date(d), "10 december 2026");
        assert_eq!(Language::En.day(d), "Thursday 10 December 2026");
        assert_eq!(Language::Nl.day(d), "donderdag 10 december 2026");
    }
}
