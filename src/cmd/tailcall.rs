//! `ciliumrs bpf tailcall list [EPID | --all]`: what each slot of the calls maps holds
//! ([`crate::datapath::tailcalls`]).

use crate::cli::Tailcall;
use crate::cmd::Ctx;
use crate::datapath::tailcalls;
use crate::error::Result;
use crate::output::Human;

pub fn run(ctx: &mut Ctx<'_>, cmd: &Tailcall) -> Result<()> {
    let Tailcall::List { endpoint, .. } = cmd;
    let rows = match endpoint {
        Some(id) => tailcalls::endpoint(ctx.bpffs, *id)?,
        None => tailcalls::all(ctx.bpffs)?,
    };
    let mut out = ctx.out.list(Human::Table)?;
    for r in &rows {
        out.row(r)?;
    }
    out.finish()?;
    let missing = rows.iter().filter(|r| r.prog.is_none()).count();
    if missing > 0 {
        ctx.out.warn(&format!(
            "{missing} slot(s) our datapath expects are empty: packets needing them are dropped"
        ));
    }
    Ok(())
}
