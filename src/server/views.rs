//! How each operator likes their board (compact cards, personal data
//! masked), remembered by the desk in a file beside the database folder,
//! readable by the desk's user only, so that it holds in their next session and after a restart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::app::Preferences;
use crate::private_file;

/// One operator's choices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    #[serde(default)]
    pub compact: bool,
    #[serde(default)]
    pub masked: bool,
}

impl View {
    pub fn of(preferences: Preferences) -> View {
        View {
            compact: preferences.compact,
            masked: preferences.masked,
        }
    }

    pub fn preferences(self) -> Preferences {
        Preferences {
            compact: self.compact,
            masked: self.masked,
        }
    }
}

#[derive(Debug)]
pub struct Views {
    path: PathBuf,
    by_operator: Mutex<BTreeMap<String, View>>,
}

impl Views {
    /// The views kept for the desk of the database at `db`; none when the
    /// file is missing or unreadable (they are only preferences).
    pub fn load(db: &Path) -> Views {
        let name = db
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = db.with_file_name(format!(".{name}.views.json"));
        let by_operator = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        Views {
            path,
            by_operator: Mutex::new(by_operator),
        }
    }

    pub fn of(&self, operator: &str) -> View {
        self.by_operator.lock().get(operator).copied().unwrap_or_default()
    }

    /// Keeps `view` as `operator`'s; a file that cannot be written costs
    /// only the preference.
    pub fn set(&self, operator: &str, view: View) {
        let mut views = self.by_operator.lock();
        if views.get(operator) == Some(&view) {
            return;
        }
        views.insert(operator.to_string(), view);
        if let Ok(text) = serde_json::to_string_pretty(&*views) {
            let _ = private_file::write_text(&self.path, true, &text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operators_view_is_kept_across_desks() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let views = Views::load(&db);
        assert_eq!(views.of("Anna"), View::default());
        views.set(
            "Anna",
            View {
                compact: true,
                masked: true,
            },
        );
        let again = Views::load(&db);
        assert!(again.of("Anna").compact);
        assert!(again.of("Anna").masked);
        assert!(!again.of("Bram").compact);
        assert!(!again.of("Bram").masked);
    }
}
