//! `ciliumrs attach lxc` and `ciliumrs detach lxc`.

use crate::cli::{Attach, Detach, Enforce};
use crate::cmd::Ctx;
use crate::datapath::endpoint::{self, LxcRequest};
use crate::error::Result;

pub fn attach(ctx: &mut Ctx<'_>, cmd: &Attach) -> Result<()> {
    match cmd {
        Attach::Lxc(a) => {
            let req = LxcRequest {
                iface: a.iface.clone(),
                id: a.id,
                ipv4: a.ipv4,
                identity: a.identity,
                mac: a.mac,
                enforce_ingress: matches!(a.enforce, Enforce::Ingress | Enforce::Both),
                enforce_egress: matches!(a.enforce, Enforce::Egress | Enforce::Both),
                pod_cidr_len: a.pod_cidr_len,
                trace: !a.no_trace,
            };
            let done = endpoint::attach_lxc(ctx.bpffs, req)?;
            Ok(ctx.out.one(&done)?)
        }
    }
}

pub fn detach(ctx: &mut Ctx<'_>, cmd: &Detach) -> Result<()> {
    match cmd {
        Detach::Lxc { id } => {
            let done = endpoint::detach_lxc(ctx.bpffs, *id)?;
            Ok(ctx.out.one(&done)?)
        }
    }
}
