//! The screen of one scripted operator: what the desk sends is fed into a
//! terminal emulator as it arrives (on the terminal's own reading thread), and
//! the moment a text first shows in the header is noted there — so that a
//! slow reader elsewhere does not move anybody's figure.

use std::io::{self, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What the reading thread has seen.
#[derive(Debug, Default)]
struct Seen {
    /// The header line (the screen's first row) as it stands.
    header: String,
    /// Whether anything has been drawn yet, and when it first was.
    first_drawn: Option<Instant>,
    /// The text being waited for, and when it first showed in the header.
    awaited: Option<String>,
    shown_at: Option<Instant>,
    bytes: u64,
    /// The terminal is gone: nothing more will be drawn.
    closed: bool,
}

#[derive(Debug, Default)]
struct Shared {
    seen: Mutex<Seen>,
    changed: Condvar,
}

/// One operator's screen, as the benchmark watches it.
#[derive(Debug, Clone, Default)]
pub struct Watched(Arc<Shared>);

/// Where the bytes the desk draws for one terminal go: a terminal emulator of
/// the terminal's size.
pub struct Emulator {
    parser: vt100::Parser,
    cols: u16,
    watched: Watched,
}

impl Watched {
    /// An emulator of `cols` × `rows` that reports to this screen.
    pub fn emulator(&self, cols: u16, rows: u16) -> Emulator {
        let size = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
        Emulator {
            parser: vt100::Parser::new(size(rows), size(cols), 0),
            cols,
            watched: self.clone(),
        }
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.0.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until `done` holds of what was seen, or `wait` has passed, or
    /// the terminal is gone.
    fn wait_until<T>(&self, wait: Duration, done: impl Fn(&Seen) -> Option<T>) -> Option<T> {
        let deadline = Instant::now() + wait;
        let mut seen = self.seen();
        loop {
            if let Some(found) = done(&seen) {
                return Some(found);
            }
            if seen.closed {
                return None;
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            seen = self
                .0
                .changed
                .wait_timeout(seen, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// When the first screen arrived, waiting up to `wait` for it.
    pub fn first_drawn(&self, wait: Duration) -> Option<Instant> {
        self.wait_until(wait, |s| s.first_drawn.filter(|_| !s.header.trim().is_empty()))
    }

    /// The header line as it stands.
    pub fn header(&self) -> String {
        self.seen().header.clone()
    }

    /// Starts watching for `text` in the header; the moment it first shows
    /// is noted as the screen is drawn.
    pub fn expect(&self, text: &str) {
        let mut seen = self.seen();
        seen.shown_at = seen.header.contains(text).then(Instant::now);
        seen.awaited = Some(text.to_string());
    }

    /// When the text last expected showed, waiting up to `wait` for it.
    pub fn shown(&self, wait: Duration) -> Option<Instant> {
        self.wait_until(wait, |s| s.shown_at)
    }

    /// How many bytes the desk has sent this screen.
    pub fn bytes(&self) -> u64 {
        self.seen().bytes
    }

    /// Whether the terminal is gone.
    pub fn closed(&self) -> bool {
        self.seen().closed
    }
}

impl Write for Emulator {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.parser.process(buf);
        let header = self.parser.screen().rows(0, self.cols).next().unwrap_or_default();
        let now = Instant::now();
        let mut seen = self.watched.seen();
        seen.bytes += buf.len() as u64;
        seen.first_drawn.get_or_insert(now);
        if seen.shown_at.is_none() && seen.awaited.as_ref().is_some_and(|t| header.contains(t.as_str())) {
            seen.shown_at = Some(now);
        }
        seen.header = header;
        drop(seen);
        self.watched.0.changed.notify_all();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The terminal's reading thread lets go of its screen when the connection
/// ends: whoever waits for it stops waiting.
impl Drop for Emulator {
    fn drop(&mut self) {
        self.watched.seen().closed = true;
        self.watched.0.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_a_text_shows_in_the_header_is_noted() {
        let watched = Watched::default();
        let mut emulator = watched.emulator(40, 5);
        assert_eq!(watched.first_drawn(Duration::ZERO), None);
        emulator.write_all(b"\x1b[1;1Hklachtdesk   open 12").unwrap();
        assert!(watched.first_drawn(Duration::ZERO).is_some());
        assert!(watched.header().contains("open 12"));
        watched.expect("open 13");
        assert_eq!(watched.shown(Duration::from_millis(10)), None);
        // Further down the screen is not the header.
        emulator.write_all(b"\x1b[3;1Hopen 13").unwrap();
        assert_eq!(watched.shown(Duration::ZERO), None);
        let before = Instant::now();
        emulator.write_all(b"\x1b[1;20H3").unwrap();
        let shown = watched.shown(Duration::ZERO).expect("noted");
        assert!(shown >= before);
        assert!(watched.bytes() > 20);
    }

    #[test]
    fn nobody_waits_for_a_screen_whose_terminal_is_gone() {
        let watched = Watched::default();
        let emulator = watched.emulator(40, 5);
        watched.expect("open 13");
        let waiting = {
            let watched = watched.clone();
            std::thread::spawn(move || watched.shown(Duration::from_secs(30)))
        };
        drop(emulator);
        assert_eq!(waiting.join().unwrap(), None);
        assert!(watched.closed());
    }
}
