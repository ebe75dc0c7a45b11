//! The table of `klachtdesk bench desk`: one column of figures with the
//! targets of issue 9 beside them.

use crate::bench::Row;
use crate::bench::report::{count, markdown, pair};

type Show = fn(&Row) -> String;

pub fn mb(row: &Row, name: &str) -> String {
    match row.get(name) {
        Some(v) if v.abs() < 10.0 => format!("{v:.2} MB"),
        Some(v) => format!("{v:.0} MB"),
        None => "n/a".into(),
    }
}

/// Three figures as `a / b / c`.
fn three(row: &Row, names: [&str; 3]) -> String {
    names.map(|n| count(row.get(n))).join(" / ")
}

/// The lines of the table: a label, how to show the figure, the target.
const LINES: [(&str, Show, &str); 30] = [
    (
        "cases (open on the board)",
        |r| format!("{} ({})", count(r.get("cases")), count(r.get("open"))),
        "",
    ),
    ("sessions (terminals of 160×48)", |r| count(r.get("sessions")), ""),
    (
        "desk memory: started, no session",
        |r| mb(r, "rss_started_mb"),
        "",
    ),
    ("  with 1 session", |r| mb(r, "rss_one_mb"), ""),
    ("  with every session", |r| mb(r, "rss_all_mb"), ""),
    ("  per extra session", |r| mb(r, "per_session_mb"), "≤ 5 MB"),
    ("  after the changes", |r| mb(r, "rss_changed_mb"), ""),
    (
        "  after the calls (list --all among them)",
        |r| mb(r, "rss_called_mb"),
        "",
    ),
    ("  after the processes", |r| mb(r, "rss_after_mb"), ""),
    ("  after every session left", |r| mb(r, "rss_left_mb"), ""),
    ("  peak (VmHWM)", |r| mb(r, "hwm_end_mb"), ""),
    (
        "desk threads: no session / 1 / every",
        |r| three(r, ["threads_started", "threads_one", "threads_all"]),
        "",
    ),
    (
        "first screen of a session p50 / p99",
        |r| pair(r, "first_screen"),
        "",
    ),
    (
        "change to the other screens p50 / p99",
        |r| pair(r, "change"),
        "p99 ≤ 100 ms",
    ),
    ("  (change, screen) pairs", |r| count(r.get("change_n")), ""),
    ("  answer to the change p50 / p99", |r| pair(r, "answer"), ""),
    (
        "  sent to each screen per change",
        |r| match r.get("change_kb") {
            Some(kb) => format!("{kb:.1} KB"),
            None => "n/a".into(),
        },
        "",
    ),
    (
        "call through the desk: log p50 / p99",
        |r| pair(r, "call_log"),
        "p50 ≤ 10 ms",
    ),
    ("  move p50 / p99", |r| pair(r, "call_move"), "p50 ≤ 10 ms"),
    ("  show p50 / p99", |r| pair(r, "call_show"), "p50 ≤ 10 ms"),
    ("  list --all p50 / p99", |r| pair(r, "call_list"), ""),
    (
        "`klachtdesk log` p50 / p99: no desk",
        |r| pair(r, "process_log_none"),
        "",
    ),
    (
        "  `log` through the desk, no board",
        |r| pair(r, "process_log_desk"),
        "",
    ),
    (
        "  `log` through the desk, every session",
        |r| pair(r, "process_log_busy"),
        "",
    ),
    (
        "`klachtdesk show` p50 / p99: no desk",
        |r| pair(r, "process_show_none"),
        "",
    ),
    (
        "  `show` through the desk, no board",
        |r| pair(r, "process_show_desk"),
        "",
    ),
    (
        "  `show` through the desk, every session",
        |r| pair(r, "process_show_busy"),
        "",
    ),
    (
        "`klachtdesk list --all` p50 / p99: no desk",
        |r| pair(r, "process_list_none"),
        "",
    ),
    (
        "  `list --all` through the desk, no board",
        |r| pair(r, "process_list_desk"),
        "no slower than no desk",
    ),
    (
        "  `list --all` through the desk, every session",
        |r| pair(r, "process_list_busy"),
        "",
    ),
];

/// The table, as Markdown.
pub fn table(row: &Row, transport: &str) -> String {
    let head = format!(
        "{} cases, {} sessions, {transport}",
        count(row.get("cases")),
        count(row.get("sessions"))
    );
    let mut rows = vec![vec![String::new(), head, "target".into()]];
    for (label, show, target) in LINES {
        rows.push(vec![label.to_string(), show(row), target.to_string()]);
    }
    markdown(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_in_the_table_even_without_figures() {
        let table = table(&Row::default(), "local socket");
        for (label, _, _) in LINES {
            assert!(table.contains(label), "{label}");
        }
        assert!(table.contains("local socket"));
    }
}
