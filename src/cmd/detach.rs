//! `ciliumrs detach lxc|netdev`: removes exactly what `attach` made.

use crate::cli::Detach;
use crate::cmd::Ctx;
use crate::datapath::{endpoint, node};
use crate::error::Result;

pub fn run(ctx: &mut Ctx<'_>, cmd: &Detach) -> Result<()> {
    match cmd {
        Detach::Netdev { dev } => {
            let s = node::detach_netdev(ctx.bpffs, dev)?;
            super::attach::steps(ctx, &s)
        }
        Detach::Lxc { id } => {
            let done = endpoint::detach_lxc(ctx.bpffs, *id)?;
            Ok(ctx.out.one(&done)?)
        }
    }
}
