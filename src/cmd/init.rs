//! `ciliumrs init --maps-only`: create and pin every global map of the seed list with the
//! v1.16 specs. An existing pin that matches exactly is reused with its entries; one that
//! does not is reported and left untouched, never deleted or overwritten.

use std::path::Path;

use crate::bpf::map::CreateSpec;
use crate::bpf::{MapFd, cpus::possible_cpus};
use crate::cli::InitArgs;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::{globals_dir, spec};
use crate::output::{Human, Record, Tone, Value, Visit};

/// `BPF_FS_MAGIC` from linux/magic.h.
const BPF_FS_MAGIC: i64 = 0xcafe_4a11;

struct InitRow {
    name: &'static str,
    action: (Tone, &'static str),
    detail: String,
}

impl Record for InitRow {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("map", "MAP", Value::Str(self.name));
        v.field("action", "ACTION", Value::Status(self.action.0, self.action.1));
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

pub fn run(ctx: &mut Ctx<'_>, args: &InitArgs) -> Result<()> {
    if !args.maps_only {
        return Err(Error::usage(
            "'ciliumrs init' without --maps-only (devices and programs) is not implemented yet; use 'ciliumrs init --maps-only'",
        ));
    }
    let bpffs = ctx.bpffs;
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

    let mut incompatible = Vec::new();
    let mut out = ctx.out.list(Human::Table)?;
    for s in spec::globals() {
        let path = dir.join(s.name);
        let row = if path.exists() {
            let map = MapFd::open_pinned(&path, true).map_err(|e| Error::open(&path, &e))?;
            match s.check_exact(map.info(), ncpus) {
                Ok(()) => {
                    let n = map.count_entries().ok().flatten();
                    let detail = n.map_or_else(String::new, |n| format!("{n} entries kept"));
                    InitRow { name: s.name, action: (Tone::Good, "reused"), detail }
                }
                Err(m) => {
                    incompatible.push(s.name);
                    InitRow {
                        name: s.name,
                        action: (Tone::Bad, "incompatible"),
                        detail: format!("{m}; left untouched"),
                    }
                }
            }
        } else {
            let cs = CreateSpec {
                map_type: s.map_type,
                key_size: s.key_size,
                value_size: s.value_size,
                max_entries: s.max_entries(ncpus),
                flags: s.flags,
                name: s.name,
            };
            let mut map = MapFd::create(&cs).map_err(|e| Error::sys("create map", s.name, &e))?;
            map.pin(&path).map_err(|e| Error::sys("pin map at", path.display(), &e))?;
            let detail =
                format!("{} key {} value {} max {}", s.map_type, s.key_size, s.value_size, cs.max_entries);
            InitRow { name: s.name, action: (Tone::Good, "created"), detail }
        };
        out.row(&row)?;
    }
    out.finish()?;
    if !incompatible.is_empty() {
        return Err(Error::runtime(format!(
            "{} map(s) pinned with another layout, left untouched: {} (remove them yourself if they are stale)",
            incompatible.len(),
            incompatible.join(", ")
        )));
    }
    Ok(())
}
