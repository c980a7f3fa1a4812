//! `ciliumrs bpf ipcache list|get|update|delete`.

use std::net::Ipv4Addr;
use std::ops::ControlFlow;

use crate::bpf::MapFd;
use crate::cli::Ipcache;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::ipcache::{
    FLAG_SKIP_TUNNEL, Info, IpcacheKey, IpcacheRecord, KeyText, LAYOUTS_12, Layout, RemoteEndpointInfo,
};
use crate::maps::spec::{IPCACHE, IPCACHE_V2, MapSpec};
use crate::maps::{self, Access};
use crate::output::{Human, Record, Value, Visit};

/// `get`: the address asked about and the entry that matched it.
struct Match {
    ip: std::net::IpAddr,
    rec: IpcacheRecord,
}

impl Record for Match {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("ip", "IP", Value::Disp(&self.ip));
        self.rec.visit(v);
    }
}

/// The IP cache's names, newest first.
const IPCACHES: &[&MapSpec] = &[&IPCACHE_V2, &IPCACHE];

/// The node's IP cache, newest name first, and the layout of its values.
fn open_ipcache(ctx: &Ctx<'_>, access: Access) -> Result<(MapFd, Layout)> {
    let (map, spec) = maps::open_any(ctx.bpffs, IPCACHES, access)?;
    let layout =
        if spec.name == IPCACHE_V2.name { Layout::V2 } else { ctx.node()?.pick(IPCACHE.name, LAYOUTS_12)? };
    Ok((map, layout))
}

/// Writes go only to the layout we encode exactly (v1.13-1.17's 12 bytes, ours).
fn open_for_write(ctx: &Ctx<'_>) -> Result<MapFd> {
    let (map, layout) = open_ipcache(ctx, Access::Write)?;
    if layout != Layout::V1_13 {
        let which = match layout {
            Layout::V2 => "cilium_ipcache_v2 (Cilium v1.18 or newer)",
            _ => "cilium_ipcache of Cilium v1.10-1.12",
        };
        return Err(Error::runtime(format!(
            "{which}: ciliumrs writes only the v1.13-1.17 layout of the IP cache; refusing (nothing was changed)"
        )));
    }
    Ok(map)
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Ipcache) -> Result<()> {
    match cmd {
        Ipcache::List { list, .. } if list.raw => {
            let spec = maps::pinned_spec(ctx.bpffs, IPCACHES).unwrap_or(&IPCACHE);
            super::raw_list(ctx, spec, spec.name)
        }
        Ipcache::List { family, .. } => {
            let (map, layout) = open_ipcache(ctx, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            maps::for_each_raw(&map, |k, v| {
                if let (Some(key), Some(info)) = (maps::decode::<IpcacheKey>(k), Info::decode(layout, v)) {
                    if crate::cli::Family::takes(*family, key.family) {
                        out.row(&IpcacheRecord { key, info })?;
                    }
                }
                Ok(ControlFlow::Continue(()))
            })?;
            out.finish()?;
            Ok(())
        }
        Ipcache::Get { ip } => {
            // Longest prefix in userspace, so the matching prefix can be shown (a kernel
            // lookup returns only the value). Cluster 0, as the datapath looks up.
            let (map, layout) = open_ipcache(ctx, Access::Read)?;
            let mut best: Option<(u8, IpcacheRecord)> = None;
            maps::for_each_raw(&map, |k, v| {
                let (Some(key), Some(info)) = (maps::decode::<IpcacheKey>(k), Info::decode(layout, v)) else {
                    return Ok(ControlFlow::Continue(()));
                };
                if let Some(c) = key.prefix().filter(|c| key.cluster_id == 0 && c.contains(*ip)) {
                    let len = c.prefix_len();
                    if best.as_ref().is_none_or(|(l, _)| len > *l) {
                        best = Some((len, IpcacheRecord { key, info }));
                    }
                }
                Ok(ControlFlow::Continue(()))
            })?;
            match best {
                Some((_, rec)) => Ok(ctx.out.one(&Match { ip: *ip, rec })?),
                None => Err(Error::runtime(format!("{ip} does not map to any identity"))),
            }
        }
        Ipcache::Update { prefix, identity, tunnel_endpoint, encrypt_key, skip_tunnel } => {
            let map = open_for_write(ctx)?;
            let key = IpcacheKey::of(*prefix);
            let info = RemoteEndpointInfo {
                sec_identity: *identity,
                tunnel_endpoint: tunnel_endpoint.unwrap_or(Ipv4Addr::UNSPECIFIED).into(),
                pad: 0,
                key: *encrypt_key,
                flags: if *skip_tunnel { FLAG_SKIP_TUNNEL } else { 0 },
            };
            let existed = maps::get::<_, RemoteEndpointInfo>(&map, &key)?.is_some();
            maps::put(&map, &key, &info)?;
            super::report(ctx, if existed { "replaced" } else { "created" }, IPCACHE.name, &KeyText(&key))
        }
        Ipcache::Delete { prefix } => {
            let map = open_for_write(ctx)?;
            let key = IpcacheKey::of(*prefix);
            if !maps::remove(&map, &key)? {
                return Err(Error::runtime(format!("{} is not in {}", KeyText(&key), IPCACHE.name)));
            }
            super::report(ctx, "deleted", IPCACHE.name, &KeyText(&key))
        }
    }
}
