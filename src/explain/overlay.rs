//! A packet arriving from another node through cilium_vxlan, in the order of
//! `ebpf/bpf_overlay.c`'s from-overlay: the sender's identity from the VNI (the other
//! node's host speaks as remote-node), the NodePort check of `lib/nodeport.h`, then a local
//! endpoint's policy program (as [`super::lxc`] models it) or the stack.

use std::net::Ipv4Addr;

use super::flow::{Flow, forwarded};
use super::lxc::arrive;
use super::maps::NodeMaps;
use super::{Answer, Decision, Request, Step, Walk};
use crate::codes::points::{HOST_IDENTITY, REMOTE_NODE_IDENTITY as REMOTE_NODE_ID};
use crate::error::Result;

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
    let f = Flow { saddr: req.src, daddr: req.dst, sport: req.sport, dport: req.dport, proto: req.proto };
    if let Some(d) = super::netdev::nodeport(&mut w, f, src, crate::datapath::node::OVERLAY_CALLS)? {
        return Ok(Answer::new(req, w.steps, d, Some(src)));
    }
    let outcome = match arrive(&mut w, &f, src, "INGRESS", ("to-stack", "the stack takes it"))? {
        Some(o) => o,
        None => {
            w.steps.push(Step::new("destination", "cilium_lxc", &req.dst.to_string(), "no entry: the stack"));
            forwarded("to-stack", None, "INGRESS")
        }
    };
    Ok(Answer::new(req, w.steps, Decision::Outcome(outcome), Some(src)))
}

/// The address a walk leaves this node towards, for following it to the next node.
pub fn next_node(a: &Answer) -> Option<Ipv4Addr> {
    a.outcome.as_ref().and_then(|o| o.next_node)
}
