//! The inventory of the maps pinned under `<bpffs>/tc/globals`: every `cilium_*` (and
//! ciliumrs's own) pin, opened read-only, with its kernel info, entry count and its check
//! against the layouts of every Cilium version we know. `bpf maps` and `status` both show
//! it; pins of programs and links (the socket LB's `cilium_cgroups_*`) are named apart.

use std::path::Path;

use super::abi::Range;
use super::{globals_dir, is_listed_pin, spec};
use crate::bpf::{MapFd, MapInfo};
use crate::error::{Error, Result};
use crate::output::prometheus::{Family, Kind, Number, Sample};
use crate::output::{Record, Tone, Value, Visit};

/// How a pinned map compares with the layouts we know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The shape of a map of these Cilium versions.
    Known(Range),
    /// A name we have no spec for.
    Unknown,
    /// A name we know with another shape: why.
    Mismatch(String),
    /// It could not be opened: why.
    Unreadable(String),
}

/// One pinned map.
pub struct PinnedMap {
    pub name: String,
    pub info: Option<MapInfo>,
    pub entries: Option<u64>,
    pub check: Check,
}

impl PinnedMap {
    /// Entries as a share of the capacity (0..1), when both are known.
    pub fn fill(&self) -> Option<f64> {
        match (self.entries, &self.info) {
            (Some(n), Some(i)) if i.max_entries > 0 => Some(n as f64 / f64::from(i.max_entries)),
            _ => None,
        }
    }
}

/// A version range as the LAYOUT column shows it.
struct LayoutText(Range);

impl std::fmt::Display for LayoutText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == Range::ANY { f.write_str("all versions") } else { self.0.fmt(f) }
    }
}

/// A row of `bpf maps`.
impl Record for PinnedMap {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("name", "NAME", Value::Str(&self.name));
        let i = self.info.as_ref();
        let num = |f: fn(&MapInfo) -> u32| i.map_or(Value::Null, |i| Value::U64(f(i).into()));
        v.field("id", "", num(|i| i.id));
        v.field("type", "TYPE", i.map_or(Value::Null, |i| Value::Disp(&i.map_type)));
        v.field("key_size", "KEY", num(|i| i.key_size));
        v.field("value_size", "VALUE", num(|i| i.value_size));
        v.field("entries", "ENTRIES", self.entries.map_or(Value::Null, Value::U64));
        v.field("max_entries", "MAX", num(|i| i.max_entries));
        v.field("flags", "", num(|i| i.flags));
        let fill = self.fill().map(|f| f * 100.0);
        let fill_text = fill.map(|f| format!("{f:.1}%"));
        v.field("fill_percent", "", fill.map_or(Value::Null, |f| Value::U64(f.round() as u64)));
        v.field("fill", "FILL", fill_text.as_deref().map_or(Value::Null, Value::Str));
        let (tone, abi) = match &self.check {
            Check::Known(_) => (Tone::Good, "ok".to_string()),
            Check::Unknown => (Tone::Warn, "unknown map".to_string()),
            Check::Mismatch(m) => (Tone::Bad, format!("mismatch: {m}")),
            Check::Unreadable(e) => (Tone::Warn, format!("unreadable: {e}")),
        };
        v.field("abi", "ABI", Value::Status(tone, &abi));
        let layout = match self.check {
            Check::Known(r) => Some(LayoutText(r)),
            _ => None,
        };
        v.field("layout", "LAYOUT", layout.as_ref().map_or(Value::Null, |l| Value::Disp(l)));
    }
}

/// Every listed pin under tc/globals, sorted by name.
pub struct Inventory {
    pub maps: Vec<PinnedMap>,
    /// Pins that are programs or links rather than maps.
    pub not_maps: Vec<String>,
}

impl Inventory {
    /// The pins as `abi` reads the node's version off them.
    pub fn pins(&self, bpffs: &Path) -> super::abi::Pins {
        let maps = self.maps.iter().filter_map(|m| Some((m.name.clone(), m.info.clone()?))).collect();
        super::abi::Pins { maps, ours: super::abi::is_ours(bpffs) }
    }
}

/// Reads the inventory; a missing directory is an error naming it.
pub fn scan(bpffs: &Path) -> Result<Inventory> {
    let dir = globals_dir(bpffs);
    let rd = std::fs::read_dir(&dir).map_err(|e| Error::sys("read directory", dir.display(), &e))?;
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_listed_pin(n))
        .collect();
    names.sort();
    let mut inv = Inventory { maps: Vec::with_capacity(names.len()), not_maps: Vec::new() };
    for name in names {
        let m = match MapFd::open_pinned(&dir.join(&name), true) {
            Err(e)
                if e.kind() == std::io::ErrorKind::InvalidInput || e.raw_os_error() == Some(libc::EINVAL) =>
            {
                inv.not_maps.push(name);
                continue;
            }
            Err(e) => PinnedMap { name, info: None, entries: None, check: Check::Unreadable(e.to_string()) },
            Ok(map) => {
                let check = match spec::for_pin(&name, map.info()) {
                    Ok(None) => Check::Unknown,
                    Ok(Some(s)) => Check::Known(s.versions),
                    Err(m) => Check::Mismatch(m.to_string()),
                };
                let entries = map.count_entries().ok().flatten();
                PinnedMap { name, info: Some(map.info().clone()), entries, check }
            }
        };
        inv.maps.push(m);
    }
    Ok(inv)
}

/// The maps as gauges: `cilium_bpf_map_pressure{map_name}`, entries / max entries (0..1), as
/// Cilium's agent names it (the map name without `cilium_`), for every map whose entries can
/// be counted; and `ciliumrs_bpf_map_max_entries{map_name}`, the capacity, for every map.
pub fn prometheus(maps: &[PinnedMap]) -> Vec<Family> {
    let label =
        |m: &PinnedMap| vec![("map_name", m.name.strip_prefix("cilium_").unwrap_or(&m.name).to_string())];
    vec![
        Family {
            name: "cilium_bpf_map_pressure",
            help: "Fill percentage of map, tagged by map name",
            kind: Kind::Gauge,
            samples: maps
                .iter()
                .filter_map(|m| Some(Sample { labels: label(m), value: Number::Float(m.fill()?) }))
                .collect(),
        },
        Family {
            name: "ciliumrs_bpf_map_max_entries",
            help: "Capacity (max entries) of map, tagged by map name",
            kind: Kind::Gauge,
            samples: maps
                .iter()
                .filter_map(|m| {
                    Some(Sample { labels: label(m), value: Number::Int(m.info.as_ref()?.max_entries.into()) })
                })
                .collect(),
        },
    ]
}
