//! What the tests do with a terminal on the desk, however it is connected
//! (the local socket, SSH): type, wait for the screen, fill in the intake.
//! Waits poll with a deadline and fail showing the screen.

use std::thread;
use std::time::{Duration, Instant};

/// How long one step may take before the test gives up on it: generous, for
/// a machine busy with other tests (a step that works takes milliseconds).
pub const PATIENCE: Duration = Duration::from_secs(15);

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const ESC: &str = "\x1b";
pub const DOWN: &str = "\x1b[B";
pub const CTRL_S: &str = "\x13";

pub trait Watched {
    /// The screen's text now.
    fn contents(&self) -> String;

    /// Sends `bytes` as typed.
    fn keys(&self, bytes: &str);

    /// Types `text` a character at a time, as a person does.
    fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.keys(&c.to_string());
        }
    }

    /// Waits until `ready` holds of the screen; how long that took.
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> Duration {
        let started = Instant::now();
        loop {
            let contents = self.contents();
            if ready(&contents) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < PATIENCE,
                "waited for {what}; the screen shows:\n{contents}"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the screen shows `text`; how long that took.
    fn wait_for(&self, text: &str) -> Duration {
        self.wait_until(text, |s| s.contains(text))
    }

    /// Sends `bytes` and waits for `text`.
    fn press_until(&self, bytes: &str, text: &str) {
        self.keys(bytes);
        self.wait_for(text);
    }

    /// The intake filled in as a caller rings: name, phone, service,
    /// description (not saved).
    fn fill_intake(&self, name: &str) {
        self.press_until("n", "New complaint");
        self.type_text(name);
        self.keys(TAB);
        self.type_text("06-12345678");
        self.keys(TAB);
        self.keys(TAB);
        self.keys(TAB);
        self.type_text("pen");
        self.wait_for("Penetration testing");
        self.keys(DOWN);
        self.keys(TAB);
        self.keys(TAB);
        self.keys(TAB);
        self.type_text("The report is late.");
        self.wait_for("The report is late.");
    }
}
