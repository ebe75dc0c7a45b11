//! A terminal attached to the desk: its own board (the operator's language,
//! colours and place on the queue), drawn by a session loop on a thread of
//! its own, fed by what the terminal sends, and sent back to it through a
//! bounded queue — a terminal that stops reading loses its board, never
//! holds up anybody else's.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, channel, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use ratatui::Terminal;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};

use super::Shared;
use super::registry::Teller;
use crate::app::effects::{osc52, written_msg};
use crate::app::{App, Settings};
use crate::desk::{BadRequest, Local};
use crate::i18n::{Describe, Lang};
use crate::remote::frame::{FileToWrite, ToDesk, ToTerminal};
use crate::remote::{Attaching, TerminalInfo};
use crate::session::input::InputParser;
use crate::session::screen::{Screen, SharedSize, Sink};
use crate::session::{self, Around, Ended, Input};
use crate::ui::Theme;

/// Screens waiting to be sent to one terminal; more means it is not reading.
const BACKLOG: usize = 256;

/// Sends the frames of one session, in order, unless the terminal has
/// fallen too far behind.
#[derive(Clone)]
struct Outbox(SyncSender<ToTerminal>);

impl Outbox {
    fn send(&self, frame: ToTerminal) -> io::Result<()> {
        self.0.try_send(frame).map_err(|e| match e {
            TrySendError::Full(_) => io::Error::new(io::ErrorKind::WouldBlock, "the terminal is not reading"),
            TrySendError::Disconnected(_) => io::Error::from(io::ErrorKind::BrokenPipe),
        })
    }
}

impl Sink for Outbox {
    fn send(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        Outbox::send(self, ToTerminal::Output(bytes))
    }
}

/// Serves `connection` until its session ends; refused when the desk serves
/// as many boards as it may.
pub fn serve(shared: &Shared, mut connection: Attaching) -> Result<(), BadRequest> {
    let (inputs, received) = channel();
    let max = shared.config.desk.max_sessions;
    let id = shared
        .sessions
        .join(inputs.clone(), max)
        .ok_or(BadRequest::TooManySessions { max })?;
    if connection.welcome().is_err() {
        shared.sessions.leave(id);
        return Ok(());
    }
    let terminal = connection.terminal.clone();
    let size = SharedSize::new(terminal.cols, terminal.rows);
    let (frames, outgoing) = sync_channel(BACKLOG);
    let outbox = Outbox(frames);
    let writer = connection.writer;
    let sender = thread::Builder::new()
        .name("klachtdesk-screen".into())
        .spawn(move || send_all(writer, &outgoing));
    let files = Files::default();
    let desk = shared.desk.as_operator(&connection.operator.name);
    let mut app = board_for(shared, &connection.operator, &terminal);
    app.presence = shared.presence.clone();
    app.seat = id;
    let others = shared.sessions.teller();
    let session = {
        let (size, outbox, files) = (size.clone(), outbox.clone(), files.clone());
        thread::Builder::new()
            .name("klachtdesk-session".into())
            .spawn(move || draw_board(app, &desk, &received, size, outbox, &others, &files))
    };
    if session.is_err() || sender.is_err() {
        shared.sessions.leave(id);
        return Ok(());
    }
    read_terminal(connection.reader, &inputs, &size, &files);
    let _ = inputs.send(Input::Closed);
    if let Ok(session) = session {
        let _ = session.join();
    }
    shared.sessions.leave(id);
    shared.presence.leave(id);
    shared.sessions.tell(|| Input::Presence);
    Ok(())
}

/// The board an operator attaching from `terminal` starts with.
fn board_for(shared: &Shared, operator: &crate::identity::Operator, terminal: &TerminalInfo) -> App {
    let lang = operator
        .language
        .or_else(|| {
            terminal
                .lang
                .as_deref()
                .filter(|l| !l.is_empty())
                .map(Lang::from_locale)
        })
        .or(shared.config.language)
        .unwrap_or_default();
    let desk = &shared.desk;
    let mut app = App::new(
        lang,
        operator.name.clone(),
        desk.rules().clone(),
        shared.keymap.clone(),
        desk.clock().now(),
        shared.queue.clone(),
        (terminal.cols, terminal.rows),
    );
    app.settings = Settings {
        colour: !terminal.no_color,
        ..shared.settings.clone()
    };
    app.unreadable = shared.unreadable.iter().map(|e| e.describe(lang)).collect();
    app
}

/// The session's loop: the board drawn into frames for the terminal, from
/// switching it to the board's screen until switching it back.
fn draw_board(
    mut app: App,
    desk: &Local,
    inputs: &Receiver<Input>,
    size: SharedSize,
    outbox: Outbox,
    others: &Teller,
    files: &Files,
) {
    let mut screen = Screen::new(size, Box::new(outbox.clone()));
    let mut modes = Vec::new();
    let _ = execute!(
        modes,
        EnterAlternateScreen,
        Hide,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let _ = screen.write_raw(&modes);
    let Ok(mut terminal) = Terminal::new(screen) else {
        return;
    };
    // The terminal may still show a board a lost desk drew: start clean.
    let _ = terminal.clear();
    let theme = Theme::new(app.settings.colour);
    let clock = desk.clock();
    let mut copy = |text: &str| {
        let _ = outbox.send(ToTerminal::Output(osc52(text).into_bytes()));
    };
    let mut moved = || others.tell(|| Input::Presence);
    let mut write = |path: &std::path::Path, contents: &str, replace: bool| {
        let file = files.hand_out(path, contents, replace);
        let _ = outbox.send(ToTerminal::File(file));
    };
    let around = Around {
        copy: &mut copy,
        moved: &mut moved,
        write: &mut write,
    };
    let ended = session::run(&mut terminal, &mut app, inputs, desk, clock, &theme, around);
    let mut back = Vec::new();
    let _ = execute!(
        back,
        DisableBracketedPaste,
        DisableMouseCapture,
        Show,
        LeaveAlternateScreen
    );
    let _ = outbox.send(ToTerminal::Output(back));
    let code = match ended {
        Ok(Ended::Quit) | Ok(Ended::Closed) => 0,
        Ok(Ended::Signal(signal)) => 128u8.saturating_add(u8::try_from(signal).unwrap_or(0)),
        Err(_) => 1,
    };
    let _ = outbox.send(ToTerminal::Exit {
        code,
        message: String::new(),
    });
}

/// Writes the session's frames to the terminal until the session ends or
/// the terminal goes.
fn send_all(mut writer: std::os::unix::net::UnixStream, frames: &Receiver<ToTerminal>) {
    for frame in frames {
        let last = matches!(frame, ToTerminal::Exit { .. });
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
    fn hand_out(&self, path: &std::path::Path, contents: &str, replace: bool) -> FileToWrite {
        let mut files = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        files.0 = files.0.wrapping_add(1);
        let id = files.0;
        files.1.insert(id, contents.to_string());
        FileToWrite {
            id,
            path: path.to_path_buf(),
            contents: contents.to_string(),
            replace,
        }
    }

    fn answered(&self, id: u32) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .remove(&id)
    }
}
