//! `ciliumrs bpf lb list|update|delete`.

use crate::cli::Lb;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::lb::{self, BackendRecord, LbMaps, RevNatRecord, ServiceRecord};
use crate::maps::spec::{
    LB_AFFINITY_MATCH, LB4_AFFINITY, LB4_BACKENDS, LB4_REVERSE_NAT, LB4_REVERSE_SK, LB4_SERVICES,
    LB6_AFFINITY, LB6_REVERSE_SK, LB6_REVNAT, LB6_SERVICES,
};
use crate::maps::{self, Access};
use crate::output::Human;

fn open(ctx: &Ctx<'_>, access: Access) -> Result<LbMaps> {
    LbMaps::open(ctx.bpffs, access)
}

/// The rows of `bpf lb list`: each entry, its backend's address from `backends` for slots.
fn service_rows(
    out: &mut crate::output::List<'_>,
    services: impl Iterator<Item = (lb::LbFrontend, lb::Lb4Service)>,
    backends: &std::collections::BTreeMap<u32, crate::netaddr::SockAddr>,
    frontends: bool,
) -> Result<()> {
    for (key, svc) in services {
        let master = key.slot == 0;
        if frontends && !master {
            continue;
        }
        let backend = if master { None } else { backends.get(&svc.backend_id).copied() };
        out.row(&ServiceRecord { key, svc, backend, frontends })?;
    }
    Ok(())
}

/// Whether the listing takes family `f` (`--family`, else both).
fn wants(family: &Option<crate::cli::Family>, f: u8) -> bool {
    family.is_none_or(|w| u8::from(w) == f)
}

/// The IPv4 map `spec` for a listing, unless `--family 6`.
fn v4(
    bpffs: &std::path::Path,
    family: &Option<crate::cli::Family>,
    spec: &crate::maps::spec::MapSpec,
) -> Result<Option<crate::bpf::MapFd>> {
    if wants(family, 4) { maps::open_global(bpffs, spec, Access::Read).map(Some) } else { Ok(None) }
}

/// Prints `rows` as one listing.
fn emit<R: crate::output::Record>(ctx: &mut Ctx<'_>, rows: &[R]) -> Result<()> {
    let mut out = ctx.out.list(Human::Table)?;
    for r in rows {
        out.row(r)?;
    }
    out.finish()?;
    Ok(())
}

/// The IPv6 map of `names` (its names, newest first) for a listing: opened where pinned;
/// an error when `--family 6` asked for it and it is not; skipped otherwise (an IPv4-only
/// node has none).
fn v6(
    bpffs: &std::path::Path,
    family: &Option<crate::cli::Family>,
    names: &[&'static crate::maps::spec::MapSpec],
) -> Result<Option<crate::bpf::MapFd>> {
    let pinned = names.iter().any(|s| maps::pin_path(bpffs, s.name).exists());
    if !wants(family, 6) || (family.is_none() && !pinned) {
        return Ok(None);
    }
    maps::open_any(bpffs, names, Access::Read).map(|(m, _)| Some(m))
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Lb) -> Result<()> {
    match cmd {
        Lb::List { view, list, .. } if list.raw => {
            let spec = if view.backends {
                maps::pinned_spec(ctx.bpffs, lb::BACKENDS).unwrap_or(&LB4_BACKENDS)
            } else if view.affinity {
                &LB4_AFFINITY
            } else if view.revnat {
                &LB4_REVERSE_NAT
            } else if view.reverse_sk {
                &LB4_REVERSE_SK
            } else {
                &LB4_SERVICES
            };
            super::raw_list(ctx, spec, spec.name)
        }
        Lb::List { view, family, .. } if view.backends => {
            let bpffs = ctx.bpffs;
            let v4 = if wants(family, 4) { Some(lb::open_backends(bpffs, Access::Read)?) } else { None };
            let v6_map = v6(bpffs, family, lb::BACKENDS6)?;
            let mut out = ctx.out.list(Human::Table)?;
            if let Some(map) = v4 {
                for (id, backend) in lb::read_backends(&map)? {
                    out.row(&BackendRecord::v4(id, backend))?;
                }
            }
            if let Some(map) = v6_map {
                for (id, backend) in maps::lb::read_backends6(&map)? {
                    out.row(&BackendRecord::v6(id, backend))?;
                }
            }
            out.finish()?;
            Ok(())
        }
        Lb::List { view, family, .. } if view.affinity => {
            let bpffs = ctx.bpffs;
            let matches = maps::open_global(bpffs, &LB_AFFINITY_MATCH, Access::Read)?;
            let mut rows = Vec::new();
            if wants(family, 4) {
                let aff = maps::open_global(bpffs, &LB4_AFFINITY, Access::Read)?;
                let revnat = maps::open_global(bpffs, &LB4_REVERSE_NAT, Access::Read)?;
                let backends = lb::open_backends(bpffs, Access::Read)?;
                let m = lb::AffinityMaps { affinity: &aff, revnat: &revnat, backends: &backends };
                rows.extend(lb::read_affinity(m, &matches)?);
            }
            if let Some(aff) = v6(bpffs, family, &[&LB6_AFFINITY])? {
                let revnat = maps::open_global(bpffs, &LB6_REVNAT, Access::Read)?;
                let backends = lb::open_backends6(bpffs, Access::Read)?;
                let m = lb::AffinityMaps { affinity: &aff, revnat: &revnat, backends: &backends };
                rows.extend(lb::read_affinity6(m, &matches)?);
            }
            emit(ctx, &rows)
        }
        Lb::List { view, family, .. } if view.reverse_sk => {
            let bpffs = ctx.bpffs;
            let mut rows = Vec::new();
            if let Some(map) = v4(bpffs, family, &LB4_REVERSE_SK)? {
                rows.extend(lb::read_reverse_sk(&map)?);
            }
            if let Some(map) = v6(bpffs, family, &[&LB6_REVERSE_SK])? {
                rows.extend(lb::read_reverse_sk6(&map)?);
            }
            emit(ctx, &rows)
        }
        Lb::List { view, family, .. } if view.revnat => {
            let bpffs = ctx.bpffs;
            let mut rows = Vec::new();
            if let Some(map) = v4(bpffs, family, &LB4_REVERSE_NAT)? {
                rows.extend(lb::read_revnat(&map)?.into_iter().map(|(id, r)| RevNatRecord::v4(id, r)));
            }
            if let Some(map) = v6(bpffs, family, &[&LB6_REVNAT])? {
                rows.extend(lb::read_revnat6(&map)?.into_iter().map(|(id, r)| RevNatRecord::v6(id, r)));
            }
            emit(ctx, &rows)
        }
        Lb::List { view, family, .. } => {
            let bpffs = ctx.bpffs;
            let v4 = if wants(family, 4) { Some(open(ctx, Access::Read)?) } else { None };
            let v6_maps = (v6(bpffs, family, &[&LB6_SERVICES])?, v6(bpffs, family, lb::BACKENDS6)?);
            let mut out = ctx.out.list(Human::Table)?;
            if let Some(m) = v4 {
                let backends =
                    lb::read_backends(&m.backends)?.into_iter().map(|(id, b)| (id, b.sock_addr())).collect();
                let services = lb::read_services(&m.services)?.into_iter().map(|(k, s)| (k.into(), s));
                service_rows(&mut out, services, &backends, view.frontends)?;
            }
            if let (Some(services), Some(backends)) = v6_maps {
                let backends =
                    lb::read_backends6(&backends)?.into_iter().map(|(id, b)| (id, b.sock_addr())).collect();
                let services = lb::read_services6(&services)?.into_iter().map(|(k, s)| (k.into(), s));
                service_rows(&mut out, services, &backends, view.frontends)?;
            }
            out.finish()?;
            Ok(())
        }
        Lb::Update { frontend, proto, backends, affinity_timeout, kind } => {
            let spec = crate::maps::lb::ServiceSpec {
                vip: *frontend,
                proto: *proto,
                backends: crate::cli::backend_list(backends)?,
                affinity_timeout: *affinity_timeout,
                kind: *kind,
            };
            spec.check_families()?;
            let m = open(ctx, Access::Write)?;
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
            let map = if frontend.ip.is_ipv4() { LB4_SERVICES.name } else { LB6_SERVICES.name };
            if !lb::delete_service(&m, *frontend)? {
                return Err(Error::runtime(format!("service {frontend} is not in {map}")));
            }
            super::report(ctx, "deleted", map, frontend)
        }
    }
}
