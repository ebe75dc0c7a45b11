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

/// For each case whose complainant has other cases among `cases` (each
/// with its [`keys`], made once per change of a case, not per call): how
/// many cases that person has there, this one included. A person is every
/// case linked by a shared key, also through another case (the same phone on
/// one, the same e-mail address on the next). Cases of a complainant with
/// only this one are left out.
pub fn repeats<'a>(cases: impl IntoIterator<Item = (CaseId, &'a [String])>) -> HashMap<CaseId, usize> {
    let cases: Vec<(CaseId, &'a [String])> = cases.into_iter().collect();
    // Union-find over the cases: one pass, no list per key.
    let mut parent: Vec<usize> = (0..cases.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<&'a str, usize> = HashMap::with_capacity(cases.len() * 2);
    for (i, (_, keys)) in cases.iter().enumerate() {
        for key in keys.iter() {
            let other = *first.entry(key.as_str()).or_insert(i);
            let (a, b) = (root(&mut parent, i), root(&mut parent, other));
            if a != b {
                parent[a] = b;
            }
        }
    }
    let mut size = vec![0usize; cases.len()];
    for i in 0..cases.len() {
        let r = root(&mut parent, i);
        size[r] += 1;
    }
    let mut out = HashMap::new();
    for (i, (id, _)) in cases.iter().enumerate() {
        let n = size[root(&mut parent, i)];
        if n > 1 {
            out.insert(*id, n);
        }
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
        let keyed: Vec<(CaseId, Vec<String>)> = vec![
            (CaseId::new(2026, 1), keys(&a)),
            (CaseId::new(2026, 2), keys(&b)),
            (CaseId::new(2026, 3), keys(&c)),
            (CaseId::new(2026, 4), keys(&d)),
        ];
        let found = repeats(keyed.iter().map(|(id, k)| (*id, k.as_slice())));
        // 1 and 2 share a phone, 2 and 3 an e-mail address: one person.
        assert_eq!(found.get(&CaseId::new(2026, 1)), Some(&3));
        assert_eq!(found.get(&CaseId::new(2026, 2)), Some(&3));
        assert_eq!(found.get(&CaseId::new(2026, 3)), Some(&3));
        assert_eq!(found.get(&CaseId::new(2026, 4)), None);
    }

    #[test]
    fn a_name_counts_only_without_phone_and_email() {
        let a = contact("Anouk Smit", None, None);
        let b = contact("anouk  smit", None, None);
        let c = contact("Anouk Smit", Some("06-12345678"), None);
        let keyed: Vec<(CaseId, Vec<String>)> = vec![
            (CaseId::new(2026, 1), keys(&a)),
            (CaseId::new(2026, 2), keys(&b)),
            (CaseId::new(2026, 3), keys(&c)),
        ];
        let found = repeats(keyed.iter().map(|(id, k)| (*id, k.as_slice())));
        assert_eq!(found.get(&CaseId::new(2026, 1)), Some(&2));
        assert_eq!(found.get(&CaseId::new(2026, 3)), None);
    }
}
