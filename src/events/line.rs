//! The Cilium-style text line of each event kind (`cilium monitor`'s wording). It reads
//! only the event's [`Fields`], the same values the JSON carries, so the two cannot drift;
//! a test renders every kind both ways and checks that every key read here exists.

use super::fields::{F, Fields, Text};
use super::kinds::Kind;
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
        F::Ident(n) => match (numeric, crate::codes::points::identity_name(n)) {
            (false, Some(name)) => buf.str(name),
            _ => buf.u64(n.into()),
        },
        F::Summary(s) => s.write_to(buf),
        F::Null => buf.str("-"),
        other => buf.fmt(format_args!("{}", Text(other, numeric))),
    }
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
                0 => {
                    say(buf, "-> endpoint ", f.get("dst_endpoint"), numeric);
                }
                1 => buf.str("-> proxy"),
                2 => buf.str("-> host from"),
                3 => buf.str("-> stack"),
                4 => buf.str("-> overlay"),
                5 => {
                    say(buf, "<- endpoint ", f.get("source"), numeric);
                }
                6 => buf.str("<- proxy"),
                7 => buf.str("<- host"),
                8 => buf.str("<- stack"),
                9 => buf.str("<- overlay"),
                10 => buf.str("<- network"),
                11 => buf.str("-> network"),
                12 => buf.str("<- crypto"),
                13 => buf.str("-> crypto"),
                _ => buf.str("unknown trace"),
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
                buf.fmt(format_args!("capture {name} ({i:#x}) from endpoint {}: {}", t("source"), t("summary")))
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
