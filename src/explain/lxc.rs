//! A packet leaving a local endpoint, in the order of `ebpf/bpf_lxc.c`'s from-container
//! (`handle_ipv4_from_lxc`): the endpoint and its configuration, anti-spoofing, the
//! service (per-packet load balancing of `lib/lb.h`: every backend slot walked on its own,
//! or the one a conntrack service entry pins), the destination's identity, conntrack,
//! egress policy, then delivery: a local endpoint's policy program (`handle_policy`:
//! conntrack, ingress policy), the tunnel, or the stack.

use std::net::Ipv4Addr;

use super::flow::{CT_F_NODE_PORT, Flow, TUPLE_F_IN, TUPLE_F_OUT, ct_key, ct_map, dropped, forwarded};
use super::maps::NodeMaps;
use super::policy;
use super::service::{self, LOOPBACK};
use super::{Answer, Decision, Outcome, Request, Step, Walk};
use crate::datapath::template::{EP_F_ENFORCE_EGRESS, EP_F_ENFORCE_INGRESS, EpConfig};
use crate::error::{Error, Result};
use crate::maps::ipcache::{FLAG_SKIP_TUNNEL, RemoteEndpointInfo};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo};

/// Drop codes of this path (`ebpf/lib/drop.h`).
const DROP_INVALID_SIP: u8 = 132;
const DROP_MISSED_TAIL_CALL: u8 = 140;
pub(super) const DROP_UNKNOWN_TARGET: u8 = 150;
/// Reserved identities.
const HOST_ID: u32 = crate::codes::points::HOST_IDENTITY;
const WORLD_ID: u32 = crate::codes::points::WORLD_IDENTITY;

/// The sender: a local endpoint, or (from the overlay) only its identity.
pub(super) struct Source {
    pub id: u16,
    pub identity: u32,
    pub cfg: Option<EpConfig>,
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
            "{}: not a local endpoint's address (no cilium_lxc entry); explain starts at an endpoint or the node itself, or with --ingress DEV where the packet enters",
            req.src
        )));
    };
    if ep.flags & ENDPOINT_F_HOST != 0 {
        return Err(Error::usage(format!(
            "{}: the node's own address: its walk starts at the host (explain::host), not at an endpoint",
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
        None => w.maps.policy_layout(id)?.is_some(),
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
            let (hit, id) = identity(w, "destination identity", looked_up)?;
            info = hit;
            (None, id)
        }
    };
    let (status, node_port) = conntrack(w, &f, true, "(egress)")?;
    if status == "reply" && node_port {
        w.steps.push(Step::new(
            "NodePort reply",
            "the endpoint's calls map",
            "slot 17",
            "tail_rev_nodeport_lb4: reverse source NAT where the node made one, the frontend as the source \
             (cilium_lb4_reverse_nat), then the kernel's FIB out of a native device",
        ));
        return Ok(forwarded("to-network", None, "EGRESS"));
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
pub(super) fn tunnel_endpoint(
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

/// `ipcache_lookup4(ip)`: the longest prefix holding `ip` and its identity (the world's
/// without one). One step, `what` naming whose identity it is.
pub(super) fn identity(
    w: &mut Walk<'_>,
    what: &str,
    ip: Ipv4Addr,
) -> Result<(Option<RemoteEndpointInfo>, u32)> {
    let hit = w.maps.ipcache(ip)?;
    let found = match &hit {
        Some((p, i)) => format!("prefix {p}: identity {}", i.sec_identity),
        None => "no prefix matches: identity 2 (world)".to_string(),
    };
    w.steps.push(Step::new(what, "cilium_ipcache", &ip.to_string(), &found));
    let info = hit.map(|(_, i)| i);
    Ok((info, info.map_or(WORLD_ID, |i| i.sec_identity)))
}

/// `lookup_endpoint4(f.daddr)` from a program outside the endpoints: a local endpoint gets
/// the packet through its policy program with `src` as the sender's identity; the node's
/// own address leaves at `host.0` (`host.1` says how). None: no entry. One step or more.
pub(super) fn arrive(
    w: &mut Walk<'_>,
    f: &Flow,
    src: u32,
    dir: &'static str,
    host: (&'static str, &str),
) -> Result<Option<Outcome>> {
    let Some(ep) = w.maps.endpoint(f.daddr)? else { return Ok(None) };
    let dst = f.daddr.to_string();
    if ep.flags & ENDPOINT_F_HOST != 0 {
        w.steps.push(Step::new("destination", "cilium_lxc", &dst, &format!("the node itself: {}", host.1)));
        return Ok(Some(forwarded(host.0, None, dir)));
    }
    let found = format!("local endpoint {}, identity {}", ep.lxc_id, ep.sec_id);
    w.steps.push(Step::new("destination", "cilium_lxc", &dst, &found));
    let sender = Source { id: 0, identity: src, cfg: None };
    deliver_local(w, &sender, f, &ep, dir).map(Some)
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
        Err(o) => return Ok(Answer::new(req, w.steps, Decision::Outcome(o), None)),
    };
    let identity = Some(src.identity);
    let Some(svc) = service::frontend(&mut w, f.daddr, &f)? else {
        let o = onward(&mut w, &src, f)?;
        return Ok(Answer::new(req, w.steps, Decision::Outcome(o), identity));
    };
    let b = service::balance(&mut w, f, &svc, "EGRESS", &mut |w, f| onward(w, &src, f))?;
    Ok(Answer::new(req, w.steps, b.into(), identity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::Verdict;
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
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Dropped(158, "EGRESS"));
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
