//! The one table of key bindings. The defaults are an embedded TOML file
//! (`assets/keymap.toml`); the configuration's `[keys]` table overrides single
//! actions. The footer and the help overlay are generated from this table, so
//! they cannot drift from what the keys do.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

const DEFAULT: &str = include_str!("../assets/keymap.toml");

pub use crate::action::Context;

/// A key with its modifiers, as written in the keymap: `q`, `ctrl-s`, `shift-tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Chord {
    /// A key event as a chord: the shift of a typed character is in the character.
    pub fn of(key: &KeyEvent) -> Chord {
        let mut modifiers = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            KeyCode::BackTab => {
                modifiers |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            KeyCode::Char(c) => {
                modifiers -= KeyModifiers::SHIFT;
                KeyCode::Char(if modifiers.is_empty() {
                    c
                } else {
                    c.to_ascii_lowercase()
                })
            }
            other => other,
        };
        Chord { code, modifiers }
    }

    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break;
            }
            modifiers |= m;
            rest = &rest[len..];
        }
        let named = match rest.to_ascii_lowercase().as_str() {
            "enter" => Some(KeyCode::Enter),
            "esc" => Some(KeyCode::Esc),
            "tab" => Some(KeyCode::Tab),
            "backspace" => Some(KeyCode::Backspace),
            "delete" => Some(KeyCode::Delete),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pageup" => Some(KeyCode::PageUp),
            "pagedown" => Some(KeyCode::PageDown),
            "space" => Some(KeyCode::Char(' ')),
            f if f.len() >= 2 && f.starts_with('f') => f[1..]
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=12).contains(n))
                .map(KeyCode::F),
            _ => None,
        };
        let code = match named {
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("\"{text}\" is not a key")),
                }
            }
        };
        let event = KeyEvent::new(code, modifiers);
        Ok(Chord::of(&event))
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl+")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt+")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift+")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.modifiers.is_empty() => write!(f, "{c}"),
            KeyCode::Char(c) => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The keys of one action, as written in the TOML.
pub type Table = BTreeMap<Context, BTreeMap<Action, Vec<String>>>;

/// Key bindings per context, in the order the defaults list them.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<(Context, Action, Vec<Chord>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::from_toml(DEFAULT, &Table::new()).expect("the embedded keymap is valid")
    }
}

impl Keymap {
    /// The defaults with the configuration's overrides: each overridden action
    /// gets exactly the keys the configuration names.
    pub fn with_overrides(overrides: &Table) -> Result<Keymap, String> {
        Self::from_toml(DEFAULT, overrides)
    }

    fn from_toml(defaults: &str, overrides: &Table) -> Result<Keymap, String> {
        // Keep the defaults' order for the help overlay: parse them as an
        // ordered document rather than into maps.
        let doc: toml::Table = toml::from_str(defaults).map_err(|e| e.to_string())?;
        let mut bindings = Vec::new();
        for (context_name, actions) in &doc {
            let context = parse_name::<Context>(context_name)?;
            let Some(actions) = actions.as_table() else {
                continue;
            };
            for (action_name, keys) in actions {
                let action = parse_name::<Action>(action_name)?;
                let keys: Vec<String> = keys
                    .as_array()
                    .map(|a| a.iter().filter_map(|k| k.as_str().map(String::from)).collect())
                    .unwrap_or_default();
                bindings.push((context, action, keys));
            }
        }
        for (context, actions) in overrides {
            for (action, keys) in actions {
                match bindings.iter_mut().find(|(c, a, _)| c == context && a == action) {
                    Some(binding) => binding.2 = keys.clone(),
                    None => bindings.push((*context, *action, keys.clone())),
                }
            }
        }
        let bindings = bindings
            .into_iter()
            .map(|(context, action, keys)| {
                let chords = keys
                    .iter()
                    .map(|k| Chord::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((context, action, chords))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Keymap { bindings })
    }

    /// The action a key triggers in a context, if any.
    pub fn action(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        let chord = Chord::of(key);
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|(c, _, chords)| *c == ctx && chords.contains(&chord))
                .map(|(_, action, _)| *action)
        };
        find(context).or_else(|| {
            if context.with_global() {
                find(Context::Global)
            } else {
                None
            }
        })
    }

    /// The bindings that apply in a context, its own first, then the global ones.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<Chord>)> {
        let own: Vec<&(Context, Action, Vec<Chord>)> =
            self.bindings.iter().filter(|(c, _, _)| *c == context).collect();
        let shadowed = |chord: &Chord| own.iter().any(|(_, _, chords)| chords.contains(chord));
        let mut out: Vec<(Action, Vec<Chord>)> = own
            .iter()
            .map(|(_, action, chords)| (*action, chords.clone()))
            .collect();
        if context.with_global() {
            // A global key the place binds to something else does that here.
            for (_, action, chords) in self.bindings.iter().filter(|(c, _, _)| *c == Context::Global) {
                out.push((*action, chords.iter().filter(|c| !shadowed(c)).copied().collect()));
            }
        }
        out.retain(|(_, chords)| !chords.is_empty());
        out
    }

    /// A context's own bindings, without the global ones, for the help.
    pub fn own_bindings(&self, context: Context) -> Vec<(Action, &[Chord])> {
        self.bindings
            .iter()
            .filter(|(c, _, chords)| *c == context && !chords.is_empty())
            .map(|(_, action, chords)| (*action, chords.as_slice()))
            .collect()
    }

    /// The first key of an action in a context, for hints such as "press n".
    pub fn key_of(&self, context: Context, action: Action) -> Option<Chord> {
        self.bindings(context)
            .into_iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, c)| c.first().copied())
    }
}

/// A context or action name, checked by its own serde derive.
fn parse_name<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, String> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
    T::deserialize(de).map_err(|_| format!("unknown name \"{name}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn chords_read_as_written() {
        assert_eq!(
            Chord::parse("ctrl-s").unwrap(),
            Chord::of(&key(KeyCode::Char('s'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            Chord::parse("shift-tab").unwrap(),
            Chord::of(&key(KeyCode::BackTab, KeyModifiers::SHIFT))
        );
        assert_eq!(
            Chord::parse("G").unwrap(),
            Chord::of(&key(KeyCode::Char('G'), KeyModifiers::SHIFT))
        );
        assert_eq!(Chord::parse("f1").unwrap().to_string(), "F1");
        assert_eq!(Chord::parse("ctrl-s").unwrap().to_string(), "Ctrl+S");
        assert_eq!(Chord::parse("ctrl--").unwrap().to_string(), "Ctrl+-");
        assert!(Chord::parse("ctrl-").is_err());
        assert!(Chord::parse("enterr").is_err());
    }

    #[test]
    fn the_defaults_bind_what_the_screens_need() {
        let map = Keymap::default();
        let press = |ctx, code| map.action(ctx, &key(code, KeyModifiers::NONE));
        assert_eq!(press(Context::Board, KeyCode::Char('n')), Some(Action::NewCase));
        assert_eq!(press(Context::Board, KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(press(Context::Case, KeyCode::Esc), Some(Action::Back));
        // While typing, letters are text, not commands.
        assert_eq!(press(Context::Form, KeyCode::Char('n')), None);
        assert_eq!(press(Context::Search, KeyCode::Char('q')), None);
        assert_eq!(
            map.action(Context::Form, &key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
        for context in Context::HELP_ORDER {
            assert!(!map.own_bindings(context).is_empty(), "{context:?} has keys");
        }
    }

    #[test]
    fn the_configuration_replaces_single_actions() {
        let overrides: Table =
            toml::from_str("[global]\nquit = [\"ctrl-q\"]\n[form]\nsave = [\"f10\"]").unwrap();
        let map = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(
            map.action(Context::Board, &key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            map.action(Context::Board, &key(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(Context::Form, &key(KeyCode::F(10), KeyModifiers::NONE)),
            Some(Action::Save)
        );
        assert_eq!(
            map.key_of(Context::Form, Action::Save).unwrap().to_string(),
            "F10"
        );
        let bad: Table = toml::from_str("[board]\nquit = [\"hyper-q\"]").unwrap();
        assert!(Keymap::with_overrides(&bad).unwrap_err().contains("hyper-q"));
        assert!(
            toml::from_str::<Table>("[board]\nfly = [\"f\"]").is_err(),
            "unknown actions are refused"
        );
    }
}
