//! Creating maps: every global map of the seed list with the v1.16 specs (reusing pins that
//! match exactly, reporting and leaving alone those that do not), and per-endpoint maps.

use std::path::Path;

use crate::bpf::map::CreateSpec;
use crate::bpf::{MapFd, cpus::possible_cpus};
use crate::error::{Error, Result};
use crate::maps::{globals_dir, spec};
use crate::output::{Record, Tone, Value, Visit};

/// `BPF_FS_MAGIC` from linux/magic.h.
const BPF_FS_MAGIC: i64 = 0xcafe_4a11;

/// What `init` did with one global map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapAction {
    /// Not pinned before: created and pinned.
    Created,
    /// Pinned with exactly our spec: kept, entries and all.
    Reused,
    /// Pinned with another layout: left untouched.
    Incompatible,
}

impl MapAction {
    pub fn word(self) -> &'static str {
        match self {
            MapAction::Created => "created",
            MapAction::Reused => "reused",
            MapAction::Incompatible => "incompatible",
        }
    }

    fn tone(self) -> Tone {
        if self == MapAction::Incompatible { Tone::Bad } else { Tone::Good }
    }
}

pub struct InitRow {
    pub name: &'static str,
    pub action: MapAction,
    pub detail: String,
}

impl Record for InitRow {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("map", "MAP", Value::Str(self.name));
        v.field("action", "ACTION", Value::Status(self.action.tone(), self.action.word()));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}

fn is_bpffs(path: &Path) -> std::io::Result<bool> {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: statfs writes into a zeroed struct we own; c is a valid NUL-terminated path.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(st.f_type as i64 == BPF_FS_MAGIC)
}

/// Creates or reuses every global map; one row each.
pub fn globals(bpffs: &Path) -> Result<Vec<InitRow>> {
    globals_with(bpffs, &[])
}

/// [`globals`], and the maps of `extra` too (`init --maps-only --ipv6`: the IPv6 halves).
pub fn globals_with(bpffs: &Path, extra: &[&'static spec::MapSpec]) -> Result<Vec<InitRow>> {
    match is_bpffs(bpffs) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Error::runtime(format!(
                "{} is not a bpffs mount (mount one with 'mount -t bpf bpf {}')",
                bpffs.display(),
                bpffs.display()
            )));
        }
        Err(e) => return Err(Error::sys("inspect", bpffs.display(), &e)),
    }
    let dir = globals_dir(bpffs);
    std::fs::create_dir_all(&dir).map_err(|e| Error::sys("create directory", dir.display(), &e))?;
    let ncpus = possible_cpus().map_err(|e| Error::sys("read", "possible CPUs", &e))?;
    // NB: on a node with none of these maps yet, every map will be ours: the marker goes
    // first, so that an init killed after its first maps leaves them marked for the rerun.
    if spec::globals().all(|s| !dir.join(s.name).exists())
        && crate::maps::abi::maps_alone(bpffs)?.clues.is_empty()
    {
        crate::maps::abi::mark_ours(bpffs)?;
    }
    let mut rows = Vec::new();
    for s in spec::globals().chain(extra.iter().copied()) {
        let path = dir.join(s.name);
        let row = if path.exists() {
            let map = MapFd::open_pinned(&path, true).map_err(|e| Error::open(&path, &e))?;
            match s.check_exact(map.info(), ncpus) {
                Ok(()) => {
                    let n = map.count_entries().ok().flatten();
                    let detail = n.map_or_else(String::new, |n| format!("{n} entries kept"));
                    InitRow { name: s.name, action: MapAction::Reused, detail }
                }
                Err(m) => InitRow {
                    name: s.name,
                    action: MapAction::Incompatible,
                    detail: format!("{m}; left untouched"),
                },
            }
        } else {
            let map = create_pinned(s, &path, ncpus)?;
            let detail = format!(
                "{} key {} value {} max {}",
                s.map_type,
                s.key_size,
                s.value_size,
                map.info().max_entries
            );
            InitRow { name: s.name, action: MapAction::Created, detail }
        };
        rows.push(row);
    }
    // Only when the maps are v1.16's: every one made just now (or by an earlier init, whose
    // marker is there), or the maps another Cilium left say v1.16 and nothing else. Maps that
    // merely allow v1.16 (a v1.13-1.15 node without policy maps) are not marked: the version
    // stays open, as the maps leave it.
    let theirs = crate::maps::abi::maps_alone(bpffs)?.range;
    let all_new = rows.iter().all(|r| r.action == MapAction::Created);
    let exactly_ours = theirs == Some(crate::maps::abi::Range::one(crate::maps::abi::OURS));
    if rows.iter().all(|r| r.action != MapAction::Incompatible)
        && (all_new || crate::maps::abi::is_ours(bpffs) || exactly_ours)
    {
        crate::maps::abi::mark_ours(bpffs)?;
    }
    Ok(rows)
}

/// Creates the map of `s` (a map of maps with inner maps of the endpoint policy shape) and
/// pins it at `path`.
fn create_pinned(s: &spec::MapSpec, path: &Path, ncpus: u32) -> Result<MapFd> {
    let inner = if s.map_type == crate::bpf::MapType::ARRAY_OF_MAPS {
        Some(unpinned(&spec::POLICY, "policy_inner", 1)?)
    } else {
        None
    };
    let mut map = create(s, s.name, ncpus, inner.as_ref())?;
    map.pin(path).map_err(|e| Error::sys("pin map at", path.display(), &e))?;
    Ok(map)
}

/// A map of `s`'s shape named `name`; `inner`: the inner maps' shape of a map of maps.
fn create(s: &spec::MapSpec, name: &str, ncpus: u32, inner: Option<&MapFd>) -> Result<MapFd> {
    let cs = CreateSpec {
        map_type: s.map_type,
        key_size: s.key_size,
        value_size: s.value_size,
        max_entries: s.max_entries(ncpus),
        flags: s.flags,
        name,
        inner_map: inner.map(MapFd::as_fd),
    };
    MapFd::create(&cs).map_err(|e| Error::sys("create map", name, &e))
}

/// A map of `s`'s shape, not pinned.
pub fn unpinned(s: &spec::MapSpec, name: &str, ncpus: u32) -> Result<MapFd> {
    create(s, name, ncpus, None)
}

/// Opens the global map of `s` for writing, creating it if this node has none yet (a node
/// brought up by an older ciliumrs); a pin of another layout is refused.
pub fn ensure_global(bpffs: &Path, s: &spec::MapSpec) -> Result<MapFd> {
    let path = super::pin_path(bpffs, s.name);
    if !path.exists() {
        let ncpus = possible_cpus().map_err(|e| Error::sys("read", "possible CPUs", &e))?;
        match create_pinned(s, &path, ncpus) {
            Ok(_) => {}
            // Another command made it meanwhile: use that one.
            Err(_) if path.exists() => {}
            Err(e) => return Err(e),
        }
    }
    super::open_global(bpffs, s, super::Access::Write)
}

/// Creates `name` with `spec` (a per-endpoint map) and pins it under `<bpffs>/tc/globals`.
pub fn per_endpoint(bpffs: &Path, spec: &spec::MapSpec, name: &str) -> Result<MapFd> {
    let path = super::pin_path(bpffs, name);
    let mut map = unpinned(spec, name, 1)?;
    let dir = globals_dir(bpffs);
    std::fs::create_dir_all(&dir).map_err(|e| Error::sys("create directory", dir.display(), &e))?;
    map.pin(&path).map_err(|e| Error::sys("pin map at", path.display(), &e))?;
    Ok(map)
}
