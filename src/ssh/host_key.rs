//! The desk's SSH host key: ed25519, made on the first start and kept in a
//! file only the desk's user can read, beside the database. Operators check
//! its fingerprint the first time they connect (`serve --fingerprint`).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

use crate::private_file;

/// Why the host key cannot be had.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HostKeyError {
    #[error("the SSH host key {} cannot be read: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("the SSH host key {} can be read by others (mode {mode:o}): run `chmod 600 {}`", path.display(), path.display())]
    Open { path: PathBuf, mode: u32 },
    #[error("the SSH host key {} cannot be written: {reason}", path.display())]
    Unwritable { path: PathBuf, reason: String },
}

/// Where the host key of the desk on the database at `db` is kept.
pub fn path_for(db: &Path) -> PathBuf {
    db.with_file_name("ssh_host_ed25519_key")
}

/// The host key at `path`, made there first if there is none.
pub fn load_or_make(path: &Path) -> Result<PrivateKey, HostKeyError> {
    match std::fs::metadata(path) {
        Ok(meta) => {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(HostKeyError::Open {
                    path: path.to_path_buf(),
                    mode,
                });
            }
            let text = std::fs::read_to_string(path).map_err(|e| unreadable(path, &e.to_string()))?;
            PrivateKey::from_openssh(&text).map_err(|e| unreadable(path, &e.to_string()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => make(path),
        Err(e) => Err(unreadable(path, &e.to_string())),
    }
}

/// The host key at `path`, if there is one.
pub fn load(path: &Path) -> Result<Option<PrivateKey>, HostKeyError> {
    if !path.exists() {
        return Ok(None);
    }
    load_or_make(path).map(Some)
}

/// The SHA256 fingerprint of `key`, as `ssh` shows it (`SHA256:…`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn make(path: &Path) -> Result<PrivateKey, HostKeyError> {
    let unwritable = |reason: String| HostKeyError::Unwritable {
        path: path.to_path_buf(),
        reason,
    };
    let key =
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| unwritable(e.to_string()))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| unwritable(e.to_string()))?;
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| unwritable(e.to_string()))?;
    }
    match private_file::write_text(path, false, &text) {
        Ok(()) => Ok(key),
        // Another desk made it a moment ago: theirs is the key.
        Err(private_file::FileError::Exists(_)) => load_or_make(path),
        Err(private_file::FileError::Symlink(_)) => Err(unwritable("a symbolic link is there".into())),
        Err(private_file::FileError::Io(_, e)) => Err(unwritable(e.to_string())),
    }
}

fn unreadable(path: &Path, reason: &str) -> HostKeyError {
    HostKeyError::Unreadable {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_private_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("db"));
        let made = load_or_make(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = load_or_make(&path).unwrap();
        assert_eq!(
            fingerprint(&made),
            fingerprint(&again),
            "the same key every start"
        );
        assert!(fingerprint(&made).starts_with("SHA256:"));

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(load_or_make(&path), Err(HostKeyError::Open { .. })));
    }
}
