//! `ciliumrs bpf tailcall list [EPID | --all]`: what each slot of the calls maps holds.
//! Works on calls maps any loader made: only the pin name and the kernel are consulted.
//! Our endpoints share one calls map per copy of their programs
//! (`<bpffs>/ciliumrs/bpf_lxc_<hash>/cilium_calls`, shown by that path).

use crate::bpf::prog::{ProgInfo, prog_info};
use crate::bpf::{MapFd, MapType};
use crate::cli::Tailcall;
use crate::cmd::Ctx;
use crate::datapath::{slots, template};
use crate::error::{Error, Result};
use crate::maps::spec::{CALLS, per_endpoint_name};
use crate::maps::{globals_dir, pin_path};
use crate::output::{Hex, Human, Record, Tone, Value, Visit};

struct SlotRow {
    map: String,
    slot: u32,
    prog: Option<ProgInfo>,
    status: (Tone, String),
}

impl Record for SlotRow {
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

fn open_prog_array(path: &std::path::Path) -> Result<MapFd> {
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

fn rows_for_map(name: &str, map: &MapFd, only: Option<u32>, out: &mut Vec<SlotRow>) -> Result<()> {
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
        out.push(SlotRow { map: name.to_string(), slot, prog, status });
    }
    Ok(())
}

fn is_calls_map(name: &str) -> bool {
    name.starts_with("cilium_calls_") || name == "cilium_call_policy"
}

/// The shared endpoint programs' calls maps: (name as shown, relative to the bpffs; path).
fn shared_calls(bpffs: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    template::copies(bpffs).iter().map(|dir| shown_calls(bpffs, dir)).collect()
}

/// A copy's calls map: (its path relative to the bpffs, as shown; its path).
fn shown_calls(bpffs: &std::path::Path, copy: &std::path::Path) -> (String, std::path::PathBuf) {
    let path = copy.join(slots::CALLS_PIN);
    (path.strip_prefix(bpffs).unwrap_or(&path).display().to_string(), path)
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Tailcall) -> Result<()> {
    let Tailcall::List { endpoint, .. } = cmd;
    let mut rows = Vec::new();
    match endpoint {
        Some(id) => {
            let policy = open_prog_array(&pin_path(ctx.bpffs, "cilium_call_policy"))?;
            // A Cilium endpoint (or one attached before our endpoints shared programs) has
            // its own calls map; ours use the calls map of the copy they run.
            let own = per_endpoint_name(&CALLS, u32::from(*id));
            let own_path = pin_path(ctx.bpffs, &own);
            let calls = if own_path.exists() {
                Some((own, own_path.clone()))
            } else {
                slot_prog(&policy, u32::from(*id))?
                    .and_then(|p| template::copy_running(ctx.bpffs, p.id))
                    .map(|dir| shown_calls(ctx.bpffs, &dir))
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
            let policy = open_prog_array(&pin_path(ctx.bpffs, "cilium_call_policy"))?;
            let before = rows.len();
            rows_for_map("cilium_call_policy", &policy, Some(u32::from(*id)), &mut rows)?;
            if rows.len() == before {
                rows.push(SlotRow {
                    map: "cilium_call_policy".into(),
                    slot: u32::from(*id),
                    prog: None,
                    status: (Tone::Bad, format!("empty: our datapath puts {} here", slots::LXC_POLICY_PROG)),
                });
            }
        }
        None => {
            let dir = globals_dir(ctx.bpffs);
            let rd = std::fs::read_dir(&dir).map_err(|e| Error::sys("read directory", dir.display(), &e))?;
            let mut names: Vec<String> = rd
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| is_calls_map(n))
                .collect();
            names.sort();
            for name in names {
                let map = open_prog_array(&dir.join(&name))?;
                rows_for_map(&name, &map, None, &mut rows)?;
            }
            for (name, path) in shared_calls(ctx.bpffs) {
                rows_for_map(&name, &open_prog_array(&path)?, None, &mut rows)?;
            }
        }
    }
    let mut out = ctx.out.list(Human::Table)?;
    for r in &rows {
        out.row(r)?;
    }
    out.finish()?;
    let missing = rows.iter().filter(|r| r.prog.is_none()).count();
    if missing > 0 {
        ctx.out.warn(&format!(
            "{missing} slot(s) our datapath expects are empty: packets needing them are dropped"
        ));
    }
    Ok(())
}
