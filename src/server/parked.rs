//! Boards whose connection was lost (a laptop lid, Wi-Fi, a terminal that
//! stopped reading) or that closed for want of a key, kept as they were —
//! open forms and what was typed in them — for the operator's next
//! connection within [`KEPT_FOR`].

use std::collections::HashMap;
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use crate::app::App;

/// How long a lost board waits for its operator.
pub const KEPT_FOR: Duration = Duration::from_secs(15 * 60);

/// Lost boards kept per operator; the oldest goes first.
const PER_OPERATOR: usize = 4;

/// A lost board, and when it was lost.
type Kept = (Instant, Box<App>);

#[derive(Default)]
pub struct Parked {
    boards: Mutex<HashMap<String, Vec<Kept>>>,
}

impl std::fmt::Debug for Parked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parked")
            .field(
                "boards",
                &self.boards.lock().values().map(Vec::len).sum::<usize>(),
            )
            .finish()
    }
}

impl Parked {
    /// Keeps `app`, its operator's board, for their next connection.
    pub fn park(&self, app: App) {
        let mut boards = self.boards.lock();
        let kept = boards.entry(app.operator.clone()).or_default();
        kept.retain(|(at, _)| at.elapsed() < KEPT_FOR);
        if kept.len() >= PER_OPERATOR {
            kept.remove(0);
        }
        kept.push((Instant::now(), Box::new(app)));
    }

    /// The board `operator` lost last, if it is still kept.
    pub fn take(&self, operator: &str) -> Option<App> {
        let mut boards = self.boards.lock();
        let kept = boards.get_mut(operator)?;
        kept.retain(|(at, _)| at.elapsed() < KEPT_FOR);
        let app = kept.pop().map(|(_, app)| *app);
        if kept.is_empty() {
            boards.remove(operator);
        }
        app
    }
}
