//! `ciliumrs bpf nat list|flush` over the IPv4 and IPv6 SNAT tables, and `bpf neigh list`
//! (the NodePort neighbour caches of both families).

use std::net::{IpAddr, Ipv6Addr};
use std::ops::ControlFlow;

use crate::cli::{Family, ListOpts};
use crate::cmd::Ctx;
use crate::error::Result;
use crate::maps::ct::{CtKey4, CtKey6, mono_now_secs};
use crate::maps::nat::{NatEntry4, NatEntry6, NatRecord};
use crate::maps::neigh::{NeighRecord, NeighValue4};
use crate::maps::spec::{MapSpec, NODEPORT_NEIGH4, NODEPORT_NEIGH6, SNAT4, SNAT6};
use crate::maps::{self, Access};
use crate::output::Human;
use crate::wire::Ip4;

/// The SNAT tables of the families asked for (both by default).
fn nat_families(family: Option<Family>) -> Vec<(u8, &'static [&'static MapSpec])> {
    pick(family, [(4, &[&SNAT4]), (6, &[&SNAT6])])
}

/// The tables of `family` (both without one).
fn pick(
    family: Option<Family>,
    fams: [(u8, &'static [&'static MapSpec]); 2],
) -> Vec<(u8, &'static [&'static MapSpec])> {
    fams.into_iter().filter(|(f, _)| family.is_none_or(|w| u8::from(w) == *f)).collect()
}

/// `--raw`: each table as hex; the IPv6 one skipped where it is not pinned, unless asked for.
fn raw(ctx: &mut Ctx<'_>, fams: &[(u8, &'static [&'static MapSpec])], family: Option<Family>) -> Result<()> {
    for (fam, specs) in fams {
        if *fam == 6 && family.is_none() && !maps::pin_path(ctx.bpffs, specs[0].name).exists() {
            continue;
        }
        super::raw_list(ctx, specs[0], specs[0].name)?;
    }
    Ok(())
}

pub fn list(ctx: &mut Ctx<'_>, o: ListOpts, family: Option<Family>) -> Result<()> {
    let fams = nat_families(family);
    if o.raw {
        return raw(ctx, &fams, family);
    }
    let tables = super::open_families(ctx, Access::Read, &fams, family.is_some())?;
    let now = mono_now_secs();
    let mut out = ctx.out.list(Human::Lines)?;
    for (fam, _, map) in &tables {
        if *fam == 4 {
            maps::for_each(map, |key: CtKey4, entry: NatEntry4| {
                out.row(&NatRecord::v4(key, entry, now))?;
                Ok(ControlFlow::Continue(()))
            })?;
        } else {
            maps::for_each(map, |key: CtKey6, entry: NatEntry6| {
                out.row(&NatRecord::v6(key, entry, now))?;
                Ok(ControlFlow::Continue(()))
            })?;
        }
    }
    out.finish()?;
    Ok(())
}

pub fn flush(ctx: &mut Ctx<'_>, family: Option<Family>) -> Result<()> {
    let fams = nat_families(family);
    let tables = super::open_families(ctx, Access::Write, &fams, family.is_some())?;
    let mut out = ctx.out.list(Human::Table)?;
    for (fam, spec, map) in &tables {
        let deleted = if *fam == 4 {
            maps::remove_where(map, |_: &CtKey4, _: &NatEntry4| true)?
        } else {
            maps::remove_where(map, |_: &CtKey6, _: &NatEntry6| true)?
        };
        out.row(&super::ct::Flushed { map: spec.name, deleted })?;
    }
    out.finish()?;
    Ok(())
}

pub fn neigh_list(ctx: &mut Ctx<'_>, o: ListOpts, family: Option<Family>) -> Result<()> {
    let fams = pick(family, [(4, &[&NODEPORT_NEIGH4]), (6, &[&NODEPORT_NEIGH6])]);
    if o.raw {
        return raw(ctx, &fams, family);
    }
    let tables = super::open_families(ctx, Access::Read, &fams, family.is_some())?;
    let mut out = ctx.out.list(Human::Table)?;
    for (fam, _, map) in &tables {
        if *fam == 4 {
            maps::for_each(map, |ip: Ip4, mac: NeighValue4| {
                out.row(&NeighRecord { ip: IpAddr::V4(ip.addr()), mac })?;
                Ok(ControlFlow::Continue(()))
            })?;
        } else {
            maps::for_each(map, |ip: [u8; 16], mac: NeighValue4| {
                out.row(&NeighRecord { ip: IpAddr::V6(Ipv6Addr::from(ip)), mac })?;
                Ok(ControlFlow::Continue(()))
            })?;
        }
    }
    out.finish()?;
    Ok(())
}
