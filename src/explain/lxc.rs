//! A packet leaving a local endpoint, in the order of `ebpf/bpf_lxc.c`'s from-container
//! (`handle_ipv4_from_lxc`): the endpoint and its configuration, anti-spoofing, the
//! service (per-packet load balancing of `lib/lb.h`: every backend slot walked on its own,
//! or the one a conntrack service entry pins), the destination's identity, conntrack,
//! egress policy, then delivery: a local endpoint's policy program (`handle_policy`:
//! conntrack, ingress policy), the tunnel, or the stack.

use std::net::Ipv4Addr;

use super::maps::NodeMaps;
use super::policy;
use super::{Answer, BackendWalk, Outcome, Request, Step, Verdict, Walk};
use crate::datapath::template::{EP_F_ENFORCE_EGRESS, EP_F_ENFORCE_INGRESS, EpConfig};
use crate::error::{Error, Result};
use crate::maps::ct::CtKey4;
use crate::maps::ipcache::{FLAG_SKIP_TUNNEL, RemoteEndpointInfo};
use crate::maps::lb::{Lb4Key, SVC_FLAG_AFFINITY};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo};
use crate::netaddr::SockAddr4;
use crate::wire::Be16;

/// Drop codes of this path (`ebpf/lib/drop.h`).
const DROP_INVALID_SIP: u8 = 132;
const DROP_MISSED_TAIL_CALL: u8 = 140;
const DROP_UNKNOWN_TARGET: u8 = 150;
const DROP_NO_SERVICE: u8 = 158;
/// Reserved identities.
const HOST_ID: u32 = crate::codes::points::HOST_IDENTITY;
const WORLD_ID: u32 = crate::codes::points::WORLD_IDENTITY;
/// Cilium's service loopback address (hairpin flows).
const LOOPBACK: Ipv4Addr = Ipv4Addr::new(169, 254, 42, 1);
/// CT tuple flags.
const TUPLE_F_OUT: u8 = 0;
const TUPLE_F_IN: u8 = 1;
const TUPLE_F_SERVICE: u8 = 4;
const CT_F_NODE_PORT: u16 = 1 << 11;

/// The packet as the program sees it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flow {
    pub saddr: Ipv4Addr,
    pub daddr: Ipv4Addr,
    pub sport: Option<u16>,
    pub dport: u16,
    pub proto: u8,
}

/// The sender: a local endpoint, or (from the overlay) only its identity.
pub(super) struct Source {
    pub id: u16,
    pub identity: u32,
    pub cfg: Option<EpConfig>,
}

pub(super) fn dropped(w: &mut Walk<'_>, code: u8, dir: &'static str) -> Outcome {
    w.decided();
    let reason = crate::codes::reasons::reason_text(code).unwrap_or("unknown reason");
    Outcome {
        verdict: Verdict::Dropped(code, dir),
        next_node: None,
        counter: format!("drop \"{reason}\" {dir}"),
    }
}

pub(super) fn forwarded(point: &'static str, next_node: Option<Ipv4Addr>, dir: &str) -> Outcome {
    Outcome { verdict: Verdict::Forwarded(point), next_node, counter: format!("forward {dir}") }
}

fn ct_key(daddr: Ipv4Addr, saddr: Ipv4Addr, dport: u16, sport: u16, proto: u8, flags: u8) -> CtKey4 {
    CtKey4 {
        daddr: daddr.into(),
        saddr: saddr.into(),
        dport: Be16::new(dport),
        sport: Be16::new(sport),
        nexthdr: proto,
        flags,
    }
}

pub(super) fn ct_map(proto: u8) -> &'static str {
    if proto == 6 { "cilium_ct4_global" } else { "cilium_ct_any4_global" }
}

/// `ct_lookup4` from the point of view of `egress` (leaving an endpoint) or arriving at one:
/// "new", "established" or "reply", and whether the entry is a NodePort flow's. One step.
fn conntrack(w: &mut Walk<'_>, f: &Flow, egress: bool, at: &str) -> Result<(&'static str, bool)> {
    let Some(sport) = f.sport else {
        w.steps.push(Step::new(
            &format!("conntrack {at}"),
            ct_map(f.proto),
            "no --sport",
            "not looked up: a new flow",
        ));
        return Ok(("new", false));
    };
    let (fwd, rev) = if egress { (TUPLE_F_OUT, TUPLE_F_IN) } else { (TUPLE_F_IN, TUPLE_F_OUT) };
    let key = format!("{}:{sport} -> {}:{} {}", f.saddr, f.daddr, f.dport, super::proto_name(f.proto));
    let (status, e) = if let Some(e) = w.maps.ct(ct_key(f.saddr, f.daddr, f.dport, sport, f.proto, fwd))? {
        ("established", Some(e))
    } else if let Some(e) = w.maps.ct(ct_key(f.daddr, f.saddr, sport, f.dport, f.proto, rev))? {
        ("reply", Some(e))
    } else {
        ("new", None)
    };
    let node_port = e.is_some_and(|e| e.flags & CT_F_NODE_PORT != 0);
    let found = match status {
        "new" => "no entry either way: a new flow".to_string(),
        s => format!("{s} flow{}: policy is not looked at again", if node_port { " (NodePort)" } else { "" }),
    };
    w.steps.push(Step::new(&format!("conntrack {at}"), ct_map(f.proto), &key, &found));
    Ok((status, node_port))
}

/// Where the walk starts: the endpoint that owns `req.src`, its configuration and the
/// anti-spoofing check. Err: the address is no local endpoint (a usage error).
fn source(w: &mut Walk<'_>, req: &Request) -> Result<std::result::Result<Source, Outcome>> {
    let Some(ep) = w.maps.endpoint(req.src)? else {
        return Err(Error::usage(format!(
            "{}: not a local endpoint's address (no cilium_lxc entry); explain starts at an endpoint of this node",
            req.src
        )));
    };
    if ep.flags & ENDPOINT_F_HOST != 0 {
        return Err(Error::usage(format!(
            "{}: the node's own address; the host path (socket LB, then bpf_host) is not modelled by explain yet",
            req.src
        )));
    }
    let id = ep.lxc_id;
    w.steps.push(Step::new(
        "source endpoint",
        "cilium_lxc",
        &req.src.to_string(),
        &format!("endpoint {id}, identity {}, ifindex {}", ep.sec_id, ep.ifindex),
    ));
    if !w.maps.has_ep_config()? {
        w.steps.push(Step::new(
            "endpoint configuration",
            "ciliumrs_ep_config",
            "-",
            "not pinned (a Cilium node): policy enforcement is compiled into the endpoint's program, an agent \
             setting the maps do not hold; assumed enforced both ways where the endpoint has a policy map",
        ));
        return Ok(Ok(Source { id, identity: ep.sec_id, cfg: None }));
    }
    let Some(cfg) = w.maps.ep_config(ep.ifindex)? else {
        w.steps.push(Step::new(
            "endpoint configuration",
            "ciliumrs_ep_config",
            &format!("ifindex {}", ep.ifindex),
            "none: from-container knows no endpoint on this interface",
        ));
        return Ok(Err(dropped(w, DROP_UNKNOWN_TARGET, "EGRESS")));
    };
    let enforce = |bit: u8| if cfg.flags & bit != 0 { "enforced" } else { "not enforced" };
    w.steps.push(Step::new(
        "endpoint configuration",
        "ciliumrs_ep_config",
        &format!("ifindex {}", ep.ifindex),
        &format!(
            "endpoint {}, identity {}, ingress policy {}, egress policy {}",
            cfg.lxc_id,
            cfg.sec_label,
            enforce(EP_F_ENFORCE_INGRESS),
            enforce(EP_F_ENFORCE_EGRESS)
        ),
    ));
    if Ipv4Addr::from(cfg.ipv4) != req.src {
        w.steps.push(Step::new(
            "anti-spoofing",
            "ciliumrs_ep_config",
            &format!("ifindex {}", ep.ifindex),
            &format!("the endpoint's address is {}, not {}", Ipv4Addr::from(cfg.ipv4), req.src),
        ));
        return Ok(Err(dropped(w, DROP_INVALID_SIP, "EGRESS")));
    }
    Ok(Ok(Source { id: cfg.lxc_id, identity: cfg.sec_label, cfg: Some(cfg) }))
}

/// Whether `cfg` (or, on a Cilium node, the existence of a policy map) enforces `bit`.
fn enforces(w: &mut Walk<'_>, cfg: Option<&EpConfig>, id: u16, bit: u8) -> Result<bool> {
    Ok(match cfg {
        Some(c) => c.flags & bit != 0,
        None => w.maps.policy(id, Default::default())?.is_some(),
    })
}

/// After the service: identity, conntrack, egress policy, delivery.
fn onward(w: &mut Walk<'_>, src: &Source, f: Flow) -> Result<Outcome> {
    let looked_up = if f.daddr == LOOPBACK { f.saddr } else { f.daddr };
    let mut info: Option<RemoteEndpointInfo> = None;
    let (ep, dst_id): (Option<EndpointInfo>, u32) = match w.maps.endpoint(looked_up)? {
        Some(ep) => {
            let host = ep.flags & ENDPOINT_F_HOST != 0;
            let id = if host { HOST_ID } else { ep.sec_id };
            let found = if host {
                "the node itself: identity 1 (host)".to_string()
            } else {
                format!("local endpoint {}, identity {id}", ep.lxc_id)
            };
            w.steps.push(Step::new("destination", "cilium_lxc", &looked_up.to_string(), &found));
            (Some(ep), id)
        }
        None => {
            let hit = w.maps.ipcache(looked_up)?;
            let found = match &hit {
                Some((p, i)) => format!("prefix {p}: identity {}", i.sec_identity),
                None => "no prefix matches: identity 2 (world)".to_string(),
            };
            w.steps.push(Step::new("destination identity", "cilium_ipcache", &looked_up.to_string(), &found));
            info = hit.map(|(_, i)| i);
            (None, info.map_or(WORLD_ID, |i| i.sec_identity))
        }
    };
    let (status, node_port) = conntrack(w, &f, true, "(egress)")?;
    if status == "reply" && node_port {
        w.steps.push(Step::new(
            "NodePort reply",
            "cilium_calls",
            "slot 17",
            "leaves through the NodePort reverse translation: not modelled by explain yet",
        ));
        return Ok(forwarded("to-stack", None, "EGRESS"));
    }
    if status == "new" && enforces(w, src.cfg.as_ref(), src.id, EP_F_ENFORCE_EGRESS)? {
        if let Some(code) = policy::verdict(w, src.id, dst_id, true, f.proto, f.dport)? {
            return Ok(dropped(w, code, "EGRESS"));
        }
    }
    if let Some(ep) = ep.filter(|e| e.flags & ENDPOINT_F_HOST == 0) {
        return deliver_local(w, src, &f, &ep, "EGRESS");
    }
    if dst_id != HOST_ID {
        if let Some(tep) = tunnel_endpoint(w, info, looked_up)? {
            return Ok(forwarded("to-overlay", Some(tep), "EGRESS"));
        }
    }
    w.steps.push(Step::new(
        "route",
        "-",
        &looked_up.to_string(),
        "no local endpoint, no tunnel: the stack routes it",
    ));
    Ok(forwarded("to-stack", None, "EGRESS"))
}

/// The node behind `ip`: the ipcache entry's tunnel endpoint, else the tunnel map at the
/// pod prefix. One step when the tunnel map is asked.
fn tunnel_endpoint(
    w: &mut Walk<'_>,
    info: Option<RemoteEndpointInfo>,
    ip: Ipv4Addr,
) -> Result<Option<Ipv4Addr>> {
    if let Some(i) =
        info.filter(|i| u32::from(i.tunnel_endpoint.addr()) != 0 && i.flags & FLAG_SKIP_TUNNEL == 0)
    {
        let tep = i.tunnel_endpoint.addr();
        w.steps.push(Step::new(
            "tunnel",
            "cilium_ipcache",
            &ip.to_string(),
            &format!("tunnel endpoint {tep}"),
        ));
        return Ok(Some(tep));
    }
    // NB: the program masks the address with its pod prefix length, a load-time setting
    // the maps do not hold: the longest prefix with an entry is taken.
    for len in (8..=32u8).rev() {
        let key = crate::netaddr::Cidr4::of(ip, len).addr;
        if let Some(v) = w.maps.tunnel(key)? {
            let tep = Ipv4Addr::new(v.addr[0], v.addr[1], v.addr[2], v.addr[3]);
            w.steps.push(Step::new(
                "tunnel",
                "cilium_tunnel_map",
                &format!("{key} (the pod prefix /{len}: a load-time setting, the longest with an entry)"),
                &format!("node {tep}"),
            ));
            return Ok(Some(tep));
        }
    }
    w.steps.push(Step::new("tunnel", "cilium_tunnel_map", &ip.to_string(), "no node's pod prefix holds it"));
    Ok(None)
}

/// The destination endpoint's policy program (`handle_policy`).
/// `miss_dir`: the direction the caller counts a missed tail call in.
pub(super) fn deliver_local(
    w: &mut Walk<'_>,
    src: &Source,
    f: &Flow,
    ep: &EndpointInfo,
    miss_dir: &'static str,
) -> Result<Outcome> {
    let id = ep.lxc_id;
    let present = w.maps.policy_program(id)?;
    w.steps.push(Step::new(
        "delivery",
        "cilium_call_policy",
        &format!("slot {id}"),
        if present { "the endpoint's policy program" } else { "empty: the tail call misses" },
    ));
    if !present {
        return Ok(dropped(w, DROP_MISSED_TAIL_CALL, miss_dir));
    }
    let has = w.maps.has_ep_config()?;
    let cfg = if has { w.maps.ep_config(ep.ifindex)? } else { None };
    if has {
        let found = match &cfg {
            Some(c) if Ipv4Addr::from(c.ipv4) == f.daddr || f.daddr == LOOPBACK => format!(
                "endpoint {}, ingress policy {}",
                c.lxc_id,
                if c.flags & EP_F_ENFORCE_INGRESS != 0 { "enforced" } else { "not enforced" }
            ),
            Some(c) => format!("its address is {}, not {}", Ipv4Addr::from(c.ipv4), f.daddr),
            None => "none for this interface".to_string(),
        };
        w.steps.push(Step::new(
            "receiving endpoint",
            "ciliumrs_ep_config",
            &format!("ifindex {}", ep.ifindex),
            &found,
        ));
        match &cfg {
            Some(c) if Ipv4Addr::from(c.ipv4) == f.daddr || f.daddr == LOOPBACK => {}
            _ => return Ok(dropped(w, DROP_UNKNOWN_TARGET, "INGRESS")),
        }
    }
    let (status, _) = conntrack(w, f, false, "(ingress)")?;
    if status == "new" && f.saddr != LOOPBACK && enforces(w, cfg.as_ref(), id, EP_F_ENFORCE_INGRESS)? {
        if let Some(code) = policy::verdict(w, id, src.identity, false, f.proto, f.dport)? {
            return Ok(dropped(w, code, "INGRESS"));
        }
    }
    Ok(forwarded("to-endpoint", None, "INGRESS"))
}

/// Explains a packet leaving the endpoint that owns `req.src`.
pub fn from_container(m: &mut dyn NodeMaps, req: Request) -> Result<Answer> {
    let mut w = Walk { maps: m, steps: Vec::new() };
    let f = Flow { saddr: req.src, daddr: req.dst, sport: req.sport, dport: req.dport, proto: req.proto };
    let src = match source(&mut w, &req)? {
        Ok(s) => s,
        Err(o) => {
            return Ok(Answer {
                request: req,
                steps: w.steps,
                outcome: Some(o),
                backends: Vec::new(),
                new_flow: req.sport.is_none(),
                src_identity: None,
            });
        }
    };
    let identity = src.identity;
    let answer = |steps, outcome, backends| Answer {
        request: req,
        steps,
        outcome,
        backends,
        new_flow: req.sport.is_none(),
        src_identity: Some(identity),
    };
    // ICMP to a service address is not load-balanced (as in Cilium).
    let svc = if matches!(f.proto, 6 | 17) {
        let key = Lb4Key::new(SockAddr4 { ip: f.daddr, port: f.dport }, 0);
        let svc = w.maps.service(key)?;
        let found = match &svc {
            Some(s) => {
                format!("a service: {} active backends, reverse NAT {}", s.count, s.rev_nat_index.get())
            }
            None => "not a service".to_string(),
        };
        w.steps.push(Step::new(
            "service",
            "cilium_lb4_services_v2",
            &format!("{}:{} slot 0", f.daddr, f.dport),
            &found,
        ));
        svc
    } else {
        None
    };
    let Some(svc) = svc else {
        let o = onward(&mut w, &src, f)?;
        return Ok(answer(w.steps, Some(o), Vec::new()));
    };
    if svc.count == 0 {
        let o = dropped(&mut w, DROP_NO_SERVICE, "EGRESS");
        return Ok(answer(w.steps, Some(o), Vec::new()));
    }
    if svc.flags & SVC_FLAG_AFFINITY != 0 {
        w.steps.push(Step::new(
            "session affinity",
            "cilium_lb4_affinity",
            &format!("client {}", f.saddr),
            "the service has affinity: a client with an entry keeps its backend (each slot is shown)",
        ));
    }
    // A flow whose CT service entry names a backend keeps it.
    let mut pinned = None;
    if let Some(sport) = f.sport {
        let key = ct_key(f.daddr, f.saddr, sport, f.dport, f.proto, TUPLE_F_SERVICE);
        let e = w.maps.ct(key)?.filter(|e| e.rev_nat_index == svc.rev_nat_index);
        let found = match &e {
            Some(e) => format!("the flow's service entry: backend {}", e.backend_id),
            None => "none: a new connection picks a slot at random".to_string(),
        };
        w.steps.push(Step::new(
            "service conntrack",
            ct_map(f.proto),
            &format!("{}:{sport} -> {}:{} service", f.saddr, f.daddr, f.dport),
            &found,
        ));
        pinned = e.map(|e| e.backend_id as u32);
    }
    if let Some(id) = pinned {
        let mut bw = Walk { maps: &mut *w.maps, steps: Vec::new() };
        let b = backend_walk(&mut bw, &src, f, 0, Some(id))?;
        return Ok(finish(req, w.steps, vec![b], identity));
    }
    let mut backends = Vec::new();
    for slot in 1..=svc.count {
        let mut bw = Walk { maps: &mut *w.maps, steps: Vec::new() };
        let key = Lb4Key::new(SockAddr4 { ip: f.daddr, port: f.dport }, slot);
        let id = bw.maps.service(key)?.map(|s| s.backend_id);
        bw.steps.push(Step::new(
            "backend slot",
            "cilium_lb4_services_v2",
            &format!("{}:{} slot {slot}", f.daddr, f.dport),
            &id.map_or("no slot entry".to_string(), |i| format!("backend {i}")),
        ));
        backends.push(backend_walk(&mut bw, &src, f, slot, id)?);
    }
    Ok(finish(req, w.steps, backends, identity))
}

/// One backend: its entry, the rewritten flow, and the rest of the walk.
fn backend_walk(
    w: &mut Walk<'_>,
    src: &Source,
    mut f: Flow,
    slot: u16,
    id: Option<u32>,
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
        let outcome = dropped(w, DROP_NO_SERVICE, "EGRESS");
        return Ok(BackendWalk { backend: None, slot, steps: std::mem::take(&mut w.steps), outcome });
    };
    let addr =
        SockAddr4 { ip: be.address.addr(), port: if be.port.get() == 0 { f.dport } else { be.port.get() } };
    if addr.ip == f.saddr {
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
    let outcome = onward(w, src, f)?;
    Ok(BackendWalk { backend: Some(addr), slot, steps: std::mem::take(&mut w.steps), outcome })
}

/// The answer of a service flow: one outcome where every backend agrees.
fn finish(req: Request, steps: Vec<Step>, backends: Vec<BackendWalk>, identity: u32) -> Answer {
    let first = backends.first().map(|b| b.outcome.clone());
    let agree = backends.iter().all(|b| Some(&b.outcome) == first.as_ref());
    Answer {
        request: req,
        steps,
        outcome: if agree { first } else { None },
        backends,
        new_flow: req.sport.is_none(),
        src_identity: Some(identity),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::maps::Memory;
    use crate::maps::lb::Lb4Service;

    fn ep(id: u16, ifindex: u32, identity: u32) -> EndpointInfo {
        EndpointInfo { ifindex, lxc_id: id, sec_id: identity, ..Default::default() }
    }

    fn cfg(id: u16, ifindex: u32, identity: u32, ip: Ipv4Addr, flags: u8) -> EpConfig {
        EpConfig { ifindex, sec_label: identity, ipv4: ip.octets(), lxc_id: id, flags, ..Default::default() }
    }

    /// Two endpoints; 12 enforces ingress and has an empty policy map.
    fn node() -> Memory {
        let (a, b) = (Ipv4Addr::new(10, 0, 0, 11), Ipv4Addr::new(10, 0, 0, 12));
        let mut m = Memory::default();
        m.endpoints.insert(a, ep(11, 5, 1011));
        m.endpoints.insert(b, ep(12, 6, 1012));
        m.ep_configs =
            Some([(5, cfg(11, 5, 1011, a, 0)), (6, cfg(12, 6, 1012, b, EP_F_ENFORCE_INGRESS))].into());
        m.policies.insert(12, Vec::new());
        m.policy_programs = vec![11, 12];
        m
    }

    fn req(dst: [u8; 4], dport: u16, proto: u8) -> Request {
        Request { src: Ipv4Addr::new(10, 0, 0, 11), dst: dst.into(), dport, proto, sport: None }
    }

    #[test]
    fn an_enforcing_endpoint_without_entries_drops_at_its_ingress() {
        let a = from_container(&mut node(), req([10, 0, 0, 12], 80, 6)).unwrap();
        let o = a.outcome.unwrap();
        assert_eq!(o.verdict, Verdict::Dropped(policy::DROP_POLICY, "INGRESS"));
        assert!(a.steps.iter().any(|s| s.decides && s.map == "cilium_policy_00012"), "{:?}", a.steps);
        assert!(a.new_flow);
    }

    #[test]
    fn the_world_goes_to_the_stack_and_a_service_without_backends_drops() {
        let mut m = node();
        let a = from_container(&mut m, req([1, 1, 1, 1], 53, 17)).unwrap();
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Forwarded("to-stack"));
        m.services.insert((Ipv4Addr::new(10, 96, 0, 1), 53, 0), Lb4Service::default());
        let a = from_container(&mut m, req([10, 96, 0, 1], 53, 17)).unwrap();
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Dropped(DROP_NO_SERVICE, "EGRESS"));
        // ICMP to a service address is not load-balanced.
        let a = from_container(&mut m, req([10, 96, 0, 1], 0, 1)).unwrap();
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Forwarded("to-stack"));
    }

    #[test]
    fn an_endpoint_without_configuration_drops_at_once() {
        let mut m = node();
        m.ep_configs.as_mut().unwrap().remove(&5);
        let a = from_container(&mut m, req([10, 0, 0, 12], 80, 6)).unwrap();
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Dropped(DROP_UNKNOWN_TARGET, "EGRESS"));
        let e = from_container(
            &mut m,
            Request { src: Ipv4Addr::new(10, 0, 0, 99), ..req([10, 0, 0, 12], 80, 6) },
        );
        assert_eq!(e.unwrap_err().exit_code(), 2);
    }
}
