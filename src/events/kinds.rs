//! The one table of event kinds: the message type on `cilium_events`, the `monitor --type`
//! name, the type of a JSON Lines record and the snake_case key of the summary. Everything
//! that names an event kind (the CLI, the decoder, the filters, the summary) reads it here.

/// What a message on `cilium_events` is, as decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Drop,
    Debug,
    Capture,
    Trace,
    PolicyVerdict,
    Recorder,
    TraceSock,
    /// A message type we do not know.
    Unknown,
    /// A known type in a record too short for it.
    Truncated,
}

/// One row of [`KINDS`].
#[derive(Clone, Copy, Debug)]
pub struct KindInfo {
    pub kind: Kind,
    /// The message type byte (`CILIUM_NOTIFY_*`), for kinds that have one.
    pub code: Option<u8>,
    /// `--type` value and the `type` of a JSON Lines record.
    pub name: &'static str,
    /// Key of its count in the monitor summary's JSON.
    pub key: &'static str,
    /// Selectable with `--type`.
    pub selectable: bool,
    /// Shown when no `--type` is given (debug needs `-v`).
    pub default_shown: bool,
}

const fn k(
    kind: Kind,
    code: Option<u8>,
    name: &'static str,
    key: &'static str,
    selectable: bool,
    default_shown: bool,
) -> KindInfo {
    KindInfo { kind, code, name, key, selectable, default_shown }
}

/// In the order of [`Kind`] (a test checks it), so `KINDS[kind as usize]` is its row.
pub const KINDS: [KindInfo; 9] = [
    k(Kind::Drop, Some(1), "drop", "drop", true, true),
    k(Kind::Debug, Some(2), "debug", "debug", true, false),
    k(Kind::Capture, Some(3), "capture", "capture", true, true),
    k(Kind::Trace, Some(4), "trace", "trace", true, true),
    k(Kind::PolicyVerdict, Some(5), "policy-verdict", "policy_verdict", true, true),
    k(Kind::Recorder, Some(6), "recorder", "recorder", false, true),
    k(Kind::TraceSock, Some(7), "trace-sock", "trace_sock", true, true),
    k(Kind::Unknown, None, "unknown", "unknown", false, true),
    k(Kind::Truncated, None, "truncated", "truncated", false, true),
];

impl Kind {
    pub fn info(self) -> &'static KindInfo {
        &KINDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The kind of a message type byte; [`Kind::Unknown`] for any other.
    pub fn of_code(code: u8) -> Kind {
        KINDS.iter().find(|k| k.code == Some(code)).map_or(Kind::Unknown, |k| k.kind)
    }

    /// A `--type` value.
    pub fn from_name(name: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.selectable && k.name == name).map(|k| k.kind)
    }
}

/// The `--type` values, for the CLI's possible values.
pub fn selectable_names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter(|k| k.selectable).map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order_with_unique_names() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(k.kind as usize, i, "{}", k.name);
            assert!(!k.key.contains('-'), "summary keys are snake_case: {}", k.key);
        }
        let mut names: Vec<_> = KINDS.iter().map(|k| k.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        assert_eq!(Kind::of_code(5), Kind::PolicyVerdict);
        assert_eq!(Kind::of_code(99), Kind::Unknown);
        assert_eq!(Kind::from_name("trace-sock"), Some(Kind::TraceSock));
        assert_eq!(Kind::from_name("unknown"), None);
    }
}
