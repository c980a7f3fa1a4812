//! `ciliumrs bpf maps`: every cilium_* map pinned under tc/globals, checked against the
//! layouts of every Cilium version we know, with the versions each map's shape belongs to
//! and what the maps together say about the node's Cilium.

use crate::bpf::{MapFd, MapInfo};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::{abi, globals_dir, spec};
use crate::output::{Human, Record, Tone, Value, Visit};

struct MapRow {
    name: String,
    info: Option<MapInfo>,
    entries: Option<u64>,
    abi: (Tone, String),
    /// The Cilium versions that make this map with this shape (narrowed to those the node
    /// may run before the row is shown): the layout it is decoded with.
    versions: Option<abi::Range>,
}

/// A version range as the LAYOUT column shows it.
struct LayoutText(abi::Range);

impl std::fmt::Display for LayoutText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == abi::Range::ANY { f.write_str("all versions") } else { self.0.fmt(f) }
    }
}

impl Record for MapRow {
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
        let fill = match (self.entries, i) {
            (Some(n), Some(i)) if i.max_entries > 0 => Some(n as f64 * 100.0 / f64::from(i.max_entries)),
            _ => None,
        };
        let fill_text = fill.map(|f| format!("{f:.1}%"));
        v.field("fill_percent", "", fill.map_or(Value::Null, |f| Value::U64(f.round() as u64)));
        v.field("fill", "FILL", fill_text.as_deref().map_or(Value::Null, Value::Str));
        v.field("abi", "ABI", Value::Status(self.abi.0, &self.abi.1));
        let layout = self.versions.map(LayoutText);
        v.field("layout", "LAYOUT", layout.as_ref().map_or(Value::Null, |l| Value::Disp(l)));
    }
}

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let dir = globals_dir(ctx.bpffs);
    let rd = std::fs::read_dir(&dir).map_err(|e| Error::sys("read directory", dir.display(), &e))?;
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| crate::maps::is_listed_pin(n))
        .collect();
    names.sort();
    let mut rows = Vec::with_capacity(names.len());
    let mut pins = abi::Pins { maps: Vec::new(), ours: abi::is_ours(ctx.bpffs) };
    // Pins of programs and links (the socket load balancer's `cilium_cgroups_*`, as the seed
    // pins them) are not maps: named apart, never rows of broken maps.
    let mut not_maps = Vec::new();
    for name in names {
        let row = match MapFd::open_pinned(&dir.join(&name), true) {
            Err(e)
                if e.kind() == std::io::ErrorKind::InvalidInput || e.raw_os_error() == Some(libc::EINVAL) =>
            {
                not_maps.push(name);
                continue;
            }
            Err(e) => MapRow {
                name,
                info: None,
                entries: None,
                abi: (Tone::Warn, format!("unreadable: {e}")),
                versions: None,
            },
            Ok(map) => {
                let entries = map.count_entries().ok().flatten();
                let (abi, versions) = match spec::for_pin(&name, map.info()) {
                    Ok(None) => ((Tone::Warn, "unknown map".to_string()), None),
                    Ok(Some(s)) => ((Tone::Good, "ok".to_string()), Some(s.versions)),
                    Err(m) => ((Tone::Bad, format!("mismatch: {m}")), None),
                };
                pins.maps.push((name.clone(), map.info().clone()));
                MapRow { name, info: Some(map.info().clone()), entries, abi, versions }
            }
        };
        rows.push(row);
    }
    let node = abi::Node::from_pins(&pins, ctx.cilium_version);
    let said = match ctx.cilium_version {
        Some(v) => {
            format!("Cilium {} (--cilium-version); the maps say {}", abi::Range::one(v), node.evidence())
        }
        None => format!("the maps are those of Cilium {}", node.evidence()),
    };
    ctx.out.info(&said);
    if !not_maps.is_empty() {
        ctx.out.info(&format!(
            "also pinned there, programs and links rather than maps ('ciliumrs status' shows the socket programs): {}",
            not_maps.join(", ")
        ));
    }
    let mut out = ctx.out.list(Human::Table)?;
    for row in &mut rows {
        row.versions = row.versions.map(|r| node.versions().and_then(|n| n.intersect(r)).unwrap_or(r));
        out.row(row)?;
    }
    out.finish()?;
    Ok(())
}
