//! A packet arriving from outside the node: on a native device, in the order of
//! `ebpf/bpf_host.c`'s from-netdev (the sender's identity from the ipcache, NodePort, then
//! a local endpoint's policy program or the host), and the NodePort step both from-netdev
//! and from-overlay take (`lib/nodeport.h`'s `nodeport_lb4`: "Is a ClusterIP", the
//! service decision of [`super::service`], then a local backend's policy program, the
//! host's stack, or source NAT to the node and the tunnel or the route).

use super::flow::{Flow, dropped, forwarded};
use super::lxc::{arrive, identity, tunnel_endpoint};
use super::maps::NodeMaps;
use super::{Answer, Decision, Outcome, Request, Step, Walk, service};
use crate::error::{Error, Result};
use crate::maps::lb::SVC_FLAG_ROUTABLE;

const DROP_MISSED_TAIL_CALL: u8 = 140;
const DROP_IS_CLUSTER_IP: u8 = 174;
/// Tail-call slots (`lib/tailcall.h`).
const CALL_FROM_NETDEV: u32 = 7;
const CALL_NODEPORT_NAT: u32 = 15;

/// The calls map of native device `ifindex`.
pub fn calls_map(ifindex: u32) -> String {
    format!("cilium_calls_netdev_{ifindex:05}")
}

/// Explains `req` arriving on native device `dev` (interface `ifindex`).
pub fn from_netdev(m: &mut dyn NodeMaps, req: Request, dev: &str, ifindex: u32) -> Result<Answer> {
    let mut w = Walk { maps: m, steps: Vec::new() };
    let calls = calls_map(ifindex);
    let Some(present) = w.maps.call_slot(&calls, CALL_FROM_NETDEV)? else {
        return Err(Error::runtime(format!(
            "{dev}: {calls} is not pinned: no from-netdev program of this datapath on it (try 'ciliumrs init --native-devs {dev}')"
        )));
    };
    w.steps.push(Step::new(
        "from-netdev",
        &calls,
        &format!("slot {CALL_FROM_NETDEV}"),
        if present { "tail_handle_ipv4_from_netdev" } else { "empty: the tail call misses" },
    ));
    if !present {
        let o = dropped(&mut w, DROP_MISSED_TAIL_CALL, "INGRESS");
        return Ok(Answer::new(req, w.steps, Decision::Outcome(o), None));
    }
    let (_, src) = identity(&mut w, "source identity", req.src)?;
    let f = Flow { saddr: req.src, daddr: req.dst, sport: req.sport, dport: req.dport, proto: req.proto };
    if let Some(d) = nodeport(&mut w, f, src, &calls)? {
        return Ok(Answer::new(req, w.steps, d, Some(src)));
    }
    let o = match arrive(&mut w, &f, src, "INGRESS", ("to-host", "its stack takes it"))? {
        Some(o) => o,
        None => {
            w.steps.push(Step::new(
                "destination",
                "cilium_lxc",
                &req.dst.to_string(),
                "no entry: the host's stack takes it",
            ));
            forwarded("to-host", None, "INGRESS")
        }
    };
    Ok(Answer::new(req, w.steps, Decision::Outcome(o), Some(src)))
}

/// `nodeport_lb4`: Some when the packet is for a service frontend (then the service
/// decided it); None when it goes on as any other packet. `src`: the sender's identity;
/// `calls`: the calls map of the program it runs in.
pub(super) fn nodeport(w: &mut Walk<'_>, f: Flow, src: u32, calls: &str) -> Result<Option<Decision>> {
    let Some(svc) = service::frontend(w, f.daddr, &f)? else { return nat_reply(w, &f, calls) };
    w.steps.push(Step::new(
        "NodePort",
        "-",
        "ENABLE_NODEPORT",
        "a load-time setting the maps do not hold: assumed on (init's default)",
    ));
    if svc.flags & SVC_FLAG_ROUTABLE == 0 {
        return Ok(Some(Decision::Outcome(dropped(w, DROP_IS_CLUSTER_IP, "INGRESS"))));
    }
    let b = service::balance(w, f, &svc, "INGRESS", &mut |w, f| backend(w, src, f, calls))?;
    Ok(Some(b.into()))
}

/// Not a frontend: the reply of a flow this node translated (its reverse entry in
/// `cilium_snat_v4_external`) goes back to its client through slot 17; anything else goes
/// on. Looked up with `--sport` only (the entry is the flow's).
fn nat_reply(w: &mut Walk<'_>, f: &Flow, calls: &str) -> Result<Option<Decision>> {
    const CALL_REV_NODEPORT: u32 = 17;
    let Some(sport) = f.sport.filter(|_| matches!(f.proto, 6 | 17)) else { return Ok(None) };
    let key = crate::maps::ct::CtKey4 {
        daddr: f.daddr.into(),
        saddr: f.saddr.into(),
        dport: crate::wire::Be16::new(f.dport),
        sport: crate::wire::Be16::new(sport),
        nexthdr: f.proto,
        flags: crate::maps::ct::TUPLE_F_IN,
    };
    let what = format!("{}:{sport} -> {}:{} IN", f.saddr, f.daddr, f.dport);
    let Some(e) = w.maps.snat(key)? else {
        w.steps.push(Step::new(
            "source NAT reply",
            "cilium_snat_v4_external",
            &what,
            "none: not a reply of ours",
        ));
        return Ok(None);
    };
    w.steps.push(Step::new(
        "source NAT reply",
        "cilium_snat_v4_external",
        &what,
        &format!(
            "the reply of a flow this node translated: back to {}:{}",
            e.to_addr.addr(),
            e.to_port.get()
        ),
    ));
    let slot = w.maps.call_slot(calls, CALL_REV_NODEPORT)?;
    w.steps.push(Step::new(
        "NodePort reply",
        calls,
        &format!("slot {CALL_REV_NODEPORT}"),
        match slot {
            Some(true) => {
                "tail_rev_nodeport_lb4: the frontend as the source (by the node's CT entry of the flow, not \
                 looked at here), then the kernel's FIB out of a native device"
            }
            _ => "empty: the tail call misses",
        },
    ));
    Ok(Some(Decision::Outcome(if slot == Some(true) {
        forwarded("to-network", None, "INGRESS")
    } else {
        dropped(w, DROP_MISSED_TAIL_CALL, "INGRESS")
    })))
}

/// A NodePort request translated to a backend: a local endpoint's policy program, the
/// host's stack, or slot 15 (source NAT, then the tunnel or the route).
fn backend(w: &mut Walk<'_>, src: u32, f: Flow, calls: &str) -> Result<Outcome> {
    let host = ("to-stack", "its stack takes the request (the reply leaves as the frontend)");
    if let Some(o) = arrive(w, &f, src, "INGRESS", host)? {
        return Ok(o);
    }
    let slot = w.maps.call_slot(calls, CALL_NODEPORT_NAT)?;
    w.steps.push(Step::new(
        "remote backend",
        calls,
        &format!("slot {CALL_NODEPORT_NAT}"),
        match slot {
            Some(true) => "tail_nodeport_nat_ipv4: source NAT to this node",
            Some(false) => "empty: the tail call misses",
            None => "not pinned: the tail call misses",
        },
    ));
    if slot != Some(true) {
        return Ok(dropped(w, DROP_MISSED_TAIL_CALL, "INGRESS"));
    }
    let (info, _) = identity(w, "destination identity", f.daddr)?;
    let tep = tunnel_endpoint(w, info, f.daddr)?;
    let to = if tep.is_some() {
        "cilium_host's address (IPV4_GATEWAY)"
    } else {
        "the device's NodePort address (IPV4_NODEPORT)"
    };
    // With --sport, the flow's own mapping where it has one (the packet's tuple, OUT).
    let existing = match f.sport {
        Some(sport) => w.maps.snat(crate::maps::ct::CtKey4 {
            daddr: f.daddr.into(),
            saddr: f.saddr.into(),
            dport: crate::wire::Be16::new(f.dport),
            sport: crate::wire::Be16::new(sport),
            nexthdr: f.proto,
            flags: 0,
        })?,
        None => None,
    };
    let found = match existing {
        Some(e) => format!("the flow's mapping: source {}:{}", e.to_addr.addr(), e.to_port.get()),
        None => format!(
            "a new mapping to {to} and a port of the NAT range: load-time settings the maps do not hold"
        ),
    };
    w.steps.push(Step::new("source NAT", "cilium_snat_v4_external", &nat_key(&f), &found));
    Ok(match tep {
        Some(t) => forwarded("to-overlay", Some(t), "INGRESS"),
        None => {
            w.steps.push(Step::new(
                "route",
                "-",
                &f.daddr.to_string(),
                "the kernel's FIB: out of a native device",
            ));
            forwarded("to-network", None, "INGRESS")
        }
    })
}

fn nat_key(f: &Flow) -> String {
    match f.sport {
        Some(p) => format!("{}:{p} -> {}:{} OUT", f.saddr, f.daddr, f.dport),
        None => format!("{} -> {}:{} OUT", f.saddr, f.daddr, f.dport),
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;
    use crate::explain::Verdict;
    use crate::explain::maps::Memory;
    use crate::maps::ipcache::RemoteEndpointInfo;
    use crate::maps::lb::{Lb4AffinityKey, Lb4Backend, Lb4Service, LbAffinityVal, SVC_FLAG_AFFINITY};
    use crate::maps::lxc::EndpointInfo;
    use crate::netaddr::Cidr4;
    use crate::wire::Be16;

    const NODE: Ipv4Addr = Ipv4Addr::new(10, 100, 0, 1);
    const CLIENT: Ipv4Addr = Ipv4Addr::new(10, 100, 0, 254);
    const POD: Ipv4Addr = Ipv4Addr::new(10, 200, 1, 11);
    const REMOTE: Ipv4Addr = Ipv4Addr::new(10, 200, 2, 11);

    /// A node with one pod (endpoint 101, no policy), a remote pod behind 10.100.0.2, and
    /// services at NODE: 30080 -> the pod, 30081 -> the remote pod, 30085 none, and the
    /// ClusterIP 10.96.0.1:80.
    fn node() -> Memory {
        let mut m = Memory::default();
        m.endpoints.insert(POD, EndpointInfo { ifindex: 5, lxc_id: 101, sec_id: 1001, ..Default::default() });
        m.policy_programs = vec![101];
        m.calls.insert(calls_map(2), vec![CALL_FROM_NETDEV, CALL_NODEPORT_NAT]);
        m.ipcache.push((
            Cidr4::of(REMOTE, 32),
            RemoteEndpointInfo {
                sec_identity: 2001,
                tunnel_endpoint: Ipv4Addr::new(10, 100, 0, 2).into(),
                ..Default::default()
            },
        ));
        let svc = |count, rev, flags| Lb4Service {
            count,
            rev_nat_index: Be16::new(rev),
            flags,
            ..Default::default()
        };
        let routable = SVC_FLAG_ROUTABLE | crate::maps::lb::service::SVC_FLAG_NODEPORT;
        for (port, rev, backends) in
            [(30080u16, 1u16, vec![1u32]), (30081, 2, vec![2]), (30085, 3, vec![]), (30087, 4, vec![1, 2])]
        {
            let flags = if port == 30087 { routable | SVC_FLAG_AFFINITY } else { routable };
            m.services.insert(
                (NODE, port, 0),
                Lb4Service { backend_id: 600, ..svc(backends.len() as u16, rev, flags) },
            );
            for (slot, id) in backends.iter().enumerate() {
                m.services.insert(
                    (NODE, port, slot as u16 + 1),
                    Lb4Service { backend_id: *id, ..Default::default() },
                );
            }
        }
        m.services.insert((Ipv4Addr::new(10, 96, 0, 1), 80, 0), svc(1, 9, 0));
        for (id, ip) in [(1, POD), (2, REMOTE)] {
            m.backends
                .insert(id, Lb4Backend { address: ip.into(), port: Be16::new(8080), ..Default::default() });
        }
        m.now = 1000;
        m
    }

    fn ask(m: &mut Memory, dst: Ipv4Addr, dport: u16) -> Answer {
        let req = Request { src: CLIENT, dst, dport, proto: 6, sport: None };
        from_netdev(m, req, "eth0", 2).unwrap()
    }

    fn verdict(a: &Answer) -> Verdict {
        a.outcome.as_ref().expect("one outcome").verdict
    }

    #[test]
    fn nodeport_frontends_from_outside() {
        let mut m = node();
        assert_eq!(verdict(&ask(&mut m, NODE, 30080)), Verdict::Forwarded("to-endpoint"));
        let a = ask(&mut m, NODE, 30081);
        assert_eq!(verdict(&a), Verdict::Forwarded("to-overlay"));
        assert_eq!(a.outcome.unwrap().next_node, Some(Ipv4Addr::new(10, 100, 0, 2)));
        assert_eq!(verdict(&ask(&mut m, NODE, 30085)), Verdict::Dropped(158, "INGRESS"));
        assert_eq!(
            verdict(&ask(&mut m, Ipv4Addr::new(10, 96, 0, 1), 80)),
            Verdict::Dropped(DROP_IS_CLUSTER_IP, "INGRESS")
        );
        // Not a service: a pod gets it through its policy program, the rest is the host's.
        assert_eq!(verdict(&ask(&mut m, POD, 8080)), Verdict::Forwarded("to-endpoint"));
        assert_eq!(verdict(&ask(&mut m, NODE, 22)), Verdict::Forwarded("to-host"));
        // Slot 15 empty: the remote backend's tail call misses.
        m.calls.insert(calls_map(2), vec![CALL_FROM_NETDEV]);
        assert_eq!(verdict(&ask(&mut m, NODE, 30081)), Verdict::Dropped(DROP_MISSED_TAIL_CALL, "INGRESS"));
        // No calls map at all: not this datapath's device.
        m.calls.clear();
        let e = from_netdev(
            &mut m,
            Request { src: CLIENT, dst: NODE, dport: 1, proto: 6, sport: None },
            "eth0",
            2,
        );
        assert!(e.unwrap_err().message().contains("cilium_calls_netdev_00002 is not pinned"));
    }

    #[test]
    fn replies_of_our_source_nat_and_flows_pinned_to_a_drained_service() {
        use crate::maps::ct::{CtEntry, CtKey4, TUPLE_F_IN};
        use crate::maps::nat::NatEntry4;
        let mut m = node();
        // A remote backend's reply to the node's NAT port: back to the client via slot 17.
        let reply = Request { src: REMOTE, dst: NODE, dport: 40000, proto: 6, sport: Some(8080) };
        let key = CtKey4 {
            daddr: NODE.into(),
            saddr: REMOTE.into(),
            dport: Be16::new(40000),
            sport: Be16::new(8080),
            nexthdr: 6,
            flags: TUPLE_F_IN,
        };
        let nat = NatEntry4 { to_addr: CLIENT.into(), to_port: Be16::new(5555), ..Default::default() };
        m.snat.insert(bytemuck::bytes_of(&key).to_vec(), nat);
        m.calls.insert(calls_map(2), vec![CALL_FROM_NETDEV, 17]);
        let a = from_netdev(&mut m, reply, "eth0", 2).unwrap();
        assert_eq!(verdict(&a), Verdict::Forwarded("to-network"), "{:?}", a.steps);
        // Slot 17 empty: dropped.
        m.calls.insert(calls_map(2), vec![CALL_FROM_NETDEV]);
        let a = from_netdev(&mut m, reply, "eth0", 2).unwrap();
        assert_eq!(verdict(&a), Verdict::Dropped(DROP_MISSED_TAIL_CALL, "INGRESS"));
        // Without --sport the table is not consulted: the host's.
        let a = from_netdev(&mut m, Request { sport: None, ..reply }, "eth0", 2).unwrap();
        assert_eq!(verdict(&a), Verdict::Forwarded("to-host"));
        // A flow whose CT service entry names a backend keeps it, backends or not.
        let svc = Request { src: CLIENT, dst: NODE, dport: 30085, proto: 6, sport: Some(7777) };
        let k =
            crate::explain::flow::ct_key(NODE, CLIENT, 7777, 30085, 6, crate::explain::flow::TUPLE_F_SERVICE);
        let e = CtEntry { backend_id: 1, rev_nat_index: Be16::new(3), ..Default::default() };
        m.ct.insert(bytemuck::bytes_of(&k).to_vec(), e);
        assert_eq!(verdict(&from_netdev(&mut m, svc, "eth0", 2).unwrap()), Verdict::Forwarded("to-endpoint"));
        m.ct.clear();
        assert_eq!(verdict(&from_netdev(&mut m, svc, "eth0", 2).unwrap()), Verdict::Dropped(158, "INGRESS"));
    }

    #[test]
    fn session_affinity_keeps_the_backend_while_in_time_and_matched() {
        let mut m = node();
        let mut key = Lb4AffinityKey { rev_nat_id: Be16::new(4), ..Default::default() };
        key.client_id[..4].copy_from_slice(&CLIENT.octets());
        assert_eq!(ask(&mut m, NODE, 30087).backends.len(), 2, "no entry: every slot");
        m.affinity.insert(
            bytemuck::bytes_of(&key).to_vec(),
            LbAffinityVal { last_used: 900, backend_id: 2, pad: 0 },
        );
        assert_eq!(ask(&mut m, NODE, 30087).backends.len(), 2, "no match entry: every slot");
        m.affinity_matches.push((2, 4));
        let a = ask(&mut m, NODE, 30087);
        assert_eq!(a.backends.len(), 1);
        assert_eq!(a.backends[0].backend.map(|b| b.ip), Some(REMOTE));
        m.now = 1500;
        assert_eq!(ask(&mut m, NODE, 30087).backends.len(), 2, "expired after 600 s");
    }
}
