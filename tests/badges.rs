//! The deadline badge on a card and in `list`: one unit everywhere (working
//! days `wd`, hours `h`), a step done late reads as history in the muted style,
//! and a case waiting for information says how long, amber once it is time to
//! chase the complainant.

use chrono::{DateTime, Utc};

use klachtdesk::domain::case::Target;
use klachtdesk::domain::clock::{ClockStatus, Policy};
use klachtdesk::i18n::{Lang, badge};
use klachtdesk::ui::theme::Urgency;

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn on_track(days: u32, hours: u32) -> ClockStatus {
    let due = Policy::default().due(utc("2026-11-23T09:00:00Z"), 2);
    ClockStatus::OnTrack {
        due,
        working_days_left: days,
        hours_left: hours,
    }
}

fn breached(days: u32, hours: u32) -> ClockStatus {
    let due = Policy::default().due(utc("2026-11-16T09:00:00Z"), 2);
    ClockStatus::Breached {
        due,
        working_days_late: days,
        hours_late: hours,
    }
}

/// Acknowledged on Friday 20 November, due Wednesday the 18th: 2 wd late.
fn met_late() -> ClockStatus {
    let policy = Policy::default();
    ClockStatus::Met(policy.verdict(utc("2026-11-16T09:00:00Z"), 2, utc("2026-11-20T09:00:00Z")))
}

fn waiting(days: u32) -> ClockStatus {
    ClockStatus::Paused {
        since: utc("2026-11-02T09:00:00Z"),
        working_days_waiting: days,
        chase: days >= Policy::default().chase_after_days,
    }
}

#[test]
fn badges_count_in_working_days_and_hours() {
    let shown = |lang, target, status: &ClockStatus| badge(lang, target, status);
    let (ack, outcome) = (Target::Acknowledge, Target::Outcome);
    assert_eq!(shown(Lang::En, ack, &on_track(1, 7)), "ack 1 wd 7 h");
    assert_eq!(shown(Lang::En, ack, &on_track(1, 0)), "ack 1 wd");
    assert_eq!(shown(Lang::En, outcome, &on_track(2, 7)), "2 wd 7 h left");
    assert_eq!(shown(Lang::En, outcome, &on_track(2, 0)), "2 wd left");
    assert_eq!(shown(Lang::En, outcome, &breached(5, 120)), "! 5 wd late");
    assert_eq!(shown(Lang::En, ack, &breached(0, 37)), "! ack 37 h late");
    assert_eq!(shown(Lang::Nl, ack, &on_track(1, 7)), "ontvangst 1 wd 7 u");
    assert_eq!(shown(Lang::Nl, outcome, &on_track(2, 7)), "nog 2 wd 7 u");
    assert_eq!(shown(Lang::Nl, ack, &breached(4, 90)), "! ontvangst 4 wd te laat");
}

#[test]
fn a_step_done_late_reads_as_history_muted_not_as_a_live_breach() {
    assert_eq!(
        badge(Lang::En, Target::Acknowledge, &met_late()),
        "ack late (2 wd)"
    );
    assert_eq!(
        badge(Lang::En, Target::Outcome, &met_late()),
        "outcome late (2 wd)"
    );
    assert_eq!(
        badge(Lang::Nl, Target::Acknowledge, &met_late()),
        "ontvangst laat (2 wd)"
    );
    assert_eq!(Urgency::of(&met_late()), Urgency::Quiet);
    assert_eq!(
        badge(Lang::En, Target::Acknowledge, &breached(4, 90)),
        "! ack 4 wd late"
    );
    assert_eq!(Urgency::of(&breached(4, 90)), Urgency::Breached);
}

#[test]
fn waiting_for_information_says_how_long_and_turns_amber_when_it_is_time_to_chase() {
    assert_eq!(badge(Lang::En, Target::Outcome, &waiting(12)), "waiting 12 wd");
    assert_eq!(badge(Lang::Nl, Target::Outcome, &waiting(12)), "wacht al 12 wd");
    assert_eq!(Urgency::of(&waiting(4)), Urgency::Quiet);
    assert_eq!(
        Urgency::of(&waiting(5)),
        Urgency::Soon,
        "from 5 working days by default"
    );
    assert_eq!(Urgency::of(&waiting(12)), Urgency::Soon);
}
