//! Personal data masked for the screen (screen sharing, shoulder surfing):
//! a name as its initials, a phone number as its first two and last four
//! digits, an e-mail address as its first letter and its domain. The
//! organisation is kept: it is not a person. Only what is shown is masked;
//! the case keeps the real details.

use super::case::Contact;
use super::problem::Field;

/// What stands for the hidden characters: always four, so that the length of
/// what is hidden is not told either.
const HIDDEN: &str = "••••";
/// The hidden part of an e-mail address's local part.
const HIDDEN_LOCAL: &str = "•••";

/// A name as its initials, each followed by a dot, separated by spaces:
/// "Jan de Vries" → "J. d. V."; the parts of a double name keep their
/// hyphen: "Anne-Marie" → "A.-M.". A word without a letter is left out.
pub fn name(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| {
            let parts: Vec<String> = word
                .split('-')
                .filter_map(|part| part.chars().find(|c| c.is_alphanumeric()))
                .map(|initial| format!("{initial}."))
                .collect();
            (!parts.is_empty()).then(|| parts.join("-"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A phone number as its first two and last four digits: "06-31415926" →
/// "06-••••5926", "+31 6 3141 5926" → "+31-••••5926". A number too short to
/// keep six digits and still hide some keeps only its last two.
pub fn phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = if phone.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    if digits.len() >= 8 {
        let first: String = digits[..2].iter().collect();
        let last: String = digits[digits.len() - 4..].iter().collect();
        format!("{plus}{first}-{HIDDEN}{last}")
    } else {
        let last: String = digits[digits.len().saturating_sub(2)..].iter().collect();
        format!("{HIDDEN}{last}")
    }
}

/// An e-mail address as its first letter and its domain: "jan@example.org"
/// → "j•••@example.org". Without an `@`, only the first letter is kept.
pub fn email(email: &str) -> String {
    let email = email.trim();
    let (local, domain) = match email.rsplit_once('@') {
        Some((local, domain)) => (local, Some(domain)),
        None => (email, None),
    };
    let first: String = local.chars().take(1).collect();
    match domain {
        Some(domain) => format!("{first}{HIDDEN_LOCAL}@{domain}"),
        None => format!("{first}{HIDDEN_LOCAL}"),
    }
}

/// The contact as a masked screen shows it: the organisation kept.
pub fn contact(contact: &Contact) -> Contact {
    Contact {
        name: name(&contact.name),
        email: contact.email.as_deref().map(email),
        phone: contact.phone.as_deref().map(phone),
        organisation: contact.organisation.clone(),
    }
}

/// A field's value as a masked screen shows it: masked if it is one of the
/// complainant's personal details, else as it is.
pub fn field(field: Field, value: &str) -> String {
    match field {
        _ if value.trim().is_empty() => value.to_string(),
        Field::Name => name(value),
        Field::Phone => phone(value),
        Field::Email => email(value),
        _ => value.to_string(),
    }
}

/// Whether a field holds a personal detail that masking hides.
pub fn is_personal(field: Field) -> bool {
    matches!(field, Field::Name | Field::Phone | Field::Email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_initials_particles_included() {
        assert_eq!(name("Jan de Vries"), "J. d. V.");
        assert_eq!(name("Emma Visser"), "E. V.");
        assert_eq!(name("  Priya   Ramdin "), "P. R.");
        assert_eq!(name("Anne-Marie van 't Hof"), "A.-M. v. t. H.");
    }

    #[test]
    fn awkward_names_are_masked_without_panicking() {
        assert_eq!(name("J"), "J.");
        assert_eq!(name("Ö"), "Ö.");
        assert_eq!(name(""), "");
        assert_eq!(name("— - -"), "");
        assert_eq!(name("Émile Öztürk"), "É. Ö.");
        assert_eq!(name("Łukasz Żółć"), "Ł. Ż.");
        assert_eq!(name("李 小龍"), "李. 小.");
        assert_eq!(name("O'Brien"), "O.");
        assert_eq!(name("-Jan"), "J.");
    }

    #[test]
    fn phones_keep_the_first_two_and_last_four_digits() {
        assert_eq!(phone("06-12345678"), "06-••••5678");
        assert_eq!(phone("0612345678"), "06-••••5678");
        assert_eq!(phone("+31 6 3141 5926"), "+31-••••5926");
        assert_eq!(phone("020 123 4567"), "02-••••4567");
    }

    #[test]
    fn short_phones_keep_only_their_last_two_digits() {
        assert_eq!(phone("1234567"), "••••67");
        assert_eq!(phone("112"), "••••12");
        assert_eq!(phone("7"), "••••7");
        assert_eq!(phone("no number"), "••••");
        assert_eq!(phone(""), "••••");
    }

    #[test]
    fn emails_keep_their_first_letter_and_domain() {
        assert_eq!(email("jan@example.org"), "j•••@example.org");
        assert_eq!(email("j@example.org"), "j•••@example.org");
        assert_eq!(email("émile.öztürk@voorbeeld.nl"), "é•••@voorbeeld.nl");
        assert_eq!(email("@example.org"), "•••@example.org");
        assert_eq!(email("not-an-address"), "n•••");
        assert_eq!(email(""), "•••");
    }

    #[test]
    fn a_contact_keeps_its_organisation_and_its_missing_details() {
        let real = Contact {
            name: "Jan de Vries".into(),
            email: None,
            phone: Some("06-12345678".into()),
            organisation: Some("Gemeente Utrecht".into()),
        };
        let shown = contact(&real);
        assert_eq!(shown.name, "J. d. V.");
        assert_eq!(shown.email, None);
        assert_eq!(shown.phone.as_deref(), Some("06-••••5678"));
        assert_eq!(shown.organisation.as_deref(), Some("Gemeente Utrecht"));
    }

    #[test]
    fn fields_are_masked_only_when_personal() {
        assert_eq!(field(Field::Name, "Jan de Vries"), "J. d. V.");
        assert_eq!(field(Field::Email, "jan@example.org"), "j•••@example.org");
        assert_eq!(field(Field::Phone, ""), "");
        assert_eq!(field(Field::Organisation, "ACME"), "ACME");
        assert_eq!(
            field(Field::Description, "Jan de Vries called"),
            "Jan de Vries called"
        );
    }
}
