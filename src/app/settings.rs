//! What one operator's session carries of its own, so that nothing a session
//! does depends on or changes the process it runs in: where the desk's letter
//! templates are, where the files this operator asks for are written, and
//! whether their terminal shows colour.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The folder whose `templates/` override the built-in letters (the
    /// configuration file's folder); none: the built-in letters only.
    pub templates: Option<PathBuf>,
    /// Where files asked for by name only (letters, exports) are written:
    /// never the working folder of the process that draws the board.
    pub exports: PathBuf,
    /// Files go into `exports` by their name only (over SSH, where the desk
    /// writes them): the operator chooses the name, not the folder.
    pub by_name_only: bool,
    /// Whether the operator's terminal shows colour (`NO_COLOR` not set).
    pub colour: bool,
    /// When a root cause counts as recurring (`[patterns]`).
    pub patterns: crate::domain::recurrence::Pattern,
}

impl Settings {
    /// Where a file asked for as `path` goes: a bare name into the exports
    /// folder, a full path as it is.
    pub fn place(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.exports.join(path)
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            templates: None,
            exports: std::env::temp_dir().join("klachtdesk-exports"),
            by_name_only: false,
            colour: true,
            patterns: Default::default(),
        }
    }
}
