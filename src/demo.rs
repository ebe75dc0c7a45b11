//! A demo queue: about sixty realistic complaints in every state of the
//! procedure, some breached and some due today, laid down through the same
//! store calls an operator's commands use, with their history backdated.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::domain::case::{AckVia, CaseId, Channel, Direction, LogKind, Satisfaction};
use crate::domain::intake::Intake;
use crate::domain::remedy::{Granted, Remedy};
use crate::domain::workflow::{Command, Ctx, Edit, Rules};
use crate::store::{CommandError, Store};

/// Where a demo case ends up, and how many working days ago its last step was.
#[derive(Debug, Clone, Copy)]
enum Scenario {
    /// Received today, this many minutes ago.
    Fresh(i64),
    Received(u32),
    Acknowledged(u32),
    AcknowledgedLate(u32),
    InTreatment(u32),
    Waiting(u32),
    Outcome(u32),
    Closed(u32),
    Withdrawn(u32),
    NotAdmissible(u32),
}

use Scenario::*;

const SCENARIOS: [Scenario; 60] = [
    Fresh(12),
    Fresh(47),
    Fresh(95),
    Received(1),
    Received(1),
    Received(2),
    Received(2),
    Received(3),
    Received(4),
    Received(6),
    Acknowledged(1),
    Acknowledged(1),
    Acknowledged(2),
    Acknowledged(3),
    Acknowledged(4),
    AcknowledgedLate(5),
    Acknowledged(2),
    Acknowledged(1),
    InTreatment(1),
    InTreatment(2),
    InTreatment(3),
    InTreatment(4),
    InTreatment(5),
    InTreatment(6),
    InTreatment(7),
    InTreatment(8),
    InTreatment(9),
    InTreatment(10),
    InTreatment(10),
    InTreatment(11),
    InTreatment(13),
    InTreatment(15),
    Waiting(1),
    Waiting(3),
    Waiting(5),
    Waiting(8),
    Waiting(12),
    Waiting(2),
    Outcome(1),
    Outcome(1),
    Outcome(2),
    Outcome(3),
    Outcome(4),
    Outcome(6),
    Outcome(8),
    Outcome(9),
    Closed(1),
    Closed(2),
    Closed(4),
    Closed(6),
    Closed(9),
    Closed(12),
    Closed(15),
    Closed(20),
    Withdrawn(3),
    Withdrawn(11),
    NotAdmissible(2),
    NotAdmissible(5),
    NotAdmissible(9),
    NotAdmissible(14),
];

/// (name, organisation, e-mail, phone); some complainants have more than one case.
pub(crate) const CONTACTS: [(&str, &str, &str, &str); 26] = [
    (
        "Jan de Vries",
        "Bakkerij De Korenschoof",
        "jan@korenschoof.nl",
        "06-12345678",
    ),
    (
        "Fatima El Amrani",
        "Gemeente Zuidhaven",
        "f.elamrani@zuidhaven.nl",
        "+31 10 555 0192",
    ),
    (
        "Pieter Bakker",
        "Bakker Logistiek B.V.",
        "pieter.bakker@bakkerlogistiek.nl",
        "0612873456",
    ),
    (
        "Sanne Jansen",
        "Tandartspraktijk Molenzicht",
        "sanne@molenzicht.nl",
        "",
    ),
    (
        "Mohammed Yilmaz",
        "Yilmaz Installatietechniek",
        "",
        "06 4455 6677",
    ),
    (
        "Emma Visser",
        "Stichting Zorgnet West",
        "e.visser@zorgnetwest.nl",
        "020-7654321",
    ),
    (
        "Lars Mulder",
        "Mulder & Zn Accountants",
        "lars@mulderzn.nl",
        "+31 30 222 1188",
    ),
    ("Anouk Smit", "", "anouk.smit@gmail.com", "06-98765432"),
    (
        "Thomas de Boer",
        "Hogeschool Noorderlicht",
        "t.deboer@noorderlicht.nl",
        "050 363 7000",
    ),
    (
        "Priya Ramdin",
        "Ramdin Webshop",
        "priya@ramdinwebshop.nl",
        "06-31415926",
    ),
    ("Kees van Dijk", "Van Dijk Transport", "", "0299-412233"),
    (
        "Lotte Meijer",
        "Advocatenkantoor Meijer",
        "lotte@meijeradvocaten.nl",
        "070-3001122",
    ),
    ("Daan Hendriks", "Hendriks Bouw", "daan@hendriksbouw.nl", ""),
    (
        "Sophie Bos",
        "Woningcorporatie Thuis",
        "s.bos@thuiswonen.nl",
        "+31 40 211 9900",
    ),
    ("Ruben Peters", "Peters ICT", "ruben@petersict.nl", "06-11223344"),
    (
        "Noor Hoekstra",
        "Kinderopvang Het Speelhuis",
        "noor@speelhuis.nl",
        "058-2123456",
    ),
    ("Bram Willems", "Willems Metaal", "", "0495-556677"),
    (
        "Eva Dekker",
        "Dekker Makelaardij",
        "eva@dekkermakelaardij.nl",
        "023-5319900",
    ),
    (
        "Youssef Bennani",
        "Bennani Tax Advies",
        "y.bennani@bennanitax.nl",
        "06-55667788",
    ),
    (
        "Iris van Leeuwen",
        "Museum De Waag",
        "i.vanleeuwen@dewaag.nl",
        "072-5112233",
    ),
    ("Gerrit Kok", "Kok Agrarisch Loonbedrijf", "", "0522-441122"),
    (
        "Maud Verbeek",
        "Verbeek Fysiotherapie",
        "maud@verbeekfysio.nl",
        "06-44332211",
    ),
    (
        "Stefan Koster",
        "Koster Drukwerk",
        "stefan@kosterdrukwerk.nl",
        "+31 71 512 3344",
    ),
    (
        "Hanneke Prins",
        "Gemeente Oostveen",
        "h.prins@oostveen.nl",
        "0113-221100",
    ),
    (
        "Wouter de Graaf",
        "De Graaf Juweliers",
        "wouter@degraafjuweliers.nl",
        "06-12121212",
    ),
    (
        "Julia Schouten",
        "Schouten Catering",
        "julia@schoutencatering.nl",
        "",
    ),
];

/// (service, description, root cause, solution, outcome, learnings)
pub(crate) const STORIES: [(&str, &str, &str, &str, &str, &str); 12] = [
    (
        "Penetration testing",
        "The pentest report arrived two weeks after the agreed date, and the findings were not discussed with us as promised.",
        "Report review queue was not planned into the engagement; the debrief was never scheduled.",
        "Debrief held within the week; report delivery dates now part of the engagement plan.",
        "Apologised for the delay, held the debrief and credited the reporting hours.",
        "Schedule the debrief when the engagement is planned, not after the report is done.",
    ),
    (
        "Penetration testing",
        "During the test our production webshop went down for an hour. Nobody warned us that the load test was starting.",
        "The test plan allowed load testing without a go/no-go call with the customer.",
        "Load tests now need a confirmed go from the customer's contact on the day.",
        "Explained the cause, offered a free retest and compensated the lost hour of sales.",
        "Add a go/no-go call before any test that can affect availability.",
    ),
    (
        "Security monitoring (SOC)",
        "We were not called when the SOC saw suspicious logins on our VPN at night; we found out from a customer the next morning.",
        "The customer's escalation contact list was outdated after their reorganisation.",
        "Contact list verified with the customer; quarterly contact check added.",
        "Confirmed the escalation list and walked the customer through the night procedure.",
        "Check escalation contacts every quarter, and after every reorganisation we hear of.",
    ),
    (
        "Security monitoring (SOC)",
        "Forty notifications last week, all about the same backup server. We stopped reading them.",
        "A detection rule was tuned for a different backup product.",
        "Rule tuned for the customer's backup software; duplicate alerts grouped.",
        "Alert volume back to normal; agreed a monthly tuning review.",
        "Review new detection rules against each customer's software before enabling them.",
    ),
    (
        "Security monitoring (SOC)",
        "The monthly SOC report for October is missing and the dashboard shows no data since the 3rd.",
        "A log collector lost its certificate after renewal; monitoring did not alert on the gap.",
        "Certificate renewed, collector monitored for data gaps.",
        "Report delivered, gap explained, monitoring of the collector added.",
        "Monitor our own collectors for silence, not only for errors.",
    ),
    (
        "Incident response",
        "After the ransomware incident the promised forensic report took four weeks instead of one.",
        "Two parallel incidents; no escalation when the report deadline slipped.",
        "Report deadlines are now tracked by the IR lead with an escalation after two days.",
        "Report delivered and the delay explained; follow-up meeting held.",
        "Track report deadlines like incident deadlines.",
    ),
    (
        "Incident response",
        "The incident responder on call did not answer the emergency number for over an hour on Sunday.",
        "The on-call phone was forwarded to a colleague who was ill.",
        "On-call handover now checked with a test call.",
        "Apologised; explained the handover failure and the new test call.",
        "Test every on-call handover with a real call.",
    ),
    (
        "Awareness training",
        "The phishing simulation looked like a real message from our CEO and caused panic in the finance team.",
        "The simulation template was not agreed with the customer's HR contact.",
        "Templates now approved by the customer in writing before a campaign.",
        "Campaign paused, explanation sent to staff, templates reviewed together.",
        "Agree every simulation template with the customer beforehand.",
    ),
    (
        "Awareness training",
        "Half of our staff could not log in to the e-learning platform, and the training deadline has passed.",
        "Single sign-on configuration missed the customer's second domain.",
        "Second domain added; deadline extended by a month.",
        "Access restored, deadline extended, reminder sent to all staff.",
        "Test sign-in for every domain of the customer before a course opens.",
    ),
    (
        "Consultancy",
        "The ISO 27001 gap analysis names another company in two places. It looks copied from a template.",
        "Template text was not fully replaced; the review step was skipped under time pressure.",
        "Document corrected; peer review made mandatory for deliverables.",
        "Corrected analysis delivered with an apology and a discount.",
        "No deliverable leaves without a second reader.",
    ),
    (
        "Consultancy",
        "We were invoiced 32 hours for a workshop that lasted one afternoon.",
        "Preparation hours were invoiced without having been agreed in the quotation.",
        "Invoice corrected to the quoted hours.",
        "Credit note sent for the difference.",
        "Quote preparation time explicitly, or do not invoice it.",
    ),
    (
        "Other",
        "Our contact person changed three times in six months and nobody told us.",
        "Account changes were not communicated to customers.",
        "Customers are now told of a new contact person by the outgoing one.",
        "Introduced the new fixed contact person in a call.",
        "Hand over accounts with an introduction to the customer.",
    ),
];

/// What the complainants who say so want, in their words (some say none).
const REMEDIES: [(Remedy, &str); 5] = [
    (Remedy::Refund, "the hours that were not worked"),
    (Remedy::Apology, ""),
    (Remedy::Correction, "a corrected report before the audit"),
    (Remedy::Call, "from the account manager"),
    (Remedy::Other, "a free re-test of the two servers"),
];

pub(crate) const HANDLERS: [&str; 4] = ["Anna de Vries", "Bram Jansen", "Carlijn Bakker", "Daan Visser"];

/// Fills `store` with the demo queue as it stands at `now`; returns how many cases.
pub fn populate(
    store: &Store,
    rules: &Rules,
    now: DateTime<Utc>,
    operator: &str,
) -> Result<usize, CommandError> {
    let demo = Demo {
        store,
        rules,
        now,
        operator,
    };
    // Registered in the order the complaints came in, so the numbers follow time.
    let mut intakes: Vec<(usize, Intake, DateTime<Utc>)> = SCENARIOS
        .iter()
        .enumerate()
        .map(|(i, s)| demo.intake(i, *s))
        .collect();
    intakes.sort_by_key(|(_, _, at)| *at);
    for (i, intake, registered_at) in intakes {
        let id = store.register(&intake, &demo.ctx(registered_at))?.id;
        demo.steps(i, SCENARIOS[i], id, &intake, registered_at)?;
    }
    Ok(SCENARIOS.len())
}

struct Demo<'a> {
    store: &'a Store,
    rules: &'a Rules,
    now: DateTime<Utc>,
    operator: &'a str,
}

impl Demo<'_> {
    /// The working day `n` working days before today (today itself for 0).
    fn day(&self, n: u32) -> NaiveDate {
        let calendar = &self.rules.policy.calendar;
        let mut day = self.rules.policy.local_date(self.now);
        let mut left = n;
        while left > 0 {
            day = day.pred_opt().unwrap_or(day);
            if calendar.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// `n` working days ago at `hour:minute`, Amsterdam time, never later than now.
    fn at(&self, n: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
        let t = self.rules.policy.local_to_utc(self.day(n), time);
        t.min(self.now - Duration::minutes(1))
    }

    fn ctx(&self, at: DateTime<Utc>) -> Ctx<'_> {
        Ctx {
            now: at,
            actor: self.operator,
            rules: self.rules,
        }
    }

    fn run(&self, id: CaseId, at: DateTime<Utc>, command: Command) -> Result<(), CommandError> {
        self.store.execute(id, None, &command, &self.ctx(at)).map(|_| ())
    }

    /// Several commands as one save.
    fn run_all(&self, id: CaseId, at: DateTime<Utc>, commands: &[Command]) -> Result<(), CommandError> {
        self.store
            .execute_all(id, None, commands, &self.ctx(at))
            .map(|_| ())
    }

    /// How many working days ago the scenario's last step was, and how many
    /// working days before that the complaint came in.
    fn span(scenario: Scenario) -> (u32, u32) {
        let last = match scenario {
            Fresh(_) => 0,
            Received(n) | Acknowledged(n) | AcknowledgedLate(n) | InTreatment(n) | Waiting(n)
            | Outcome(n) | Closed(n) | Withdrawn(n) | NotAdmissible(n) => n,
        };
        let before = match scenario {
            Fresh(_) | Received(_) => 0,
            Acknowledged(_) => 1,
            AcknowledgedLate(_) => 4,
            InTreatment(_) | NotAdmissible(_) => 3,
            Waiting(_) => 5,
            Outcome(_) => 9,
            Closed(_) | Withdrawn(_) => 12,
        };
        (last, before)
    }

    /// The complaint of demo case `i` and when it was registered.
    fn intake(&self, i: usize, scenario: Scenario) -> (usize, Intake, DateTime<Utc>) {
        let (last, steps_before) = Self::span(scenario);
        let minute = (i as u32 * 7) % 60;
        let complained_at = match scenario {
            Fresh(minutes) => self.now - Duration::minutes(minutes),
            _ => self.at(last + steps_before, 9 + (i as u32 % 6), minute),
        };
        let (name, org, email, phone) = CONTACTS[i % CONTACTS.len()];
        let story = STORIES[(i * 5) % STORIES.len()];
        let channel = [
            Channel::Phone,
            Channel::Email,
            Channel::Phone,
            Channel::ContactPerson,
        ][i % 4];
        let intake = Intake {
            name: name.into(),
            phone: phone.into(),
            email: email.into(),
            organisation: org.into(),
            service: story.0.into(),
            channel,
            complained_at: Some(complained_at),
            description: story.1.into(),
            ..Intake::default()
        };
        // Every third complainant says what they want.
        let intake = if i.is_multiple_of(3) {
            let (remedy, words) = REMEDIES[(i / 3) % REMEDIES.len()];
            Intake {
                remedy: Some(remedy),
                remedy_text: words.into(),
                ..intake
            }
        } else {
            intake
        };
        let registered_at = match scenario {
            Fresh(_) => complained_at + Duration::minutes(3),
            _ => complained_at + Duration::minutes(20),
        };
        (i, intake, registered_at.min(self.now))
    }

    /// Takes registered demo case `i` through its scenario's steps.
    fn steps(
        &self,
        i: usize,
        scenario: Scenario,
        id: CaseId,
        intake: &Intake,
        registered_at: DateTime<Utc>,
    ) -> Result<(), CommandError> {
        let (last, steps_before) = Self::span(scenario);
        let minute = (i as u32 * 7) % 60;
        let name = &intake.name;
        let story = STORIES[(i * 5) % STORIES.len()];
        if intake.channel == Channel::Phone {
            let call = Command::LogContact {
                kind: LogKind::Call,
                direction: Direction::Inbound,
                text: format!(
                    "{name} called about this; told them they will hear from us within two working days."
                ),
            };
            self.run(id, registered_at + Duration::minutes(1), call)?;
        }
        if matches!(scenario, Fresh(_) | Received(_)) {
            return Ok(());
        }

        let via = [AckVia::Email, AckVia::Phone, AckVia::Letter][i % 3];
        let ack_day = match scenario {
            Acknowledged(n) | AcknowledgedLate(n) => n,
            _ => last + steps_before - 1,
        };
        let ack_at = self.at(ack_day, 11, minute);
        self.run(id, ack_at, Command::Acknowledge { at: ack_at, via })?;
        if matches!(scenario, Acknowledged(_) | AcknowledgedLate(_)) {
            return Ok(());
        }

        if let Withdrawn(n) = scenario {
            let reason = "The complainant called to say the matter was settled with their account manager.";
            return self.run(
                id,
                self.at(n, 15, minute),
                Command::Withdraw {
                    at: None,
                    reason: reason.into(),
                },
            );
        }
        if let NotAdmissible(n) = scenario {
            let justification = "The complaint is about a product of another supplier, which we do not resell \
                or support. We have referred the complainant to that supplier.";
            let command = Command::DeclareNotAdmissible {
                at: None,
                justification: justification.into(),
            };
            return self.run(id, self.at(n, 14, minute), command);
        }

        let handler = HANDLERS[i % HANDLERS.len()];
        let treatment_day = match scenario {
            InTreatment(n) => n,
            _ => last + steps_before - 2,
        };
        let command = Command::TakeIntoTreatment {
            at: None,
            handler: handler.into(),
        };
        self.run(id, self.at(treatment_day, 13, minute), command)?;
        self.run(
            id,
            self.at(treatment_day, 13, minute),
            Command::SetInvolved {
                staff: vec![HANDLERS[(i + 1) % 4].into()],
            },
        )?;
        if matches!(scenario, InTreatment(_)) {
            return Ok(());
        }

        if let Waiting(n) = scenario {
            let request = "Please send the exact times of the events and the names of the affected systems.";
            return self.run(
                id,
                self.at(n, 10, minute),
                Command::RequestInformation {
                    at: None,
                    request: request.into(),
                },
            );
        }

        let outcome_day = match scenario {
            Outcome(n) => n,
            _ => last + 3,
        };
        let command = Command::CommunicateOutcome {
            at: None,
            root_cause: story.2.into(),
            solution: story.3.into(),
            outcome: story.4.into(),
        };
        let outcome_at = self.at(outcome_day, 16, minute);
        if intake.remedy.is_some() {
            // Whether the remedy sought was granted is said with the outcome.
            let granted = [Granted::Granted, Granted::Partly, Granted::Not][(i / 3) % 3];
            let edit = Command::Edit {
                edits: vec![Edit::RemedyGranted(Some(granted))],
            };
            self.run_all(id, outcome_at, &[edit, command])?;
        } else {
            self.run(id, outcome_at, command)?;
        }
        if let Closed(n) = scenario {
            let satisfaction = [
                Satisfaction::Satisfied,
                Satisfaction::Satisfied,
                Satisfaction::Unknown,
                Satisfaction::Unsatisfied,
            ][i % 4];
            let command = Command::Close {
                at: None,
                learnings: story.5.into(),
                satisfaction: Some(satisfaction),
            };
            self.run(id, self.at(n, 10, minute), command)?;
        }
        Ok(())
    }
}
