//! `ciliumrs bpf lb list|update|delete`.

use crate::cli::Lb;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::lb::{self, BackendRecord, LbMaps, RevNatRecord, ServiceRecord};
use crate::maps::spec::{LB_AFFINITY_MATCH, LB4_AFFINITY, LB4_BACKENDS, LB4_REVERSE_NAT, LB4_SERVICES};
use crate::maps::{self, Access};
use crate::output::Human;

fn open(ctx: &Ctx<'_>, access: Access) -> Result<LbMaps> {
    LbMaps::open(ctx.bpffs, access)
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Lb) -> Result<()> {
    match cmd {
        Lb::List { view, list } if list.raw => {
            let spec = if view.backends {
                maps::pinned_spec(ctx.bpffs, lb::BACKENDS).unwrap_or(&LB4_BACKENDS)
            } else if view.affinity {
                &LB4_AFFINITY
            } else if view.revnat {
                &LB4_REVERSE_NAT
            } else {
                &LB4_SERVICES
            };
            super::raw_list(ctx, spec, spec.name)
        }
        Lb::List { view, .. } if view.backends => {
            let map = lb::open_backends(ctx.bpffs, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            for (id, backend) in lb::read_backends(&map)? {
                out.row(&BackendRecord { id, backend })?;
            }
            out.finish()?;
            Ok(())
        }
        Lb::List { view, .. } if view.affinity => {
            let aff = maps::open_global(ctx.bpffs, &LB4_AFFINITY, Access::Read)?;
            let matches = maps::open_global(ctx.bpffs, &LB_AFFINITY_MATCH, Access::Read)?;
            let revnat = maps::open_global(ctx.bpffs, &LB4_REVERSE_NAT, Access::Read)?;
            let backends = lb::open_backends(ctx.bpffs, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            for r in lb::read_affinity(&aff, &matches, &revnat, &backends)? {
                out.row(&r)?;
            }
            out.finish()?;
            Ok(())
        }
        Lb::List { view, .. } if view.revnat => {
            let map = maps::open_global(ctx.bpffs, &LB4_REVERSE_NAT, Access::Read)?;
            let mut out = ctx.out.list(Human::Table)?;
            for (id, rnat) in lb::read_revnat(&map)? {
                out.row(&RevNatRecord { id, rnat })?;
            }
            out.finish()?;
            Ok(())
        }
        Lb::List { view, .. } => {
            let m = open(ctx, Access::Read)?;
            let services = lb::read_services(&m.services)?;
            let backends = lb::read_backends(&m.backends)?;
            let mut out = ctx.out.list(Human::Table)?;
            for (key, svc) in services {
                let master = key.backend_slot == 0;
                if view.frontends && !master {
                    continue;
                }
                let backend = if master { None } else { backends.get(&svc.backend_id).copied() };
                out.row(&ServiceRecord { key, svc, backend, frontends: view.frontends })?;
            }
            out.finish()?;
            Ok(())
        }
        Lb::Update { frontend, proto, backends, affinity_timeout, kind } => {
            let m = open(ctx, Access::Write)?;
            let spec = crate::maps::lb::ServiceSpec {
                vip: *frontend,
                proto: *proto,
                backends: crate::cli::backend_list(backends)?,
                affinity_timeout: *affinity_timeout,
                kind: *kind,
            };
            let w = lb::update(&m, &spec)?;
            Ok(ctx.out.one(&w)?)
        }
        Lb::Apply { file } => {
            let text = if file.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                    .map_err(|e| Error::sys("read", "standard input", &e))?;
                s
            } else {
                std::fs::read_to_string(file).map_err(|e| Error::sys("read", file.display(), &e))?
            };
            let specs = crate::maps::lb::file::parse(&text)?;
            let _lock = crate::maps::lock::WriteLock::take(ctx.bpffs, &mut |m| ctx.out.warn(m))?;
            let m = open(ctx, Access::Write)?;
            let done = crate::maps::lb::apply(&m, &specs)?;
            Ok(ctx.out.one(&done)?)
        }
        Lb::Delete { frontend } => {
            let m = open(ctx, Access::Write)?;
            if !lb::delete_service(&m, *frontend)? {
                return Err(Error::runtime(format!("service {frontend} is not in {}", LB4_SERVICES.name)));
            }
            super::report(ctx, "deleted", LB4_SERVICES.name, frontend)
        }
    }
}
