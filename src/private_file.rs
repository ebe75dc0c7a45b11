//! Files the operator asks for (letters, exports, reports) hold personal data.
//! Each is written for its owner only (0600), whole or not at all (into a new
//! file beside it, moved into place when complete), never through a symbolic
//! link, and never over an existing file unless that was asked for.
//!
//! The file at `path` is never opened: the new file is moved to its name,
//! which replaces a directory entry and follows no link. A link found there
//! is refused, so that its target is not even thought to have been written.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug)]
pub enum FileError {
    /// A file is there, and replacing it was not asked for.
    Exists(PathBuf),
    /// A symbolic link is there.
    Symlink(PathBuf),
    /// Creating, writing or moving the file failed.
    Io(PathBuf, io::Error),
}

/// Writes `text` to `path`; see [`write`].
pub fn write_text(path: &Path, replace: bool, text: &str) -> Result<(), FileError> {
    write(path, replace, |file| {
        file.write_all(text.as_bytes())
            .map_err(|e| FileError::Io(path.to_path_buf(), e))
    })
}

/// Creates the file at `path` with what `fill` writes into it, readable by its
/// owner only. An existing file is replaced only with `replace`; a symbolic
/// link never. When `fill` fails, nothing is left behind.
pub fn write<T, E: From<FileError>>(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut File) -> Result<T, E>,
) -> Result<T, E> {
    let io = |e: io::Error| FileError::Io(path.to_path_buf(), e);
    check(path, replace)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // Created 0600 whatever the umask, with a name nobody else can predict.
    let mut file = tempfile::Builder::new()
        .prefix(".klachtdesk-")
        .tempfile_in(dir)
        .map_err(io)?;
    let value = fill(file.as_file_mut())?;
    file.as_file().sync_all().map_err(io)?;
    if replace {
        // A link put there meanwhile would be replaced, not followed; still,
        // say so rather than remove it.
        check(path, true)?;
        file.persist(path).map_err(|e| io(e.error))?;
    } else {
        file.persist_noclobber(path).map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => FileError::Exists(path.to_path_buf()),
            _ => io(e.error),
        })?;
    }
    Ok(value)
}

/// Refuses a symbolic link at `path`, and an existing file unless `replace`.
fn check(path: &Path, replace: bool) -> Result<(), FileError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(FileError::Symlink(path.to_path_buf())),
        Ok(_) if !replace => Err(FileError::Exists(path.to_path_buf())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FileError::Io(path.to_path_buf(), e)),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_new_file_is_private_and_an_old_one_kept_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("letter.txt");
        write_text(&path, false, "one").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(matches!(
            write_text(&path, false, "two"),
            Err(FileError::Exists(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_text(&path, true, "three").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no file left beside it"
        );
    }

    #[test]
    fn a_symbolic_link_is_never_written_through_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for replace in [false, true] {
            assert!(matches!(
                write_text(&link, replace, "x"),
                Err(FileError::Symlink(_))
            ));
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }

    #[test]
    fn a_failed_fill_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        let failed: Result<(), FileError> = write(&path, false, |_| {
            Err(FileError::Io(PathBuf::from("x"), io::Error::other("full")))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

/// How writing a file the operator asked for went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Written {
    /// Written, at this full path.
    Wrote(std::path::PathBuf),
    /// A file is there already (and replacing it was not asked for).
    Exists(std::path::PathBuf),
    /// Not written; why, in the operator's language.
    Failed(String),
}
