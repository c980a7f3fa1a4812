//! The tail-call slots of the calls maps on a node, as the kernel holds them: each
//! program in a slot with what our datapath puts there (Cilium's `bpf/lib/tailcall.h`
//! numbers, [`super::slots`]). Works on calls maps any loader made: only the pin name and
//! the kernel are consulted. Our endpoints share one calls map per copy of their programs
//! (`<bpffs>/ciliumrs/bpf_lxc_<hash>/cilium_calls`, shown by that path).

use std::path::{Path, PathBuf};

use super::{slots, template};
use crate::bpf::prog::{ProgInfo, prog_info};
use crate::bpf::{MapFd, MapType};
use crate::error::{Error, Result};
use crate::maps::spec::{CALLS, per_endpoint_name};
use crate::maps::{globals_dir, pin_path};
use crate::output::{Hex, Record, Tone, Value, Visit};

/// One slot of a calls map: the program in it, and how that compares with what our
/// datapath puts there.
pub struct Slot {
    pub map: String,
    pub slot: u32,
    pub prog: Option<ProgInfo>,
    pub status: (Tone, String),
}

impl Record for Slot {
    fn visit(&self, v: &mut dyn Visit) {
        let p = self.prog.as_ref();
        v.field("map", "MAP", Value::Str(&self.map));
        v.field("slot", "SLOT", Value::U64(self.slot.into()));
        v.field("prog_id", "PROG ID", p.map_or(Value::Null, |p| Value::U64(p.id.into())));
        v.field("name", "NAME", p.map_or(Value::Null, |p| Value::Str(p.name())));
        v.field("kernel_name", "", p.map_or(Value::Null, |p| Value::Str(&p.kernel_name)));
        let tag = p.map(|p| Hex(&p.tag));
        v.field("tag", "TAG", tag.as_ref().map_or(Value::Null, |t| Value::Disp(t)));
        v.field("xlated_bytes", "", p.map_or(Value::Null, |p| Value::U64(p.xlated_len.into())));
        v.field("status", "STATUS", Value::Status(self.status.0, &self.status.1));
    }
}

fn open_prog_array(path: &Path) -> Result<MapFd> {
    let map = MapFd::open_pinned(path, true).map_err(|e| Error::open(path, &e))?;
    let i = map.info();
    if i.map_type != MapType::PROG_ARRAY || i.key_size != 4 || i.value_size != 4 {
        return Err(Error::runtime(format!(
            "{}: not a program array (found {} key {} value {})",
            path.display(),
            i.map_type,
            i.key_size,
            i.value_size
        )));
    }
    Ok(map)
}

/// The program in `slot`, if any.
fn slot_prog(map: &MapFd, slot: u32) -> Result<Option<ProgInfo>> {
    let id = map.slot_id(slot).map_err(|e| Error::sys("look up in", map.path().display(), &e))?;
    // A program can go away between the two calls; that slot then reads as empty.
    Ok(id.and_then(|id| prog_info(id).ok()))
}

fn rows_for_map(name: &str, map: &MapFd, only: Option<u32>, out: &mut Vec<Slot>) -> Result<()> {
    let expected = slots::expected(name);
    let slots: Vec<u32> = match only {
        Some(s) => vec![s],
        None => (0..map.info().max_entries).collect(),
    };
    for slot in slots {
        let want = expected.iter().find(|(s, _)| *s == slot).map(|(_, n)| *n);
        let prog = slot_prog(map, slot)?;
        let status = match (&prog, want) {
            (None, None) => continue,
            (None, Some(w)) => (Tone::Bad, format!("empty: our datapath puts {w} here")),
            (Some(p), Some(w)) if p.name() != w => {
                (Tone::Warn, format!("unexpected: our datapath puts {w} here"))
            }
            (Some(_), _) => (Tone::Good, "ok".to_string()),
        };
        out.push(Slot { map: name.to_string(), slot, prog, status });
    }
    Ok(())
}

fn is_calls_map(name: &str) -> bool {
    name.starts_with("cilium_calls_") || name == "cilium_call_policy"
}

/// The shared endpoint programs' calls maps: (name as shown, relative to the bpffs; path).
fn shared_calls(bpffs: &Path) -> Vec<(String, PathBuf)> {
    template::copies(bpffs).iter().map(|dir| shown_calls(bpffs, dir)).collect()
}

/// A copy's calls map: (its path relative to the bpffs, as shown; its path).
fn shown_calls(bpffs: &Path, copy: &Path) -> (String, PathBuf) {
    let path = copy.join(slots::CALLS_PIN);
    (path.strip_prefix(bpffs).unwrap_or(&path).display().to_string(), path)
}

/// The slots of endpoint `id`: its calls map (its own, or the shared copy it runs) and its
/// `cilium_call_policy` slot.
pub fn endpoint(bpffs: &Path, id: u16) -> Result<Vec<Slot>> {
    let mut rows = Vec::new();
    let policy = open_prog_array(&pin_path(bpffs, "cilium_call_policy"))?;
    // A Cilium endpoint (or one attached before our endpoints shared programs) has
    // its own calls map; ours use the calls map of the copy they run.
    let own = per_endpoint_name(&CALLS, u32::from(id));
    let own_path = pin_path(bpffs, &own);
    let calls = if own_path.exists() {
        Some((own, own_path.clone()))
    } else {
        slot_prog(&policy, u32::from(id))?
            .and_then(|p| template::copy_running(bpffs, p.id))
            .map(|dir| shown_calls(bpffs, &dir))
    };
    match calls {
        Some((name, path)) => rows_for_map(&name, &open_prog_array(&path)?, None, &mut rows)?,
        None => {
            return Err(Error::runtime(format!(
                "endpoint {id}: no {} and no shared programs in its cilium_call_policy slot: is it attached?",
                own_path.display()
            )));
        }
    }
    let before = rows.len();
    rows_for_map("cilium_call_policy", &policy, Some(u32::from(id)), &mut rows)?;
    if rows.len() == before {
        rows.push(Slot {
            map: "cilium_call_policy".into(),
            slot: u32::from(id),
            prog: None,
            status: (Tone::Bad, format!("empty: our datapath puts {} here", slots::LXC_POLICY_PROG)),
        });
    }
    Ok(rows)
}

/// Every slot of every calls map under tc/globals and of every shared copy.
pub fn all(bpffs: &Path) -> Result<Vec<Slot>> {
    let mut rows = Vec::new();
    let dir = globals_dir(bpffs);
    let rd = std::fs::read_dir(&dir).map_err(|e| Error::sys("read directory", dir.display(), &e))?;
    let mut names: Vec<String> =
        rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).filter(|n| is_calls_map(n)).collect();
    names.sort();
    for name in names {
        let map = open_prog_array(&dir.join(&name))?;
        rows_for_map(&name, &map, None, &mut rows)?;
    }
    for (name, path) in shared_calls(bpffs) {
        rows_for_map(&name, &open_prog_array(&path)?, None, &mut rows)?;
    }
    Ok(rows)
}
