//! Records → table (comfy-table), Cilium-style text lines, or JSON; metric families →
//! Prometheus text ([`prometheus`]). The only code that writes command output.
//!
//! A [`Record`] names each of its fields once, through [`Visit::field`], with a JSON key
//! and a table title; table and JSON therefore always carry the same data. Lists are
//! streamed: JSON arrays are written row by row and text lines as they come, so a
//! million-entry map is never held in memory. Only tables are buffered (column widths).

pub mod bytes;
mod json;
pub mod prometheus;
mod table;

use std::fmt;
use std::io::{self, Write};
use std::net::Ipv4Addr;

pub use json::{push_json_str, push_record, push_value, write_json_str};

/// Output format chosen with `-o`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Tables and text lines for people.
    Table,
    /// JSON for scripts: a list is one array, a single object is an object.
    Json,
}

/// How a list looks to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Human {
    /// Aligned columns.
    Table,
    /// One line per record from [`Record::line`] (Cilium's `ct list` style), streamed.
    Lines,
}

/// A status cell: colored in tables on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
}

/// One field value.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Str(&'a str),
    U64(u64),
    I64(i64),
    Bool(bool),
    Ip(Ipv4Addr),
    /// Anything printable; a JSON string.
    Disp(&'a dyn fmt::Display),
    /// A list of names; JSON array, space-joined in tables.
    List(&'a [&'a str]),
    /// A list of lines; JSON array, one line each in a table cell.
    Lines(&'a [&'a str]),
    /// A list of numbers; JSON array, space-joined in tables.
    Nums(&'a [u64]),
    /// Absent: JSON null, "-" in tables.
    Null,
    /// Text with a tone.
    Status(Tone, &'a str),
}

/// Receives the fields of a record, in order.
pub trait Visit {
    /// `title` is the table column title; an empty title makes the field JSON-only
    /// (a detail scripts want, such as a raw flag word next to its names).
    fn field(&mut self, key: &'static str, title: &'static str, value: Value<'_>);
}

/// Something the tool reports.
pub trait Record {
    fn visit(&self, v: &mut dyn Visit);

    /// Appends the human text line (no newline), for lists shown as [`Human::Lines`].
    fn line(&self, buf: &mut Vec<u8>) {
        let mut t = table::LineVisit { buf, first: true };
        self.visit(&mut t);
    }

    /// Appends the record as a JSON object, the fields `visit` gives, when the record has
    /// a faster way than the visitor (the monitor's events); false to use the visitor.
    fn json(&self, _buf: &mut Vec<u8>, _scratch: &mut String) -> bool {
        false
    }
}

/// Where output goes, in which format and whether colored.
pub struct Output {
    w: io::BufWriter<Box<dyn Write>>,
    format: Format,
    color: bool,
    /// Rows are rendered here, then written in large pieces.
    row: Vec<u8>,
    /// Reused for formatted JSON fields.
    scratch: String,
}

/// Flush the row buffer to the writer once it holds this much.
const ROW_BUF: usize = 128 * 1024;

impl Output {
    pub fn new(w: Box<dyn Write>, format: Format, color: bool) -> Output {
        Output {
            w: io::BufWriter::with_capacity(ROW_BUF, w),
            format,
            color,
            row: Vec::with_capacity(2 * ROW_BUF),
            scratch: String::new(),
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Starts a list.
    pub fn list(&mut self, human: Human) -> io::Result<List<'_>> {
        if self.format == Format::Json {
            self.w.write_all(b"[")?;
        }
        Ok(List { out: self, human, rows: 0, table: None })
    }

    /// Writes a single object (a `get`, or the result of a change).
    pub fn one(&mut self, r: &dyn Record) -> io::Result<()> {
        match self.format {
            Format::Json => {
                json::push_record(&mut self.row, &mut self.scratch, r);
                self.row.push(b'\n');
            }
            Format::Table => {
                let mut t = table::Builder::new(self.color);
                t.add(r);
                self.w.write_all(&self.row)?;
                self.row.clear();
                t.print(&mut self.w)?;
            }
        }
        self.flush()
    }

    /// One record of a stream (`monitor`): a JSON Lines object `{"type": ..., "data": ...}`,
    /// or the record's text line. Buffered until [`Output::flush`] or the buffer fills.
    pub fn event(&mut self, ty: &str, r: &dyn Record) -> io::Result<()> {
        match self.format {
            Format::Json => {
                self.row.extend_from_slice(b"{\"type\":");
                json::push_json_str(&mut self.row, ty);
                self.row.extend_from_slice(b",\"data\":");
                if !r.json(&mut self.row, &mut self.scratch) {
                    json::push_record(&mut self.row, &mut self.scratch, r);
                }
                self.row.extend_from_slice(b"}\n");
            }
            Format::Table => {
                r.line(&mut self.row);
                self.row.push(b'\n');
            }
        }
        if self.row.len() >= ROW_BUF {
            self.w.write_all(&self.row)?;
            self.row.clear();
        }
        Ok(())
    }

    /// Bytes another writer formatted (a Hubble line, pcapng blocks), buffered like events
    /// until [`Output::flush`] or the buffer fills.
    pub fn append(&mut self, f: impl FnOnce(&mut Vec<u8>)) -> io::Result<()> {
        f(&mut self.row);
        if self.row.len() >= ROW_BUF {
            self.w.write_all(&self.row)?;
            self.row.clear();
        }
        Ok(())
    }

    /// A warning for people on stderr (JSON object on stderr with `-o json`).
    pub fn warn(&mut self, msg: &str) {
        self.stderr_line("warning", "ciliumrs: warning: ", msg);
    }

    /// A note for people on stderr (JSON object with `-o json`), such as "listening".
    pub fn info(&mut self, msg: &str) {
        self.stderr_line("info", "", msg);
    }

    /// `{"<key>": msg}` with `-o json`, else `<prefix>msg`, on stderr; failures to write
    /// there have nowhere to be reported.
    fn stderr_line(&self, key: &str, prefix: &str, msg: &str) {
        let mut e = io::stderr().lock();
        let _ = match self.format {
            Format::Json => {
                let _ = write!(e, "{{\"{key}\":");
                let _ = write_json_str(&mut e, msg);
                e.write_all(b"}\n")
            }
            Format::Table => writeln!(e, "{prefix}{msg}"),
        };
    }

    /// A table whose columns are known only at run time (`fleet`'s merge of other commands'
    /// JSON); with `-o json` the caller writes the rows itself.
    pub fn grid(&mut self, headers: &[String], rows: &[Vec<String>]) -> io::Result<()> {
        self.w.write_all(&self.row)?;
        self.row.clear();
        table::grid(self.color, headers, rows, &mut self.w)?;
        self.w.flush()
    }

    /// Metric families in Prometheus's text format.
    pub fn metrics(&mut self, families: &[prometheus::Family]) -> io::Result<()> {
        self.w.write_all(&self.row)?;
        self.row.clear();
        prometheus::write(&mut self.w, families)?;
        self.w.flush()
    }

    /// Bytes as they are (completion scripts).
    pub fn write_raw(&mut self, b: &[u8]) -> io::Result<()> {
        self.w.write_all(b)?;
        self.w.flush()
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.write_all(&self.row)?;
        self.row.clear();
        self.w.flush()
    }
}

/// A list being written.
pub struct List<'a> {
    out: &'a mut Output,
    human: Human,
    rows: usize,
    table: Option<table::Builder>,
}

impl List<'_> {
    pub fn row(&mut self, r: &dyn Record) -> io::Result<()> {
        let out = &mut *self.out;
        match (out.format, self.human) {
            (Format::Json, _) => {
                out.row.extend_from_slice(if self.rows == 0 { b"\n" } else { b",\n" });
                if !r.json(&mut out.row, &mut out.scratch) {
                    json::push_record(&mut out.row, &mut out.scratch, r);
                }
            }
            (Format::Table, Human::Lines) => {
                r.line(&mut out.row);
                out.row.push(b'\n');
            }
            (Format::Table, Human::Table) => {
                self.table.get_or_insert_with(|| table::Builder::new(out.color)).add(r);
            }
        }
        self.rows += 1;
        if out.row.len() >= ROW_BUF {
            out.w.write_all(&out.row)?;
            out.row.clear();
        }
        Ok(())
    }

    /// Ends the list and returns how many rows it had.
    pub fn finish(self) -> io::Result<usize> {
        let out = self.out;
        out.w.write_all(&out.row)?;
        out.row.clear();
        match out.format {
            Format::Json => out.w.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?,
            Format::Table => {
                if let Some(t) = self.table {
                    t.print(&mut out.w)?;
                }
            }
        }
        out.w.flush()?;
        Ok(self.rows)
    }
}

/// The names of the bits set in `bits`, in `table`'s order, written to the front of
/// `out`; how many (a table longer than `out` is cut).
pub fn bit_names<T, const N: usize>(
    bits: T,
    table: &[(T, &'static str)],
    out: &mut [&'static str; N],
) -> usize
where
    T: Copy + std::ops::BitAnd<Output = T> + PartialEq + Default,
{
    let mut n = 0;
    for &(bit, name) in table {
        if bits & bit != T::default() && n < N {
            out[n] = name;
            n += 1;
        }
    }
    n
}

/// When stdout is a pipe, asks for a 1 MiB pipe buffer (the unprivileged maximum by
/// default) instead of 64 KiB: a million-row listing then hands its reader 16x fewer,
/// larger chunks, and the two sides switch 16x less often. A larger pipe is left as it is;
/// a refusal changes nothing.
pub fn widen_stdout_pipe() {
    // SAFETY: fstat into a zeroed struct we own; fcntl on our own stdout descriptor.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(1, &mut st) == 0
            && st.st_mode & libc::S_IFMT == libc::S_IFIFO
            && libc::fcntl(1, libc::F_GETPIPE_SZ) < 1 << 20
        {
            let _ = libc::fcntl(1, libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
}

/// Whether to color: `--color always|never`, or on a terminal unless NO_COLOR is set.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Lowercase hex of a byte string, for `--raw` output.
pub struct Hex<'a>(pub &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    struct Row(u64, &'static str);
    impl Record for Row {
        fn visit(&self, v: &mut dyn Visit) {
            v.field("id", "ID", Value::U64(self.0));
            v.field("name", "NAME", Value::Str(self.1));
            v.field("raw", "", Value::Null);
        }
    }

    fn render(format: Format, human: Human, rows: &[Row]) -> String {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let mut out = Output::new(Box::new(Shared(buf.clone())), format, false);
        let mut l = out.list(human).unwrap();
        for r in rows {
            l.row(r).unwrap();
        }
        l.finish().unwrap();
        String::from_utf8(buf.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn json_list_reads_back() {
        let s = render(Format::Json, Human::Table, &[Row(1, "a\"b"), Row(2, "c\n")]);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v[0]["id"], 1);
        assert_eq!(v[0]["name"], "a\"b");
        assert_eq!(v[1]["name"], "c\n");
        assert!(v[1]["raw"].is_null());
        assert_eq!(render(Format::Json, Human::Table, &[]).trim(), "[]");
    }

    #[test]
    fn one_object_is_written_once() {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let mut out = Output::new(Box::new(Shared(buf.clone())), Format::Json, false);
        out.one(&Row(1, "a")).unwrap();
        out.flush().unwrap();
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["id"], 1);
    }

    #[test]
    fn table_and_lines_carry_same_fields() {
        let t = render(Format::Table, Human::Table, &[Row(7, "x")]);
        assert!(t.contains("ID") && t.contains("NAME") && t.contains('7'));
        let l = render(Format::Table, Human::Lines, &[Row(7, "x")]);
        assert_eq!(l, "id=7 name=x\n");
    }
}
