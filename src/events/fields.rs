//! The decoded form of one event: an ordered list of named fields, computed once. Both
//! renderers read it: [`Fields::visit`] gives every field to the output layer (JSON, and
//! `key=value` lines), and the Cilium-style text line (`events::line`) looks fields up by
//! key, so the text can only show what the JSON carries. Nothing here allocates.

use std::cell::Cell;
use std::fmt;
use std::mem::MaybeUninit;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::packet::Summary;
use crate::output::bytes::Sink;
use crate::output::{Value, Visit};

/// Most fields an event has (a trace with its packet: 18).
pub const MAX_FIELDS: usize = 24;

/// A field value.
#[derive(Clone, Copy, Debug)]
pub enum F<'a> {
    U(u64),
    I(i64),
    B(bool),
    S(&'static str),
    Ip(Ipv4Addr),
    Ip6(Ipv6Addr),
    /// A code with its name where one is known: the name in JSON and text, else the number.
    Named(u32, Option<&'static str>),
    /// A security identity: a number in JSON, a reserved one by name in text unless `-n`.
    Ident(u32),
    Summary(&'a Summary),
    Null,
}

impl F<'_> {
    pub fn u64(self) -> Option<u64> {
        match self {
            F::U(n) => Some(n),
            F::Named(n, _) => Some(n.into()),
            F::Ident(n) => Some(n.into()),
            _ => None,
        }
    }

    fn value(&self) -> Value<'_> {
        match self {
            F::U(n) => Value::U64(*n),
            F::Named(n, None) => Value::U64((*n).into()),
            F::Named(_, Some(s)) | F::S(s) => Value::Str(s),
            F::I(n) => Value::I64(*n),
            F::B(b) => Value::Bool(*b),
            F::Ip(a) => Value::Ip(*a),
            F::Ip6(a) => Value::Disp(a),
            F::Ident(n) => Value::U64((*n).into()),
            F::Summary(s) => Value::Disp(*s),
            F::Null => Value::Null,
        }
    }
}

/// How a value reads in a text line.
pub struct Text<'a>(pub F<'a>, pub bool);

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            F::U(n) => write!(f, "{n}"),
            F::Named(n, None) => write!(f, "{n}"),
            F::Named(_, Some(s)) | F::S(s) => f.write_str(s),
            F::I(n) => write!(f, "{n}"),
            F::B(b) => write!(f, "{b}"),
            F::Ip(a) => write!(f, "{a}"),
            F::Ip6(a) => write!(f, "{a}"),
            F::Ident(n) => match (self.1, crate::codes::points::identity_name(n)) {
                (false, Some(name)) => f.write_str(name),
                _ => write!(f, "{n}"),
            },
            F::Summary(s) => write!(f, "{s}"),
            F::Null => f.write_str("-"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Field<'a> {
    key: &'static str,
    val: F<'a>,
}

/// The fields of one event, in order. Slots past `n` are never read, so they are left
/// uninitialised: setting all 24 up front was a tenth of the monitor's time.
pub struct Fields<'a> {
    f: [MaybeUninit<Field<'a>>; MAX_FIELDS],
    n: usize,
    /// Bit i: field i was read by the text line (for the test that compares renderers).
    used: Cell<u32>,
    /// A key the text line asked for and the event does not have.
    missing: Cell<Option<&'static str>>,
}

impl<'a> Fields<'a> {
    pub fn new() -> Fields<'a> {
        Fields {
            f: [const { MaybeUninit::uninit() }; MAX_FIELDS],
            n: 0,
            used: Cell::new(0),
            missing: Cell::new(None),
        }
    }

    /// Adds a field.
    pub fn push(&mut self, key: &'static str, val: F<'a>) {
        debug_assert!(self.n < MAX_FIELDS && !self.keys().any(|k| k == key), "field {key}");
        if let Some(slot) = self.f.get_mut(self.n) {
            slot.write(Field { key, val });
            self.n += 1;
        }
    }

    /// The fields set so far.
    fn set(&self) -> &[Field<'a>] {
        // SAFETY: slots 0..n were written by `push` (n only grows there, by one per write),
        // and MaybeUninit<Field> has Field's layout.
        unsafe { std::slice::from_raw_parts(self.f.as_ptr().cast::<Field<'a>>(), self.n) }
    }

    /// The value of `key` (Null when absent, which a test makes impossible for the text line).
    pub fn get(&self, key: &'static str) -> F<'a> {
        let fields = self.set();
        let hit = fields.iter().position(|f| f.key == key);
        if let Some(i) = hit {
            self.used.set(self.used.get() | 1 << i);
            return fields[i].val;
        }
        self.missing.set(Some(key));
        F::Null
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set().iter().map(|f| f.key)
    }

    /// Gives every field to a visitor (JSON, tables, key=value lines).
    pub fn visit(&self, v: &mut dyn Visit) {
        for f in self.set() {
            // Events are lines or JSON, never table columns: no titles.
            v.field(f.key, "", f.val.value());
        }
    }

    /// Appends the fields as one JSON object: what [`Fields::visit`] gives the JSON
    /// visitor, written without going through it (no dynamic call per field), and the packet
    /// summary written in place (its text never needs escaping: addresses, numbers, words).
    pub fn push_json(&self, buf: &mut impl Sink, scratch: &mut String) {
        buf.put(b"{");
        for (i, f) in self.set().iter().enumerate() {
            buf.put(if i == 0 { b"\"" } else { b",\"" });
            buf.str(f.key);
            buf.put(b"\":");
            match f.val {
                F::Summary(s) => {
                    buf.put(b"\"");
                    s.write_to(buf);
                    buf.put(b"\"");
                }
                // The common values directly; what `value()` maps them to, written the same.
                F::U(n) => buf.u64(n),
                F::Named(n, None) | F::Ident(n) => buf.u64(n.into()),
                F::Ip(a) => {
                    buf.put(b"\"");
                    buf.ip(a);
                    buf.put(b"\"");
                }
                v => crate::output::push_value(buf, scratch, v.value()),
            }
        }
        buf.put(b"}");
    }

    /// The keys the text line read, and the first key it asked for that is not here.
    pub fn text_usage(&self) -> (Vec<&'static str>, Option<&'static str>) {
        let used = self.used.get();
        let keys = self.set().iter().enumerate().filter(|(i, _)| used & 1 << i != 0).map(|(_, f)| f.key);
        (keys.collect(), self.missing.get())
    }
}

impl Default for Fields<'_> {
    fn default() -> Self {
        Fields::new()
    }
}
