//! The policy decision of a new flow, as `ebpf/lib/policy.h` (Cilium v1.16's LPM layout)
//! makes it: two lookups in the endpoint's `cilium_policy_<EPID>`, one with the remote
//! identity and one with any identity (0); each finds the longest prefix of its identity;
//! the most specific match wins in Cilium's order (L3-L4, L4-Only, L3-Proto, Proto-Only,
//! L3-Only, all). A deny entry drops with 181, no entry with 133.

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
    let map = format!("cilium_policy_{ep:05}");
    let key_text = format!("identity {remote} {dir} proto {proto} port {dport}, and identity 0 (any)");
    let (id, any) = match w.maps.policy(ep, key)? {
        Some(id) => (id, w.maps.policy(ep, PolicyKey { sec_label: 0, ..key })?.flatten()),
        None => {
            w.steps.push(Step::new(
                &format!("{dir} policy of endpoint {ep}"),
                &map,
                &key_text,
                "no policy map: nothing is allowed",
            ));
            return Ok(Some(DROP_POLICY));
        }
    };
    let (entry, match_type) = decide(id, any);
    let (found, drop) = match entry {
        None => ("no entry matches: denied".to_string(), Some(DROP_POLICY)),
        Some(e) if e.flags & ENTRY_DENY != 0 => {
            (format!("a deny entry matches ({match_type})"), Some(DROP_POLICY_DENY))
        }
        Some(_) => (format!("an allow entry matches ({match_type})"), None),
    };
    w.steps.push(Step::new(&format!("{dir} policy of endpoint {ep}"), &map, &key_text, &found));
    Ok(drop)
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
}
