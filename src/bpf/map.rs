//! [`MapFd`]: one BPF map, opened from a pin or created, with its kernel-reported info.
//!
//! Reads of large maps go through [`MapFd::for_each_chunk`], which uses
//! `BPF_MAP_LOOKUP_BATCH` (one syscall per few thousand entries) and falls back to
//! get_next_key + lookup for map types without batch support.

use std::ffi::CString;
use std::io;
use std::ops::ControlFlow;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::cpus::possible_cpus;
use super::sys::{ENOTSUPP, bpf, bpf_cmd, bpf_fd, bpf_map_info, ptr, zeroed_attr};
use super::types::MapType;

/// Fault injection for the writers' tests: with `CILIUMRS_FAULT_WRITE=N` in the
/// environment, the N-th map write of this process (counting every update, batch update
/// and delete from 1) fails with EIO; a failing batch first writes half of its entries, as
/// a batch the kernel stops in the middle does. With `CILIUMRS_FAULT_WRITE=kill:N` the
/// process kills itself (SIGKILL) at that write instead, as an operator's `kill -9` landing
/// there would. Unset, it costs one load per write.
mod fault {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    static COUNT: AtomicU64 = AtomicU64::new(0);

    /// (the write to fail, whether to die there).
    fn armed() -> Option<(u64, bool)> {
        static AT: OnceLock<Option<(u64, bool)>> = OnceLock::new();
        *AT.get_or_init(|| {
            let v = std::env::var("CILIUMRS_FAULT_WRITE").ok()?;
            match v.strip_prefix("kill:") {
                Some(n) => Some((n.parse().ok()?, true)),
                None => Some((v.parse().ok()?, false)),
            }
        })
    }

    /// True when this write is the one to fail.
    pub fn hit() -> bool {
        let Some((n, _)) = armed() else {
            return false;
        };
        COUNT.fetch_add(1, Ordering::Relaxed) + 1 == n
    }

    /// The failure of the write [`hit`] picked: EIO, or in kill mode no return at all.
    pub fn error() -> std::io::Error {
        if armed().is_some_and(|(_, kill)| kill) {
            // SAFETY: kill(2) on our own pid; SIGKILL does not return.
            unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
        }
        std::io::Error::from_raw_os_error(libc::EIO)
    }
}

/// `BPF_F_RDONLY` for BPF_OBJ_GET: the fd can only read the map.
const BPF_F_RDONLY: u32 = 1 << 3;

/// What the kernel reports about a map (`BPF_OBJ_GET_INFO_BY_FD`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapInfo {
    pub map_type: MapType,
    pub id: u32,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: u32,
    pub flags: u32,
    /// The kernel name, cut to 15 bytes: use the pin path to identify a map.
    pub name: String,
}

/// Everything needed to create a map.
#[derive(Clone, Copy, Debug)]
pub struct CreateSpec<'a> {
    pub map_type: MapType,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: u32,
    pub flags: u32,
    pub name: &'a str,
    /// A map of the inner maps' shape, for maps of maps.
    pub inner_map: Option<BorrowedFd<'a>>,
}

/// An open map.
#[derive(Debug)]
pub struct MapFd {
    fd: OwnedFd,
    info: MapInfo,
    /// Bytes of one value as userspace sees it: per-CPU maps hold
    /// `round_up(value_size, 8)` bytes for each possible CPU.
    value_len: usize,
    /// Where the map came from, for messages.
    path: PathBuf,
}

fn path_cstring(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path contains a NUL byte"))
}

/// Reads the kernel's info for a map fd.
pub fn map_info(fd: BorrowedFd<'_>) -> io::Result<MapInfo> {
    // SAFETY: bpf_map_info is plain integers and byte arrays; zero is valid.
    let mut raw: bpf_map_info = unsafe { std::mem::zeroed() };
    let mut attr = zeroed_attr();
    attr.info.bpf_fd = fd.as_raw_fd() as u32;
    attr.info.info_len = std::mem::size_of::<bpf_map_info>() as u32;
    attr.info.info = ptr(&raw mut raw);
    bpf(bpf_cmd::BPF_OBJ_GET_INFO_BY_FD, &mut attr)?;
    let name_bytes: Vec<u8> = raw.name.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    Ok(MapInfo {
        map_type: MapType(raw.type_),
        id: raw.id,
        key_size: raw.key_size,
        value_size: raw.value_size,
        max_entries: raw.max_entries,
        flags: raw.map_flags,
        name: String::from_utf8_lossy(&name_bytes).into_owned(),
    })
}

/// Opens any pinned BPF object (map or program) and returns its fd.
pub fn obj_get(path: &Path, read_only: bool) -> io::Result<OwnedFd> {
    let c = path_cstring(path)?;
    let mut attr = zeroed_attr();
    attr.__bindgen_anon_4.pathname = ptr(c.as_ptr());
    attr.__bindgen_anon_4.file_flags = if read_only { BPF_F_RDONLY } else { 0 };
    bpf_fd(bpf_cmd::BPF_OBJ_GET, &mut attr)
}

/// Pins any BPF object (map, program, link) at `path`, which must be on a bpffs and not
/// exist yet.
pub fn obj_pin(fd: BorrowedFd<'_>, path: &Path) -> io::Result<()> {
    let c = path_cstring(path)?;
    let mut attr = zeroed_attr();
    attr.__bindgen_anon_4.pathname = ptr(c.as_ptr());
    attr.__bindgen_anon_4.bpf_fd = fd.as_raw_fd() as u32;
    bpf(bpf_cmd::BPF_OBJ_PIN, &mut attr).map(drop)
}

impl MapFd {
    /// Opens a pinned map. `read_only` asks the kernel for a read-only fd.
    pub fn open_pinned(path: &Path, read_only: bool) -> io::Result<MapFd> {
        let fd = obj_get(path, read_only)?;
        Self::from_fd(fd, path.to_path_buf())
    }

    fn from_fd(fd: OwnedFd, path: PathBuf) -> io::Result<MapFd> {
        // A pin can hold a program or link too; their info would read as garbage.
        let kind = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))?;
        if kind.as_os_str() != "anon_inode:bpf-map" {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a BPF map ({})", kind.display()),
            ));
        }
        let info = map_info(fd.as_fd())?;
        let value_len = if info.map_type.is_per_cpu() {
            let stride = (info.value_size as usize).div_ceil(8) * 8;
            stride * possible_cpus()? as usize
        } else {
            info.value_size as usize
        };
        Ok(MapFd { fd, info, value_len, path })
    }

    /// Opens a map by its kernel id (the values of a map of maps are ids).
    pub fn open_id(id: u32) -> io::Result<MapFd> {
        let mut attr = zeroed_attr();
        attr.__bindgen_anon_6.__bindgen_anon_1.map_id = id;
        let fd = bpf_fd(bpf_cmd::BPF_MAP_GET_FD_BY_ID, &mut attr)?;
        Self::from_fd(fd, PathBuf::new())
    }

    /// Creates a map (not pinned yet).
    pub fn create(spec: &CreateSpec<'_>) -> io::Result<MapFd> {
        let mut attr = zeroed_attr();
        let name = spec.name.as_bytes();
        // SAFETY: writing plain integer fields of the map-create member.
        unsafe {
            let c = &mut attr.__bindgen_anon_1;
            c.map_type = spec.map_type.0;
            c.key_size = spec.key_size;
            c.value_size = spec.value_size;
            c.max_entries = spec.max_entries;
            c.map_flags = spec.flags;
            if let Some(inner) = spec.inner_map {
                c.inner_map_fd = inner.as_raw_fd() as u32;
            }
            // The kernel keeps 15 bytes + NUL and accepts only [A-Za-z0-9_.].
            for (dst, &src) in c.map_name.iter_mut().zip(name.iter().take(15)) {
                *dst = src as libc::c_char;
            }
        }
        let fd = bpf_fd(bpf_cmd::BPF_MAP_CREATE, &mut attr)?;
        Self::from_fd(fd, PathBuf::new())
    }

    /// Pins the map at `path` (which must be on a bpffs and not exist yet).
    pub fn pin(&mut self, path: &Path) -> io::Result<()> {
        obj_pin(self.fd.as_fd(), path)?;
        self.path = path.to_path_buf();
        Ok(())
    }

    pub fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    pub fn info(&self) -> &MapInfo {
        &self.info
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn key_len(&self) -> usize {
        self.info.key_size as usize
    }

    /// Length of a value buffer for lookups (per-CPU aware).
    pub fn value_len(&self) -> usize {
        self.value_len
    }

    fn elem_attr(&self, key: &[u8], value: u64, flags: u64) -> io::Result<super::sys::bpf_attr> {
        if key.len() != self.key_len() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("key is {} bytes, map wants {}", key.len(), self.key_len()),
            ));
        }
        let mut attr = zeroed_attr();
        // SAFETY: writing plain integer fields of the elem member.
        unsafe {
            let e = &mut attr.__bindgen_anon_2;
            e.map_fd = self.fd.as_raw_fd() as u32;
            e.key = ptr(key.as_ptr());
            e.__bindgen_anon_1.value = value;
            e.flags = flags;
        }
        Ok(attr)
    }

    fn check_value_len(&self, len: usize) -> io::Result<()> {
        if len != self.value_len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("value is {len} bytes, map wants {}", self.value_len),
            ));
        }
        Ok(())
    }

    /// Looks a key up; false when absent.
    pub fn lookup(&self, key: &[u8], value: &mut [u8]) -> io::Result<bool> {
        self.check_value_len(value.len())?;
        let mut attr = self.elem_attr(key, ptr(value.as_mut_ptr()), 0)?;
        match bpf(bpf_cmd::BPF_MAP_LOOKUP_ELEM, &mut attr) {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Looks a key up and answers only for that very key. A lookup in an LPM trie returns
    /// the longest prefix that covers the key, so a broader entry would answer for a key
    /// that is not there (issue 12: `bpf policy add` reported "replaced" and copied the
    /// counters of a covering entry). For LPM tries, exactness is decided by
    /// BPF_MAP_GET_NEXT_KEY: given a key that is not in the trie the kernel restarts at the
    /// first key of its walk, while an exact key yields its successor (or ENOENT when it is
    /// the last); a successor can never be the first key (kernel/bpf/lpm_trie.c,
    /// `trie_get_next_key`, unchanged since 4.12). Other map types look up exactly anyway.
    pub fn lookup_exact(&self, key: &[u8], value: &mut [u8]) -> io::Result<bool> {
        if !self.lookup(key, value)? {
            return Ok(false);
        }
        if self.info.map_type != MapType::LPM_TRIE {
            return Ok(true);
        }
        let mut after = vec![0u8; self.key_len()];
        if !self.next_key(Some(key), &mut after)? {
            return Ok(true);
        }
        let mut first = vec![0u8; self.key_len()];
        if !self.next_key(None, &mut first)? {
            return Ok(false);
        }
        Ok(after != first)
    }

    /// Writes one entry, creating or replacing it (BPF_ANY).
    pub fn update(&self, key: &[u8], value: &[u8]) -> io::Result<()> {
        self.check_value_len(value.len())?;
        let mut attr = self.elem_attr(key, ptr(value.as_ptr()), 0)?;
        if fault::hit() {
            return Err(fault::error());
        }
        bpf(bpf_cmd::BPF_MAP_UPDATE_ELEM, &mut attr).map(drop)
    }

    /// `map[key] = fd`: a program into a program array, a map into a map of maps.
    pub fn update_fd(&self, key: u32, fd: BorrowedFd<'_>) -> io::Result<()> {
        self.update(&key.to_ne_bytes(), &(fd.as_raw_fd() as u32).to_ne_bytes())
    }

    /// The id of the program (program array) or map (map of maps) in `slot`; None when
    /// the slot is empty.
    pub fn slot_id(&self, slot: u32) -> io::Result<Option<u32>> {
        let mut v = [0u8; 4];
        Ok(self.lookup(&slot.to_ne_bytes(), &mut v)?.then(|| u32::from_ne_bytes(v)))
    }

    /// Deletes one entry; false when it was not there.
    pub fn delete(&self, key: &[u8]) -> io::Result<bool> {
        let mut attr = self.elem_attr(key, 0, 0)?;
        if fault::hit() {
            return Err(fault::error());
        }
        match bpf(bpf_cmd::BPF_MAP_DELETE_ELEM, &mut attr) {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The key after `prev` (or the first key); false at the end.
    pub fn next_key(&self, prev: Option<&[u8]>, out: &mut [u8]) -> io::Result<bool> {
        if out.len() != self.key_len() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "key buffer size"));
        }
        let mut attr = zeroed_attr();
        // SAFETY: writing plain integer fields of the elem member.
        unsafe {
            let e = &mut attr.__bindgen_anon_2;
            e.map_fd = self.fd.as_raw_fd() as u32;
            e.key = prev.map_or(0, |p| ptr(p.as_ptr()));
            e.__bindgen_anon_1.next_key = ptr(out.as_mut_ptr());
        }
        match bpf(bpf_cmd::BPF_MAP_GET_NEXT_KEY, &mut attr) {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Calls `f(keys, values, n)` with consecutive chunks of up to `chunk` entries until
    /// the map is exhausted or `f` breaks. Keys are packed at `key_len()`, values at
    /// `value_len()`. Uses BPF_MAP_LOOKUP_BATCH; falls back to per-key reads where the
    /// map type has no batch support.
    pub fn for_each_chunk<F>(&self, chunk: usize, mut f: F) -> io::Result<()>
    where
        F: FnMut(&[u8], &[u8], usize) -> io::Result<ControlFlow<()>>,
    {
        let (kl, vl) = (self.key_len(), self.value_len());
        let mut walk = BatchWalk::new(self, chunk);
        let (mut keys, mut values) = (Vec::new(), Vec::new());
        loop {
            match walk.next(&mut keys, &mut values)? {
                Batch::Unsupported => return self.for_each_chunk_per_key(chunk, f),
                Batch::Entries { n, last } => {
                    if n > 0 && f(&keys[..kl * n], &values[..vl * n], n)?.is_break() || last {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// [`MapFd::for_each_chunk`] with the syscalls on a second thread, so the kernel's copy
    /// of the next chunk overlaps the caller's work on this one. The kernel writes straight
    /// into recycled chunk buffers (no copy, no allocation per chunk); at most four chunks
    /// exist.
    pub fn for_each_chunk_pipelined<F>(&self, chunk: usize, mut f: F) -> io::Result<()>
    where
        F: FnMut(&[u8], &[u8], usize) -> io::Result<ControlFlow<()>>,
    {
        use std::sync::mpsc::{channel, sync_channel};
        type Chunk = (Vec<u8>, Vec<u8>, usize);
        let (kl, vl) = (self.key_len(), self.value_len());
        std::thread::scope(|s| {
            let (full_tx, full_rx) = sync_channel::<Chunk>(2);
            let (empty_tx, empty_rx) = channel::<Chunk>();
            let reader = s.spawn(move || {
                let mut walk = BatchWalk::new(self, chunk);
                loop {
                    let (mut kb, mut vb, _) = empty_rx.try_recv().unwrap_or_default();
                    let (n, last) = match walk.next(&mut kb, &mut vb)? {
                        Batch::Entries { n, last } => (n, last),
                        Batch::Unsupported => {
                            // No batch calls for this map type: per key, copied into chunks.
                            return self.for_each_chunk_per_key(chunk, |k, v, n| {
                                let sent = full_tx.send((k.to_vec(), v.to_vec(), n));
                                Ok(if sent.is_ok() {
                                    ControlFlow::Continue(())
                                } else {
                                    ControlFlow::Break(())
                                })
                            });
                        }
                    };
                    // A closed channel means the consumer stopped: stop reading too.
                    if n > 0 && full_tx.send((kb, vb, n)).is_err() || last {
                        return Ok(());
                    }
                }
            });
            let mut result = Ok(());
            for (k, v, n) in full_rx.iter() {
                match f(&k[..kl * n], &v[..vl * n], n) {
                    Ok(ControlFlow::Continue(())) => {
                        let _ = empty_tx.send((k, v, 0));
                    }
                    Ok(ControlFlow::Break(())) => break,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            drop(full_rx);
            let read = reader.join().unwrap_or_else(|_| Err(io::Error::other("map reader thread panicked")));
            result.and(read)
        })
    }

    /// The per-key fallback of [`MapFd::for_each_chunk`] (public so tests can compare both).
    pub fn for_each_chunk_per_key<F>(&self, chunk: usize, mut f: F) -> io::Result<()>
    where
        F: FnMut(&[u8], &[u8], usize) -> io::Result<ControlFlow<()>>,
    {
        let (kl, vl) = (self.key_len(), self.value_len());
        let mut keys = Vec::with_capacity(kl * chunk);
        let mut values = Vec::with_capacity(vl * chunk);
        let mut key = vec![0u8; kl];
        let mut next = vec![0u8; kl];
        let mut value = vec![0u8; vl];
        let mut have_prev = false;
        loop {
            let more = self.next_key(have_prev.then_some(&key[..]), &mut next)?;
            if more {
                std::mem::swap(&mut key, &mut next);
                have_prev = true;
                // An entry deleted between next_key and lookup is skipped.
                if self.lookup(&key, &mut value)? {
                    keys.extend_from_slice(&key);
                    values.extend_from_slice(&value);
                }
            }
            let n = keys.len() / kl.max(1);
            if (n == chunk || !more) && n > 0 {
                if f(&keys, &values, n)?.is_break() {
                    return Ok(());
                }
                keys.clear();
                values.clear();
            }
            if !more {
                return Ok(());
            }
        }
    }

    /// Whether this kernel has BPF_MAP_LOOKUP_BATCH for this map's type (Linux 5.6 for
    /// hash maps): a call on an empty map answers ENOENT where it exists, EINVAL where not.
    /// None when the answer is another error.
    pub fn has_batch_lookup(&self) -> Option<bool> {
        let (kl, vl) = (self.key_len(), self.value_len());
        let (mut keys, mut values, mut out) = (vec![0u8; kl], vec![0u8; vl], vec![0u8; kl.max(8)]);
        let mut attr = zeroed_attr();
        // SAFETY: plain integer fields of the batch member; the buffers outlive the call.
        unsafe {
            let b = &mut attr.batch;
            b.out_batch = ptr(out.as_mut_ptr());
            b.keys = ptr(keys.as_mut_ptr());
            b.values = ptr(values.as_mut_ptr());
            b.count = 1;
            b.map_fd = self.fd.as_raw_fd() as u32;
        }
        match bpf(bpf_cmd::BPF_MAP_LOOKUP_BATCH, &mut attr) {
            Ok(_) => Some(true),
            Err(e) => match e.raw_os_error() {
                Some(libc::ENOENT) => Some(true),
                Some(libc::EINVAL | libc::EOPNOTSUPP | ENOTSUPP) => Some(false),
                _ => None,
            },
        }
    }

    /// Writes `n` entries in one syscall (BPF_MAP_UPDATE_BATCH).
    pub fn update_batch(&self, keys: &[u8], values: &[u8], n: usize) -> io::Result<usize> {
        if keys.len() != n * self.key_len() || values.len() != n * self.value_len() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "batch buffer sizes"));
        }
        if fault::hit() {
            let half = n / 2;
            let (kl, vl) = (self.key_len(), self.value_len());
            for i in 0..half {
                let mut attr =
                    self.elem_attr(&keys[i * kl..(i + 1) * kl], ptr(values[i * vl..].as_ptr()), 0)?;
                bpf(bpf_cmd::BPF_MAP_UPDATE_ELEM, &mut attr)?;
            }
            return Err(fault::error());
        }
        let mut attr = zeroed_attr();
        // SAFETY: writing plain integer fields of the batch member.
        unsafe {
            let b = &mut attr.batch;
            b.keys = ptr(keys.as_ptr());
            b.values = ptr(values.as_ptr());
            b.count = n as u32;
            b.map_fd = self.fd.as_raw_fd() as u32;
        }
        let res = bpf(bpf_cmd::BPF_MAP_UPDATE_BATCH, &mut attr);
        // SAFETY: count is written back with the number of entries processed.
        let done = unsafe { attr.batch.count } as usize;
        res.map(|_| done)
    }

    /// Counts entries: keys for data maps, filled slots for program arrays. None for types
    /// whose entries are not readable from userspace (perf event arrays).
    pub fn count_entries(&self) -> io::Result<Option<u64>> {
        let t = self.info.map_type;
        if t == MapType::PROG_ARRAY {
            let mut filled = 0;
            for i in 0..self.info.max_entries {
                if self.slot_id(i)?.is_some() {
                    filled += 1;
                }
            }
            return Ok(Some(filled));
        }
        if t == MapType::ARRAY || t == MapType::PERCPU_ARRAY {
            return Ok(Some(u64::from(self.info.max_entries)));
        }
        if !t.is_data_map() {
            return Ok(None);
        }
        let mut n = 0u64;
        let mut key = vec![0u8; self.key_len()];
        let mut next = vec![0u8; self.key_len()];
        let mut have_prev = false;
        while self.next_key(have_prev.then_some(&key[..]), &mut next)? {
            std::mem::swap(&mut key, &mut next);
            have_prev = true;
            n += 1;
        }
        Ok(Some(n))
    }
}
/// What one BPF_MAP_LOOKUP_BATCH call gave.
enum Batch {
    /// `n` entries at the front of the buffers; `last` when the map is exhausted.
    Entries { n: usize, last: bool },
    /// This map type has no batch calls on this kernel (first call only).
    Unsupported,
}

/// A walk over a map with BPF_MAP_LOOKUP_BATCH, `count` entries per call.
struct BatchWalk<'m> {
    map: &'m MapFd,
    count: usize,
    // The batch token is a bucket index (hash) or a key (array, LPM); key_len is enough
    // for either, with a floor of 8 bytes.
    in_batch: Vec<u8>,
    out_batch: Vec<u8>,
    first: bool,
}

impl<'m> BatchWalk<'m> {
    fn new(map: &'m MapFd, count: usize) -> Self {
        let tok = map.key_len().max(8);
        BatchWalk { map, count: count.max(1), in_batch: vec![0; tok], out_batch: vec![0; tok], first: true }
    }

    /// Reads the next entries into `keys` and `values`, which are grown to hold `count`
    /// (recycled buffers keep their size, so the kernel writes into them directly).
    fn next(&mut self, keys: &mut Vec<u8>, values: &mut Vec<u8>) -> io::Result<Batch> {
        let (kl, vl) = (self.map.key_len(), self.map.value_len());
        loop {
            keys.resize(kl * self.count, 0);
            values.resize(vl * self.count, 0);
            let mut attr = zeroed_attr();
            // SAFETY: writing plain integer fields of the batch member; the buffers live
            // across the call and are sized for `count` entries.
            unsafe {
                let b = &mut attr.batch;
                b.in_batch = if self.first { 0 } else { ptr(self.in_batch.as_ptr()) };
                b.out_batch = ptr(self.out_batch.as_mut_ptr());
                b.keys = ptr(keys.as_mut_ptr());
                b.values = ptr(values.as_mut_ptr());
                b.count = self.count as u32;
                b.map_fd = self.map.fd.as_raw_fd() as u32;
            }
            let res = bpf(bpf_cmd::BPF_MAP_LOOKUP_BATCH, &mut attr);
            // SAFETY: the kernel writes `count` back on success and on ENOENT.
            let got = (unsafe { attr.batch.count } as usize).min(self.count);
            let last = match res {
                Ok(_) => false,
                Err(e) => match e.raw_os_error() {
                    Some(libc::ENOENT) => true,
                    // A hash bucket holds more entries than fit: grow and retry.
                    Some(libc::ENOSPC) => {
                        self.count *= 2;
                        continue;
                    }
                    Some(libc::EINVAL | libc::EOPNOTSUPP | ENOTSUPP) if self.first => {
                        return Ok(Batch::Unsupported);
                    }
                    _ => return Err(e),
                },
            };
            std::mem::swap(&mut self.in_batch, &mut self.out_batch);
            self.first = false;
            return Ok(Batch::Entries { n: got, last });
        }
    }
}
