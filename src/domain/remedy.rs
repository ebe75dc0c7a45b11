//! What the complainant wants (ISO 10002's "remedy sought"), recorded at
//! intake, and whether the outcome granted it.

use serde::{Deserialize, Serialize};

use super::contact::optional_line;
use super::problem::{Field, Problem, Problems};

/// The kind of remedy a complainant asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Remedy {
    Apology,
    Correction,
    Refund,
    Call,
    Other,
}

impl Remedy {
    pub const ALL: [Remedy; 5] = [
        Remedy::Apology,
        Remedy::Correction,
        Remedy::Refund,
        Remedy::Call,
        Remedy::Other,
    ];

    /// The remedy's name on the command line, in exports and in the audit trail.
    pub fn slug(self) -> &'static str {
        match self {
            Remedy::Apology => "apology",
            Remedy::Correction => "correction",
            Remedy::Refund => "refund",
            Remedy::Call => "call",
            Remedy::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Remedy> {
        let slug = slug.trim().to_lowercase();
        Remedy::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// The remedy sought, with the complainant's own words (required for
/// [`Remedy::Other`], optional otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemedySought {
    pub remedy: Remedy,
    #[serde(default)]
    pub text: String,
}

impl RemedySought {
    /// The value the audit trail keeps for the remedy's kind.
    pub fn slug(sought: Option<&RemedySought>) -> String {
        sought.map(|s| s.remedy.slug().to_string()).unwrap_or_default()
    }
}

/// Whether the outcome gave the complainant the remedy sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Granted {
    Granted,
    Partly,
    Not,
}

impl Granted {
    pub const ALL: [Granted; 3] = [Granted::Granted, Granted::Partly, Granted::Not];

    pub fn slug(self) -> &'static str {
        match self {
            Granted::Granted => "granted",
            Granted::Partly => "partly",
            Granted::Not => "not",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Granted> {
        let slug = slug.trim().to_lowercase();
        Granted::ALL.into_iter().find(|g| g.slug() == slug)
    }
}

/// Checks a remedy as typed: a text needs a kind to go with it, and "other"
/// needs a text saying what. `None` (nothing sought) is fine.
pub fn sought(remedy: Option<Remedy>, text: &str, p: &mut Problems) -> Option<Option<RemedySought>> {
    let text = p
        .check(optional_line(Field::RemedyText, text))?
        .unwrap_or_default();
    match remedy {
        None if text.is_empty() => Some(None),
        None => {
            p.push(Problem::Missing(Field::Remedy));
            None
        }
        Some(Remedy::Other) if text.is_empty() => {
            p.push(Problem::Missing(Field::RemedyText));
            None
        }
        Some(remedy) => Some(Some(RemedySought { remedy, text })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(remedy: Option<Remedy>, text: &str) -> Result<Option<RemedySought>, Vec<Problem>> {
        let mut p = Problems::default();
        let value = sought(remedy, text, &mut p);
        p.finish(|| value.flatten()).map_err(|r| r.problems().to_vec())
    }

    #[test]
    fn a_remedy_is_optional_and_its_text_goes_with_it() {
        assert_eq!(check(None, " "), Ok(None));
        assert_eq!(
            check(Some(Remedy::Refund), " the €40 back "),
            Ok(Some(RemedySought {
                remedy: Remedy::Refund,
                text: "the €40 back".into()
            }))
        );
        assert_eq!(
            check(Some(Remedy::Apology), ""),
            Ok(Some(RemedySought {
                remedy: Remedy::Apology,
                text: String::new()
            }))
        );
    }

    #[test]
    fn other_needs_words_and_words_need_a_kind() {
        assert_eq!(
            check(Some(Remedy::Other), ""),
            Err(vec![Problem::Missing(Field::RemedyText)])
        );
        assert_eq!(check(None, "money"), Err(vec![Problem::Missing(Field::Remedy)]));
        assert_eq!(
            check(Some(Remedy::Call), "a\nb"),
            Err(vec![Problem::NotOneLine(Field::RemedyText)])
        );
    }

    #[test]
    fn slugs_read_back() {
        for r in Remedy::ALL {
            assert_eq!(Remedy::from_slug(r.slug()), Some(r));
        }
        for g in Granted::ALL {
            assert_eq!(Granted::from_slug(g.slug()), Some(g));
        }
        assert_eq!(Remedy::from_slug(" Refund "), Some(Remedy::Refund));
        assert_eq!(Remedy::from_slug("money"), None);
    }
}
