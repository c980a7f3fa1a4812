//! `ciliumrs monitor`: events from `cilium_events` (or `--signals`: `cilium_signals`),
//! filtered, as text lines or JSON Lines, with every loss the kernel reports shown as it
//! arrives and a summary on Ctrl-C. The reader, its guard against taking another reader's
//! rings, the filters, the pump and the writers live in `events/`; this handler turns the
//! arguments into them.

use crate::cli::MonitorArgs;
use crate::cmd::Ctx;
use crate::error::Result;
use crate::events::filter::Filter;
use crate::events::pump::pump;
use crate::events::reader::{EventsReader, RingConfig};
use crate::events::session::{Monitor, Signals};
use crate::events::write::{EventWriter as _, Stream};
use crate::maps::spec::{EVENTS, SIGNALS};

fn ring(a: &MonitorArgs) -> RingConfig {
    RingConfig { pages: a.pages, wakeup_events: a.wakeup_events }
}

/// `monitor --signals`: every sample of cilium_signals, and every loss, as it arrives.
fn run_signals(ctx: &mut Ctx<'_>, a: &MonitorArgs) -> Result<()> {
    let (mut reader, _lock) = EventsReader::open_alone(ctx.bpffs, &SIGNALS, a.force, ring(a))?;
    ctx.out.info(&format!(
        "Listening for signals on {} CPUs (map id {}). Press Ctrl-C to quit",
        reader.cpus(),
        reader.map_id()
    ));
    let mut out = Stream::new(ctx.out);
    let mut run = Signals::new(&mut out, a.max_events);
    pump(&mut reader, &mut run)?;
    let line = format!("{} signals received; lost {}", run.shown, run.lost);
    out.flush()?;
    ctx.out.info(&line);
    Ok(())
}

pub fn run(ctx: &mut Ctx<'_>, a: &MonitorArgs) -> Result<()> {
    if a.signals {
        return run_signals(ctx, a);
    }
    let (mut reader, _lock) = EventsReader::open_alone(ctx.bpffs, &EVENTS, a.force, ring(a))?;
    ctx.out.info(&format!(
        "Listening for events on {} CPUs with {}x{} of shared memory (map id {}). Press Ctrl-C to quit",
        reader.cpus(),
        a.pages,
        4096,
        reader.map_id()
    ));

    // Only the node's version tells a v1.10 drop from a v1.13+ one where perf's padding
    // makes both lengths fit; an undecided node gets the newer layout.
    let versions = match ctx.node() {
        Ok(n) => {
            if n.versions().is_none() {
                ctx.out.warn(&format!(
                    "the node's maps name no single Cilium version ({}): drops are read in the layout of \
                     v1.13 and newer; name the version with --cilium-version",
                    n.evidence()
                ));
            }
            n.versions()
        }
        Err(e) => {
            ctx.out.warn(&format!(
                "the node's Cilium version could not be read off its maps ({}): drops are read in the layout \
                 of v1.13 and newer; name the version with --cilium-version",
                e.message()
            ));
            None
        }
    };
    let v1_10_drops = versions.is_some_and(|r| r.hi <= 12);
    if versions.is_some_and(|r| r.lo <= 12 && r.hi >= 13) {
        ctx.out.warn(
            "the maps do not tell Cilium v1.10-1.12 (32-byte drop notifications) from v1.13 and newer \
             (36 bytes): where a drop's length fits both, it is read as v1.13's; name the version with \
             --cilium-version if the node runs v1.12 or older",
        );
    }
    let filter = Filter {
        types: if a.types.is_empty() { Filter::default_kinds(a.verbose) } else { a.types.clone() },
        from: a.from,
        to: a.to.map(u32::from),
        related: a.related_to,
        ip: a.ip,
        port: a.port,
        reason: a.reason.as_ref().map(|r| r.to_ascii_lowercase()),
    };
    let mut out = Stream::new(ctx.out);
    let mut run = Monitor::new(&mut out, filter, v1_10_drops, a.hex, a.numeric, a.max_events, reader.cpus());
    pump(&mut reader, &mut run)?;
    run.finish()?;
    Ok(())
}
