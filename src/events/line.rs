//! The Cilium-style text line of each event kind (`cilium monitor`'s wording). It reads
//! only the event's [`Fields`], the same values the JSON carries, so the two cannot drift;
//! a test renders every kind both ways and checks that every key read here exists.

use std::io::Write;

use super::fields::{F, Fields, Text};
use super::kinds::Kind;

/// Appends the text line of an event (no newline).
pub fn write(kind: Kind, f: &Fields<'_>, numeric: bool, buf: &mut Vec<u8>) {
    let t = |key: &'static str| Text(f.get(key), numeric);
    let n = |key: &'static str| f.get(key).u64().unwrap_or(0);
    let _ = match kind {
        Kind::Drop => {
            let _ = write!(
                buf,
                "xx drop ({}) flow {:#x} to endpoint {}",
                t("reason"),
                n("hash"),
                t("dst_endpoint")
            );
            if let F::U(i) = f.get("ifindex") {
                let _ = write!(buf, ", ifindex {i}");
            }
            if let (file @ F::Named(..), F::U(line)) = (f.get("file"), f.get("line")) {
                let _ = write!(buf, ", file {}:{line}", Text(file, numeric));
            }
            write!(buf, ", identity {}->{}: {}", t("src_identity"), t("dst_identity"), t("summary"))
        }
        Kind::Trace => {
            let _ = match n("observation_point") {
                0 => write!(buf, "-> endpoint {}", t("dst_endpoint")),
                1 => write!(buf, "-> proxy"),
                2 => write!(buf, "-> host from"),
                3 => write!(buf, "-> stack"),
                4 => write!(buf, "-> overlay"),
                5 => write!(buf, "<- endpoint {}", t("source")),
                6 => write!(buf, "<- proxy"),
                7 => write!(buf, "<- host"),
                8 => write!(buf, "<- stack"),
                9 => write!(buf, "<- overlay"),
                10 => write!(buf, "<- network"),
                11 => write!(buf, "-> network"),
                12 => write!(buf, "<- crypto"),
                13 => write!(buf, "-> crypto"),
                _ => write!(buf, "unknown trace"),
            };
            let enc = if matches!(f.get("encrypted"), F::B(true)) { " encrypted" } else { "" };
            let state = match f.get("state") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            let orig = match f.get("orig_ip") {
                F::Ip(a) => a,
                _ => std::net::Ipv4Addr::UNSPECIFIED,
            };
            write!(
                buf,
                "{enc} flow {:#x} identity {}->{} state {state} ifindex {} orig-ip {orig}: {}",
                n("hash"),
                t("src_identity"),
                t("dst_identity"),
                t("ifindex"),
                t("summary")
            )
        }
        Kind::PolicyVerdict => write!(
            buf,
            "Policy verdict log: flow {:#x} local EP ID {}, remote ID {}, proto {}, {}, action {}, auth: {}, match {}, {}",
            n("hash"),
            t("source"),
            t("remote_identity"),
            t("proto"),
            t("direction"),
            t("action"),
            crate::codes::auth_type_text(n("auth_type") as u8),
            crate::codes::match_type_text(n("match_type") as u8),
            t("summary")
        ),
        Kind::Debug => {
            let sub = match f.get("subtype") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            write!(
                buf,
                "CPU {:02}: MARK {:#x} FROM {} DEBUG: {sub} arg1={:#x} arg2={:#x} arg3={:#x}",
                n("cpu"),
                n("hash"),
                t("source"),
                n("arg1"),
                n("arg2"),
                n("arg3")
            )
        }
        Kind::Capture => match (f.get("subtype"), n("arg1")) {
            (F::Named(4, _), i) => write!(buf, "-> ifindex {i}: {}", t("summary")),
            (F::Named(5, _), i) => write!(buf, "<- load-balancer ifindex {i}: {}", t("summary")),
            (sub, i) => {
                let name = match sub {
                    F::Named(_, Some(s)) => s,
                    _ => "unknown",
                };
                write!(buf, "capture {name} ({i:#x}) from endpoint {}: {}", t("source"), t("summary"))
            }
        },
        Kind::TraceSock => {
            let point = match f.get("xlate_point") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            let _ = write!(
                buf,
                "[{point}] cgroup_id: {} sock_cookie: {}, dst ",
                t("cgroup_id"),
                t("sock_cookie")
            );
            let _ = match f.get("dst_ip") {
                a @ F::Ip6(_) => write!(buf, "[{}]", Text(a, numeric)),
                a => write!(buf, "{}", Text(a, numeric)),
            };
            write!(buf, ":{} {}", t("dst_port"), crate::netaddr::Proto(n("l4_proto") as u8))
        }
        Kind::Unknown | Kind::Recorder => {
            write!(buf, "unknown event type {} ({} bytes)", t("message_type"), t("length"))
        }
        Kind::Truncated => {
            let name = match f.get("message_type") {
                F::Named(_, Some(s)) => s,
                _ => "unknown",
            };
            write!(
                buf,
                "truncated {name} event: {} bytes, a {name} message needs {}",
                t("length"),
                t("needed")
            )
        }
    };
}
