//! The one place colours are chosen. With NO_COLOR set, nothing is coloured and
//! emphasis is bold, reversed or underlined only; badges stay readable as text.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::clock::ClockStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
}

/// How urgent a deadline badge is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Breached,
    Soon,
    OnTrack,
    Quiet,
}

impl Urgency {
    /// Breached red, due today or the next working day amber, on track green,
    /// not started or met grey; waiting for information grey, amber once it is
    /// time to chase the complainant.
    pub fn of(status: &ClockStatus) -> Urgency {
        match status {
            ClockStatus::Breached { .. } => Urgency::Breached,
            ClockStatus::DueToday { .. } => Urgency::Soon,
            ClockStatus::OnTrack {
                working_days_left, ..
            } if *working_days_left <= 1 => Urgency::Soon,
            ClockStatus::OnTrack { .. } => Urgency::OnTrack,
            ClockStatus::Paused { chase: true, .. } => Urgency::Soon,
            ClockStatus::Paused { .. } | ClockStatus::NotStarted | ClockStatus::Met(_) => Urgency::Quiet,
        }
    }
}

impl Theme {
    pub fn new(colour: bool) -> Theme {
        Theme { colour }
    }

    /// Colour unless NO_COLOR is set (to anything non-empty).
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }

    fn fg(&self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    pub fn urgency(&self, urgency: Urgency) -> Style {
        match urgency {
            Urgency::Breached => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Urgency::Soon => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Urgency::OnTrack => self.fg(Color::Green),
            Urgency::Quiet => self.muted(),
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// A hint in a form, as against a value typed or chosen: dim and italic
    /// (its text says it too, in brackets or after `·`, for NO_COLOR).
    pub fn hint(&self) -> Style {
        self.muted().add_modifier(Modifier::ITALIC)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::Rgb(40, 50, 70))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn required(&self) -> Style {
        self.fg(Color::Yellow)
    }
}
