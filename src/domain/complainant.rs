//! Who a complainant is, across cases: the same phone number (however
//! written), the same e-mail address (in any case), or — for a contact with
//! neither — the same name. The reports count repeat complainants by it, and
//! the board flags a case whose complainant has another open case.

use std::collections::HashMap;

use super::case::{CaseId, Contact};
use super::contact::phone_key;
use super::report::normalise;

/// What identifies the person behind `contact`: any one shared is the same person.
pub fn keys(contact: &Contact) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(phone) = &contact.phone {
        let key = phone_key(phone);
        if !key.is_empty() {
            keys.push(format!("phone:{key}"));
        }
    }
    if let Some(email) = &contact.email {
        let key = email.trim().to_lowercase();
        if !key.is_empty() {
            keys.push(format!("email:{key}"));
        }
    }
    if keys.is_empty() {
        let name = normalise(&contact.name);
        if !name.is_empty() {
            keys.push(format!("name:{name}"));
        }
    }
    keys
}

/// For each case whose complainant has other cases among `cases`: how many
/// cases that person has there, this one included. Cases of a complainant
/// with only this one are left out.
pub fn repeats<'a>(cases: impl IntoIterator<Item = (CaseId, &'a Contact)>) -> HashMap<CaseId, usize> {
    let mut by_key: HashMap<String, Vec<CaseId>> = HashMap::new();
    let mut keyed: Vec<(CaseId, Vec<String>)> = Vec::new();
    for (id, contact) in cases {
        let keys = keys(contact);
        for key in &keys {
            by_key.entry(key.clone()).or_default().push(id);
        }
        keyed.push((id, keys));
    }
    let mut out = HashMap::new();
    for (id, keys) in keyed {
        if keys.iter().all(|k| by_key.get(k).is_none_or(|ids| ids.len() < 2)) {
            continue;
        }
        let mut same: Vec<CaseId> = keys.iter().flat_map(|k| by_key[k].iter().copied()).collect();
        same.sort_unstable();
        same.dedup();
        out.insert(id, same.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, phone: Option<&str>, email: Option<&str>) -> Contact {
        Contact {
            name: name.into(),
            phone: phone.map(String::from),
            email: email.map(String::from),
            organisation: None,
        }
    }

    #[test]
    fn the_same_phone_or_email_however_written_is_the_same_person() {
        let a = contact("Jan", Some("+31 6 1234 5678"), None);
        let b = contact("J. de Vries", Some("06-12345678"), Some("jan@x.nl"));
        let c = contact("Someone", None, Some("JAN@X.NL "));
        let d = contact("Piet", Some("06-99999999"), None);
        let found = repeats([
            (CaseId::new(2026, 1), &a),
            (CaseId::new(2026, 2), &b),
            (CaseId::new(2026, 3), &c),
            (CaseId::new(2026, 4), &d),
        ]);
        assert_eq!(found.get(&CaseId::new(2026, 2)), Some(&3));
        assert_eq!(found.get(&CaseId::new(2026, 1)), Some(&2));
        assert_eq!(found.get(&CaseId::new(2026, 3)), Some(&2));
        assert_eq!(found.get(&CaseId::new(2026, 4)), None);
    }

    #[test]
    fn a_name_counts_only_without_phone_and_email() {
        let a = contact("Anouk Smit", None, None);
        let b = contact("anouk  smit", None, None);
        let c = contact("Anouk Smit", Some("06-12345678"), None);
        let found = repeats([
            (CaseId::new(2026, 1), &a),
            (CaseId::new(2026, 2), &b),
            (CaseId::new(2026, 3), &c),
        ]);
        assert_eq!(found.get(&CaseId::new(2026, 1)), Some(&2));
        assert_eq!(found.get(&CaseId::new(2026, 3)), None);
    }
}
