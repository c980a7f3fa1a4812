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
    const V4: &[&MapSpec] = &[&SNAT4];
    const V6: &[&MapSpec] = &[&SNAT6];
    [(4, V4), (6, V6)].into_iter().filter(|(f, _)| family.is_none_or(|w| u8::from(w) == *f)).collect()
}

pub fn list(ctx: &mut Ctx<'_>, o: ListOpts, family: Option<Family>) -> Result<()> {
    let fams = nat_families(family);
    if o.raw {
        for (fam, specs) in &fams {
            if *fam == 6 && family.is_none() && !maps::pin_path(ctx.bpffs, SNAT6.name).exists() {
                continue;
            }
            super::raw_list(ctx, specs[0], specs[0].name)?;
        }
        return Ok(());
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

pub fn neigh_list(ctx: &mut Ctx<'_>, o: ListOpts) -> Result<()> {
    const V4: &[&MapSpec] = &[&NODEPORT_NEIGH4];
    const V6: &[&MapSpec] = &[&NODEPORT_NEIGH6];
    if o.raw {
        super::raw_list(ctx, &NODEPORT_NEIGH4, NODEPORT_NEIGH4.name)?;
        if maps::pin_path(ctx.bpffs, NODEPORT_NEIGH6.name).exists() {
            super::raw_list(ctx, &NODEPORT_NEIGH6, NODEPORT_NEIGH6.name)?;
        }
        return Ok(());
    }
    let tables = super::open_families(ctx, Access::Read, &[(4, V4), (6, V6)], false)?;
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
