//! The monitor's pump: one thread empties the per-CPU rings as soon as they wake it (so a
//! slow output, a full pipe or a busy CPU does not let them overflow), the caller's thread
//! hands each record to a [`Handler`], until Ctrl-C/SIGTERM, the handler is done, or an
//! output error. At the end the rings are drained once more, so every record the kernel
//! wrote is handled.

use std::sync::atomic::{AtomicBool, Ordering};

use super::perf::PerfRecord;
use super::reader::EventsReader;
use crate::error::{Error, Result};

/// Poll timeout: a lone event shows within this even below the wakeup threshold.
const POLL_MS: i32 = 50;

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// SIGINT and SIGTERM end the pump (after a last drain) instead of the process.
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

/// What a run does with each record of its rings.
pub trait Handler {
    fn handle(&mut self, cpu: u32, rec: PerfRecord<'_>);
    /// The first output error, which stops the run.
    fn failure(&mut self) -> Option<std::io::Error>;
    /// Pushes what was written out (the reader has nothing more waiting).
    fn flush(&mut self) -> std::io::Result<()>;
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

/// Until Ctrl-C, `done` or an output error (see the module doc).
pub fn pump(reader: &mut EventsReader, st: &mut impl Handler) -> Result<()> {
    install_signal_handlers();
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
                    res = st.flush().map_err(Into::into);
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
