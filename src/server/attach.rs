//! A terminal attached to the desk over the local socket: what it sends
//! goes to its board, the board's frames go back to it, and the files the
//! operator asks for are written at the terminal's end, by their own process.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use ratatui::crossterm::event::Event;

use super::Shared;
use crate::app::effects::written_msg;
use crate::desk::BadRequest;
use crate::remote::Attaching;
use crate::remote::frame::{ToDesk, ToTerminal};
use crate::session::Input;
use crate::session::input::InputParser;
use crate::session::outbox::Frames;
use crate::session::screen::SharedSize;

/// Serves `connection` until its session ends; refused when the desk serves
/// as many boards as it may.
pub fn serve(shared: &Shared, mut connection: Attaching) -> Result<(), BadRequest> {
    let board = super::board::open(shared, &connection.operator, &connection.terminal, None)?;
    if connection.welcome().is_err() {
        let _ = board.inputs.send(Input::Closed);
        return Ok(());
    }
    let files = Files::default();
    let writer = connection.writer;
    let sender = {
        let files = files.clone();
        let frames = board.frames;
        thread::Builder::new()
            .name("klachtdesk-screen".into())
            .spawn(move || send_all(writer, frames, &files))
    };
    if sender.is_ok() {
        read_terminal(connection.reader, &board.inputs, &board.size, &files);
    }
    let _ = board.inputs.send(Input::Closed);
    if let Ok(sender) = sender {
        let _ = sender.join();
    }
    Ok(())
}

/// Writes the session's frames to the terminal until the session ends or
/// the terminal goes.
fn send_all(mut writer: std::os::unix::net::UnixStream, frames: Frames, files: &Files) {
    for mut frame in frames {
        let last = matches!(frame, ToTerminal::Exit { .. });
        if let ToTerminal::File(file) = &mut frame {
            file.id = files.hand_out(&file.contents);
        }
        if frame.write(&mut writer).is_err() || last {
            break;
        }
    }
    let _ = writer.flush();
}

/// Turns what the terminal sends into the session's input, until it goes.
fn read_terminal(
    mut reader: std::io::BufReader<std::os::unix::net::UnixStream>,
    inputs: &std::sync::mpsc::Sender<Input>,
    size: &SharedSize,
    files: &Files,
) {
    let mut parser = InputParser::default();
    while let Ok(Some(frame)) = ToDesk::read(&mut reader) {
        let sent = match frame {
            ToDesk::Input(bytes) => parser
                .feed(&bytes)
                .into_iter()
                .try_for_each(|event| inputs.send(Input::Terminal(event))),
            ToDesk::Resize { cols, rows } => {
                size.set(cols, rows);
                inputs.send(Input::Terminal(Event::Resize(cols.max(1), rows.max(1))))
            }
            ToDesk::Heartbeat => Ok(()),
            ToDesk::Written { id, written } => match files.answered(id) {
                Some(contents) => inputs.send(Input::Written(Box::new(written_msg(written, &contents)))),
                None => Ok(()),
            },
        };
        if sent.is_err() {
            return;
        }
    }
}

/// The files a session has asked its terminal to write, waiting for the
/// answer: the contents are kept to ask whether to replace one that is there.
#[derive(Debug, Clone, Default)]
struct Files(Arc<Mutex<(u32, HashMap<u32, String>)>>);

impl Files {
    /// The number the terminal's answer about a file with `contents` will carry.
    fn hand_out(&self, contents: &str) -> u32 {
        let mut files = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        files.0 = files.0.wrapping_add(1);
        let id = files.0;
        files.1.insert(id, contents.to_string());
        id
    }

    fn answered(&self, id: u32) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .remove(&id)
    }
}
