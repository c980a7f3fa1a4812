//! Tables for people, and the generic `key=value` line.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use super::{Record, Tone, Value, Visit};

pub(super) fn cell_text(value: &Value<'_>) -> String {
    match value {
        Value::Str(s) | Value::Status(_, s) => (*s).to_string(),
        Value::U64(n) => n.to_string(),
        Value::I64(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Ip(ip) => ip.to_string(),
        Value::Disp(d) => d.to_string(),
        Value::List(items) => items.join(" "),
        Value::Lines(items) => items.join("\n"),
        Value::Nums(items) => items.iter().map(u64::to_string).collect::<Vec<_>>().join(" "),
        Value::Null => "-".to_string(),
    }
}

/// Collects rows, then prints them aligned.
pub(super) struct Builder {
    table: Table,
    color: bool,
    header: bool,
}

struct RowVisit<'a> {
    titles: Vec<&'static str>,
    cells: Vec<Cell>,
    color: &'a bool,
}

impl Visit for RowVisit<'_> {
    fn field(&mut self, _key: &'static str, title: &'static str, value: Value<'_>) {
        if title.is_empty() {
            return;
        }
        self.titles.push(title);
        let mut cell = Cell::new(cell_text(&value));
        if let (true, Value::Status(tone, _)) = (*self.color, value) {
            cell = cell.fg(match tone {
                Tone::Good => Color::Green,
                Tone::Warn => Color::Yellow,
                Tone::Bad => Color::Red,
            });
        }
        self.cells.push(cell);
    }
}

impl Builder {
    pub(super) fn new(color: bool) -> Builder {
        let mut table = Table::new();
        table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled);
        if color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        Builder { table, color, header: false }
    }

    pub(super) fn add(&mut self, r: &dyn Record) {
        let mut v = RowVisit { titles: Vec::new(), cells: Vec::new(), color: &self.color };
        r.visit(&mut v);
        if !self.header {
            let color = self.color;
            self.table.set_header(v.titles.iter().map(|t| {
                let c = Cell::new(t);
                if color { c.add_attribute(Attribute::Bold) } else { c }
            }));
            self.header = true;
        }
        self.table.add_row(v.cells);
    }

    pub(super) fn print(&self, w: &mut dyn Write) -> io::Result<()> {
        for line in self.table.lines() {
            writeln!(w, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// A table of text cells under `headers` (columns known only at run time: `fleet`).
pub(super) fn grid(
    color: bool,
    headers: &[String],
    rows: &[Vec<String>],
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut b = Builder::new(color);
    b.table.set_header(headers.iter().map(|t| {
        let c = Cell::new(t);
        if color { c.add_attribute(Attribute::Bold) } else { c }
    }));
    for r in rows {
        b.table.add_row(r.iter().map(Cell::new));
    }
    b.print(w)
}

/// `key=value` pairs on one line: the default text line of a record.
pub(super) struct LineVisit<'b> {
    pub(super) buf: &'b mut Vec<u8>,
    pub(super) first: bool,
}

impl Visit for LineVisit<'_> {
    fn field(&mut self, key: &'static str, title: &'static str, value: Value<'_>) {
        if title.is_empty() {
            return;
        }
        if !self.first {
            self.buf.push(b' ');
        }
        self.first = false;
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.push(b'=');
        self.buf.extend_from_slice(cell_text(&value).as_bytes());
    }
}
