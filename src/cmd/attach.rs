//! `ciliumrs attach lxc|host|netdev`, and the step list that attach, detach, init and reset
//! report.

use crate::cli::{Attach, AttachNode, Enforce};
use crate::cmd::Ctx;
use crate::datapath::endpoint::{self, LxcRequest};
use crate::datapath::node::{self, NodeConfig};
use crate::datapath::step::Step;
use crate::error::Result;
use crate::output::Human;

pub fn attach(ctx: &mut Ctx<'_>, cmd: &Attach) -> Result<()> {
    match cmd {
        Attach::Lxc(a) => {
            let mac = match a.mac {
                Some(m) => m,
                None => endpoint::peer_mac(&a.iface)?,
            };
            let req = LxcRequest {
                iface: a.iface.clone(),
                id: a.id,
                ipv4: a.ipv4,
                identity: a.identity,
                mac,
                enforce_ingress: matches!(a.enforce, Enforce::Ingress | Enforce::Both),
                enforce_egress: matches!(a.enforce, Enforce::Egress | Enforce::Both),
                pod_cidr_len: a.pod_cidr_len,
                trace: !a.no_trace,
            };
            let done = endpoint::attach_lxc(ctx.bpffs, req)?;
            Ok(ctx.out.one(&done)?)
        }
        Attach::Host(n) => {
            let s = node::attach_host(ctx.bpffs, node_config(n))?;
            steps(ctx, &s)
        }
        Attach::Netdev { dev, node: n } => {
            let s = node::attach_netdev(ctx.bpffs, dev, node_config(n), n.node_port.addr_of(dev))?;
            steps(ctx, &s)
        }
    }
}

fn node_config(n: &AttachNode) -> NodeConfig {
    NodeConfig {
        host_ep_id: n.host_ep_id,
        pod_cidr_len: n.pod_cidr_len,
        trace: !n.no_trace,
        node_port: n.node_port.settings(),
    }
}

/// Reports steps as one list.
pub fn steps(ctx: &mut Ctx<'_>, steps: &[Step]) -> Result<()> {
    let mut out = ctx.out.list(Human::Table)?;
    for s in steps {
        out.row(s)?;
    }
    out.finish()?;
    Ok(())
}
