//! Who is at a terminal, as the desk sees it: never what a client says, but
//! what the system vouches for (the Unix user at the other end of a local
//! socket, `SO_PEERCRED`; the SSH key that signed in) matched against the desk's
//! configured operators.

use crate::config::Config;
use crate::i18n::Lang;

/// An operator of the desk: the name the audit trail records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    /// The language their entry sets, if it does.
    pub language: Option<Lang>,
}

/// The login name of Unix user `uid`, or its number when it has none.
pub fn user_name(uid: u32) -> String {
    uzers::get_user_by_uid(uid).map_or_else(|| uid.to_string(), |u| u.name().to_string_lossy().into_owned())
}

/// The operator Unix user `uid` is at a desk run by `own_uid` with `config`;
/// `Err` with their login name when they are none. With no `[[operator]]`
/// entries the desk has one operator, `own_name`: the user running it.
pub fn of_unix_user(config: &Config, uid: u32, own_uid: u32, own_name: &str) -> Result<Operator, String> {
    let entries = config.operators();
    if entries.is_empty() {
        return if uid == own_uid {
            Ok(Operator {
                name: own_name.to_string(),
                language: None,
            })
        } else {
            Err(user_name(uid))
        };
    }
    let user = user_name(uid);
    entries
        .iter()
        .find(|e| e.unix_user.as_deref() == Some(user.as_str()))
        .map(|e| Operator {
            name: e.name.trim().to_string(),
            language: e.language,
        })
        .ok_or(user)
}

/// The operator whose `[[operator]]` entry lists the SSH public key `key`.
pub fn of_ssh_key(config: &Config, key: &russh::keys::PublicKey) -> Option<Operator> {
    config
        .operators()
        .iter()
        .find(|e| {
            e.ssh_keys
                .iter()
                .filter_map(|line| crate::config::ssh_key(line))
                .any(|k| &k == key.key_data())
        })
        .map(|e| Operator {
            name: e.name.trim().to_string(),
            language: e.language,
        })
}

/// A folder name for operator `name`'s own files: letters and digits kept
/// (lower case), anything else one `-`.
pub fn folder_name(name: &str) -> String {
    let mut folder = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            folder.push(c);
        } else if !folder.ends_with('-') {
            folder.push('-');
        }
    }
    let folder = folder.trim_matches('-');
    if folder.is_empty() {
        "operator".to_string()
    } else {
        folder.to_string()
    }
}

/// The language the `[[operator]]` entry of Unix user `uid` sets, if any:
/// their commands answer in it, as their board does.
pub fn language_of(config: &Config, uid: u32) -> Option<Lang> {
    let user = user_name(uid);
    config
        .operators()
        .iter()
        .find(|e| e.unix_user.as_deref() == Some(user.as_str()))
        .and_then(|e| e.language)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn config(text: &str) -> Config {
        Config::parse(text, Path::new("config.toml")).unwrap()
    }

    #[test]
    fn a_desk_of_one_is_the_user_running_it() {
        let one = config("");
        assert_eq!(of_unix_user(&one, 1000, 1000, "anna").unwrap().name, "anna");
        assert!(
            of_unix_user(&one, 1001, 1000, "anna").is_err(),
            "another user is nobody here"
        );
    }

    #[test]
    fn a_desk_of_several_knows_them_by_their_login() {
        let root = user_name(0);
        let desk = config(&format!(
            "[[operator]]\nname = \"Bram Jansen\"\nunix_user = \"{root}\"\nlanguage = \"nl\"\n\n[[operator]]\nname = \"Anna\"\nunix_user = \"nobody-here\"\n"
        ));
        let bram = of_unix_user(&desk, 0, 1000, "x").unwrap();
        assert_eq!(bram.name, "Bram Jansen");
        assert_eq!(bram.language, Some(Lang::Nl));
        assert_eq!(of_unix_user(&desk, 4_000_000, 0, "x"), Err("4000000".into()));
        assert_eq!(
            language_of(&desk, 0),
            Some(Lang::Nl),
            "their commands speak Dutch too"
        );
        assert_eq!(language_of(&desk, 4_000_000), None);
    }

    #[test]
    fn entries_that_clash_or_name_nobody_are_refused() {
        let twice = "[[operator]]\nname = \"Anna\"\n[[operator]]\nname = \"Anna\"\n";
        assert!(Config::parse(twice, Path::new("c.toml")).is_err());
        let shared =
            "[[operator]]\nname = \"A\"\nunix_user = \"x\"\n[[operator]]\nname = \"B\"\nunix_user = \"x\"\n";
        assert!(Config::parse(shared, Path::new("c.toml")).is_err());
        let blank = "[[operator]]\nname = \" \"\n";
        assert!(Config::parse(blank, Path::new("c.toml")).is_err());
    }

    #[test]
    fn an_ssh_key_is_one_operators_and_says_who_they_are() {
        let key = |seed: &str| {
            use russh::keys::{Algorithm, PrivateKey};
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
            (
                key.public_key().clone(),
                format!("{} {seed}", key.public_key().to_openssh().unwrap()),
            )
        };
        let (anna, anna_line) = key("anna@laptop");
        let (stranger, _) = key("x");
        let desk = config(&format!(
            "[[operator]]\nname = \"Anna\"\nssh_keys = [\"{anna_line}\"]\n[[operator]]\nname = \"Bram\"\n"
        ));
        assert_eq!(of_ssh_key(&desk, &anna).unwrap().name, "Anna");
        assert_eq!(of_ssh_key(&desk, &stranger), None);
        let twice = format!(
            "[[operator]]\nname = \"A\"\nssh_keys = [\"{anna_line}\"]\n[[operator]]\nname = \"B\"\nssh_keys = [\"{anna_line}\"]\n"
        );
        let refused = Config::parse(&twice, Path::new("c.toml")).unwrap_err();
        assert!(format!("{refused:?}").contains("is also"), "{refused:?}");
    }

    #[test]
    fn an_operators_folder_is_named_after_them_safely() {
        assert_eq!(folder_name("Anna de Vries"), "anna-de-vries");
        assert_eq!(folder_name("../../etc"), "etc");
        assert_eq!(folder_name("  "), "operator");
    }
}
