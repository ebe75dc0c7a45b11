//! A screen drawn for a terminal at the other end of a connection: ratatui's
//! crossterm backend writing into a buffer, which is sent off whole at each
//! flush. Its size is the one the terminal last reported (never the size of
//! the terminal this process may have), and the cursor is where it was last
//! put (this process cannot ask the far terminal).

use std::io::{self, Write};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Where the bytes of a drawn screen go.
pub trait Sink: Send {
    /// Sends one screen's worth of bytes; an error ends the session.
    fn send(&mut self, bytes: Vec<u8>) -> io::Result<()>;
}

/// The terminal's size, shared between the reader that hears of a resize and
/// the session that draws.
#[derive(Debug, Clone)]
pub struct SharedSize(Arc<AtomicU32>);

impl SharedSize {
    pub fn new(width: u16, height: u16) -> SharedSize {
        let size = SharedSize(Arc::new(AtomicU32::new(0)));
        size.set(width, height);
        size
    }

    /// A size of zero is taken as one cell, so that drawing never divides by it.
    pub fn set(&self, width: u16, height: u16) {
        let packed = (u32::from(width.max(1)) << 16) | u32::from(height.max(1));
        self.0.store(packed, Ordering::SeqCst);
    }

    pub fn get(&self) -> Size {
        let packed = self.0.load(Ordering::SeqCst);
        Size::new((packed >> 16) as u16, (packed & 0xffff) as u16)
    }
}

/// Bytes collected between flushes, where the backend writes them and the
/// screen takes them from.
#[derive(Debug, Default, Clone)]
pub struct Collected(Arc<Mutex<Vec<u8>>>);

impl Collected {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Collected {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The backend a remote session draws with.
pub struct Screen {
    inner: CrosstermBackend<Collected>,
    collected: Collected,
    size: SharedSize,
    cursor: Position,
    sink: Box<dyn Sink>,
}

impl Screen {
    pub fn new(size: SharedSize, sink: Box<dyn Sink>) -> Screen {
        let collected = Collected::default();
        Screen {
            inner: CrosstermBackend::new(collected.clone()),
            collected,
            size,
            cursor: Position::ORIGIN,
            sink,
        }
    }

    /// Writes `bytes` (terminal modes, the clipboard) with the next screen.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.collected.write_all(bytes)
    }

    /// Sends what was written since the last flush.
    pub fn send(&mut self) -> io::Result<()> {
        let bytes = self.collected.take();
        if bytes.is_empty() {
            return Ok(());
        }
        self.sink.send(bytes)
    }
}

impl Backend for Screen {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size.get())
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size.get(),
            pixels: Size::ZERO,
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)?;
        self.send()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    use super::*;

    fn n(v: u16) -> std::num::NonZeroU16 {
        std::num::NonZeroU16::new(v).unwrap()
    }

    struct ToChannel(mpsc::Sender<Vec<u8>>);

    impl Sink for ToChannel {
        fn send(&mut self, bytes: Vec<u8>) -> io::Result<()> {
            self.0.send(bytes).map_err(io::Error::other)
        }
    }

    #[test]
    fn a_drawn_screen_goes_off_whole_at_the_terminals_size() {
        let (tx, rx) = mpsc::channel();
        let size = SharedSize::new(20, 3);
        let mut terminal = Terminal::new(Screen::new(size.clone(), Box::new(ToChannel(tx)))).unwrap();
        terminal
            .draw(|f| f.render_widget(Paragraph::new("Jan Jansen"), f.area()))
            .unwrap();
        let sent: Vec<u8> = rx.try_iter().flatten().collect();
        let mut screen = vt100::Parser::new(n(3), n(20), 0);
        screen.process(&sent);
        assert!(screen.screen().contents().starts_with("Jan Jansen"));

        size.set(30, 5);
        terminal
            .draw(|f| {
                assert_eq!(f.area().width, 30, "the terminal's new size");
                f.render_widget(Paragraph::new("K-2026-0001"), f.area());
            })
            .unwrap();
        let sent: Vec<u8> = rx.try_iter().flatten().collect();
        let mut screen = vt100::Parser::new(n(5), n(30), 0);
        screen.process(&sent);
        assert!(screen.screen().contents().contains("K-2026-0001"));
    }
}
