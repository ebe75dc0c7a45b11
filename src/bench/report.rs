//! The figures of one measurement, passed from the measuring process to the
//! one that runs them as one line of text, and the table they end up in.

use std::time::Duration;

use super::measure::percentile;

/// Named figures: times in milliseconds (`…_ms`), counts, megabytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    values: Vec<(String, f64)>,
}

/// How a measuring process starts the line with its figures.
const PREFIX: &str = "bench-row";

impl Row {
    pub fn set(&mut self, name: &str, value: f64) {
        self.values.retain(|(n, _)| n != name);
        self.values.push((name.to_string(), value));
    }

    pub fn set_time(&mut self, name: &str, time: Duration) {
        self.set(&format!("{name}_ms"), time.as_secs_f64() * 1000.0);
    }

    /// The median and the 99th percentile of some times, and how many there were.
    pub fn set_percentiles(&mut self, name: &str, times: &mut [Duration]) {
        times.sort_unstable();
        self.set_time(&format!("{name}_p50"), percentile(times, 50.0));
        self.set_time(&format!("{name}_p99"), percentile(times, 99.0));
        self.set(&format!("{name}_n"), times.len() as f64);
    }

    /// Takes over the figures of `other`.
    pub fn extend(&mut self, other: &Row) {
        for (name, value) in &other.values {
            self.set(name, *value);
        }
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    /// The figures as one line: `bench-row name=value …`.
    pub fn to_line(&self) -> String {
        let mut line = PREFIX.to_string();
        for (name, value) in &self.values {
            line.push_str(&format!(" {name}={value}"));
        }
        line
    }

    /// The figures from the line [`Row::to_line`] wrote, found in `output`.
    pub fn from_output(output: &str) -> Option<Row> {
        let line = output.lines().find(|l| l.starts_with(PREFIX))?;
        let mut row = Row::default();
        for pair in line[PREFIX.len()..].split_whitespace() {
            let (name, value) = pair.split_once('=')?;
            row.set(name, value.parse().ok()?);
        }
        Some(row)
    }

    /// Each figure's median over several runs.
    pub fn median(rows: &[Row]) -> Row {
        let mut median = Row::default();
        let Some(first) = rows.first() else {
            return median;
        };
        for (name, _) in &first.values {
            let mut values: Vec<f64> = rows.iter().filter_map(|r| r.get(name)).collect();
            values.sort_by(f64::total_cmp);
            let mid = values.len() / 2;
            let value = if values.len().is_multiple_of(2) {
                (values[mid - 1] + values[mid]) / 2.0
            } else {
                values[mid]
            };
            median.set(name, value);
        }
        median
    }
}

/// The lines of the table: a label, how to show the figures of one size, and
/// the target at 100,000 cases.
type Show = fn(&Row) -> String;
const LINES: [(&str, Show, &str); 18] = [
    (
        "cases (open on the board)",
        |r| format!("{} ({})", count(r.get("cases")), count(r.get("open"))),
        "",
    ),
    ("open + first frame", |r| ms(r.get("first_frame_ms")), "≤ 300 ms"),
    ("  Store::open", |r| ms(r.get("store_open_ms")), ""),
    ("  Store::summaries", |r| ms(r.get("load_ms")), ""),
    ("  Cases::of_summaries", |r| ms(r.get("cases_new_ms")), ""),
    ("  App::new (board)", |r| ms(r.get("app_new_ms")), ""),
    ("  first draw", |r| ms(r.get("first_draw_ms")), ""),
    (
        "sled alone: open + read, undecoded",
        |r| match (r.get("sled_open_ms"), r.get("sled_read_ms")) {
            (Some(open), Some(read)) => {
                format!("{} + {}", ms(Some(open)).trim_end_matches(" ms"), ms(Some(read)))
            }
            _ => "n/a".into(),
        },
        "",
    ),
    ("key press p50 / p99", |r| pair(r, "key"), "≤ 8 ms"),
    (
        "first search (reads the descriptions)",
        |r| ms(r.get("describe_ms")),
        "",
    ),
    ("search keystroke p50 / p99", |r| pair(r, "search"), "≤ 30 ms"),
    ("save with flush p50 / p99", |r| pair(r, "save"), "p99 ≤ 15 ms"),
    ("board after a save p50 / p99", |r| pair(r, "saved_shown"), ""),
    (
        "first save of a day (starts the backup)",
        |r| ms(r.get("first_save_ms")),
        "≤ 1 s",
    ),
    (
        "  the day's backup, made meanwhile",
        |r| ms(r.get("daily_backup_ms")),
        "",
    ),
    (
        "memory once the board is drawn (peak)",
        |r| match r.get("open_peak_mb") {
            Some(mb) => format!("{mb:.0} MB"),
            None => "n/a".into(),
        },
        "",
    ),
    (
        "peak memory",
        |r| match r.get("peak_mb") {
            Some(mb) => format!("{mb:.0} MB"),
            None => "n/a".into(),
        },
        "≤ 250 MB",
    ),
    ("runs (median shown)", |r| count(r.get("runs")), ""),
];

/// The table of every size measured, sizes across, as Markdown.
pub fn table(sizes: &[(usize, Row)]) -> String {
    let mut head = vec!["".to_string()];
    head.extend(
        sizes
            .iter()
            .map(|(n, _)| format!("{} cases", count(Some(*n as f64)))),
    );
    head.push("target at 100k".into());
    let mut rows = vec![head];
    for (label, show, target) in LINES {
        let mut cells = vec![label.to_string()];
        cells.extend(sizes.iter().map(|(_, row)| show(row)));
        cells.push(target.to_string());
        rows.push(cells);
    }
    markdown(&rows)
}

/// Rows of cells as a Markdown table, the first row its head.
pub(crate) fn markdown(rows: &[Vec<String>]) -> String {
    let Some(head) = rows.first() else {
        return String::new();
    };
    let widths: Vec<usize> = (0..head.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut out = vec![line(head)];
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push(line(&rule));
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n") + "\n"
}

pub(crate) fn count(n: Option<f64>) -> String {
    let Some(n) = n else { return "n/a".into() };
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn ms(value: Option<f64>) -> String {
    match value {
        None => "n/a".into(),
        Some(v) if v < 10.0 => format!("{v:.2} ms"),
        Some(v) if v < 100.0 => format!("{v:.1} ms"),
        Some(v) => format!("{v:.0} ms"),
    }
}

pub(crate) fn pair(row: &Row, name: &str) -> String {
    let p50 = ms(row.get(&format!("{name}_p50_ms")));
    let p99 = ms(row.get(&format!("{name}_p99_ms")));
    format!("{} / {p99}", p50.trim_end_matches(" ms"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_travel_as_one_line() {
        let mut row = Row::default();
        row.set("cases", 1000.0);
        row.set_time("first_frame", Duration::from_micros(12_500));
        let output = format!("something else\n{}\n", row.to_line());
        assert_eq!(Row::from_output(&output), Some(row));
    }

    #[test]
    fn medians_of_each_figure() {
        let rows: Vec<Row> = [3.0, 1.0, 2.0]
            .iter()
            .map(|v| {
                let mut row = Row::default();
                row.set("x", *v);
                row
            })
            .collect();
        assert_eq!(Row::median(&rows).get("x"), Some(2.0));
        assert_eq!(Row::median(&rows[..2]).get("x"), Some(2.0));
    }

    #[test]
    fn every_line_is_in_the_table() {
        let table = table(&[(1000, Row::default())]);
        for (label, _, _) in LINES {
            assert!(table.contains(label), "{label}");
        }
        assert_eq!(count(Some(100_000.0)), "100,000");
    }
}
