//! The policy decision of a new flow, by the precedence of the node's Cilium version
//! (`bpf/lib/policy.h`'s `__policy_can_access` of each):
//! - v1.16 (ours, `ebpf/lib/policy.h`): two lookups in the LPM trie `cilium_policy_<EPID>`,
//!   one with the remote identity and one with any identity (0); the most specific match
//!   wins in Cilium's order (L3-L4, L4-Only, L3-Proto, Proto-Only, L3-Only, all);
//! - v1.10-1.15: four exact lookups in the hash map `cilium_policy_<EPID>` (L3-L4, L4-Only,
//!   L3-Only, all); the first hit decides, a deny as much as an allow;
//! - v1.17 on (`cilium_policy_v2_<EPID>`, the 12-byte value with a precedence): the same
//!   two lookups; an identity entry at the highest precedence wins at once, else the higher
//!   precedence, then the longer port/protocol prefix, then the identity's entry.
//!
//! A deny entry drops with 181, no entry with 133.

use super::maps::{PolicyHit, PolicyLayout};
use super::{Step, Walk};
use crate::error::Result;
use crate::maps::policy::{PolicyEntry, PolicyKey};
use crate::wire::Be16;

const ENTRY_DENY: u8 = 1;
const ENTRY_WILDCARD_PROTO: u8 = 2;
const ENTRY_WILDCARD_DPORT: u8 = 4;

/// `DROP_POLICY` and `DROP_POLICY_DENY`.
pub const DROP_POLICY: u8 = 133;
pub const DROP_POLICY_DENY: u8 = 181;

/// The entry that decides and its match type's name (Cilium's words), or None.
fn decide(id: Option<PolicyEntry>, any: Option<PolicyEntry>) -> (Option<PolicyEntry>, &'static str) {
    let specific = |e: &Option<PolicyEntry>, wild: u8| e.filter(|e| e.flags & wild == 0);
    if let Some(e) = specific(&id, ENTRY_WILDCARD_DPORT) {
        return (Some(e), "L3-L4");
    }
    if let Some(e) = specific(&any, ENTRY_WILDCARD_DPORT) {
        return (Some(e), "L4-Only");
    }
    if let Some(e) = specific(&id, ENTRY_WILDCARD_PROTO) {
        return (Some(e), "L3-Proto");
    }
    if let Some(e) = specific(&any, ENTRY_WILDCARD_PROTO) {
        return (Some(e), "Proto-Only");
    }
    if id.is_some() {
        return (id, "L3-Only");
    }
    (any, if any.is_some() { "all" } else { "none" })
}

/// v1.16's order over the entries of the identity (`id`) and of any identity.
fn decide_lpm(id: Option<PolicyHit>, any: Option<PolicyHit>) -> (Option<PolicyEntry>, &'static str) {
    decide(id.map(|h| h.entry), any.map(|h| h.entry))
}

/// v1.17 on: the identity's entry at the highest precedence wins at once; else the higher
/// precedence, then the longer port/protocol prefix, then the identity's entry.
fn decide_v2(id: Option<PolicyHit>, any: Option<PolicyHit>) -> (Option<PolicyEntry>, &'static str) {
    let rank = |h: &PolicyHit| h.v2.unwrap_or_default();
    let l3_name = |plen: u8| match plen {
        0 => "L3-Only",
        1..=8 => "L3-Proto",
        _ => "L3-L4",
    };
    let l4_name = |plen: u8| match plen {
        0 => "all",
        1..=8 => "Proto-Only",
        _ => "L4-Only",
    };
    if let Some(h) = id.filter(|h| rank(h).0 == u32::MAX) {
        return (Some(h.entry), l3_name(rank(&h).1));
    }
    match (id, any) {
        (Some(l3), Some(l4))
            if rank(&l4).0 > rank(&l3).0 || (rank(&l4).0 == rank(&l3).0 && rank(&l4).1 > rank(&l3).1) =>
        {
            (Some(l4.entry), l4_name(rank(&l4).1))
        }
        (Some(l3), _) => (Some(l3.entry), l3_name(rank(&l3).1)),
        (None, Some(l4)) => (Some(l4.entry), l4_name(rank(&l4).1)),
        (None, None) => (None, "none"),
    }
}

/// The policy of endpoint `ep` for a new flow with `remote` identity in direction
/// `egress`: `Ok(None)` when allowed, else the drop code. One step.
pub fn verdict(
    w: &mut Walk<'_>,
    ep: u16,
    remote: u32,
    egress: bool,
    proto: u8,
    dport: u16,
) -> Result<Option<u8>> {
    let key = PolicyKey {
        prefixlen: 64,
        sec_label: remote,
        egress: u8::from(egress),
        protocol: proto,
        dport: Be16::new(dport),
    };
    let dir = if egress { "egress" } else { "ingress" };
    let what = format!("{dir} policy of endpoint {ep}");
    let Some(layout) = w.maps.policy_layout(ep)? else {
        let map = format!("cilium_policy_{ep:05}");
        w.steps.push(Step::new(
            &what,
            &map,
            &format!("identity {remote}"),
            "no policy map: nothing is allowed",
        ));
        return Ok(Some(DROP_POLICY));
    };
    let (map, key_text, (entry, match_type)) = match layout {
        PolicyLayout::Lpm | PolicyLayout::V2 => {
            let id = w.maps.policy(ep, key)?;
            let any = w.maps.policy(ep, PolicyKey { sec_label: 0, ..key })?;
            let text = format!("identity {remote} {dir} proto {proto} port {dport}, and identity 0 (any)");
            if layout == PolicyLayout::V2 {
                (format!("cilium_policy_v2_{ep:05}"), text + " (v1.17 on: by precedence)", decide_v2(id, any))
            } else {
                (format!("cilium_policy_{ep:05}"), text, decide_lpm(id, any))
            }
        }
        PolicyLayout::Hash => {
            // Four exact keys; the first with an entry decides.
            let tries = [
                (remote, dport, proto, "L3-L4"),
                (0, dport, proto, "L4-Only"),
                (remote, 0, 0, "L3-Only"),
                (0, 0, 0, "all"),
            ];
            let mut found = (None, "none");
            for (id, port, p, name) in tries {
                let k = PolicyKey { sec_label: id, protocol: p, dport: Be16::new(port), ..key };
                if let Some(h) = w.maps.policy(ep, k)? {
                    found = (Some(h.entry), name);
                    break;
                }
            }
            let text = format!(
                "identity {remote} {dir} {proto}/{dport}, then 0 {proto}/{dport}, {remote} any, 0 any (v1.15 and before: the first hit)"
            );
            (format!("cilium_policy_{ep:05}"), text, found)
        }
    };
    let (found, drop) = match entry {
        None => ("no entry matches: denied".to_string(), Some(DROP_POLICY)),
        Some(e) if e.flags & ENTRY_DENY != 0 => {
            (format!("a deny entry matches ({match_type})"), Some(DROP_POLICY_DENY))
        }
        Some(_) => (format!("an allow entry matches ({match_type})"), None),
    };
    w.steps.push(Step::new(&what, &map, &key_text, &found));
    Ok(drop)
}

/// An entry as the precedence sees it: its identity (0 any), protocol (None any) and port
/// range, and its rank (6 L3-L4 ... 1 all).
struct Scope {
    identity: u32,
    proto: Option<u8>,
    ports: (u16, u16),
    rank: u8,
    name: &'static str,
}

fn scope(k: &PolicyKey) -> Scope {
    use crate::maps::policy::{FULL_PREFIX, STATIC_PREFIX};
    let proto = (k.prefixlen > STATIC_PREFIX).then_some(k.protocol);
    let port_bits = k.prefixlen.clamp(STATIC_PREFIX + 8, FULL_PREFIX) - STATIC_PREFIX - 8;
    let ports = if port_bits == 0 {
        (0, u16::MAX)
    } else {
        let mask: u16 = u16::MAX << (16 - port_bits);
        let lo = k.dport.get() & mask;
        (lo, lo | !mask)
    };
    let (rank, name) = match (k.sec_label != 0, proto.is_some(), port_bits > 0) {
        (true, _, true) => (6, "L3-L4"),
        (false, _, true) => (5, "L4-Only"),
        (true, true, false) => (4, "L3-Proto"),
        (false, true, false) => (3, "Proto-Only"),
        (true, false, false) => (2, "L3-Only"),
        (false, false, false) => (1, "all"),
    };
    Scope { identity: k.sec_label, proto, ports, rank, name }
}

fn entry_text(k: &PolicyKey, e: &PolicyEntry) -> String {
    let verdict = if e.flags & ENTRY_DENY != 0 { "deny" } else { "allow" };
    let who = if k.sec_label == 0 { "any identity".to_string() } else { format!("identity {}", k.sec_label) };
    format!("{verdict} {} {who} {}", k.direction().to_lowercase(), k.port_proto())
}

/// What the entry `new` changes under Cilium v1.16's precedence among `existing` (entries
/// of the same map): one line for each entry of the other verdict that decides packets
/// `new` also matches (`new` is shadowed there), or whose packets `new` now decides.
pub fn shadowing(new: (&PolicyKey, &PolicyEntry), existing: &[(PolicyKey, PolicyEntry)]) -> Vec<String> {
    let (nk, ne) = new;
    let n = scope(nk);
    let deny = |e: &PolicyEntry| e.flags & ENTRY_DENY != 0;
    let mut out = Vec::new();
    for (fk, fe) in existing {
        if fk == nk || fk.egress != nk.egress || deny(fe) == deny(ne) {
            continue;
        }
        let f = scope(fk);
        let same_who = n.identity == f.identity || n.identity == 0 || f.identity == 0;
        let same_proto = n.proto.is_none() || f.proto.is_none() || n.proto == f.proto;
        let lo = n.ports.0.max(f.ports.0);
        let hi = n.ports.1.min(f.ports.1);
        if !same_who || !same_proto || lo > hi || n.rank == f.rank {
            continue;
        }
        let (new_text, other) = (entry_text(nk, ne), entry_text(fk, fe));
        out.push(if f.rank > n.rank {
            format!(
                "{new_text} is shadowed by the entry {other} ({} beats {}): that entry decides the packets both match",
                f.name, n.name
            )
        } else {
            format!(
                "{new_text} shadows the entry {other} ({} beats {}): it now decides the packets both match",
                n.name, f.name
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(flags: u8) -> Option<PolicyEntry> {
        Some(PolicyEntry { flags, ..Default::default() })
    }

    #[test]
    fn the_most_specific_match_wins_in_ciliums_order() {
        let l3 = ENTRY_WILDCARD_PROTO | ENTRY_WILDCARD_DPORT;
        assert_eq!(decide(entry(0), entry(ENTRY_DENY)).1, "L3-L4");
        assert_eq!(decide(entry(l3), entry(0)).1, "L4-Only");
        assert_eq!(decide(entry(ENTRY_WILDCARD_DPORT), entry(ENTRY_WILDCARD_DPORT)).1, "L3-Proto");
        assert_eq!(decide(entry(l3), entry(ENTRY_WILDCARD_DPORT)).1, "Proto-Only");
        assert_eq!(decide(entry(l3), entry(l3)).1, "L3-Only");
        assert_eq!(decide(None, entry(l3)).1, "all");
        assert_eq!(decide(None, None), (None, "none"));
        // An L3-only deny loses to an L4-only allow: port 8080 stays open.
        let (e, _) = decide(entry(l3 | ENTRY_DENY), entry(0));
        assert_eq!(e.unwrap().flags & ENTRY_DENY, 0);
    }

    #[test]
    fn v2_precedence_then_prefix_then_the_identity() {
        let hit = |deny: bool, prec: u32, plen: u8| {
            Some(PolicyHit {
                entry: PolicyEntry { flags: u8::from(deny), ..Default::default() },
                v2: Some((prec, plen)),
            })
        };
        // The identity's entry at the highest precedence wins at once, even over a longer prefix.
        let (e, name) = decide_v2(hit(true, u32::MAX, 0), hit(false, u32::MAX, 24));
        assert_eq!((e.unwrap().flags, name), (1, "L3-Only"));
        // Else the higher precedence, then the longer prefix, then the identity's entry.
        assert_eq!(decide_v2(hit(true, 5, 24), hit(false, 6, 0)).1, "all");
        assert_eq!(decide_v2(hit(true, 5, 8), hit(false, 5, 24)).1, "L4-Only");
        assert_eq!(decide_v2(hit(true, 5, 24), hit(false, 5, 24)).1, "L3-L4");
        assert_eq!(decide_v2(None, hit(false, 1, 8)).1, "Proto-Only");
        assert_eq!(decide_v2(None, None), (None, "none"));
    }

    #[test]
    fn a_deny_next_to_a_more_specific_allow_is_said_to_be_shadowed() {
        use crate::maps::policy::Direction;
        use crate::netaddr::{PortProto, Proto};
        let allow_8080 = PolicyKey::new(Direction::Ingress, 1002, PortProto::PortProto(8080, Proto::TCP));
        let deny_l3 = PolicyKey::new(Direction::Ingress, 1002, PortProto::Any);
        let existing = [(allow_8080, PolicyEntry::default())];
        let deny = PolicyEntry { flags: ENTRY_DENY, ..Default::default() };
        let w = shadowing((&deny_l3, &deny), &existing);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("is shadowed by the entry allow ingress identity 1002 8080/TCP"), "{w:?}");
        // The other way round: the allow shadows the deny.
        let w = shadowing((&allow_8080, &PolicyEntry::default()), &[(deny_l3, deny)]);
        assert!(w[0].contains("shadows the entry deny ingress identity 1002 ANY"), "{w:?}");
        // Other identities, other directions, the same verdict: nothing to say.
        let other = PolicyKey::new(Direction::Ingress, 1003, PortProto::Any);
        assert!(shadowing((&other, &deny), &existing).is_empty());
        let egress = PolicyKey::new(Direction::Egress, 1002, PortProto::Any);
        assert!(shadowing((&egress, &deny), &existing).is_empty());
        assert!(shadowing((&deny_l3, &PolicyEntry::default()), &existing).is_empty());
    }
}
