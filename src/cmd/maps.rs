//! `ciliumrs bpf maps`: every cilium_* map pinned under tc/globals, checked against v1.16.

use crate::bpf::{MapFd, MapInfo};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::{globals_dir, spec};
use crate::output::{Human, Record, Tone, Value, Visit};

struct MapRow {
    name: String,
    info: Option<MapInfo>,
    entries: Option<u64>,
    abi: (Tone, String),
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
    }
}

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let dir = globals_dir(ctx.bpffs);
    let rd = std::fs::read_dir(&dir).map_err(|e| Error::sys("read directory", dir.display(), &e))?;
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with("cilium_"))
        .collect();
    names.sort();
    let mut out = ctx.out.list(Human::Table)?;
    for name in names {
        let row = match MapFd::open_pinned(&dir.join(&name), true) {
            Err(e) => {
                MapRow { name, info: None, entries: None, abi: (Tone::Warn, format!("unreadable: {e}")) }
            }
            Ok(map) => {
                let entries = map.count_entries().ok().flatten();
                let abi = match spec::for_pin_name(&name) {
                    None => (Tone::Warn, "unknown map".to_string()),
                    Some(s) => match s.check_layout(map.info()) {
                        Ok(()) => (Tone::Good, "ok".to_string()),
                        Err(m) => (Tone::Bad, format!("mismatch: {m}")),
                    },
                };
                MapRow { name, info: Some(map.info().clone()), entries, abi }
            }
        };
        out.row(&row)?;
    }
    out.finish()?;
    Ok(())
}
