//! The board's frames onto an SSH channel: the screens in order, the files
//! the operator asks for written into their folder at the desk, and at the
//! end the words, the exit status, and the channel closed. A client that
//! stops reading is disconnected, never waited for without end.

use std::path::{Path, PathBuf};
use std::time::Duration;

use russh::ChannelId;
use russh::server::Handle;

use crate::app::effects::{write_into, written_msg};
use crate::i18n::{Lang, T};
use crate::private_file::Written;
use crate::remote::frame::{FileToWrite, ToTerminal};
use crate::session::{Board, Input};

/// How long one screen may wait for the client to take it.
const SEND_WAIT: Duration = Duration::from_secs(30);

/// Sends `board`'s frames to channel `id` on a thread of its own, until the
/// board ends or the client stops reading.
pub(super) fn send_frames(board: Board, handle: Handle, id: ChannelId, exports: PathBuf, lang: Lang) {
    let runtime = tokio::runtime::Handle::current();
    let Board { inputs, frames, .. } = board;
    let (closing, ending) = (inputs.clone(), handle.clone());
    let sent = std::thread::Builder::new()
        .name("klachtdesk-ssh-screen".into())
        .spawn(move || {
            let send = |bytes: Vec<u8>| {
                // The timer needs the runtime: made inside the block.
                runtime
                    .block_on(async { tokio::time::timeout(SEND_WAIT, handle.data(id, bytes)).await })
                    .is_ok_and(|sent| sent.is_ok())
            };
            for frame in frames {
                match frame {
                    ToTerminal::Output(bytes) => {
                        if !send(bytes) {
                            break;
                        }
                    }
                    ToTerminal::File(file) => {
                        let written = write_for(&exports, &file, lang);
                        let _ = inputs.send(Input::Written(Box::new(written_msg(written, &file.contents))));
                    }
                    ToTerminal::Exit { code, message } => {
                        if !message.is_empty() {
                            send(format!("{message}\r\n").into_bytes());
                        }
                        runtime.block_on(end(&handle, id, u32::from(code)));
                        return;
                    }
                    ToTerminal::Heartbeat => {}
                }
            }
            // The client is not reading (or gone): it loses its connection,
            // and its board is kept for when it connects again.
            let _ = inputs.send(Input::Closed);
            runtime.block_on(async {
                let _ = handle
                    .disconnect(russh::Disconnect::ByApplication, String::new(), String::new())
                    .await;
            });
        });
    if sent.is_err() {
        let _ = closing.send(Input::Closed);
        tokio::spawn(async move { end(&ending, id, 1).await });
    }
}

/// Says `message` on channel `id` and ends it with exit status 1.
pub(super) fn refuse(handle: Handle, id: ChannelId, message: String) {
    tokio::spawn(async move {
        let _ = handle.data(id, format!("{message}\r\n").into_bytes()).await;
        end(&handle, id, 1).await;
    });
}

/// The exit status first, then the channel closed, as `ssh` expects.
async fn end(handle: &Handle, id: ChannelId, code: u32) {
    let _ = handle.exit_status_request(id, code).await;
    let _ = handle.eof(id).await;
    let _ = handle.close(id).await;
}

/// Writes a file asked for on the board into the operator's folder at the
/// desk: by its name only, wherever the board asked for it, so that nobody
/// at the end of an SSH connection writes outside their own folder.
fn write_for(exports: &Path, file: &FileToWrite, lang: Lang) -> Written {
    match file.path.file_name() {
        Some(name) => write_into(exports, Path::new(name), &file.contents, file.replace, lang),
        None => Written::Failed(lang.t(T::SshFileNeedsName).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_asked_for_over_ssh_lands_in_the_operators_folder_by_its_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let exports = dir.path().join("exports").join("anna");
        let file = |path: &str| FileToWrite {
            id: 1,
            path: path.into(),
            contents: "Geachte heer Jansen,".into(),
            replace: false,
        };
        for asked in ["letter.txt", "../../letter2.txt", "/etc/letter3.txt"] {
            let written = write_for(&exports, &file(asked), Lang::En);
            let Written::Wrote(path) = written else {
                panic!("{asked}: {written:?}");
            };
            assert!(
                path.starts_with(exports.canonicalize().unwrap()),
                "{asked} → {}",
                path.display()
            );
        }
        assert!(matches!(
            write_for(&exports, &file("/"), Lang::En),
            Written::Failed(_)
        ));
    }
}
