//! The Cilium-style text line of each event kind (`cilium monitor`'s wording). It reads
//! only the event's [`Fields`], the same values the JSON carries, so the two cannot drift;
//! a test renders every kind both ways and checks that every key read here exists.

use super::decode::Event;
use super::fields::{F, Fields, Text};
use super::kinds::Kind;
use super::packet::Summary;
use crate::codes::points::trace_state;
use crate::codes::reasons::{file_name, reason_text};
use crate::output::bytes::Sink;

/// Appends `words`, then a value as the text line shows it.
fn say(buf: &mut impl Sink, words: &str, v: F<'_>, numeric: bool) {
    buf.str(words);
    text(buf, v, numeric);
}

/// Appends a value as the text line shows it (what [`Text`] prints, without `fmt` for the
/// common values).
fn text(buf: &mut impl Sink, v: F<'_>, numeric: bool) {
    match v {
        F::U(n) => buf.u64(n),
        F::Named(n, None) => buf.u64(n.into()),
        F::Named(_, Some(s)) | F::S(s) => buf.str(s),
        F::I(n) => buf.i64(n),
        F::Ip(a) => buf.ip(a),
        F::Ident(n) => ident(buf, n, numeric),
        F::Summary(s) => s.write_to(buf),
        F::Null => buf.str("-"),
        other => buf.fmt(format_args!("{}", Text(other, numeric))),
    }
}

/// How a trace line starts at each observation point (0 and 5 name their endpoint).
fn point_words(point: u64) -> &'static str {
    match point {
        0 => "-> endpoint",
        1 => "-> proxy",
        2 => "-> host from",
        3 => "-> stack",
        4 => "-> overlay",
        5 => "<- endpoint",
        6 => "<- proxy",
        7 => "<- host",
        8 => "<- stack",
        9 => "<- overlay",
        10 => "<- network",
        11 => "-> network",
        12 => "<- crypto",
        13 => "-> crypto",
        _ => "unknown trace",
    }
}

/// A reserved identity by name (unless `numeric`), any other by number: what [`text`]
/// prints of an `F::Ident`.
fn ident(buf: &mut impl Sink, id: u32, numeric: bool) {
    match crate::codes::points::identity_name(id) {
        Some(name) if !numeric => buf.str(name),
        _ => buf.u64(id.into()),
    }
}

/// A code by its name where it has one, else its number: what [`text`] prints of an
/// `F::Named`.
fn named(buf: &mut impl Sink, code: u8, name: Option<&str>) {
    match name {
        Some(s) => buf.str(s),
        None => buf.u64(code.into()),
    }
}

/// The line of a drop or a trace (the monitor's floods) written from the event itself,
/// without building its fields first: what [`write`] makes of them, byte for byte (a test
/// renders every kind both ways). False for the other kinds.
pub fn write_direct(ev: &Event<'_>, summary: &Summary, numeric: bool, buf: &mut impl Sink) -> bool {
    match *ev {
        Event::Drop { h, src_label, dst_label, dst_id, line, file, ifindex, .. } => {
            buf.put(b"xx drop (");
            named(buf, h.subtype, reason_text(h.subtype));
            buf.put(b") flow ");
            buf.hex(h.hash.into());
            buf.put(b" to endpoint ");
            buf.u64(dst_id.into());
            if let Some(i) = ifindex {
                buf.put(b", ifindex ");
                buf.u64(i.into());
            }
            if let (Some(fi), Some(l)) = (file, line) {
                buf.put(b", file ");
                named(buf, fi, file_name(fi));
                buf.put(b":");
                buf.u64(l.into());
            }
            buf.put(b", identity ");
            ident(buf, src_label, numeric);
            buf.put(b"->");
            ident(buf, dst_label, numeric);
        }
        Event::Trace { h, src_label, dst_label, dst_id, reason, ifindex, orig_ip, .. } => {
            buf.str(point_words(h.subtype.into()));
            match h.subtype {
                0 => {
                    buf.put(b" ");
                    buf.u64(dst_id.into());
                }
                5 => {
                    buf.put(b" ");
                    buf.u64(h.source.into());
                }
                _ => {}
            }
            if reason & 0x80 != 0 {
                buf.put(b" encrypted");
            }
            buf.put(b" flow ");
            buf.hex(h.hash.into());
            buf.put(b" identity ");
            buf.u64(src_label.into());
            buf.put(b"->");
            buf.u64(dst_label.into());
            buf.put(b" state ");
            buf.str(trace_state(reason).unwrap_or("unknown"));
            buf.put(b" ifindex ");
            buf.u64(ifindex.into());
            buf.put(b" orig-ip ");
            buf.ip(orig_ip.unwrap_or(std::net::Ipv4Addr::UNSPECIFIED));
        }
        _ => return false,
    }
    buf.put(b": ");
    summary.write_to(buf);
    true
}

/// Appends the text line of an event (no newline).
pub fn write(kind: Kind, f: &Fields<'_>, numeric: bool, buf: &mut impl Sink) {
    let t = |key: &'static str| Text(f.get(key), numeric);
    let n = |key: &'static str| f.get(key).u64().unwrap_or(0);
    match kind {
        Kind::Drop => {
            say(buf, "xx drop (", f.get("reason"), numeric);
            buf.str(") flow ");
            buf.hex(n("hash"));
            say(buf, " to endpoint ", f.get("dst_endpoint"), numeric);
            if let F::U(i) = f.get("ifindex") {
                buf.str(", ifindex ");
                buf.u64(i);
            }
            if let (file @ F::Named(..), F::U(line)) = (f.get("file"), f.get("line")) {
                buf.str(", file ");
                text(buf, file, numeric);
                buf.str(":");
                buf.u64(line);
            }
            say(buf, ", identity ", f.get("src_identity"), numeric);
            say(buf, "->", f.get("dst_identity"), numeric);
            say(buf, ": ", f.get("summary"), numeric);
        }
        Kind::Trace => {
            match n("observation_point") {
                0 => say(buf, "-> endpoint ", f.get("dst_endpoint"), numeric),
                5 => say(buf, "<- endpoint ", f.get("source"), numeric),
                p => buf.str(point_words(p)),
            }
            if matches!(f.get("encrypted"), F::B(true)) {
                buf.str(" encrypted");
            }
            let state = match f.get("state") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            let orig = match f.get("orig_ip") {
                F::Ip(a) => a,
                _ => std::net::Ipv4Addr::UNSPECIFIED,
            };
            buf.str(" flow ");
            buf.hex(n("hash"));
            say(buf, " identity ", f.get("src_identity"), numeric);
            say(buf, "->", f.get("dst_identity"), numeric);
            buf.str(" state ");
            buf.str(state);
            say(buf, " ifindex ", f.get("ifindex"), numeric);
            buf.str(" orig-ip ");
            buf.ip(orig);
            say(buf, ": ", f.get("summary"), numeric);
        }
        Kind::PolicyVerdict => {
            buf.str("Policy verdict log: flow ");
            buf.hex(n("hash"));
            say(buf, " local EP ID ", f.get("source"), numeric);
            say(buf, ", remote ID ", f.get("remote_identity"), numeric);
            say(buf, ", proto ", f.get("proto"), numeric);
            say(buf, ", ", f.get("direction"), numeric);
            say(buf, ", action ", f.get("action"), numeric);
            buf.str(", auth: ");
            buf.str(crate::codes::auth_type_text(n("auth_type") as u8));
            buf.str(", match ");
            buf.str(crate::codes::match_type_text(n("match_type") as u8));
            say(buf, ", ", f.get("summary"), numeric);
        }
        Kind::Debug => {
            let sub = match f.get("subtype") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            buf.fmt(format_args!(
                "CPU {:02}: MARK {:#x} FROM {} DEBUG: {sub} arg1={:#x} arg2={:#x} arg3={:#x}",
                n("cpu"),
                n("hash"),
                t("source"),
                n("arg1"),
                n("arg2"),
                n("arg3")
            ))
        }
        Kind::Capture => match (f.get("subtype"), n("arg1")) {
            (F::Named(4, _), i) => buf.fmt(format_args!("-> ifindex {i}: {}", t("summary"))),
            (F::Named(5, _), i) => buf.fmt(format_args!("<- load-balancer ifindex {i}: {}", t("summary"))),
            (sub, i) => {
                let name = match sub {
                    F::Named(_, Some(s)) => s,
                    _ => "unknown",
                };
                buf.fmt(format_args!(
                    "capture {name} ({i:#x}) from endpoint {}: {}",
                    t("source"),
                    t("summary")
                ))
            }
        },
        Kind::TraceSock => {
            let point = match f.get("xlate_point") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            buf.fmt(format_args!(
                "[{point}] cgroup_id: {} sock_cookie: {}, dst ",
                t("cgroup_id"),
                t("sock_cookie")
            ));
            match f.get("dst_ip") {
                a @ F::Ip6(_) => buf.fmt(format_args!("[{}]", Text(a, numeric))),
                a => buf.fmt(format_args!("{}", Text(a, numeric))),
            };
            buf.fmt(format_args!(":{} {}", t("dst_port"), crate::netaddr::Proto(n("l4_proto") as u8)))
        }
        Kind::Unknown | Kind::Recorder => {
            buf.fmt(format_args!("unknown event type {} ({} bytes)", t("message_type"), t("length")))
        }
        Kind::Truncated => {
            let name = match f.get("message_type") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            buf.fmt(format_args!(
                "truncated {name} event: {} bytes, a {name} message needs {}",
                t("length"),
                t("needed")
            ))
        }
    };
}
