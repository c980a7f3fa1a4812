//! Our own perf ring reader for `cilium_events`: one `PERF_COUNT_SW_BPF_OUTPUT` event per
//! CPU, its ring mmap'd, wakeups batched (`wakeup_events`) so the producer does not pay
//! for a wakeup per event (aya 0.14's reader wakes on every event and tops out near 150k
//! events/s here). Records are handed out as borrowed slices; one
//! reused scratch buffer covers records that wrap around the ring end.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering};

use perf_event_open_sys::bindings::{
    PERF_COUNT_SW_BPF_OUTPUT, PERF_FLAG_FD_CLOEXEC, PERF_RECORD_LOST, PERF_RECORD_SAMPLE, PERF_SAMPLE_RAW,
    PERF_TYPE_SOFTWARE, perf_event_attr, perf_event_mmap_page,
};

/// One record from a ring.
#[derive(Debug, PartialEq, Eq)]
pub enum PerfRecord<'a> {
    /// A raw sample: the message the program wrote (plus up to 7 bytes of padding).
    Sample(&'a [u8]),
    /// The kernel dropped this many samples because the ring was full.
    Lost(u64),
}

/// One CPU's ring.
pub struct PerfRing {
    fd: OwnedFd,
    base: *mut u8,
    mmap_len: usize,
    data_size: usize,
    pub cpu: u32,
}

// SAFETY: the mapping is owned by this value and only touched through &mut self.
unsafe impl Send for PerfRing {}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    (unsafe { libc::sysconf(libc::_SC_PAGESIZE) }) as usize
}

impl PerfRing {
    /// Opens the ring of `cpu` with `pages` data pages (a power of two); the kernel wakes a
    /// poller after `wakeup_events` samples.
    pub fn open(cpu: u32, pages: usize, wakeup_events: u32) -> io::Result<PerfRing> {
        if !pages.is_power_of_two() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "ring pages must be a power of two"));
        }
        // SAFETY: zero is a valid perf_event_attr; the fields set below are plain integers.
        let mut attr: perf_event_attr = unsafe { std::mem::zeroed() };
        attr.type_ = PERF_TYPE_SOFTWARE;
        attr.size = std::mem::size_of::<perf_event_attr>() as u32;
        attr.config = u64::from(PERF_COUNT_SW_BPF_OUTPUT);
        attr.sample_type = u64::from(PERF_SAMPLE_RAW);
        attr.__bindgen_anon_1.sample_period = 1;
        attr.__bindgen_anon_2.wakeup_events = wakeup_events.max(1);
        // SAFETY: attr is initialised; pid -1 with a cpu means every task on that CPU.
        let fd = unsafe {
            perf_event_open_sys::perf_event_open(
                &mut attr,
                -1,
                cpu as i32,
                -1,
                u64::from(PERF_FLAG_FD_CLOEXEC) as _,
            )
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a fresh descriptor we own.
        let fd = unsafe { OwnedFd::from_raw_fd(fd as RawFd) };
        let page = page_size();
        let mmap_len = page * (pages + 1);
        // SAFETY: mapping a perf ring of the documented size (1 + 2^n pages) from its fd.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mmap_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: ENABLE on our own perf fd.
        if unsafe { perf_event_open_sys::ioctls::ENABLE(fd.as_raw_fd(), 0) } < 0 {
            let e = io::Error::last_os_error();
            // SAFETY: unmapping what we just mapped.
            unsafe { libc::munmap(base, mmap_len) };
            return Err(e);
        }
        Ok(PerfRing { fd, base: base.cast(), mmap_len, data_size: page * pages, cpu })
    }

    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    fn header(&self) -> *mut perf_event_mmap_page {
        self.base.cast()
    }

    /// Hands every record now in the ring to `f`, then frees the space. Returns how many.
    pub fn drain(&mut self, scratch: &mut Vec<u8>, mut f: impl FnMut(u32, PerfRecord<'_>)) -> usize {
        let page = page_size();
        let hdr = self.header();
        // SAFETY: data_head/data_tail are u64 fields in the mapped header page that the kernel
        // updates concurrently; we access them atomically with the documented ordering.
        let (head_a, tail_a) = unsafe {
            (
                &*(std::ptr::addr_of_mut!((*hdr).data_head) as *const AtomicU64),
                &*(std::ptr::addr_of_mut!((*hdr).data_tail) as *const AtomicU64),
            )
        };
        let head = head_a.load(Ordering::Acquire);
        let mut tail = tail_a.load(Ordering::Relaxed);
        // SAFETY: the data area starts one page into the mapping and is data_size long.
        let data = unsafe { std::slice::from_raw_parts(self.base.add(page), self.data_size) };
        let size = self.data_size as u64;
        let mut n = 0;
        while tail < head {
            let off = (tail % size) as usize;
            // perf_event_header: u32 type, u16 misc, u16 size; 8-aligned, never split.
            let ty = u32::from_ne_bytes(data[off..off + 4].try_into().unwrap_or_default());
            let len = u16::from_ne_bytes(data[off + 6..off + 8].try_into().unwrap_or_default()) as usize;
            if len < 8 || len as u64 > head - tail {
                break; // corrupt or torn: stop; the next drain retries from here
            }
            let body_off = (off + 8) % self.data_size;
            let body_len = len - 8;
            let body: &[u8] = if body_off + body_len <= self.data_size {
                &data[body_off..body_off + body_len]
            } else {
                scratch.clear();
                scratch.extend_from_slice(&data[body_off..]);
                scratch.extend_from_slice(&data[..body_len - (self.data_size - body_off)]);
                scratch
            };
            match ty {
                PERF_RECORD_SAMPLE if body.len() >= 4 => {
                    let raw = u32::from_ne_bytes(body[..4].try_into().unwrap_or_default()) as usize;
                    let raw = &body[4..(4 + raw).min(body.len())];
                    f(self.cpu, PerfRecord::Sample(raw));
                }
                PERF_RECORD_LOST if body.len() >= 16 => {
                    let lost = u64::from_ne_bytes(body[8..16].try_into().unwrap_or_default());
                    f(self.cpu, PerfRecord::Lost(lost));
                }
                _ => {}
            }
            tail += len as u64;
            n += 1;
        }
        tail_a.store(tail, Ordering::Release);
        n
    }
}

impl Drop for PerfRing {
    fn drop(&mut self) {
        // SAFETY: unmapping our own mapping once.
        unsafe { libc::munmap(self.base.cast(), self.mmap_len) };
    }
}
