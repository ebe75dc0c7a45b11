//! JSON laid out for people, as `serde_json`'s pretty printer does, and on a
//! terminal with every hostile character in a string (which JSON allows raw)
//! written as a `\uXXXX` escape, so that the text reads back the same.

use std::io::{self, Write};

use serde_json::ser::PrettyFormatter;

use crate::sanitize::escape_with;

pub struct Formatter {
    pretty: PrettyFormatter<'static>,
    escape: bool,
}

impl Formatter {
    /// Pretty JSON; with `escape`, hostile characters escaped.
    pub fn new(escape: bool) -> Self {
        Formatter {
            pretty: PrettyFormatter::new(),
            escape,
        }
    }

    fn text<W: ?Sized + Write>(&self, w: &mut W, text: &str) -> io::Result<()> {
        if !self.escape {
            return w.write_all(text.as_bytes());
        }
        let escaped = escape_with(text, |c, out| {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        });
        w.write_all(escaped.as_bytes())
    }
}

impl serde_json::ser::Formatter for Formatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        self.text(w, fragment)
    }

    /// JSON kept as it was read: outside its strings it is ASCII, so the
    /// escapes can only land inside them.
    fn write_raw_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        self.text(w, fragment)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}
