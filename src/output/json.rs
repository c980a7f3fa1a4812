//! JSON writing without an intermediate tree: fields go straight to the writer.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::net::Ipv4Addr;

use super::{Record, Value, Visit};

/// Writes `s` as a JSON string literal.
pub fn write_json_str(w: &mut dyn Write, s: &str) -> io::Result<()> {
    w.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        w.write_all(&bytes[start..i])?;
        match esc {
            Some(e) => w.write_all(e)?,
            None => write!(w, "\\u{b:04x}")?,
        }
        start = i + 1;
    }
    w.write_all(&bytes[start..])?;
    w.write_all(b"\"")
}

fn write_ip(w: &mut dyn Write, ip: Ipv4Addr) -> io::Result<()> {
    let o = ip.octets();
    let mut buf = [0u8; 17];
    let mut n = 0;
    buf[n] = b'"';
    n += 1;
    for (i, x) in o.iter().enumerate() {
        if i > 0 {
            buf[n] = b'.';
            n += 1;
        }
        let mut f = itoa::Buffer::new();
        let s = f.format(*x).as_bytes();
        buf[n..n + s.len()].copy_from_slice(s);
        n += s.len();
    }
    buf[n] = b'"';
    n += 1;
    w.write_all(&buf[..n])
}

struct JsonVisit<'w> {
    w: &'w mut dyn Write,
    first: bool,
    scratch: String,
    err: Option<io::Error>,
}

impl JsonVisit<'_> {
    fn write(&mut self, key: &str, value: Value<'_>) -> io::Result<()> {
        let w = &mut *self.w;
        w.write_all(if self.first { b"{\"" } else { b",\"" })?;
        self.first = false;
        w.write_all(key.as_bytes())?;
        w.write_all(b"\":")?;
        match value {
            Value::Str(s) | Value::Status(_, s) => write_json_str(w, s),
            Value::U64(n) => w.write_all(itoa::Buffer::new().format(n).as_bytes()),
            Value::I64(n) => w.write_all(itoa::Buffer::new().format(n).as_bytes()),
            Value::Bool(b) => w.write_all(if b { b"true" } else { b"false" }),
            Value::Ip(ip) => write_ip(w, ip),
            Value::Null => w.write_all(b"null"),
            Value::Disp(d) => {
                self.scratch.clear();
                let _ = write!(self.scratch, "{d}");
                write_json_str(w, &self.scratch)
            }
            Value::List(items) => {
                w.write_all(b"[")?;
                for (i, s) in items.iter().enumerate() {
                    if i > 0 {
                        w.write_all(b",")?;
                    }
                    write_json_str(w, s)?;
                }
                w.write_all(b"]")
            }
        }
    }
}

impl Visit for JsonVisit<'_> {
    fn field(&mut self, key: &'static str, _title: &'static str, value: Value<'_>) {
        if self.err.is_none() {
            if let Err(e) = self.write(key, value) {
                self.err = Some(e);
            }
        }
    }
}

/// Writes one record as a JSON object (no trailing newline).
pub fn write_record(w: &mut dyn Write, r: &dyn Record) -> io::Result<()> {
    let mut v = JsonVisit { w, first: true, scratch: String::new(), err: None };
    r.visit(&mut v);
    if let Some(e) = v.err {
        return Err(e);
    }
    v.w.write_all(if v.first { b"{}" } else { b"}" })
}
