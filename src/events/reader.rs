//! [`EventsReader`]: a ring per possible CPU installed in `cilium_events`, polled together
//! with a timeout so that a lone event still shows promptly under batched wakeups.
//!
//! Installing a ring replaces whatever reader had that slot before, silently for both
//! sides; so [`EventsReader::open_alone`] refuses when a Cilium agent serves the events (its
//! monitor socket exists) unless forced, and a second ciliumrs reader refuses while a first
//! one holds the reader lock ([`super::lock`]) for the map.

use std::io;
use std::path::Path;

use super::perf::{PerfRecord, PerfRing};
use crate::bpf::{MapFd, MapType};
use crate::error::{Error, Result};

/// Ring size and wakeup batching.
#[derive(Clone, Copy, Debug)]
pub struct RingConfig {
    /// Data pages per CPU (a power of two).
    pub pages: usize,
    /// Samples per wakeup.
    pub wakeup_events: u32,
}

pub struct EventsReader {
    rings: Vec<PerfRing>,
    pollfds: Vec<libc::pollfd>,
    scratch: Vec<u8>,
    map: MapFd,
}

impl EventsReader {
    /// Our rings in the perf event array `spec` under `bpffs`, once no agent (unless
    /// `force`) or other ciliumrs reads it; the lock is held as long as it is kept.
    pub fn open_alone(
        bpffs: &Path,
        spec: &crate::maps::spec::MapSpec,
        force: bool,
        cfg: RingConfig,
    ) -> Result<(EventsReader, super::lock::ReaderLock)> {
        use crate::agent::MONITOR_SOCKET;
        if !force && Path::new(MONITOR_SOCKET).exists() {
            return Err(Error::runtime(format!(
                "a Cilium agent serves this node's events on {MONITOR_SOCKET}; reading {} here would take \
                 its rings over and blind it: use 'cilium monitor', or --force",
                spec.name
            )));
        }
        let path = crate::maps::pin_path(bpffs, spec.name);
        let map_id = MapFd::open_pinned(&path, true).map_err(|e| Error::open(&path, &e))?.info().id;
        let lock = super::lock::ReaderLock::take(map_id)?;
        Ok((EventsReader::open(&path, cfg)?, lock))
    }

    /// Opens the pinned events map at `path` (`<bpffs>/tc/globals/cilium_events`) and
    /// installs one ring per CPU.
    pub fn open(path: &Path, cfg: RingConfig) -> Result<EventsReader> {
        let map = MapFd::open_pinned(path, false).map_err(|e| Error::open(path, &e))?;
        if map.info().map_type != MapType::PERF_EVENT_ARRAY {
            return Err(Error::runtime(format!(
                "{}: not a perf event array ({})",
                path.display(),
                map.info().map_type
            )));
        }
        let mut rings = Vec::new();
        for cpu in 0..map.info().max_entries {
            match PerfRing::open(cpu, cfg.pages, cfg.wakeup_events) {
                Ok(r) => rings.push(r),
                // A possible CPU that is offline has no events to read.
                Err(e) if e.raw_os_error() == Some(libc::ENODEV) => continue,
                Err(e) => return Err(Error::sys("open perf ring on CPU", cpu, &e)),
            }
        }
        for r in &rings {
            map.update(&r.cpu.to_ne_bytes(), &(r.fd() as u32).to_ne_bytes())
                .map_err(|e| Error::sys("install perf ring in", path.display(), &e))?;
        }
        let pollfds =
            rings.iter().map(|r| libc::pollfd { fd: r.fd(), events: libc::POLLIN, revents: 0 }).collect();
        Ok(EventsReader { rings, pollfds, scratch: Vec::with_capacity(64 * 1024), map })
    }

    /// The kernel id of the map read: the identity of this event stream.
    pub fn map_id(&self) -> u32 {
        self.map.info().id
    }

    pub fn cpus(&self) -> usize {
        self.rings.len()
    }

    /// Waits up to `timeout_ms` for a wakeup, then drains every ring (rings below their
    /// wakeup threshold too). Returns the number of records handed to `f`; 0 on EINTR.
    pub fn poll(&mut self, timeout_ms: i32, mut f: impl FnMut(u32, PerfRecord<'_>)) -> io::Result<usize> {
        // SAFETY: pollfds is a valid array of pollfd for the given length.
        let rc =
            unsafe { libc::poll(self.pollfds.as_mut_ptr(), self.pollfds.len() as libc::nfds_t, timeout_ms) };
        if rc < 0 {
            let e = io::Error::last_os_error();
            return if e.raw_os_error() == Some(libc::EINTR) { Ok(0) } else { Err(e) };
        }
        let mut n = 0;
        for r in &mut self.rings {
            n += r.drain(&mut self.scratch, &mut f);
        }
        Ok(n)
    }

    /// Drains without waiting.
    pub fn drain(&mut self, mut f: impl FnMut(u32, PerfRecord<'_>)) -> usize {
        self.rings.iter_mut().map(|r| r.drain(&mut self.scratch, &mut f)).sum()
    }
}

impl Drop for EventsReader {
    fn drop(&mut self) {
        // Take our rings out of the map so the datapath stops writing to them. (Closing the
        // map fd that installed them would do it too; this is explicit.)
        for r in &self.rings {
            let _ = self.map.delete(&r.cpu.to_ne_bytes());
        }
    }
}
