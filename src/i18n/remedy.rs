//! The words for what the complainant wants: the remedies, whether one was
//! granted, and the sentence an outcome letter says it in.

use crate::domain::remedy::{Granted, Remedy, RemedySought};

use super::{Lang, T};

pub fn remedy_key(remedy: Remedy) -> T {
    match remedy {
        Remedy::Apology => T::RemedyApology,
        Remedy::Correction => T::RemedyCorrection,
        Remedy::Refund => T::RemedyRefund,
        Remedy::Call => T::RemedyCall,
        Remedy::Other => T::RemedyOther,
    }
}

pub fn granted_key(granted: Granted) -> T {
    match granted {
        Granted::Granted => T::GrantedGranted,
        Granted::Partly => T::GrantedPartly,
        Granted::Not => T::GrantedNot,
    }
}

/// The remedies by name, in [`Remedy::ALL`]'s order: what a form offers.
pub fn remedy_names(lang: Lang) -> Vec<String> {
    Remedy::ALL.map(|r| lang.t(remedy_key(r)).to_string()).to_vec()
}

/// The remedy a name typed in a form stands for (its name in either
/// language, or its slug), ignoring case.
pub fn remedy_named(name: &str) -> Option<Remedy> {
    let name = name.trim();
    Remedy::from_slug(name).or_else(|| {
        Remedy::ALL.into_iter().find(|r| {
            [Lang::En, Lang::Nl]
                .iter()
                .any(|l| l.t(remedy_key(*r)).eq_ignore_ascii_case(name))
        })
    })
}

/// The remedy as the case pane and `show` give it: `Refund — the €40 back`.
pub fn remedy_shown(lang: Lang, sought: &RemedySought) -> String {
    let name = lang.t(remedy_key(sought.remedy));
    if sought.text.is_empty() {
        name.to_string()
    } else {
        format!("{name} — {}", sought.text)
    }
}

/// What `{{remedy_sought}}` stands for in a letter: a sentence saying what
/// the complainant asked for, or nothing when they did not say.
pub fn remedy_sentence(lang: Lang, sought: Option<&RemedySought>) -> String {
    let Some(sought) = sought else {
        return String::new();
    };
    let words = if sought.text.is_empty() {
        String::new()
    } else {
        lang.fill(T::LetterRemedyWords, &[("text", &sought.text)])
    };
    let key = match sought.remedy {
        Remedy::Apology => T::LetterRemedyApology,
        Remedy::Correction => T::LetterRemedyCorrection,
        Remedy::Refund => T::LetterRemedyRefund,
        Remedy::Call => T::LetterRemedyCall,
        Remedy::Other => T::LetterRemedyOther,
    };
    lang.fill(key, &[("words", &words), ("text", &sought.text)])
}

/// The accepted values, by slug and name: `apology (Excuses), …`.
pub fn known_remedies(lang: Lang) -> String {
    let all: Vec<String> = Remedy::ALL
        .iter()
        .map(|r| format!("{} ({})", r.slug(), lang.t(remedy_key(*r))))
        .collect();
    all.join(", ")
}

pub fn known_granted(lang: Lang) -> String {
    let all: Vec<String> = Granted::ALL
        .iter()
        .map(|g| format!("{} ({})", g.slug(), lang.t(granted_key(*g))))
        .collect();
    all.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_says_what_was_asked_in_the_letters_language() {
        let refund = RemedySought {
            remedy: Remedy::Refund,
            text: "the €40 back".into(),
        };
        assert_eq!(
            remedy_sentence(Lang::En, Some(&refund)),
            "You asked us for a refund (in your words: \u{201c}the €40 back\u{201d})."
        );
        let other = RemedySought {
            remedy: Remedy::Other,
            text: "een bloemetje".into(),
        };
        assert_eq!(
            remedy_sentence(Lang::Nl, Some(&other)),
            "U vroeg ons het volgende: een bloemetje."
        );
        assert_eq!(remedy_sentence(Lang::Nl, None), "");
    }

    #[test]
    fn a_remedy_is_found_by_its_name_in_either_language_or_its_slug() {
        assert_eq!(remedy_named("terugbetaling"), Some(Remedy::Refund));
        assert_eq!(remedy_named("Apology"), Some(Remedy::Apology));
        assert_eq!(remedy_named("call"), Some(Remedy::Call));
        assert_eq!(remedy_named("money"), None);
    }
}
