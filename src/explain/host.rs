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
        let links = w.maps.socket_lb()?;
        let dir = crate::datapath::cgroup::link_pin_dir(std::path::Path::new("<bpffs>"));
        if links.is_empty() {
            w.steps.push(Step::new(
                "socket LB",
                "-",
                &dir.display().to_string(),
                "no links pinned: not attached; the packet carries the address it was sent to",
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

/// The call fails: no packet is sent.
fn refused(w: &mut Walk<'_>) -> Outcome {
    w.decided();
    Outcome {
        verdict: Verdict::Refused("connect()/sendmsg() fails with EHOSTUNREACH: the service has no backend"),
        next_node: None,
        counter: "none: no packet is sent".into(),
    }
}

/// An address of this node or another's, as `sock4_node_address` tells them: loopback, or
/// an ipcache identity of host or remote-node.
fn node_address(w: &mut Walk<'_>, ip: Ipv4Addr) -> Result<bool> {
    if ip.is_loopback() {
        return Ok(true);
    }
    Ok(w.maps.ipcache(ip)?.is_some_and(|(_, i)| matches!(i.sec_identity, HOST_IDENTITY | REMOTE_NODE_ID)))
}

/// `sock4_service`: the frontend's own entry, else for a node's address the 0.0.0.0
/// NodePort surrogate; an ExternalIP or HostPort frontend only at this node's address.
/// Steps for each lookup; the service and the address its slots are under.
fn sock_service(w: &mut Walk<'_>, f: &Flow) -> Result<Option<(Lb4Service, Ipv4Addr)>> {
    let (svc, key_ip) = match service::frontend(w, f.daddr, f)? {
        Some(s) => (s, f.daddr),
        None => {
            if !node_address(w, f.daddr)? {
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
    if svc.flags & (SVC_FLAG_EXTERNAL_IP | SVC_FLAG_HOSTPORT) != 0 {
        let own = w.maps.endpoint(f.daddr)?.is_some_and(|e| e.flags & ENDPOINT_F_HOST != 0)
            || f.daddr.is_loopback();
        if !own {
            w.steps.push(Step::new(
                "ExternalIP/HostPort",
                "cilium_lxc",
                &f.daddr.to_string(),
                "not this node's address: left to the real owner of the address, not translated",
            ));
            return Ok(None);
        }
    }
    Ok(Some((svc, key_ip)))
}

/// Where the (translated) packet goes from the host.
fn onward(w: &mut Walk<'_>, f: Flow) -> Result<Outcome> {
    // A local endpoint's address is routed into cilium_host, whose from-host hands it over.
    let local = ("to-stack", "delivered by the stack, no program sees it");
    if let Some(o) = arrive(w, &f, HOST_IDENTITY, "EGRESS", local)? {
        return Ok(o);
    }
    let (info, _) = identity(w, "destination identity", f.daddr)?;
    if let Some(tep) = tunnel_endpoint(w, info, f.daddr)? {
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
    use crate::maps::lxc::EndpointInfo;
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
