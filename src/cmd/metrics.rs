//! `ciliumrs bpf metrics list`: per-CPU counters summed, reasons and directions as text.

use crate::cli::ListOpts;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::metrics::{MetricsKey, MetricsRecord, sum_per_cpu};
use crate::maps::spec::METRICS;
use crate::maps::{self, Access};
use crate::output::Human;

pub fn list(ctx: &mut Ctx<'_>, o: ListOpts) -> Result<()> {
    if o.raw {
        return super::raw_list(ctx, &METRICS, METRICS.name);
    }
    let map = maps::open_global(ctx.bpffs, &METRICS, Access::Read)?;
    let (kl, vl) = (map.key_len(), map.value_len());
    let mut rows = Vec::new();
    map.for_each_chunk(maps::BATCH, |keys, values, n| {
        for i in 0..n {
            if let Some(key) = maps::decode::<MetricsKey>(&keys[i * kl..(i + 1) * kl]) {
                rows.push(MetricsRecord { key, value: sum_per_cpu(&values[i * vl..(i + 1) * vl]) });
            }
        }
        Ok(std::ops::ControlFlow::Continue(()))
    })
    .map_err(|e| Error::sys("read", map.path().display(), &e))?;
    // At most 1024 keys: sorted by reason text and direction, like Cilium.
    rows.sort_by_cached_key(MetricsRecord::sort_key);
    if ctx.format == crate::cli::Format::Prometheus {
        ctx.out.metrics(&crate::maps::metrics::prometheus(&rows))?;
        return Ok(());
    }
    let mut out = ctx.out.list(Human::Table)?;
    for r in &rows {
        out.row(r)?;
    }
    out.finish()?;
    Ok(())
}
