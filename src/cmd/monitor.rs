//! `ciliumrs monitor`: events from `cilium_events` (or `--signals`: `cilium_signals`),
//! filtered, as text lines or JSON Lines, with every loss the kernel reports shown as it
//! arrives and a summary on Ctrl-C. The reader, its guard against taking another reader's
//! rings, the filters, the pump and the writers live in `events/`; this handler turns the
//! arguments into them.

use std::path::Path;

use crate::cli::{Format, MonitorArgs};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::events::filter::Filter;
use crate::events::hubble::Hubble;
use crate::events::pcapng::Pcapng;
use crate::events::pump::pump;
use crate::events::reader::{EventsReader, RingConfig};
use crate::events::session::{Monitor, Signals};
use crate::events::write::{Both, EventWriter, Stream};
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

/// What names an ifindex in pcap interface blocks and Hubble flows: this node's devices.
fn name_of() -> Box<dyn Fn(u32) -> Option<String>> {
    Box::new(crate::datapath::iface::name)
}

/// The pcapng writer of `--pcap`, its file created before anything else happens.
fn open_pcap(path: &Path) -> Result<Pcapng> {
    let w: Box<dyn std::io::Write> = if path == Path::new("-") {
        Box::new(std::io::stdout())
    } else {
        let f = std::fs::File::create(path)
            .map_err(|e| Error::usage(format!("--pcap {}: cannot be written: {e}", path.display())))?;
        Box::new(f)
    };
    Pcapng::new(w, name_of()).map_err(|e| Error::sys("write", path.display(), &e))
}

/// The host's name, Hubble's default `node_name`.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map_or_else(|_| "localhost".into(), |s| s.trim().to_string())
}

pub fn run(ctx: &mut Ctx<'_>, a: &MonitorArgs) -> Result<()> {
    if a.signals {
        return run_signals(ctx, a);
    }
    let hubble = ctx.format == Format::Hubble;
    let pcap_to_stdout = a.pcap.as_deref() == Some(Path::new("-"));
    if hubble && a.hex {
        return Err(Error::usage("-o hubble has no field for --hex's raw bytes; drop one of them"));
    }
    if hubble && pcap_to_stdout {
        return Err(Error::usage("--pcap - and -o hubble both want standard output; give --pcap a file"));
    }
    if a.node_name.is_some() && !hubble {
        return Err(Error::usage("--node-name names the node in -o hubble flows; it needs -o hubble"));
    }
    let mut pcap = a.pcap.as_deref().map(open_pcap).transpose()?;
    let (mut reader, _lock) =
        EventsReader::open_alone(ctx.bpffs, &EVENTS, a.force, ring(a)).inspect_err(|_| {
            // No run, no capture file.
            if let Some(path) = a.pcap.as_deref().filter(|p| *p != Path::new("-")) {
                let _ = std::fs::remove_file(path);
            }
        })?;
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
    let (cpus, node_name) = (reader.cpus(), a.node_name.clone().unwrap_or_else(host_name));
    {
        let (mut stream, mut flows, mut both);
        let lines: Option<&mut dyn EventWriter> = if pcap_to_stdout {
            None
        } else if hubble {
            flows = Hubble::new(ctx.out, node_name, name_of());
            Some(&mut flows)
        } else {
            stream = Stream::new(ctx.out);
            Some(&mut stream)
        };
        let out: &mut dyn EventWriter = match (lines, pcap.as_mut()) {
            (Some(l), Some(p)) => {
                both = Both(l, p);
                &mut both
            }
            (Some(l), None) => l,
            (None, Some(p)) => p,
            (None, None) => unreachable!("a run without lines has a pcap"),
        };
        let mut run = Monitor::new(out, filter, v1_10_drops, a.hex, a.numeric, a.max_events, cpus);
        pump(&mut reader, &mut run)?;
        run.finish()?;
    }
    if let (Some(p), Some(path)) = (&pcap, &a.pcap) {
        if pcap_to_stdout {
            ctx.out.info(&p.summary_line);
        }
        ctx.out.info(&format!(
            "pcap {}: {} packets; it lacks the {} events the rings lost and {} events that carried no packet",
            path.display(),
            p.packets,
            p.lost,
            p.without_packet
        ));
    }
    Ok(())
}
