//! `ciliumrs bpf nat list|flush`, and `bpf neigh list` (the NodePort neighbour cache).

use std::ops::ControlFlow;

use crate::cli::ListOpts;
use crate::cmd::Ctx;
use crate::error::Result;
use crate::maps::ct::{CtKey4, mono_now_secs};
use crate::maps::nat::{NatEntry4, NatRecord};
use crate::maps::neigh::{NeighRecord, NeighValue4};
use crate::maps::spec::{NODEPORT_NEIGH4, SNAT4};
use crate::maps::{self, Access};
use crate::output::Human;
use crate::wire::Ip4;

pub fn list(ctx: &mut Ctx<'_>, o: ListOpts) -> Result<()> {
    if o.raw {
        return super::raw_list(ctx, &SNAT4, SNAT4.name);
    }
    let map = maps::open_global(ctx.bpffs, &SNAT4, Access::Read)?;
    let now = mono_now_secs();
    let mut out = ctx.out.list(Human::Lines)?;
    maps::for_each(&map, |key: CtKey4, entry: NatEntry4| {
        out.row(&NatRecord { key, entry, now })?;
        Ok(ControlFlow::Continue(()))
    })?;
    out.finish()?;
    Ok(())
}

pub fn flush(ctx: &mut Ctx<'_>) -> Result<()> {
    let map = maps::open_global(ctx.bpffs, &SNAT4, Access::Write)?;
    let deleted = maps::remove_where(&map, |_: &CtKey4, _: &NatEntry4| true)?;
    Ok(ctx.out.one(&super::ct::Flushed { map: SNAT4.name, deleted })?)
}

pub fn neigh_list(ctx: &mut Ctx<'_>, o: ListOpts) -> Result<()> {
    if o.raw {
        return super::raw_list(ctx, &NODEPORT_NEIGH4, NODEPORT_NEIGH4.name);
    }
    let map = maps::open_global(ctx.bpffs, &NODEPORT_NEIGH4, Access::Read)?;
    let mut out = ctx.out.list(Human::Table)?;
    maps::for_each(&map, |ip: Ip4, mac: NeighValue4| {
        out.row(&NeighRecord { ip, mac })?;
        Ok(ControlFlow::Continue(()))
    })?;
    out.finish()?;
    Ok(())
}
