//! A packet the node's own processes send, from one of its addresses: first the socket load
//! balancer on the cgroup root (`ebpf/bpf_sock.c`: connect() and sendmsg() get a backend of
//! the service they name, so no packet carries the service address), then, for a pod
//! address routed into cilium_host, `ebpf/bpf_host.c`'s from-host (a local endpoint's
//! policy program with the host's identity, or the tunnel); anything else the stack
//! routes out of a native device.

use std::net::Ipv4Addr;

use super::flow::{Flow, forwarded};
use super::lxc::{arrive, identity, tunnel_endpoint};
use super::maps::NodeMaps;
use super::{Answer, Decision, Outcome, Request, Step, Verdict, Walk, service};
use crate::codes::points::{HOST_IDENTITY, REMOTE_NODE_IDENTITY as REMOTE_NODE_ID};
use crate::error::Result;
use crate::maps::lb::service::{SVC_FLAG_EXTERNAL_IP, SVC_FLAG_HOSTPORT, SVC_FLAG_NODEPORT};
use crate::maps::lb::{Lb4Key, Lb4Service};
use crate::maps::lxc::ENDPOINT_F_HOST;
use crate::netaddr::SockAddr4;

/// Explains `req` sent by a process of the node from its address `req.src`.
pub fn from_host(m: &mut dyn NodeMaps, req: Request) -> Result<Answer> {
    let mut w = Walk { maps: m, steps: Vec::new() };
    w.steps.push(Step::new(
        "source",
        "cilium_lxc",
        &req.src.to_string(),
        "the node itself: identity 1 (host)",
    ));
    let f = Flow { saddr: req.src, daddr: req.dst, sport: req.sport, dport: req.dport, proto: req.proto };
    let answer = |w: Walk<'_>, d| Answer::new(req, w.steps, d, Some(HOST_IDENTITY));
    if matches!(f.proto, 6 | 17) {
        // connect() is translated by cil_sock4_connect; an unconnected UDP send by
        // cil_sock4_sendmsg.
        let hook = if f.proto == 6 { "cil_sock4_connect" } else { "cil_sock4_sendmsg" };
        let links: Vec<String> = w.maps.socket_lb()?.into_iter().filter(|l| l == hook).collect();
        let dir = crate::datapath::cgroup::link_pin_dir(std::path::Path::new("<bpffs>"));
        if links.is_empty() {
            w.steps.push(Step::new(
                "socket LB",
                "-",
                &dir.display().to_string(),
                &format!(
                    "no {hook} link pinned: not attached; the packet carries the address it was sent to"
                ),
            ));
        } else {
            w.steps.push(Step::new(
                "socket LB",
                "-",
                &dir.display().to_string(),
                &format!(
                    "attached ({}): a process under that cgroup is translated at connect()/sendmsg(){}",
                    links.join(", "),
                    if f.proto == 17 {
                        "; UDP only with --host-lb-udp, a load-time setting (assumed on)"
                    } else {
                        ""
                    }
                ),
            ));
            if let Some((svc, key_ip)) = sock_service(&mut w, &f)? {
                if svc.count == 0 {
                    let o = refused(&mut w);
                    return Ok(answer(w, Decision::Outcome(o)));
                }
                if svc.flags & crate::maps::lb::SVC_FLAG_AFFINITY != 0 {
                    w.steps.push(Step::new(
                        "session affinity",
                        "cilium_lb4_affinity",
                        "the process's netns cookie",
                        "keyed by a network namespace the maps do not tie to a process: each slot is shown",
                    ));
                }
                let b = service::slots(&mut w, f, key_ip, &svc, false, &refused, &mut onward)?;
                return Ok(answer(w, Decision::Backends(b)));
            }
        }
    }
    let o = onward(&mut w, f)?;
    Ok(answer(w, Decision::Outcome(o)))
}

/// cilium_host's from-host: slot 22 of the host endpoint's calls map; Some(drop) when the
/// tail call misses. One step.
fn from_host_slot(w: &mut Walk<'_>) -> Result<Option<Outcome>> {
    const CALL_FROM_HOST: u32 = 22;
    let name = w.maps.host_calls()?;
    let slot = match &name {
        Some(n) => w.maps.call_slot(n, CALL_FROM_HOST)?,
        None => None,
    };
    w.steps.push(Step::new(
        "from-host",
        name.as_deref().unwrap_or("cilium_calls_hostns_<EPID>"),
        &format!("slot {CALL_FROM_HOST}"),
        match slot {
            Some(true) => "tail_handle_ipv4_from_host",
            Some(false) => "empty: the tail call misses",
            None => "not pinned: no from-host program on cilium_host, the tail call misses",
        },
    ));
    Ok((slot != Some(true)).then(|| super::flow::dropped(w, 140, "EGRESS")))
}

/// The call fails: no packet is sent.
fn refused(w: &mut Walk<'_>) -> Outcome {
    w.decided();
    Outcome {
        verdict: Verdict::Refused("connect()/sendmsg() fails with EHOSTUNREACH: the service has no backend"),
        next_node: None,
        counter: "none: no packet is sent".into(),
    }
}

/// An address of this node (or, with `remote_ok`, another's), as `sock4_node_address`
/// tells them: loopback, or an ipcache identity of host (or remote-node).
fn node_address(w: &mut Walk<'_>, ip: Ipv4Addr, remote_ok: bool) -> Result<bool> {
    if ip.is_loopback() {
        return Ok(true);
    }
    let id = w.maps.ipcache(ip)?.map(|(_, i)| i.sec_identity);
    Ok(id == Some(HOST_IDENTITY) || (remote_ok && id == Some(REMOTE_NODE_ID)))
}

/// `sock4_service`: the frontend's own entry, else for a node's address the 0.0.0.0
/// NodePort surrogate; an ExternalIP or HostPort frontend only at this node's address.
/// Steps for each lookup; the service and the address its slots are under.
fn sock_service(w: &mut Walk<'_>, f: &Flow) -> Result<Option<(Lb4Service, Ipv4Addr)>> {
    let (svc, key_ip) = match service::frontend(w, f.daddr, f)? {
        Some(s) => (s, f.daddr),
        None => {
            if !node_address(w, f.daddr, true)? {
                return Ok(None);
            }
            let any = Ipv4Addr::UNSPECIFIED;
            let s = w.maps.service(Lb4Key::new(SockAddr4 { ip: any, port: f.dport }, 0))?;
            let s = s.filter(|s| s.flags & SVC_FLAG_NODEPORT != 0);
            w.steps.push(Step::new(
                "NodePort surrogate",
                "cilium_lb4_services_v2",
                &format!("0.0.0.0:{} slot 0", f.dport),
                match &s {
                    Some(_) => "a NodePort at every node address (when the port is in the NodePort range, a load-time setting)",
                    None => "none: not a service",
                },
            ));
            match s {
                Some(s) => (s, any),
                None => return Ok(None),
            }
        }
    };
    if svc.flags & (SVC_FLAG_EXTERNAL_IP | SVC_FLAG_HOSTPORT) != 0 && !node_address(w, f.daddr, false)? {
        w.steps.push(Step::new(
            "ExternalIP/HostPort",
            "cilium_ipcache",
            &f.daddr.to_string(),
            "not this node's address: left to the real owner of the address, not translated",
        ));
        return Ok(None);
    }
    Ok(Some((svc, key_ip)))
}

/// Where the (translated) packet goes from the host.
fn onward(w: &mut Walk<'_>, f: Flow) -> Result<Outcome> {
    // A pod's address (this node's or another's) is routed into cilium_host, whose
    // from-host tail-calls slot 22 before it hands the packet over.
    let local_pod = w.maps.endpoint(f.daddr)?.is_some_and(|ep| ep.flags & ENDPOINT_F_HOST == 0);
    if local_pod {
        if let Some(o) = from_host_slot(w)? {
            return Ok(o);
        }
    }
    let local = ("to-stack", "delivered by the stack, no program sees it");
    if let Some(o) = arrive(w, &f, HOST_IDENTITY, "EGRESS", local)? {
        return Ok(o);
    }
    let (info, _) = identity(w, "destination identity", f.daddr)?;
    if let Some(tep) = tunnel_endpoint(w, info, f.daddr)? {
        if let Some(o) = from_host_slot(w)? {
            return Ok(o);
        }
        return Ok(forwarded("to-overlay", Some(tep), "EGRESS"));
    }
    w.steps.push(Step::new(
        "route",
        "-",
        &f.daddr.to_string(),
        "no pod address: the stack routes it out of a native device (to-netdev)",
    ));
    Ok(forwarded("to-network", None, "EGRESS"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::maps::Memory;
    use crate::maps::lb::Lb4Backend;
    use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo};
    use crate::wire::Be16;

    const HOST: Ipv4Addr = Ipv4Addr::new(10, 200, 1, 1);
    const POD: Ipv4Addr = Ipv4Addr::new(10, 200, 1, 11);
    const VIP: Ipv4Addr = Ipv4Addr::new(10, 96, 0, 10);

    fn node(socket_lb: bool) -> Memory {
        let mut m = Memory::default();
        m.endpoints.insert(HOST, EndpointInfo { flags: ENDPOINT_F_HOST, ..Default::default() });
        m.endpoints.insert(POD, EndpointInfo { ifindex: 5, lxc_id: 101, sec_id: 1001, ..Default::default() });
        m.policy_programs = vec![101];
        m.services
            .insert((VIP, 80, 0), Lb4Service { count: 1, rev_nat_index: Be16::new(1), ..Default::default() });
        m.services.insert((VIP, 80, 1), Lb4Service { backend_id: 7, ..Default::default() });
        m.services.insert((VIP, 81, 0), Lb4Service { rev_nat_index: Be16::new(2), ..Default::default() });
        m.backends.insert(7, Lb4Backend { address: POD.into(), port: Be16::new(8080), ..Default::default() });
        if socket_lb {
            m.socket_lb = vec!["cil_sock4_connect".into()];
        }
        m.host_calls = Some("cilium_calls_hostns_00001".into());
        m.calls.insert("cilium_calls_hostns_00001".into(), vec![22]);
        m
    }

    fn ask(m: &mut Memory, dport: u16) -> Answer {
        crate::explain::explain(m, Request { src: HOST, dst: VIP, dport, proto: 6, sport: None }).unwrap()
    }

    #[test]
    fn the_socket_lb_translates_at_connect_or_refuses() {
        let mut m = node(true);
        let a = ask(&mut m, 80);
        assert_eq!(a.backends.len(), 1);
        assert_eq!(a.backends[0].backend, Some(SockAddr4 { ip: POD, port: 8080 }));
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Forwarded("to-endpoint"));
        let a = ask(&mut m, 81);
        assert!(matches!(a.outcome.unwrap().verdict, Verdict::Refused(r) if r.contains("EHOSTUNREACH")));
        // Without the socket LB the packet carries the VIP, which from-host does not balance.
        let a = ask(&mut node(false), 80);
        assert!(a.backends.is_empty());
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Forwarded("to-network"));
    }
}
