//! Checking what an operator types about a complainant: names, e-mail addresses,
//! phone numbers, and the limits on free text.

use super::problem::{Field, Problem};

/// The longest a one-line field may be, in characters.
pub const MAX_LINE: usize = 200;
/// The longest a multi-line text may be, in characters (about ten pages).
pub const MAX_TEXT: usize = 20_000;

/// A required one-line text: trimmed, not empty, one line, not too long.
pub fn required_line(field: Field, text: &str) -> Result<String, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Missing(field));
    }
    one_line(field, text)?;
    limit(field, text, MAX_LINE)
}

/// An optional one-line text: `None` when blank.
pub fn optional_line(field: Field, text: &str) -> Result<Option<String>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    one_line(field, text)?;
    limit(field, text, MAX_LINE).map(Some)
}

/// A field shown on one line (a card, a list row, a letter's address) holds
/// no line break (nor U+2028/U+2029) and no other control character.
fn one_line(field: Field, text: &str) -> Result<(), Problem> {
    if text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        Err(Problem::NotOneLine(field))
    } else {
        Ok(())
    }
}

/// A required multi-line text: surrounding blank space trimmed, inner lines kept.
pub fn required_text(field: Field, text: &str) -> Result<String, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Missing(field));
    }
    limit(field, text, MAX_TEXT)
}

/// An optional multi-line text, empty when blank.
pub fn optional_text(field: Field, text: &str) -> Result<String, Problem> {
    limit(field, text.trim(), MAX_TEXT)
}

/// An optional contact detail: blank means none, anything else must pass `check`.
pub fn optional_detail(
    text: &str,
    check: fn(&str) -> Result<String, Problem>,
) -> Result<Option<String>, Problem> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        check(text).map(Some)
    }
}

fn limit(field: Field, text: &str, max: usize) -> Result<String, Problem> {
    if text.chars().count() > max {
        Err(Problem::TooLong { field, max })
    } else {
        Ok(text.to_string())
    }
}

/// An e-mail address as it is written on the internet: RFC 5322 syntax (checked
/// by the `email_address` crate) with a domain that has a dot in it.
pub fn email(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    one_line(Field::Email, text)?;
    let bad = || Problem::MalformedEmail(text.to_string());
    if text.chars().count() > MAX_LINE || text.contains(char::is_whitespace) {
        return Err(bad());
    }
    let parsed: email_address::EmailAddress = text.parse().map_err(|_| bad())?;
    let domain = parsed.domain();
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if !domain.contains('.') || !labels_ok {
        return Err(bad());
    }
    Ok(text.to_string())
}

/// A phone number as people write it: digits with spaces, dashes, dots or
/// brackets, optionally starting with `+`; 8 to 15 digits (the international
/// maximum). Kept as typed, trimmed.
pub fn phone(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    one_line(Field::Phone, text)?;
    let bad = || Problem::MalformedPhone(text.to_string());
    let body = text.strip_prefix('+').unwrap_or(text);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'))
    {
        return Err(bad());
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !(8..=15).contains(&digits) {
        return Err(bad());
    }
    Ok(text.to_string())
}

/// A phone number reduced to what identifies it, so that `+31 6 1234 5678`,
/// `0031612345678` and `06-12345678` all compare equal: digits only, with the
/// Dutch country code replaced by the trunk prefix 0.
pub fn phone_key(text: &str) -> String {
    let plus = text.trim_start().starts_with('+');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let international = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    match international {
        Some(rest) if rest.starts_with("31") => format!("0{}", &rest[2..]),
        Some(rest) => format!("+{rest}"),
        None => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_email_addresses_pass() {
        for e in [
            "jan@example.nl",
            "j.de.vries+klacht@mail.example.com",
            "  a@b.co ",
        ] {
            assert!(email(e).is_ok(), "{e}");
        }
        assert_eq!(email("  a@b.co ").unwrap(), "a@b.co");
    }

    #[test]
    fn malformed_email_addresses_are_named() {
        for e in [
            "jan",
            "jan@",
            "@example.nl",
            "jan@example",
            "jan @example.nl",
            "jan@exa mple.nl",
            "jan@-x.nl",
            "jan@@x.nl",
        ] {
            assert_eq!(
                email(e),
                Err(Problem::MalformedEmail(e.trim().to_string())),
                "{e}"
            );
        }
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for p in [
            "020-1234567",
            "+31 6 1234 5678",
            "(020) 123 45 67",
            "0031 20 1234567",
            "+44 20 7946 0958",
        ] {
            assert!(phone(p).is_ok(), "{p}");
        }
        for p in [
            "12345",
            "06-1234abcd",
            "+31 6 1234 5678 9999 9",
            "",
            "++31612345678",
        ] {
            assert!(matches!(phone(p), Err(Problem::MalformedPhone(_))), "{p}");
        }
    }

    #[test]
    fn phone_keys_ignore_spaces_and_dutch_prefixes() {
        let key = phone_key("06-12345678");
        assert_eq!(key, "0612345678");
        assert_eq!(phone_key("+31 6 1234 5678"), key);
        assert_eq!(phone_key("0031612345678"), key);
        assert_eq!(phone_key("+44 20 7946 0958"), "+442079460958");
    }

    #[test]
    fn text_limits() {
        assert_eq!(
            required_line(Field::Name, "  "),
            Err(Problem::Missing(Field::Name))
        );
        assert_eq!(optional_line(Field::Organisation, " "), Ok(None));
        let long = "x".repeat(MAX_LINE + 1);
        assert_eq!(
            required_line(Field::Name, &long),
            Err(Problem::TooLong {
                field: Field::Name,
                max: MAX_LINE
            })
        );
        assert_eq!(
            required_text(Field::Description, " a\nb "),
            Ok("a\nb".to_string())
        );
    }

    #[test]
    fn one_line_fields_refuse_line_breaks_and_control_characters() {
        for text in [
            "Jan\nJansen",
            "Jan\rJansen",
            "Jan\tJansen",
            "Jan\u{1b}[31m",
            "J\u{85}an",
            "Jan\u{2028}J",
        ] {
            assert_eq!(
                required_line(Field::Name, text),
                Err(Problem::NotOneLine(Field::Name)),
                "{text:?}"
            );
            assert_eq!(
                optional_line(Field::Organisation, text),
                Err(Problem::NotOneLine(Field::Organisation)),
                "{text:?}"
            );
        }
        assert_eq!(
            email("jan@example.nl\r\nBcc: x@y.nl"),
            Err(Problem::NotOneLine(Field::Email))
        );
        assert_eq!(phone("06-1234\n5678"), Err(Problem::NotOneLine(Field::Phone)));
        // Surrounding blank space, line breaks included, is trimmed as before.
        assert_eq!(
            required_line(Field::Name, "Jan Jansen\n"),
            Ok("Jan Jansen".into())
        );
    }
}
