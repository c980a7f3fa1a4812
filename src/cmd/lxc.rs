//! `ciliumrs bpf lxc list|get|update|delete` (alias `bpf endpoint`).

use std::ops::ControlFlow;

use crate::cli::Lxc;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo, EndpointKey, LxcRecord};
use crate::maps::spec::LXC;
use crate::maps::{self, Access};
use crate::output::Human;
use crate::wire::MacT;

pub fn run(ctx: &mut Ctx<'_>, cmd: &Lxc) -> Result<()> {
    match cmd {
        Lxc::List { list, .. } if list.raw => super::raw_list(ctx, &LXC, LXC.name),
        Lxc::List { family, .. } => {
            let map = maps::open_global(ctx.bpffs, &LXC, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            maps::for_each(&map, |key: EndpointKey, info: EndpointInfo| {
                if crate::cli::Family::takes(*family, key.family) {
                    out.row(&LxcRecord { key, info })?;
                }
                Ok(ControlFlow::Continue(()))
            })?;
            out.finish()?;
            Ok(())
        }
        Lxc::Get { ip } => {
            let map = maps::open_global(ctx.bpffs, &LXC, Access::Read)?;
            let key = EndpointKey::of(*ip);
            match maps::get::<_, EndpointInfo>(&map, &key)? {
                Some(info) => Ok(ctx.out.one(&LxcRecord { key, info })?),
                None => Err(Error::runtime(format!("{ip} is not a local endpoint in {}", LXC.name))),
            }
        }
        Lxc::Update { ip, id, ifindex, mac, node_mac, identity, host } => {
            let map = maps::open_global(ctx.bpffs, &LXC, Access::Write)?;
            let key = EndpointKey::ipv4(*ip);
            let info = EndpointInfo {
                ifindex: *ifindex,
                lxc_id: *id,
                flags: if *host { ENDPOINT_F_HOST } else { 0 },
                mac: MacT::new(*mac),
                node_mac: MacT::new(*node_mac),
                sec_id: *identity,
                ..EndpointInfo::default()
            };
            let existed = maps::get::<_, EndpointInfo>(&map, &key)?.is_some();
            maps::put(&map, &key, &info)?;
            super::report(ctx, if existed { "replaced" } else { "created" }, LXC.name, ip)
        }
        Lxc::Delete { ip } => {
            let map = maps::open_global(ctx.bpffs, &LXC, Access::Write)?;
            if !maps::remove(&map, &EndpointKey::ipv4(*ip))? {
                return Err(Error::runtime(format!("{ip} is not in {}", LXC.name)));
            }
            super::report(ctx, "deleted", LXC.name, ip)
        }
    }
}
