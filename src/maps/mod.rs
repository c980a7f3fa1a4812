//! One module per Cilium map: `#[repr(C)]` key/value types mirroring the C structs of
//! Cilium v1.16 (sizes asserted at compile time, byte order in the types), parsing for CLI
//! input, and the records that commands print. [`spec`] holds the shared spec table.
//!
//! Opening goes through [`open`], which checks type, key size and value size against the
//! spec before anything is decoded or written.
//!
//! Beside the maps: [`abi`] (which Cilium version the pinned maps belong to), [`create`]
//! (`init`'s maps), [`inventory`] (every pin with its check), [`lock`] (the node's write
//! lock), [`txn`] (writes as transactions with undo), and [`lb`] (the load balancer's maps
//! and their one writer).

pub mod abi;
pub mod create;
pub mod ct;
pub mod frag;
pub mod inventory;
pub mod ipcache;
pub mod lb;
pub mod lock;
pub mod lxc;
pub mod metrics;
pub mod nat;
pub mod neigh;
pub mod policy;
pub mod spec;
pub mod tunnel;
pub mod txn;

use std::io;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use bytemuck::Pod;

use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::output::{Hex, Record, Value, Visit};
use spec::MapSpec;

/// Entries per BPF_MAP_LOOKUP_BATCH call.
pub const BATCH: usize = 4096;

/// Directory of ciliumrs's own pins (not Cilium's) under the bpffs.
pub const OURS_DIR: &str = "ciliumrs";

/// `<bpffs>/ciliumrs`: the directory of ciliumrs's own pins.
pub fn ours_dir(bpffs: &Path) -> PathBuf {
    bpffs.join(OURS_DIR)
}

/// `<bpffs>/tc/globals`, where every Cilium map is pinned.
pub fn globals_dir(bpffs: &Path) -> PathBuf {
    bpffs.join("tc/globals")
}

pub fn pin_path(bpffs: &Path, name: &str) -> PathBuf {
    globals_dir(bpffs).join(name)
}

/// Removes a pin; false when there was none.
pub fn unpin(path: &Path) -> Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::sys("unpin", path.display(), &e)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// Read without the layout check, for `--raw`.
    Raw,
}

/// Whether a name under `<bpffs>/tc/globals` is a map listings show: Cilium's maps and
/// ours (`ciliumrs_ep_config`, `ciliumrs_ep_policy`), not our marker directory.
pub fn is_listed_pin(name: &str) -> bool {
    name.starts_with("cilium_") || (name.starts_with("ciliumrs_") && name != abi::MARKER)
}

/// Opens the pinned map `name` and checks it against `spec`.
pub fn open(bpffs: &Path, spec: &MapSpec, name: &str, access: Access) -> Result<MapFd> {
    let path = pin_path(bpffs, name);
    let map = MapFd::open_pinned(&path, access != Access::Write).map_err(|e| match spec.scope {
        spec::Scope::PerEndpoint => {
            Error::open_with_hint(&path, &e, "no such endpoint here? its maps appear when it is attached")
        }
        _ => Error::open(&path, &e),
    })?;
    if access == Access::Raw {
        return Ok(map);
    }
    if let Err(m) = spec.check_layout(map.info()) {
        let what = match access {
            Access::Write => "refusing to write",
            _ => "refusing to decode (try --raw for hex)",
        };
        let whose = if spec.versions == abi::Range::ANY { abi::Range::one(abi::OURS) } else { spec.versions };
        return Err(Error::runtime(format!(
            "{}: layout mismatch with {name} of Cilium {whose}: {m}; {what}",
            path.display()
        )));
    }
    Ok(map)
}

/// Opens a global map by its spec name.
pub fn open_global(bpffs: &Path, spec: &MapSpec, access: Access) -> Result<MapFd> {
    open(bpffs, spec, spec.name, access)
}

/// Decodes a key or value whose size the layout check has already confirmed.
pub fn decode<T: Pod>(bytes: &[u8]) -> Option<T> {
    bytemuck::try_pod_read_unaligned(bytes).ok()
}

/// Streams every entry of a checked map as typed key/value pairs. Entries whose bytes do
/// not decode (impossible after the layout check, but never trusted) are skipped.
pub fn for_each<K: Pod, V: Pod>(
    map: &MapFd,
    mut f: impl FnMut(K, V) -> io::Result<ControlFlow<()>>,
) -> Result<()> {
    for_each_raw(map, |k, v| match (decode::<K>(k), decode::<V>(v)) {
        (Some(k), Some(v)) => f(k, v),
        _ => Ok(ControlFlow::Continue(())),
    })
}

/// Streams every entry as key and value bytes, for maps whose layout the caller picks.
pub fn for_each_raw(
    map: &MapFd,
    mut f: impl FnMut(&[u8], &[u8]) -> io::Result<ControlFlow<()>>,
) -> Result<()> {
    let (kl, vl) = (map.key_len(), map.value_len());
    // NB: an error of `f` (writing output) is kept apart from the map's read errors, so the
    // message says which of the two failed.
    let mut f_err: Option<io::Error> = None;
    let each_chunk = |keys: &[u8], values: &[u8], n: usize| {
        for i in 0..n {
            match f(&keys[i * kl..(i + 1) * kl], &values[i * vl..(i + 1) * vl]) {
                Ok(ControlFlow::Continue(())) => {}
                Ok(ControlFlow::Break(())) => return Ok(ControlFlow::Break(())),
                Err(e) => {
                    f_err = Some(e);
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
        Ok(ControlFlow::Continue(()))
    };
    // Maps that can span several batches are read on a second thread while this one decodes.
    let res = if map.info().max_entries as usize > BATCH {
        map.for_each_chunk_pipelined(BATCH, each_chunk)
    } else {
        map.for_each_chunk(BATCH, each_chunk)
    };
    res.map_err(|e| Error::sys("read", map.path().display(), &e))?;
    match f_err {
        Some(e) => Err(Error::from(e)),
        None => Ok(()),
    }
}

/// Which of a map's names (newest first) is pinned; none of them: our own version's (the
/// one `init` would have made), so an error names the map a user expects.
pub fn pinned_spec(bpffs: &Path, specs: &[&'static MapSpec]) -> Option<&'static MapSpec> {
    let pinned = specs.iter().find(|s| pin_path(bpffs, s.name).exists());
    pinned.or_else(|| specs.iter().find(|s| s.versions.contains(abi::OURS))).or(specs.first()).copied()
}

/// Opens whichever of a map's names is pinned ([`pinned_spec`]), checked against that
/// name's spec; with the spec it matched.
pub fn open_any(
    bpffs: &Path,
    specs: &[&'static MapSpec],
    access: Access,
) -> Result<(MapFd, &'static MapSpec)> {
    let Some(s) = pinned_spec(bpffs, specs) else {
        return Err(Error::runtime("no map named"));
    };
    Ok((open(bpffs, s, s.name, access)?, s))
}

/// Reads the entry of exactly this key (in an LPM trie too: a covering prefix does not
/// answer for it).
pub fn get<K: Pod, V: Pod>(map: &MapFd, key: &K) -> Result<Option<V>> {
    let mut buf = vec![0u8; map.value_len()];
    let found = map
        .lookup_exact(bytemuck::bytes_of(key), &mut buf)
        .map_err(|e| Error::sys("look up in", map.path().display(), &e))?;
    Ok(if found { decode(&buf) } else { None })
}

/// Reads the entry an LPM trie answers for this key: the longest prefix that covers it, as
/// the datapath's lookup finds it (for other map types, the key's own entry).
pub fn get_longest<K: Pod, V: Pod>(map: &MapFd, key: &K) -> Result<Option<V>> {
    let mut buf = vec![0u8; map.value_len()];
    let found = map
        .lookup(bytemuck::bytes_of(key), &mut buf)
        .map_err(|e| Error::sys("look up in", map.path().display(), &e))?;
    Ok(if found { decode(&buf) } else { None })
}

/// Writes one typed entry.
pub fn put<K: Pod, V: Pod>(map: &MapFd, key: &K, value: &V) -> Result<()> {
    map.update(bytemuck::bytes_of(key), bytemuck::bytes_of(value))
        .map_err(|e| Error::sys("update", map.path().display(), &e))
}

/// Deletes one typed entry; false when absent.
pub fn remove<K: Pod>(map: &MapFd, key: &K) -> Result<bool> {
    map.delete(bytemuck::bytes_of(key)).map_err(|e| Error::sys("delete from", map.path().display(), &e))
}

/// Deletes every entry `matches` picks (read whole first, so deleting never disturbs the
/// walk); returns how many went.
pub fn remove_where<K: Pod, V: Pod>(map: &MapFd, mut matches: impl FnMut(&K, &V) -> bool) -> Result<u64> {
    let mut keys = Vec::new();
    for_each(map, |k: K, v: V| {
        if matches(&k, &v) {
            keys.push(k);
        }
        Ok(ControlFlow::Continue(()))
    })?;
    let mut deleted = 0;
    for k in &keys {
        if remove(map, k)? {
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// A raw entry for `--raw`: key and value as hex.
pub struct RawEntry<'a> {
    pub key: &'a [u8],
    pub value: &'a [u8],
}

impl Record for RawEntry<'_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("key", "KEY", Value::Disp(&Hex(self.key)));
        v.field("value", "VALUE", Value::Disp(&Hex(self.value)));
    }
}
