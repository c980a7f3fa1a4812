//! The packet as the programs see it and the ends of a walk: shared by every start of
//! [`super`] (conntrack keys as `lib/conntrack.h` builds them, drops and forwards as
//! `lib/drop.h` and `lib/trace.h` count them).

use std::net::Ipv4Addr;

use super::{Outcome, Verdict, Walk};
use crate::maps::ct::CtKey4;
use crate::wire::Be16;

/// CT tuple flags.
pub(super) const TUPLE_F_OUT: u8 = 0;
pub(super) const TUPLE_F_IN: u8 = 1;
pub(super) const TUPLE_F_SERVICE: u8 = 4;
/// `ct_entry.flags` bit of a flow that came in through a NodePort frontend (0x020).
pub(super) const CT_F_NODE_PORT: u16 = 1 << 5;

/// The packet as the program sees it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flow {
    pub saddr: Ipv4Addr,
    pub daddr: Ipv4Addr,
    pub sport: Option<u16>,
    pub dport: u16,
    pub proto: u8,
}

/// The walk ends in a drop with `code`, counted in `dir`; its last step decided it.
pub(super) fn dropped(w: &mut Walk<'_>, code: u8, dir: &'static str) -> Outcome {
    w.decided();
    let reason = crate::codes::reasons::reason_text(code).unwrap_or("unknown reason");
    Outcome {
        verdict: Verdict::Dropped(code, dir),
        next_node: None,
        counter: format!("drop \"{reason}\" {dir}"),
    }
}

/// The walk ends with the packet leaving at `point`.
pub(super) fn forwarded(point: &'static str, next_node: Option<Ipv4Addr>, dir: &str) -> Outcome {
    Outcome { verdict: Verdict::Forwarded(point), next_node, counter: format!("forward {dir}") }
}

/// A `cilium_ct4_global`/`cilium_ct_any4_global` key.
pub(super) fn ct_key(
    daddr: Ipv4Addr,
    saddr: Ipv4Addr,
    dport: u16,
    sport: u16,
    proto: u8,
    flags: u8,
) -> CtKey4 {
    CtKey4 {
        daddr: daddr.into(),
        saddr: saddr.into(),
        dport: Be16::new(dport),
        sport: Be16::new(sport),
        nexthdr: proto,
        flags,
    }
}

/// The CT map of a protocol.
pub(super) fn ct_map(proto: u8) -> &'static str {
    if proto == 6 { "cilium_ct4_global" } else { "cilium_ct_any4_global" }
}
