//! `ciliumrs bpf ipcache list|get|update|delete`.

use std::net::Ipv4Addr;
use std::ops::ControlFlow;

use crate::cli::Ipcache;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::ipcache::{FLAG_SKIP_TUNNEL, IpcacheKey, IpcacheRecord, KeyText, RemoteEndpointInfo};
use crate::maps::spec::IPCACHE;
use crate::maps::{self, Access};
use crate::output::{Human, Record, Value, Visit};

/// `get`: the address asked about and the entry that matched it.
struct Match {
    ip: Ipv4Addr,
    rec: IpcacheRecord,
}

impl Record for Match {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("ip", "IP", Value::Ip(self.ip));
        self.rec.visit(v);
    }
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Ipcache) -> Result<()> {
    match cmd {
        Ipcache::List(o) if o.raw => super::raw_list(ctx, &IPCACHE, IPCACHE.name),
        Ipcache::List(_) => {
            let map = maps::open_global(ctx.bpffs, &IPCACHE, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            maps::for_each(&map, |key: IpcacheKey, info: RemoteEndpointInfo| {
                out.row(&IpcacheRecord { key, info })?;
                Ok(ControlFlow::Continue(()))
            })?;
            out.finish()?;
            Ok(())
        }
        Ipcache::Get { ip } => {
            // Longest prefix in userspace, so the matching prefix can be shown (a kernel
            // lookup returns only the value). Cluster 0, as the datapath looks up.
            let map = maps::open_global(ctx.bpffs, &IPCACHE, Access::Read)?;
            let mut best: Option<(u8, IpcacheRecord)> = None;
            maps::for_each(&map, |key: IpcacheKey, info: RemoteEndpointInfo| {
                if let Some(c) = key.ipv4().filter(|c| key.cluster_id == 0 && c.contains(*ip)) {
                    if best.as_ref().is_none_or(|(len, _)| c.len > *len) {
                        best = Some((c.len, IpcacheRecord { key, info }));
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
            let map = maps::open_global(ctx.bpffs, &IPCACHE, Access::Write)?;
            let key = IpcacheKey::new(*prefix);
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
            let map = maps::open_global(ctx.bpffs, &IPCACHE, Access::Write)?;
            let key = IpcacheKey::new(*prefix);
            if !maps::remove(&map, &key)? {
                return Err(Error::runtime(format!("{} is not in {}", KeyText(&key), IPCACHE.name)));
            }
            super::report(ctx, "deleted", IPCACHE.name, &KeyText(&key))
        }
    }
}
