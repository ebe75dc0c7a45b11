//! A terminal attached to a desk from the test process: it connects over the
//! desk's socket as `klachtdesk` does, feeds what the desk draws into a vt100
//! screen, and sends keys and sizes as a terminal would. Waits poll with a
//! deadline and fail showing the screen.

#![allow(dead_code)]

use std::io::{self, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use klachtdesk::i18n::Lang;
use klachtdesk::remote::TerminalInfo;
use klachtdesk::remote::attach::{Attached, Detached, Local};

#[path = "watch.rs"]
mod watch;
pub use watch::*;

/// The screen at the test's end of the connection.
#[derive(Clone)]
struct Screen(Arc<Mutex<vt100::Parser>>);

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().process(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A terminal attached to a desk.
pub struct Terminal {
    screen: Arc<Mutex<vt100::Parser>>,
    keys: Sender<Local>,
    ended: Option<JoinHandle<Detached>>,
    /// Who the desk says the operator is.
    pub operator: String,
}

fn n(v: u16) -> NonZeroU16 {
    NonZeroU16::new(v).unwrap()
}

impl Terminal {
    /// Attaches a `cols`×`rows` terminal speaking `lang` (a `LANG` value) to
    /// the desk of `db`.
    pub fn attach(db: &Path, cols: u16, rows: u16, lang: &str) -> Terminal {
        let exports = std::env::temp_dir().join(format!("klachtdesk-attach-{}", std::process::id()));
        Terminal::attach_writing_to(db, cols, rows, lang, exports)
    }

    /// As [`Terminal::attach`], writing the files the operator asks for
    /// into `exports`, as `klachtdesk` writes them into the operator's folder.
    pub fn attach_writing_to(
        db: &Path,
        cols: u16,
        rows: u16,
        lang: &str,
        exports: std::path::PathBuf,
    ) -> Terminal {
        let info = TerminalInfo {
            cols,
            rows,
            term: "xterm-256color".into(),
            lang: Some(lang.into()),
            no_color: true,
            exports: Some(exports.clone()),
        };
        let attached =
            Attached::connect(db, Lang::En, None, info).unwrap_or_else(|e| panic!("attach: {e:?}"));
        let operator = attached.operator.clone();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(n(rows), n(cols), 0)));
        let (keys, local) = channel();
        let writer = Screen(screen.clone());
        let write = move |file: &klachtdesk::remote::frame::FileToWrite| {
            klachtdesk::app::effects::write_into(&exports, &file.path, &file.contents, file.replace, Lang::En)
        };
        let ended = thread::spawn(move || attached.run(&local, writer, write));
        Terminal {
            screen,
            keys,
            ended: Some(ended),
            operator,
        }
    }

    /// The terminal is now `cols`×`rows`.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(n(rows), n(cols));
        self.keys.send(Local::Resize { cols, rows }).unwrap();
    }

    /// Goes back to the board (Esc) and quits (q); waits for the desk to
    /// end the session, and says how it ended.
    pub fn quit(mut self) -> Detached {
        self.keys(ESC);
        self.keys(ESC);
        self.keys("q");
        let ended = self.ended.take().unwrap();
        let started = Instant::now();
        while !ended.is_finished() {
            assert!(
                started.elapsed() < PATIENCE,
                "the session did not end; the screen shows:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
        ended.join().unwrap()
    }
}

impl Watched for Terminal {
    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn keys(&self, bytes: &str) {
        self.keys.send(Local::Bytes(bytes.as_bytes().to_vec())).unwrap();
    }
}
