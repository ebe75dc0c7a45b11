//! The `operator` key: one name, or the desk's `[[operator]]` entries (who
//! they are, their Unix user and SSH keys), each checked as it is read.

use serde::{Deserialize, Deserializer};

use crate::i18n::Lang;

/// The `operator` key: one name, or the desk's operators.
#[derive(Debug, Clone, PartialEq)]
pub enum Operators {
    Name(String),
    Desk(Vec<OperatorEntry>),
}

/// One operator of a shared desk.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorEntry {
    /// As shown on the boards and recorded in the audit trail.
    pub name: String,
    /// The login whose boards and commands are this operator's.
    #[serde(default)]
    pub unix_user: Option<String>,
    /// OpenSSH public key lines that are this operator's (for `serve --ssh`).
    #[serde(default)]
    pub ssh_keys: Vec<String>,
    /// `en` or `nl`; else the language their terminal asks for.
    #[serde(default)]
    pub language: Option<Lang>,
}

pub(super) fn operators<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Operators>, D::Error> {
    use serde::de::Error;
    let shape =
        || D::Error::custom("operator is one name (operator = \"Anna\") or [[operator]] entries with a name");
    match toml::Value::deserialize(d)? {
        toml::Value::String(name) => Ok(Some(Operators::Name(name))),
        toml::Value::Array(items) => {
            let mut entries = Vec::with_capacity(items.len());
            for item in items {
                if !item.is_table() {
                    return Err(shape());
                }
                let entry = OperatorEntry::deserialize(item).map_err(|e| D::Error::custom(e.message()))?;
                check_entry(&entry, &entries).map_err(D::Error::custom)?;
                entries.push(entry);
            }
            Ok(Some(Operators::Desk(entries)))
        }
        _ => Err(shape()),
    }
}

/// An entry that names its operator in one line, unlike any before it.
fn check_entry(entry: &OperatorEntry, before: &[OperatorEntry]) -> Result<(), String> {
    let name = entry.name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(format!(
            "operator name {:?} must be 1 to 100 characters on one line",
            entry.name
        ));
    }
    if before.iter().any(|b| b.name.trim() == name) {
        return Err(format!("operator {name:?} is listed twice"));
    }
    if let Some(user) = &entry.unix_user
        && before.iter().any(|b| b.unix_user.as_ref() == Some(user))
    {
        return Err(format!("unix_user {user:?} belongs to two operators"));
    }
    for (n, line) in entry.ssh_keys.iter().enumerate() {
        let key = ssh_key(line).ok_or_else(|| {
            format!(
                "ssh_keys of operator {name:?}: key {} is not an OpenSSH public key line \
                 (as in ~/.ssh/id_ed25519.pub: \"ssh-ed25519 AAAA… comment\")",
                n + 1
            )
        })?;
        if let Some(other) = before
            .iter()
            .find(|b| b.ssh_keys.iter().filter_map(|l| ssh_key(l)).any(|k| k == key))
        {
            return Err(format!(
                "ssh_keys of operator {name:?}: key {} is also {:?}'s; a key is one operator's",
                n + 1,
                other.name.trim()
            ));
        }
    }
    Ok(())
}

/// The key an OpenSSH public key line (`ssh-ed25519 AAAA… comment`) holds.
pub fn ssh_key(line: &str) -> Option<russh::keys::ssh_key::public::KeyData> {
    russh::keys::PublicKey::from_openssh(line.trim())
        .ok()
        .map(|k| k.key_data().clone())
}
