//! `ciliumrs monitor`: events from `cilium_events`, filtered, as text lines or JSON Lines,
//! with every loss the kernel reports shown as it arrives and a summary on Ctrl-C.
//!
//! A perf event array has one reader per CPU slot: installing ours silently takes over
//! another reader's rings. So we refuse when a Cilium agent serves the events (its monitor
//! socket exists) unless --force, and a second ciliumrs monitor refuses while a first one
//! holds the reader lock for this map.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::MonitorArgs;
use crate::cmd::Ctx;
use crate::codes::reasons::reason_text;
use crate::error::{Error, Result};
use crate::events::decode::{Event, decode_as};
use crate::events::kinds::{KINDS, Kind};
use crate::events::perf::PerfRecord;
use crate::events::reader::{EventsReader, RingConfig};
use crate::events::record::{EventRecord, Lost, hex_dump};
use crate::netaddr::Cidr4;
use crate::output::bytes::Sink as _;
use crate::output::{Record, Value, Visit};

use crate::agent::MONITOR_SOCKET as AGENT_SOCKET;
/// Poll timeout: a lone event shows within this even below the wakeup threshold.
const POLL_MS: i32 = 50;

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

fn install_signal_handlers() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe; no
        // SA_RESTART so poll(2) returns EINTR promptly.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as *const () as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

struct Filters {
    types: Vec<Kind>,
    from: Option<u16>,
    to: Option<u32>,
    related: Option<u16>,
    ip: Option<Cidr4>,
    port: Option<u16>,
    reason: Option<String>,
}

impl Filters {
    fn new(a: &MonitorArgs) -> Filters {
        let mut types = a.types.clone();
        if types.is_empty() {
            types = KINDS.iter().filter(|k| k.default_shown || a.verbose).map(|k| k.kind).collect();
        }
        Filters {
            types,
            from: a.from,
            to: a.to.map(u32::from),
            related: a.related_to,
            ip: a.ip,
            port: a.port,
            reason: a.reason.as_ref().map(|r| r.to_ascii_lowercase()),
        }
    }

    fn keep(&self, ev: &Event<'_>, rec: &EventRecord<'_, '_>) -> bool {
        if !self.types.contains(&ev.kind()) {
            return false;
        }
        if self.from.is_some_and(|f| ev.source() != Some(f)) {
            return false;
        }
        if self.to.is_some_and(|t| ev.dst_endpoint() != Some(t)) {
            return false;
        }
        if let Some(r) = self.related {
            if ev.source() != Some(r) && ev.dst_endpoint() != Some(u32::from(r)) {
                return false;
            }
        }
        if let Some(c) = self.ip {
            let orig = match *ev {
                Event::Trace { orig_ip, .. } => orig_ip,
                _ => None,
            };
            let hit = rec.summary.ipv4().is_some_and(|(s, d)| c.contains(s) || c.contains(d))
                || orig.is_some_and(|o| c.contains(o));
            if !hit {
                return false;
            }
        }
        if let Some(p) = self.port {
            if !rec.summary.ports().is_some_and(|(s, d)| s == p || d == p) {
                return false;
            }
        }
        if let Some(want) = &self.reason {
            let Some(code) = ev.drop_reason() else { return false };
            let text = reason_text(code).unwrap_or("").to_ascii_lowercase();
            if !(text.contains(want.as_str()) || want.parse::<u8>() == Ok(code)) {
                return false;
            }
        }
        true
    }
}

/// An event with its raw bytes for `--hex`.
struct WithRaw<'r, 'a, 'b> {
    rec: &'r EventRecord<'a, 'b>,
    raw: Option<&'r [u8]>,
    scratch: &'r std::cell::RefCell<String>,
}

impl Record for WithRaw<'_, '_, '_> {
    fn visit(&self, v: &mut dyn Visit) {
        self.rec.visit(v);
        if let Some(raw) = self.raw {
            v.field("raw", "", Value::Disp(&crate::output::Hex(raw)));
        }
    }
    /// The event's own fast JSON, with `raw` as its last field (what `visit` gives).
    fn json(&self, buf: &mut Vec<u8>, scratch: &mut String) -> bool {
        let start = buf.len();
        if !self.rec.json(buf, scratch) {
            return false;
        }
        if let Some(raw) = self.raw {
            if buf.len() < start + 2 || buf.pop() != Some(b'}') {
                buf.truncate(start);
                return false;
            }
            buf.extend_from_slice(if buf.len() == start + 1 { b"\"raw\":\"" } else { b",\"raw\":\"" });
            buf.hex_bytes(raw);
            buf.extend_from_slice(b"\"}");
        }
        true
    }

    fn line(&self, buf: &mut Vec<u8>) {
        self.rec.line(buf);
        if let Some(raw) = self.raw {
            let mut s = self.scratch.borrow_mut();
            s.clear();
            hex_dump(raw, &mut s);
            buf.extend_from_slice(s.as_bytes());
        }
    }
}

/// What Ctrl-C prints.
struct Summary<'a> {
    received: u64,
    shown: u64,
    by_type: &'a [u64; KINDS.len()],
    lost_by_cpu: &'a [u64],
}

impl Record for Summary<'_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("received", "RECEIVED", Value::U64(self.received));
        v.field("shown", "SHOWN", Value::U64(self.shown));
        for (k, n) in KINDS.iter().zip(self.by_type) {
            v.field(k.key, "", Value::U64(*n));
        }
        v.field("lost", "LOST", Value::U64(self.lost_by_cpu.iter().sum()));
        v.field("lost_by_cpu", "", Value::Nums(self.lost_by_cpu));
    }
    fn line(&self, buf: &mut Vec<u8>) {
        let _ = write!(buf, "{} events received, {} shown;", self.received, self.shown);
        for (k, n) in KINDS.iter().zip(self.by_type).filter(|(_, n)| **n > 0) {
            let _ = write!(buf, " {} {n}", k.name);
        }
        let lost: u64 = self.lost_by_cpu.iter().sum();
        let _ = write!(buf, "; lost {lost}");
        for (cpu, n) in self.lost_by_cpu.iter().enumerate().filter(|(_, n)| **n > 0) {
            let _ = write!(buf, " (CPU {cpu:02}: {n})");
        }
    }
}

/// The state of one monitor run.
struct Session<'o> {
    out: &'o mut crate::output::Output,
    /// The node runs Cilium v1.10-1.12: version-1 drops are 32 bytes.
    v1_10_drops: bool,
    filters: Filters,
    hex: bool,
    numeric: bool,
    max_events: Option<u64>,
    /// Received events per kind, indexed by `Kind as usize`.
    by_type: [u64; KINDS.len()],
    lost_by_cpu: Vec<u64>,
    received: u64,
    shown: u64,
    scratch: std::cell::RefCell<String>,
    /// The first output error; the loop stops on it.
    failure: Option<std::io::Error>,
}

impl Sink for Session<'_> {
    fn failure(&mut self) -> Option<std::io::Error> {
        self.failure.take()
    }
    fn out(&mut self) -> &mut crate::output::Output {
        self.out
    }
    fn done(&self) -> bool {
        self.max_events.is_some_and(|m| self.shown >= m)
    }

    fn handle(&mut self, cpu: u32, rec: PerfRecord<'_>) {
        if self.failure.is_some() {
            return;
        }
        let res = match rec {
            PerfRecord::Sample(data) => {
                self.received += 1;
                let ev = decode_as(data, self.v1_10_drops);
                let kind = ev.kind();
                self.by_type[kind as usize] += 1;
                let mut r = EventRecord::new(cpu, &ev);
                r.numeric = self.numeric;
                if !self.filters.keep(&ev, &r) || self.max_events.is_some_and(|m| self.shown >= m) {
                    return;
                }
                self.shown += 1;
                let raw = self.hex.then_some(data);
                self.out.event(kind.name(), &WithRaw { rec: &r, raw, scratch: &self.scratch })
            }
            PerfRecord::Lost(n) => {
                if let Some(l) = self.lost_by_cpu.get_mut(cpu as usize) {
                    *l += n;
                }
                self.out.event("lost", &Lost { cpu, count: n })
            }
        };
        if let Err(e) = res {
            self.failure = Some(e);
        }
    }
}

/// What a monitor run does with each record of its rings.
trait Sink {
    fn handle(&mut self, cpu: u32, rec: PerfRecord<'_>);
    /// The first output error, which stops the run.
    fn failure(&mut self) -> Option<std::io::Error>;
    fn out(&mut self) -> &mut crate::output::Output;
    /// Enough shown (`--max-events`).
    fn done(&self) -> bool;
}

/// What the ring reader may hold for the writer while the writer is busy: records go on
/// piling into one buffer up to this size, then the reader waits (and what the rings
/// cannot hold meanwhile, the kernel counts as lost: the accounting stays exact). About
/// 30,000 events; with the writer's buffer and one in the queue, memory stays under
/// 3 x this.
const BACKLOG: usize = 4 << 20;
const REC_SAMPLE: u8 = 0;
const REC_LOST: u8 = 1;

/// Copies one ring record into `buf`: CPU (u32), kind (u8), length or lost count (u64),
/// then the sample's bytes.
fn put_record(buf: &mut Vec<u8>, cpu: u32, rec: PerfRecord<'_>) {
    buf.extend_from_slice(&cpu.to_ne_bytes());
    match rec {
        PerfRecord::Sample(data) => {
            buf.push(REC_SAMPLE);
            buf.extend_from_slice(&(data.len() as u64).to_ne_bytes());
            buf.extend_from_slice(data);
        }
        PerfRecord::Lost(n) => {
            buf.push(REC_LOST);
            buf.extend_from_slice(&n.to_ne_bytes());
        }
    }
}

/// The records `put_record` wrote, in order.
fn each_record(mut buf: &[u8], mut f: impl FnMut(u32, PerfRecord<'_>)) {
    while buf.len() >= 13 {
        let cpu = u32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]);
        let tag = buf[4];
        let mut n = [0u8; 8];
        n.copy_from_slice(&buf[5..13]);
        let n = u64::from_ne_bytes(n);
        buf = &buf[13..];
        if tag == REC_LOST {
            f(cpu, PerfRecord::Lost(n));
            continue;
        }
        let Some((data, rest)) = buf.split_at_checked(n as usize) else { return };
        f(cpu, PerfRecord::Sample(data));
        buf = rest;
    }
}

/// Until Ctrl-C, `done` or an output error: one thread empties the rings as soon as they
/// wake it (so a slow output, a full pipe or a busy CPU does not let them overflow), this
/// one decodes and writes. At the end the rings are drained once more, so every record the
/// kernel wrote is handled before the summary.
fn pump(reader: &mut EventsReader, st: &mut impl Sink) -> Result<()> {
    use std::sync::mpsc::TrySendError;
    let quit = AtomicBool::new(false);
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
    let (free_tx, free_rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|s| {
        let quit = &quit;
        let poller = s.spawn(move || -> std::io::Result<()> {
            let fresh = || free_rx.try_recv().unwrap_or_else(|_| Vec::with_capacity(64 * 1024));
            let mut buf = fresh();
            loop {
                let last = STOP.load(Ordering::SeqCst) || quit.load(Ordering::SeqCst);
                let polled = if last {
                    reader.drain(|cpu, rec| put_record(&mut buf, cpu, rec));
                    Ok(0)
                } else {
                    reader.poll(POLL_MS, |cpu, rec| put_record(&mut buf, cpu, rec))
                };
                // Hand the records over; while the writer is busy, keep them (up to BACKLOG)
                // and go back to the rings.
                let handed = if last || polled.is_err() || buf.len() >= BACKLOG {
                    full_tx.send(buf).map_err(|e| TrySendError::Disconnected(e.0))
                } else if buf.is_empty() {
                    Err(TrySendError::Full(buf))
                } else {
                    full_tx.try_send(buf)
                };
                buf = match handed {
                    Ok(()) => fresh(),
                    Err(TrySendError::Full(b)) => b,
                    Err(TrySendError::Disconnected(_)) => return polled.map(drop),
                };
                polled?;
                if last {
                    return Ok(());
                }
            }
        });
        // Owned here, so that if decoding panics the channel closes as this closure unwinds
        // and the reader thread (blocked on a full channel, or polling) ends instead of
        // keeping the scope waiting forever.
        let full_rx = full_rx;
        let mut res: Result<()> = Ok(());
        let mut next = full_rx.recv().ok();
        while let Some(mut buf) = next.take() {
            if res.is_ok() {
                each_record(&buf, |cpu, rec| st.handle(cpu, rec));
                // Output is flushed when the reader has nothing more waiting: under load
                // the lines go out in large writes (the output buffer fills), when quiet
                // at once.
                next = full_rx.try_recv().ok();
                if let Some(e) = st.failure() {
                    res = Err(e.into());
                } else if next.is_none() {
                    res = st.out().flush().map_err(Into::into);
                }
            }
            if res.is_err() || st.done() {
                quit.store(true, Ordering::SeqCst);
            }
            buf.clear();
            let _ = free_tx.send(buf);
            if next.is_none() {
                next = full_rx.recv().ok();
            }
        }
        let polled = poller.join().map_err(|_| Error::runtime("the ring reader thread panicked"))?;
        res?;
        polled.map_err(|e| Error::sys("poll", "perf rings", &e))
    })
}

/// Our rings in the perf event array `spec`, once no agent or other monitor reads it.
fn open_reader(
    ctx: &Ctx<'_>,
    a: &MonitorArgs,
    spec: &crate::maps::spec::MapSpec,
) -> Result<(EventsReader, crate::events::lock::ReaderLock)> {
    if !a.force && std::path::Path::new(AGENT_SOCKET).exists() {
        return Err(Error::runtime(format!(
            "a Cilium agent serves this node's events on {AGENT_SOCKET}; reading {} here would take \
             its rings over and blind it: use 'cilium monitor', or --force",
            spec.name
        )));
    }
    let path = crate::maps::pin_path(ctx.bpffs, spec.name);
    let map_id = crate::bpf::MapFd::open_pinned(&path, true).map_err(|e| Error::open(&path, &e))?.info().id;
    let lock = crate::events::lock::ReaderLock::take(map_id)?;
    let reader = EventsReader::open(&path, RingConfig { pages: a.pages, wakeup_events: a.wakeup_events })?;
    install_signal_handlers();
    Ok((reader, lock))
}

/// The state of a `monitor --signals` run.
struct SignalSession<'o> {
    out: &'o mut crate::output::Output,
    max: Option<u64>,
    shown: u64,
    lost: u64,
    failure: Option<std::io::Error>,
}

impl Sink for SignalSession<'_> {
    fn failure(&mut self) -> Option<std::io::Error> {
        self.failure.take()
    }
    fn out(&mut self) -> &mut crate::output::Output {
        self.out
    }
    fn done(&self) -> bool {
        self.max.is_some_and(|m| self.shown >= m)
    }

    fn handle(&mut self, cpu: u32, rec: PerfRecord<'_>) {
        if self.failure.is_some() || self.done() {
            return;
        }
        let res = match rec {
            PerfRecord::Sample(data) => {
                self.shown += 1;
                let signal = crate::events::signal::decode(data);
                self.out.event("signal", &crate::events::signal::SignalRecord { cpu, signal })
            }
            PerfRecord::Lost(n) => {
                self.lost += n;
                self.out.event("lost", &Lost { cpu, count: n })
            }
        };
        if let Err(e) = res {
            self.failure = Some(e);
        }
    }
}

/// `monitor --signals`: every sample of cilium_signals, and every loss, as it arrives.
fn run_signals(ctx: &mut Ctx<'_>, a: &MonitorArgs) -> Result<()> {
    let (mut reader, _lock) = open_reader(ctx, a, &crate::maps::spec::SIGNALS)?;
    ctx.out.info(&format!(
        "Listening for signals on {} CPUs (map id {}). Press Ctrl-C to quit",
        reader.cpus(),
        reader.map_id()
    ));
    let mut st = SignalSession { out: &mut *ctx.out, max: a.max_events, shown: 0, lost: 0, failure: None };
    pump(&mut reader, &mut st)?;
    st.out.flush()?;
    let line = format!("{} signals received; lost {}", st.shown, st.lost);
    st.out.info(&line);
    Ok(())
}

pub fn run(ctx: &mut Ctx<'_>, a: &MonitorArgs) -> Result<()> {
    if a.signals {
        return run_signals(ctx, a);
    }
    let (mut reader, _lock) = open_reader(ctx, a, &crate::maps::spec::EVENTS)?;
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
    let mut st = Session {
        out: &mut *ctx.out,
        v1_10_drops,
        filters: Filters::new(a),
        hex: a.hex,
        numeric: a.numeric,
        max_events: a.max_events,
        by_type: [0; KINDS.len()],
        lost_by_cpu: vec![0u64; reader.cpus().max(1)],
        received: 0,
        shown: 0,
        scratch: std::cell::RefCell::new(String::new()),
        failure: None,
    };
    pump(&mut reader, &mut st)?;
    let (received, shown, by_type, lost_by_cpu) = (st.received, st.shown, st.by_type, st.lost_by_cpu);
    let out = st.out;
    let summary = Summary { received, shown, by_type: &by_type, lost_by_cpu: &lost_by_cpu };
    // Data on stdout (JSON Lines keep the summary as a record); the human summary on stderr,
    // so text output stays events only and is fine to pipe.
    if out.format() == crate::output::Format::Json {
        out.event("summary", &summary)?;
    }
    out.flush()?;
    let mut line = Vec::new();
    summary.line(&mut line);
    out.info(&String::from_utf8_lossy(&line));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_with_raw_bytes_write_the_visitors_json() {
        let data = crate::events::record::tests::drop_fixture();
        let ev = crate::events::decode::decode(&data);
        let rec = EventRecord::new(2, &ev);
        let scratch = std::cell::RefCell::new(String::new());
        for raw in [None, Some(&data[..]), Some(&data[..0])] {
            let r = WithRaw { rec: &rec, raw, scratch: &scratch };
            let (mut fast, mut slow) = (b"x".to_vec(), b"x".to_vec());
            assert!(r.json(&mut fast, &mut String::new()));
            crate::output::push_record(&mut slow, &mut String::new(), &r);
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
        }
    }
}
