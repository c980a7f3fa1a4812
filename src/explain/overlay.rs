//! A packet arriving from another node through cilium_vxlan, in the order of
//! `ebpf/bpf_overlay.c`'s from-overlay: the sender's identity from the VNI (the other
//! node's host speaks as remote-node), the NodePort check of `lib/nodeport.h`, then a local
//! endpoint's policy program (as [`super::lxc`] models it) or the stack.

use std::net::Ipv4Addr;

use super::lxc::{Flow, Source, deliver_local, forwarded};
use super::maps::NodeMaps;
use super::{Answer, Request, Step, Walk};
use crate::codes::points::HOST_IDENTITY;
use crate::error::{Error, Result};
use crate::maps::lb::Lb4Key;
use crate::maps::lxc::ENDPOINT_F_HOST;
use crate::netaddr::SockAddr4;

/// Cilium's reserved identity of other nodes' hosts.
const REMOTE_NODE_ID: u32 = 6;

/// Explains `req` arriving from the overlay with `vni` as the sender's identity.
pub fn from_overlay(m: &mut dyn NodeMaps, req: Request, vni: u32) -> Result<Answer> {
    let mut w = Walk { maps: m, steps: Vec::new() };
    let src = if vni == HOST_IDENTITY { REMOTE_NODE_ID } else { vni };
    w.steps.push(Step::new(
        "tunnel",
        "-",
        &format!("VNI {vni}"),
        &format!("sender identity {src}{}", if vni == HOST_IDENTITY { " (remote-node)" } else { "" }),
    ));
    if matches!(req.proto, 6 | 17) {
        let key = Lb4Key::new(SockAddr4 { ip: req.dst, port: req.dport }, 0);
        if w.maps.service(key)?.is_some() {
            return Err(Error::runtime(format!(
                "{}:{} is a service frontend: NodePort load balancing from the overlay is not modelled by explain yet",
                req.dst, req.dport
            )));
        }
        w.steps.push(Step::new(
            "service",
            "cilium_lb4_services_v2",
            &format!("{}:{} slot 0", req.dst, req.dport),
            "not a service",
        ));
    }
    let f = Flow { saddr: req.src, daddr: req.dst, sport: req.sport, dport: req.dport, proto: req.proto };
    let source = Source { id: 0, identity: src, cfg: None };
    let outcome = match w.maps.endpoint(req.dst)? {
        Some(ep) if ep.flags & ENDPOINT_F_HOST == 0 => {
            w.steps.push(Step::new(
                "destination",
                "cilium_lxc",
                &req.dst.to_string(),
                &format!("local endpoint {}, identity {}", ep.lxc_id, ep.sec_id),
            ));
            deliver_local(&mut w, &source, &f, &ep, "INGRESS")?
        }
        _ => {
            w.steps.push(Step::new(
                "destination",
                "cilium_lxc",
                &req.dst.to_string(),
                "no local endpoint: the stack",
            ));
            forwarded("to-stack", None, "INGRESS")
        }
    };
    Ok(Answer {
        request: req,
        steps: w.steps,
        outcome: Some(outcome),
        backends: Vec::new(),
        new_flow: req.sport.is_none(),
        src_identity: Some(src),
    })
}

/// The address a walk leaves this node towards, for following it to the next node.
pub fn next_node(a: &Answer) -> Option<Ipv4Addr> {
    a.outcome.as_ref().and_then(|o| o.next_node)
}
