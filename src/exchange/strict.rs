//! Comparing JSON values: the fields a file has that its type does not know
//! (or lacks), and the first place two values differ. Serde's own checks stop
//! at the top of a case; walking the value the file held beside the value its
//! parsed form writes out catches an unknown or missing field at any depth.

use serde_json::Value;

/// A field the file holds that no version of the format knows, or one it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    Unknown(String),
    Missing(String),
}

/// The first field present in one of `given` and `canonical` but not the other.
pub fn keys(given: &Value, canonical: &Value) -> Option<KeyProblem> {
    walk_keys(given, canonical, "")
}

fn walk_keys(given: &Value, canonical: &Value, path: &str) -> Option<KeyProblem> {
    match (given, canonical) {
        (Value::Object(g), Value::Object(c)) => {
            if let Some(key) = g.keys().find(|k| !c.contains_key(*k)) {
                return Some(KeyProblem::Unknown(join(path, key)));
            }
            if let Some(key) = c.keys().find(|k| !g.contains_key(*k)) {
                return Some(KeyProblem::Missing(join(path, key)));
            }
            g.iter()
                .find_map(|(key, value)| walk_keys(value, &c[key], &join(path, key)))
        }
        (Value::Array(g), Value::Array(c)) => g
            .iter()
            .zip(c)
            .enumerate()
            .find_map(|(i, (g, c))| walk_keys(g, c, &format!("{path}[{i}]"))),
        _ => None,
    }
}

/// Where two values first differ, and what each holds there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub path: String,
    pub left: String,
    pub right: String,
}

/// The first place, in field order, where `left` and `right` differ.
pub fn difference(left: &Value, right: &Value) -> Option<Difference> {
    walk_values(left, right, "")
}

fn walk_values(left: &Value, right: &Value, path: &str) -> Option<Difference> {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) if l.len() == r.len() && l.keys().all(|k| r.contains_key(k)) => {
            l.iter()
                .find_map(|(key, value)| walk_values(value, &r[key], &join(path, key)))
        }
        (Value::Array(l), Value::Array(r)) if l.len() == r.len() => l
            .iter()
            .zip(r)
            .enumerate()
            .find_map(|(i, (l, r))| walk_values(l, r, &format!("{path}[{i}]"))),
        _ if left == right => None,
        _ => Some(Difference {
            path: if path.is_empty() {
                "(all)".into()
            } else {
                path.into()
            },
            left: short(left),
            right: short(right),
        }),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A value as JSON text, cut short: a message quotes it, it does not reproduce it.
fn short(value: &Value) -> String {
    const MAX: usize = 60;
    let text = match value {
        Value::Array(items) => format!("{} items", items.len()),
        Value::Object(_) => "{…}".to_string(),
        other => other.to_string(),
    };
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_and_missing_fields_are_found_at_any_depth() {
        let canonical = json!({"a": 1, "b": {"c": [ {"d": 1}, {"d": 2} ]}});
        assert_eq!(keys(&canonical, &canonical), None);
        let extra = json!({"a": 1, "b": {"c": [ {"d": 1}, {"d": 2, "e": 3} ]}});
        assert_eq!(
            keys(&extra, &canonical),
            Some(KeyProblem::Unknown("b.c[1].e".into()))
        );
        let lacking = json!({"a": 1, "b": {}});
        assert_eq!(
            keys(&lacking, &canonical),
            Some(KeyProblem::Missing("b.c".into()))
        );
    }

    #[test]
    fn the_first_difference_is_named_with_both_values() {
        let left = json!({"state": "received", "list": [1, 2]});
        let right = json!({"state": "closed", "list": [1, 2, 3]});
        assert_eq!(
            difference(&left, &right),
            Some(Difference {
                path: "list".into(),
                left: "2 items".into(),
                right: "3 items".into()
            })
        );
        let right = json!({"state": "closed", "list": [1, 2]});
        assert_eq!(difference(&left, &right).unwrap().path, "state");
        assert_eq!(difference(&left, &left), None);
    }
}
