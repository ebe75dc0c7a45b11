//! What a session sends its terminal, in order, through a queue bounded in
//! bytes: a terminal that stops reading (a hung laptop, a hostile client)
//! makes its own session end once the queue is full, and never holds up the
//! desk or anybody else's board.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use super::screen::Sink;
use crate::remote::frame::ToTerminal;

/// Bytes a terminal may have waiting before its session is cut off: many
/// full screens at 200x60, far more than a terminal that reads ever has.
pub const MAX_WAITING: usize = 4 * 1024 * 1024;

/// The session's end of the queue.
#[derive(Debug, Clone)]
pub struct Outbox {
    frames: Sender<ToTerminal>,
    waiting: Arc<AtomicUsize>,
    max: usize,
}

/// The transport's end: what to send, in order.
#[derive(Debug)]
pub struct Frames {
    frames: Receiver<ToTerminal>,
    waiting: Arc<AtomicUsize>,
}

/// A queue for one terminal, cut off beyond `max` bytes waiting.
pub fn outbox(max: usize) -> (Outbox, Frames) {
    let (frames, received) = channel();
    let waiting = Arc::new(AtomicUsize::new(0));
    (
        Outbox {
            frames,
            waiting: waiting.clone(),
            max,
        },
        Frames {
            frames: received,
            waiting,
        },
    )
}

fn weight(frame: &ToTerminal) -> usize {
    match frame {
        ToTerminal::Output(bytes) => bytes.len(),
        ToTerminal::File(file) => file.contents.len(),
        ToTerminal::Exit { message, .. } => message.len(),
        ToTerminal::Heartbeat => 0,
    }
}

impl Outbox {
    /// Queues `frame`; an error when the terminal is too far behind or gone.
    pub fn send(&self, frame: ToTerminal) -> io::Result<()> {
        let weight = weight(&frame);
        let before = self.waiting.fetch_add(weight, Ordering::SeqCst);
        // The last frame (how the session ended) always goes.
        if before + weight > self.max && !matches!(frame, ToTerminal::Exit { .. }) {
            self.waiting.fetch_sub(weight, Ordering::SeqCst);
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                "the terminal is not reading",
            ));
        }
        self.frames.send(frame).map_err(|_| {
            self.waiting.fetch_sub(weight, Ordering::SeqCst);
            io::Error::from(io::ErrorKind::BrokenPipe)
        })
    }
}

impl Sink for Outbox {
    fn send(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        Outbox::send(self, ToTerminal::Output(bytes))
    }
}

impl Frames {
    /// The next frame; `None` once the session has ended and all is sent.
    pub fn recv(&self) -> Option<ToTerminal> {
        let frame = self.frames.recv().ok()?;
        self.waiting.fetch_sub(weight(&frame), Ordering::SeqCst);
        Some(frame)
    }

    /// The next frame within `wait`; `Err(true)` once the session has ended.
    pub fn recv_timeout(&self, wait: Duration) -> Result<ToTerminal, bool> {
        match self.frames.recv_timeout(wait) {
            Ok(frame) => {
                self.waiting.fetch_sub(weight(&frame), Ordering::SeqCst);
                Ok(frame)
            }
            Err(RecvTimeoutError::Timeout) => Err(false),
            Err(RecvTimeoutError::Disconnected) => Err(true),
        }
    }
}

impl Iterator for Frames {
    type Item = ToTerminal;

    fn next(&mut self) -> Option<ToTerminal> {
        self.recv()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_that_does_not_read_is_cut_off_and_one_that_reads_never() {
        let (outbox, frames) = outbox(1000);
        for _ in 0..100 {
            outbox.send(ToTerminal::Output(vec![b'x'; 600])).unwrap();
            assert!(frames.recv().is_some(), "read as it comes: no limit reached");
        }
        outbox.send(ToTerminal::Output(vec![b'x'; 600])).unwrap();
        let refused = outbox.send(ToTerminal::Output(vec![b'x'; 600]));
        assert_eq!(refused.unwrap_err().kind(), io::ErrorKind::WouldBlock);
        outbox
            .send(ToTerminal::Exit {
                code: 0,
                message: "bye".into(),
            })
            .expect("how it ended always goes");
    }
}
