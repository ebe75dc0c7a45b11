//! Where a command's data goes: standard output, or a file. Written exactly
//! as it is for a program reading it (a pipe, a file), but made harmless for a
//! person reading it on a terminal: text and CSV show hostile characters
//! visibly escaped (`\u{1b}`, see [`crate::sanitize::is_hostile`]), JSON
//! writes them as `\uXXXX` escapes, which is still the same JSON. Every
//! command that prints data writes it through here.

mod json;

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use serde::Serialize;

pub use json::Formatter;

use super::Failure;
use crate::i18n::{Lang, T};
use crate::sanitize::visible;

/// A writer that knows whether a person reads it on a terminal.
pub struct Output<W: Write> {
    inner: W,
    terminal: bool,
    /// On a terminal: what was written since the last line break, escaped
    /// once its line is complete (an escape needs the characters around it,
    /// and a character may come in two writes).
    pending: Vec<u8>,
}

/// Standard output, buffered: Rust's own writes every line at once, which
/// for a list of 10,000 cases is 10,000 system calls.
pub type Stdout = BufWriter<StdoutLock<'static>>;

impl Output<Stdout> {
    /// Standard output, escaped when it is a terminal.
    pub fn stdout() -> Self {
        let out = io::stdout();
        let terminal = out.is_terminal();
        Output::new(BufWriter::with_capacity(64 * 1024, out.lock()), terminal)
    }
}

impl<W: Write> Output<W> {
    /// `inner`, escaped when `terminal` (a file or a pipe is written as it is).
    pub fn new(inner: W, terminal: bool) -> Self {
        Output {
            inner,
            terminal,
            pending: Vec::new(),
        }
    }

    /// How JSON is laid out here: pretty, escaped on a terminal.
    pub fn json_formatter(&self) -> Formatter {
        Formatter::new(self.terminal)
    }

    /// `value` as pretty JSON and a line break.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        let formatter = self.json_formatter();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut *self, formatter))?;
        self.write_all(b"\n")
    }

    /// Escapes and writes the complete lines of `pending`; with `all`, the rest too.
    fn drain(&mut self, all: bool) -> io::Result<()> {
        let end = if all {
            self.pending.len()
        } else {
            match self.pending.iter().rposition(|&b| b == b'\n') {
                Some(at) => at + 1,
                None => return Ok(()),
            }
        };
        let text = String::from_utf8_lossy(&self.pending[..end]).into_owned();
        self.pending.drain(..end);
        for line in text.split_inclusive('\n') {
            // A line break written CR LF (as in CSV) is a line break on a
            // terminal too, not a carriage return to show.
            let body = line
                .strip_suffix("\r\n")
                .or_else(|| line.strip_suffix('\n'))
                .unwrap_or(line);
            self.inner.write_all(visible(body).as_bytes())?;
            self.inner.write_all(&line.as_bytes()[body.len()..])?;
        }
        Ok(())
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.terminal {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Output<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Writes to standard output through `write`. A reader that stopped reading
/// (`| head`) is not a failure; any other error is.
pub fn print(lang: Lang, write: impl FnOnce(&mut Output<Stdout>) -> io::Result<()>) -> Result<(), Failure> {
    let mut out = Output::stdout();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::Failed(lang.fill(T::OutputFailed, &[("reason", &e)])))
        }
        _ => Ok(()),
    }
}

/// `value` as pretty JSON on standard output.
pub fn print_json<T: Serialize + ?Sized>(lang: Lang, value: &T) -> Result<(), Failure> {
    print(lang, |out| out.json(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(terminal: bool, writes: &[&[u8]]) -> Vec<u8> {
        let mut bytes = Vec::new();
        {
            let mut out = Output::new(&mut bytes, terminal);
            for w in writes {
                out.write_all(w).unwrap();
            }
        }
        bytes
    }

    #[test]
    fn a_terminal_gets_text_escaped_and_a_pipe_as_it_is() {
        let text = "Jan\u{1b}]0;x\u{7}\u{202e}sen\r\nb\u{200b}\u{2028}c";
        assert_eq!(through(false, &[text.as_bytes()]), text.as_bytes());
        assert_eq!(
            String::from_utf8(through(true, &[text.as_bytes()])).unwrap(),
            "Jan\\u{1b}]0;x\\u{7}\\u{202e}sen\r\nb\\u{200b}\\u{2028}c"
        );
    }

    #[test]
    fn a_character_split_over_two_writes_is_escaped_whole() {
        let rlo = "\u{202e}".as_bytes();
        let shown = through(true, &[b"a", &rlo[..1], &rlo[1..], b"b\n"]);
        assert_eq!(String::from_utf8(shown).unwrap(), "a\\u{202e}b\n");
    }

    #[test]
    fn json_on_a_terminal_escapes_and_stays_the_same_json() {
        let value = serde_json::json!({"name\u{2067}": "Jan\u{9b}31m\u{1b}]52;c;eA==\u{7}\u{202e}\u{200b}\u{2028}👩\u{200d}👧"});
        let mut bytes = Vec::new();
        Output::new(&mut bytes, true).json(&value).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let raw = [
            '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2067}', '\u{200b}', '\u{2028}',
        ];
        assert!(!text.contains(raw), "{text}");
        assert!(text.contains("👩\u{200d}👧"), "{text}");
        assert!(
            text.contains(r"Jan\u009b31m\u001b]52;c;eA==\u0007\u202e\u200b\u2028"),
            "{text}"
        );
        assert!(text.contains(r"name\u2067"), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
        let mut piped = Vec::new();
        Output::new(&mut piped, false).json(&value).unwrap();
        let expected = serde_json::to_string_pretty(&value).unwrap() + "\n";
        assert_eq!(String::from_utf8(piped).unwrap(), expected);
    }
}
