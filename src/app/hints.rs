//! A short line for a key that does nothing where it is pressed, so that no
//! key is met with silence.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, App};
use crate::i18n::T;
use crate::keymap::{Chord, Context};

/// A typed key that means nothing here: which key brings up the keys.
pub fn unbound(app: &mut App, key: &KeyEvent) {
    let typed = matches!(key.code, KeyCode::Char(_) | KeyCode::F(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if !typed {
        return;
    }
    let help = key_of(app, app.context(), Action::Help);
    let text = app
        .lang
        .fill(T::KeyUnbound, &[("key", &Chord::of(key)), ("help", &help)]);
    app.flash(text, false);
}

/// `j` in English, where it does not mean yes: which keys do.
pub fn yes_keys(app: &mut App) {
    let text = app.lang.fill(
        T::YesKeysHint,
        &[
            ("yes", &key_of(app, Context::Confirm, Action::Yes)),
            ("no", &key_of(app, Context::Confirm, Action::No)),
        ],
    );
    app.flash(text, false);
}

fn key_of(app: &App, context: Context, action: Action) -> String {
    app.keymap
        .key_of(context, action)
        .or_else(|| app.keymap.key_of(Context::Global, action))
        .map(|k| k.to_string())
        .unwrap_or_default()
}
