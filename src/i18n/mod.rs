//! The one catalogue of operator-facing text, in English and Dutch.
//!
//! Every entry is a variant of [`T`] with both translations side by side, so a
//! missing translation is a compile error, not a blank on screen. Parameters are
//! named `{like_this}` and filled by [`Lang::fill`].

mod actions;
mod catalogue;
mod dates;
mod domain;
mod done;
mod errors;
mod exchange;
mod explain;
mod promises;
mod remedy;
mod services;

pub use actions::*;
pub use catalogue::T;
pub use dates::*;
pub use domain::*;
pub use done::done;
pub use errors::Describe;
pub use exchange::{DescribeIn, trail_reason};
pub use explain::{deadline_explained, due_explained, what_if};
pub use promises::*;
pub use remedy::*;
pub use services::*;

use serde::{Deserialize, Serialize};

/// The operator's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// The language of a locale name such as `nl_NL.UTF-8`; English unless Dutch.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_lowercase().starts_with("nl") {
            Lang::Nl
        } else {
            Lang::En
        }
    }

    /// The entry's text in this language.
    pub fn t(self, key: T) -> &'static str {
        key.text(self)
    }

    /// The entry's text with its `{name}` parameters filled in.
    pub fn fill(self, key: T, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self.t(key).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn params(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    }

    #[test]
    fn every_entry_has_the_same_parameters_in_both_languages() {
        for key in T::ALL {
            let (en, nl) = (Lang::En.t(*key), Lang::Nl.t(*key));
            assert!(!en.trim().is_empty() && !nl.trim().is_empty(), "{key:?} is blank");
            assert_eq!(params(en), params(nl), "{key:?}: {en:?} vs {nl:?}");
        }
    }

    #[test]
    fn parameters_are_filled() {
        let text = Lang::Nl.fill(T::Registered, &[("id", &"K-2026-0001")]);
        assert!(text.contains("K-2026-0001"), "{text}");
        assert!(!text.contains('{'), "{text}");
    }

    #[test]
    fn locale_names_pick_the_language() {
        assert_eq!(Lang::from_locale("nl_NL.UTF-8"), Lang::Nl);
        assert_eq!(Lang::from_locale("nl_BE"), Lang::Nl);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
