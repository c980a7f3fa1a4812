//! The service decision of the per-packet load balancer (`lib/lb.h`'s `lb4_local`, the
//! backend choice of `lib/lb_svc.h`): the frontend's master entry, a backend a conntrack
//! service entry pins, the client's affinity entry, else every backend slot walked on its
//! own. Used by from-container ([`super::lxc`]), the NodePort path of from-netdev and
//! from-overlay ([`super::netdev`]) and, for its slots, the socket LB ([`super::host`]).

use std::net::Ipv4Addr;

use super::flow::{Flow, TUPLE_F_SERVICE, ct_key, ct_map, dropped};
use super::{BackendWalk, Outcome, Step, Walk};
use crate::error::Result;
use crate::maps::lb::{
    Lb4AffinityKey, Lb4Key, Lb4Service, LbAffinityMatch, SVC_FLAG_AFFINITY, SVC_FLAG_ROUTABLE,
};
use crate::netaddr::SockAddr4;

const DROP_NO_SERVICE: u8 = 158;
/// Cilium's service loopback address (hairpin flows).
pub(super) const LOOPBACK: Ipv4Addr = Ipv4Addr::new(169, 254, 42, 1);
/// A backend's state when it takes new flows.
const BACKEND_ACTIVE: u8 = 0;

/// The rest of a walk once the flow is translated to a backend.
pub(super) type Onward<'a> = dyn FnMut(&mut Walk<'_>, Flow) -> Result<Outcome> + 'a;
/// The outcome when a slot or its backend is missing.
pub(super) type Missing<'a> = dyn Fn(&mut Walk<'_>) -> Outcome + 'a;

/// What the service decision leaves.
pub(super) enum Balanced {
    /// Decided before any backend (no backends): this outcome.
    Decided(Outcome),
    /// Each backend the flow may reach, walked on its own.
    Backends(Vec<BackendWalk>),
}

/// The frontend's master entry (`cilium_lb4_services_v2`, slot 0) of `addr`:`port`, for
/// TCP and UDP (ICMP to a service address is not load-balanced, as in Cilium). One step.
pub(super) fn frontend(w: &mut Walk<'_>, addr: Ipv4Addr, f: &Flow) -> Result<Option<Lb4Service>> {
    if !matches!(f.proto, 6 | 17) {
        return Ok(None);
    }
    let svc = w.maps.service(Lb4Key::new(SockAddr4 { ip: addr, port: f.dport }, 0))?;
    let found = match &svc {
        Some(s) => format!(
            "a service{}: {} active backends, reverse NAT {}",
            if s.flags & SVC_FLAG_ROUTABLE == 0 { " (ClusterIP)" } else { "" },
            s.count,
            s.rev_nat_index.get()
        ),
        None => "not a service".to_string(),
    };
    w.steps.push(Step::new(
        "service",
        "cilium_lb4_services_v2",
        &format!("{addr}:{} slot 0", f.dport),
        &found,
    ));
    Ok(svc)
}

/// `lb4_local`: the backend a conntrack service entry pins, else the client's affinity
/// entry, else every slot; drops count in `dir`.
pub(super) fn balance(
    w: &mut Walk<'_>,
    f: Flow,
    svc: &Lb4Service,
    dir: &'static str,
    onward: &mut Onward<'_>,
) -> Result<Balanced> {
    let missing = move |w: &mut Walk<'_>| dropped(w, DROP_NO_SERVICE, dir);
    let mut pinned = None;
    if let Some(sport) = f.sport {
        let key = ct_key(f.daddr, f.saddr, sport, f.dport, f.proto, TUPLE_F_SERVICE);
        let e = w.maps.ct(key)?.filter(|e| e.rev_nat_index == svc.rev_nat_index);
        if let Some(e) = &e {
            pinned = w.maps.backend(e.backend_id as u32)?.map(|_| e.backend_id as u32);
        }
        let found = match (&e, pinned) {
            (Some(e), Some(_)) => format!("the flow's service entry: backend {}", e.backend_id),
            (Some(e), None) => {
                format!("the flow's service entry names backend {}, which is gone: a new pick", e.backend_id)
            }
            (None, _) => "none: a new connection picks a backend".to_string(),
        };
        w.steps.push(Step::new(
            "service conntrack",
            ct_map(f.proto),
            &format!("{}:{sport} -> {}:{} service", f.saddr, f.daddr, f.dport),
            &found,
        ));
    }
    // A flow keeps the backend its entry names; only a new pick needs backends.
    if pinned.is_none() && svc.count == 0 {
        return Ok(Balanced::Decided(dropped(w, DROP_NO_SERVICE, dir)));
    }
    if pinned.is_none() && svc.flags & SVC_FLAG_AFFINITY != 0 {
        pinned = affine(w, f.saddr, svc)?;
    }
    if let Some(id) = pinned {
        let mut bw = Walk { maps: &mut *w.maps, steps: Vec::new() };
        let b = backend_walk(&mut bw, f, 0, Some(id), true, &missing, onward)?;
        return Ok(Balanced::Backends(vec![b]));
    }
    Ok(Balanced::Backends(slots(w, f, f.daddr, svc, true, &missing, onward)?))
}

/// `lb4_affinity_backend`: the backend the client had, while its entry is in time, still
/// the service's and active. One step.
fn affine(w: &mut Walk<'_>, client: Ipv4Addr, svc: &Lb4Service) -> Result<Option<u32>> {
    let mut key = Lb4AffinityKey { rev_nat_id: svc.rev_nat_index, ..Default::default() };
    key.client_id[..4].copy_from_slice(&client.octets());
    let what = format!("client {client}, reverse NAT {}", svc.rev_nat_index.get());
    let (found, id) = match w.maps.affinity(key)? {
        None => ("no entry: a slot is picked, then remembered".to_string(), None),
        Some(v) => {
            let now = w.maps.now();
            let timeout = u64::from(svc.backend_id);
            let matched = w.maps.affinity_match(LbAffinityMatch {
                backend_id: v.backend_id,
                rev_nat_id: svc.rev_nat_index,
                pad: 0,
            })?;
            let be = w.maps.backend(v.backend_id)?;
            if v.last_used.wrapping_add(timeout) <= now {
                (format!("backend {}, expired ({timeout}s timeout): a slot is picked", v.backend_id), None)
            } else if !matched {
                (format!("backend {}, no longer the service's: a slot is picked", v.backend_id), None)
            } else if be.is_none_or(|b| b.flags != BACKEND_ACTIVE) {
                (format!("backend {}, gone or not active: a slot is picked", v.backend_id), None)
            } else {
                (
                    format!("backend {}, used {}s ago: kept", v.backend_id, now.saturating_sub(v.last_used)),
                    Some(v.backend_id),
                )
            }
        }
    };
    w.steps.push(Step::new("session affinity", "cilium_lb4_affinity", &what, &found));
    Ok(id)
}

/// Every backend slot of the frontend at `key_ip` (the packet's address, or 0.0.0.0 for a
/// NodePort surrogate), each walked on its own.
pub(super) fn slots(
    w: &mut Walk<'_>,
    f: Flow,
    key_ip: Ipv4Addr,
    svc: &Lb4Service,
    hairpin: bool,
    missing: &Missing<'_>,
    onward: &mut Onward<'_>,
) -> Result<Vec<BackendWalk>> {
    let mut out = Vec::new();
    for slot in 1..=svc.count {
        let mut bw = Walk { maps: &mut *w.maps, steps: Vec::new() };
        let key = Lb4Key::new(SockAddr4 { ip: key_ip, port: f.dport }, slot);
        let id = bw.maps.service(key)?.map(|s| s.backend_id);
        bw.steps.push(Step::new(
            "backend slot",
            "cilium_lb4_services_v2",
            &format!("{key_ip}:{} slot {slot}", f.dport),
            &id.map_or("no slot entry".to_string(), |i| format!("backend {i}")),
        ));
        out.push(backend_walk(&mut bw, f, slot, id, hairpin, missing, onward)?);
    }
    Ok(out)
}

/// One backend: its entry, the translated flow, and the rest of the walk.
fn backend_walk(
    w: &mut Walk<'_>,
    mut f: Flow,
    slot: u16,
    id: Option<u32>,
    hairpin: bool,
    missing: &Missing<'_>,
    onward: &mut Onward<'_>,
) -> Result<BackendWalk> {
    let be = match id {
        Some(id) => w.maps.backend(id)?,
        None => None,
    };
    if let Some(id) = id {
        let found = match &be {
            Some(b) => {
                format!("{}:{} {}", b.address.addr(), b.port.get(), crate::maps::lb::backend_state(b.flags))
            }
            None => "no such backend".to_string(),
        };
        w.steps.push(Step::new("backend", "cilium_lb4_backends_v3", &id.to_string(), &found));
    }
    let Some(be) = be else {
        let outcome = missing(w);
        return Ok(BackendWalk { backend: None, slot, steps: std::mem::take(&mut w.steps), outcome });
    };
    let addr =
        SockAddr4 { ip: be.address.addr(), port: if be.port.get() == 0 { f.dport } else { be.port.get() } };
    if hairpin && addr.ip == f.saddr {
        w.steps.push(Step::new(
            "hairpin",
            "-",
            &addr.to_string(),
            "the client is the backend: its source becomes 169.254.42.1",
        ));
        f.saddr = LOOPBACK;
    }
    f.daddr = addr.ip;
    f.dport = addr.port;
    let outcome = onward(w, f)?;
    Ok(BackendWalk { backend: Some(addr), slot, steps: std::mem::take(&mut w.steps), outcome })
}
