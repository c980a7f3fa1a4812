//! JSON writing without an intermediate tree: fields are appended straight to a reused
//! byte buffer (no allocation per row, no `fmt` machinery for numbers and addresses).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::bytes::Sink;
use super::{Record, Value, Visit};

/// Appends `s` as a JSON string literal.
pub fn push_json_str(buf: &mut impl Sink, s: &str) {
    buf.put(b"\"");
    let bytes = s.as_bytes();
    // Most strings need no escape: one pass that the compiler can vectorise, one copy.
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        buf.put(bytes);
        buf.put(b"\"");
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => b"",
            _ => continue,
        };
        buf.put(&bytes[start..i]);
        if esc.is_empty() {
            buf.put(b"\\u00");
            buf.hex_bytes(&[b]);
        } else {
            buf.put(esc);
        }
        start = i + 1;
    }
    buf.put(&bytes[start..]);
    buf.put(b"\"");
}

/// Writes `s` as a JSON string literal (for errors and warnings).
pub fn write_json_str(w: &mut dyn Write, s: &str) -> io::Result<()> {
    let mut buf = Vec::with_capacity(s.len() + 2);
    push_json_str(&mut buf, s);
    w.write_all(&buf)
}

struct JsonVisit<'b> {
    buf: &'b mut Vec<u8>,
    first: bool,
    scratch: &'b mut String,
}

impl Visit for JsonVisit<'_> {
    fn field(&mut self, key: &'static str, _title: &'static str, value: Value<'_>) {
        let buf = &mut *self.buf;
        buf.extend_from_slice(if self.first { b"{\"" } else { b",\"" });
        self.first = false;
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(b"\":");
        push_value(buf, self.scratch, value);
    }
}

/// Appends one value in JSON; `scratch` is reused for values that are formatted text.
pub fn push_value(buf: &mut impl Sink, scratch: &mut String, value: Value<'_>) {
    match value {
        Value::Str(s) | Value::Status(_, s) => push_json_str(buf, s),
        Value::U64(n) => buf.u64(n),
        Value::I64(n) => buf.i64(n),
        Value::Bool(b) => buf.put(if b { b"true" } else { b"false" }),
        Value::Ip(ip) => {
            buf.put(b"\"");
            buf.ip(ip);
            buf.put(b"\"");
        }
        Value::Null => buf.put(b"null"),
        Value::Disp(d) => {
            scratch.clear();
            let _ = write!(scratch, "{d}");
            push_json_str(buf, scratch);
        }
        Value::Nums(items) => {
            buf.put(b"[");
            for (i, n) in items.iter().enumerate() {
                if i > 0 {
                    buf.put(b",");
                }
                buf.u64(*n);
            }
            buf.put(b"]");
        }
        Value::List(items) | Value::Lines(items) => {
            buf.put(b"[");
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    buf.put(b",");
                }
                push_json_str(buf, s);
            }
            buf.put(b"]");
        }
    }
}

/// Appends one record as a JSON object (no trailing newline). `scratch` is reused for
/// fields that are formatted text, so a stream of records allocates nothing per record.
pub fn push_record(buf: &mut Vec<u8>, scratch: &mut String, r: &dyn Record) {
    let mut v = JsonVisit { buf, first: true, scratch };
    r.visit(&mut v);
    let first = v.first;
    buf.extend_from_slice(if first { b"{}" } else { b"}" });
}
