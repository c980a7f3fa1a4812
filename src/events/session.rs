//! One monitor run: what it does with each record of the rings ([`Monitor`] for
//! `cilium_events`: decode in the node's layout, count by kind, filter, write; [`Signals`]
//! for `cilium_signals`), and the [`RunSummary`] it ends with (in `record`). Both are [`Handler`]s of the
//! pump and write through an [`EventWriter`].

use super::decode::decode_as;
use super::filter::Filter;
use super::kinds::KINDS;
use super::perf::PerfRecord;
use super::pump::Handler;
use super::record::{EventRecord, Lost, RunSummary};
use super::write::EventWriter;

/// The state of one `monitor` run.
pub struct Monitor<'w> {
    out: &'w mut dyn EventWriter,
    /// The node runs Cilium v1.10-1.12: version-1 drops are 32 bytes.
    v1_10_drops: bool,
    filter: Filter,
    hex: bool,
    numeric: bool,
    max_events: Option<u64>,
    /// Received events per kind, indexed by `Kind as usize`.
    by_type: [u64; KINDS.len()],
    lost_by_cpu: Vec<u64>,
    received: u64,
    shown: u64,
    /// The first output error; the loop stops on it.
    failure: Option<std::io::Error>,
}

impl Handler for Monitor<'_> {
    fn failure(&mut self) -> Option<std::io::Error> {
        self.failure.take()
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
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
                self.by_type[ev.kind() as usize] += 1;
                let mut r = EventRecord::new(cpu, &ev);
                r.numeric = self.numeric;
                if !self.filter.keep(&ev, &r.summary) || self.max_events.is_some_and(|m| self.shown >= m) {
                    return;
                }
                self.shown += 1;
                self.out.event(&r, self.hex.then_some(data))
            }
            PerfRecord::Lost(n) => {
                if let Some(l) = self.lost_by_cpu.get_mut(cpu as usize) {
                    *l += n;
                }
                self.out.lost(&Lost { cpu, count: n })
            }
        };
        if let Err(e) = res {
            self.failure = Some(e);
        }
    }
}

impl<'w> Monitor<'w> {
    /// A run writing to `out`; `v1_10_drops`: the node runs Cilium v1.10-1.12, whose
    /// version-1 drops are 32 bytes; `hex`: raw bytes with each event; `numeric`: reserved
    /// identities as numbers; `cpus`: the rings read.
    pub fn new(
        out: &'w mut dyn EventWriter,
        filter: Filter,
        v1_10_drops: bool,
        hex: bool,
        numeric: bool,
        max_events: Option<u64>,
        cpus: usize,
    ) -> Monitor<'w> {
        Monitor {
            out,
            v1_10_drops,
            filter,
            hex,
            numeric,
            max_events,
            by_type: [0; KINDS.len()],
            lost_by_cpu: vec![0u64; cpus.max(1)],
            received: 0,
            shown: 0,
            failure: None,
        }
    }

    /// Hands the summary to the writer.
    pub fn finish(self) -> std::io::Result<()> {
        let summary = RunSummary {
            received: self.received,
            shown: self.shown,
            by_type: &self.by_type,
            lost_by_cpu: &self.lost_by_cpu,
        };
        self.out.summary(&summary)
    }
}

/// The state of a `monitor --signals` run.
pub struct Signals<'w> {
    out: &'w mut dyn EventWriter,
    max: Option<u64>,
    pub shown: u64,
    pub lost: u64,
    failure: Option<std::io::Error>,
}

impl Handler for Signals<'_> {
    fn failure(&mut self) -> Option<std::io::Error> {
        self.failure.take()
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
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
                let signal = super::signal::decode(data);
                self.out.signal(&super::signal::SignalRecord { cpu, signal })
            }
            PerfRecord::Lost(n) => {
                self.lost += n;
                self.out.lost(&Lost { cpu, count: n })
            }
        };
        if let Err(e) = res {
            self.failure = Some(e);
        }
    }
}

impl<'w> Signals<'w> {
    pub fn new(out: &'w mut dyn EventWriter, max: Option<u64>) -> Signals<'w> {
        Signals { out, max, shown: 0, lost: 0, failure: None }
    }
}
