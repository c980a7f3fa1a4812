//! `ciliumrs bpf maps`: every cilium_* map pinned under tc/globals, checked against the
//! layouts of every Cilium version we know, with the versions each map's shape belongs to
//! and what the maps together say about the node's Cilium.

use crate::cmd::Ctx;
use crate::error::Result;
use crate::maps::abi;
use crate::maps::inventory::{self, Check};
use crate::output::Human;

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let mut inv = inventory::scan(ctx.bpffs)?;
    let node = abi::Node::from_pins(&inv.pins(ctx.bpffs), ctx.cilium_version);
    let said = match ctx.cilium_version {
        Some(v) => {
            format!("Cilium {} (--cilium-version); the maps say {}", abi::Range::one(v), node.evidence())
        }
        None => format!("the maps are those of Cilium {}", node.evidence()),
    };
    ctx.out.info(&said);
    if !inv.not_maps.is_empty() {
        ctx.out.info(&format!(
            "also pinned there, programs and links rather than maps ('ciliumrs status' shows the socket programs): {}",
            inv.not_maps.join(", ")
        ));
    }
    for m in &mut inv.maps {
        // The layout a map is decoded with: its shape's versions, narrowed to those the
        // node may run.
        if let Check::Known(r) = m.check {
            m.check = Check::Known(node.versions().and_then(|n| n.intersect(r)).unwrap_or(r));
        }
    }
    if ctx.format == crate::cli::Format::Prometheus {
        ctx.out.metrics(&inventory::prometheus(&inv.maps))?;
        return Ok(());
    }
    let mut out = ctx.out.list(Human::Table)?;
    for m in &inv.maps {
        out.row(m)?;
    }
    out.finish()?;
    Ok(())
}
