//! `ciliumrs bpf nat list`.

use std::ops::ControlFlow;

use crate::cli::ListOpts;
use crate::cmd::Ctx;
use crate::error::Result;
use crate::maps::ct::{CtKey4, mono_now_secs};
use crate::maps::nat::{NatEntry4, NatRecord};
use crate::maps::spec::SNAT4;
use crate::maps::{self, Access};
use crate::output::Human;

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
