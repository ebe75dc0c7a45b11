//! The bytes an operator's terminal sends, as the events the board reacts
//! to: keys, pastes, mouse. A terminal sends each key as one or several bytes
//! (`ESC [ A` is ↑); the bytes are collected until they make an event, with
//! `terminput`'s parser (crossterm's own, as a library), and turned into
//! crossterm's events, which the app speaks.

use ratatui::crossterm::event::Event;

/// The longest sequence kept waiting for its end: a paste is one event, and
/// a paste longer than this is cut off rather than held without bound.
pub const MAX_PENDING: usize = 256 * 1024;

/// Bytes on their way to becoming events.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
}

impl InputParser {
    /// The events `bytes` complete, in order; bytes that start an event
    /// whose end has not come yet wait for the next call.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, byte) in bytes.iter().enumerate() {
            self.pending.push(*byte);
            let more = i + 1 < bytes.len();
            // A lone ESC is the Esc key only if nothing follows it at once:
            // otherwise it starts a sequence (crossterm decides the same way).
            if self.pending == [0x1b] && more {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        events.push(event);
                    }
                }
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                // Not an event, or far too long to become one: dropped.
                Ok(None) | Err(_) => self.pending.clear(),
            }
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    fn keys(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(KeyEvent { code, modifiers, .. }) => Some((*code, *modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keys_arrive_whole_however_the_bytes_are_split() {
        let mut parser = InputParser::default();
        assert_eq!(
            keys(&parser.feed(b"q\x1b[A\r\x13")),
            [
                (KeyCode::Char('q'), KeyModifiers::NONE),
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Char('s'), KeyModifiers::CONTROL),
            ]
        );
        // ↓ in three reads.
        assert!(parser.feed(b"\x1b[").is_empty() || keys(&parser.feed(b"")).is_empty());
        let mut parser = InputParser::default();
        let mut got = parser.feed(b"\x1b");
        got.extend(parser.feed(b"x"));
        assert_eq!(
            keys(&got)[0].0,
            KeyCode::Esc,
            "a lone ESC at the end of a read is Esc"
        );
        let mut parser = InputParser::default();
        assert_eq!(keys(&parser.feed("é日".as_bytes())).len(), 2);
    }

    #[test]
    fn a_paste_is_one_event_and_a_huge_one_is_not_held_for_ever() {
        let mut parser = InputParser::default();
        let events = parser.feed(b"\x1b[200~Jan Jansen\x1b[201~");
        assert!(
            matches!(&events[..], [Event::Paste(text)] if text == "Jan Jansen"),
            "{events:?}"
        );
        let mut huge = b"\x1b[200~".to_vec();
        huge.extend(std::iter::repeat_n(b'x', MAX_PENDING + 10));
        parser.feed(&huge);
        assert!(parser.pending.len() < MAX_PENDING, "cut off");
        assert_eq!(
            keys(&parser.feed(b"q")),
            [(KeyCode::Char('q'), KeyModifiers::NONE)]
        );
    }
}
