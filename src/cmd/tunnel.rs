//! `ciliumrs bpf tunnel list|update|delete`.

use std::ops::ControlFlow;

use crate::cli::Tunnel;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::spec::{IPCACHE_V2, TUNNEL};
use crate::maps::tunnel::{TunnelKey, TunnelRecord, TunnelValue};
use crate::maps::{self, Access};
use crate::output::Human;

/// Newer Cilium has no tunnel map: where the endpoints are instead.
fn no_tunnel_map(ctx: &Ctx<'_>) -> Result<()> {
    if maps::pin_path(ctx.bpffs, TUNNEL.name).exists() {
        return Ok(());
    }
    if maps::pin_path(ctx.bpffs, IPCACHE_V2.name).exists() {
        return Err(Error::runtime(format!(
            "no {} on this node: Cilium v1.18 and newer keep each prefix's tunnel endpoint in the IP cache \
             (see the TUNNEL ENDPOINT column of 'ciliumrs bpf ipcache list')",
            TUNNEL.name
        )));
    }
    Ok(())
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Tunnel) -> Result<()> {
    no_tunnel_map(ctx)?;
    match cmd {
        Tunnel::List { list, .. } if list.raw => super::raw_list(ctx, &TUNNEL, TUNNEL.name),
        Tunnel::List { family, .. } => {
            let map = maps::open_global(ctx.bpffs, &TUNNEL, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            maps::for_each(&map, |key: TunnelKey, value: TunnelValue| {
                if crate::cli::Family::takes(*family, key.family) {
                    out.row(&TunnelRecord { key, value })?;
                }
                Ok(ControlFlow::Continue(()))
            })?;
            out.finish()?;
            Ok(())
        }
        Tunnel::Update { prefix, endpoint, encrypt_key } => {
            let map = maps::open_global(ctx.bpffs, &TUNNEL, Access::Write)?;
            // The datapath keys the map by `daddr & IPV4_MASK`: the prefix's base address.
            let key = TunnelKey::ipv4(prefix.addr, 0);
            let existed = maps::get::<_, TunnelValue>(&map, &key)?.is_some();
            maps::put(&map, &key, &TunnelValue::ipv4(*endpoint, *encrypt_key))?;
            super::report(ctx, if existed { "replaced" } else { "created" }, TUNNEL.name, &prefix.addr)
        }
        Tunnel::Delete { prefix } => {
            let map = maps::open_global(ctx.bpffs, &TUNNEL, Access::Write)?;
            if !maps::remove(&map, &TunnelKey::ipv4(prefix.addr, 0))? {
                return Err(Error::runtime(format!("{} is not in {}", prefix.addr, TUNNEL.name)));
            }
            super::report(ctx, "deleted", TUNNEL.name, &prefix.addr)
        }
    }
}
