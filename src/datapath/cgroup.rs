//! The socket load balancer's place: programs on the socket hooks of a cgroup v2 root
//! (seed §2.2.5, default `/run/cilium/cgroupv2`). `status` lists what is attached there,
//! `reset` takes off exactly ours (program names `cil_sock*`, as our `bpf_sock.c` names them
//! and as Cilium's do) and removes their pins `cilium_cgroups_<hook>`.

use std::path::{Path, PathBuf};

use super::step::Step;
use crate::bpf::cgroup::{Cgroup, SOCK_HOOKS, cgroup_links, hook_name, link_detach};
use crate::bpf::prog::prog_info;
use crate::error::{Error, Result};
use crate::maps::globals_dir;

/// Where Cilium mounts its cgroup2 and attaches the socket programs.
pub const DEFAULT_ROOT: &str = "/run/cilium/cgroupv2";
/// Name prefix of our socket programs (and of Cilium's).
pub const PROG_PREFIX: &str = "cil_sock";
/// Pin prefix of socket programs in the seed's scheme, under `<bpffs>/tc/globals`.
pub const PIN_PREFIX: &str = "cilium_cgroups_";

/// Where Cilium v1.16 pins the bpf_links that hold socket programs on the cgroup root,
/// one per program name.
pub fn link_pin_dir(bpffs: &Path) -> PathBuf {
    bpffs.join("cilium/socketlb/links/cgroup")
}

/// One program on one hook of the cgroup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub hook: &'static str,
    pub prog_id: u32,
    pub prog_name: String,
    /// The bpf_link that holds it, or None for a BPF_PROG_ATTACH attachment.
    pub link_id: Option<u32>,
}

impl Attachment {
    pub fn ours(&self) -> bool {
        self.prog_name.starts_with(PROG_PREFIX)
    }
}

/// Whether `root` is a cgroup2 directory (so it can carry socket programs).
pub fn is_cgroup2(root: &Path) -> bool {
    let Ok(c) = std::ffi::CString::new(root.as_os_str().as_encoded_bytes()) else { return false };
    // SAFETY: statfs is plain integers; zero is valid.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a live struct to write into.
    let rc = unsafe { libc::statfs(c.as_ptr(), &mut st) };
    rc == 0 && st.f_type == libc::CGROUP2_SUPER_MAGIC
}

/// Every program on the socket hooks of `root`.
pub fn attachments(root: &Path) -> Result<Vec<Attachment>> {
    let cg = Cgroup::open(root).map_err(|e| Error::sys("open cgroup", root.display(), &e))?;
    let links = cgroup_links().map_err(|e| Error::sys("list", "bpf links", &e))?;
    let mut out = Vec::new();
    for (hook, name) in SOCK_HOOKS {
        let ids = cg.query(*hook).map_err(|e| Error::sys("query programs of", root.display(), &e))?;
        for prog_id in ids {
            let prog_name = prog_info(prog_id).map(|p| p.name().to_string()).unwrap_or_else(|_| "?".into());
            let link_id = links
                .iter()
                .find(|l| {
                    l.prog_id == prog_id && l.cgroup_id == cg.id && hook_name(l.attach_type) == Some(name)
                })
                .map(|l| l.id);
            out.push(Attachment { hook: name, prog_id, prog_name, link_id });
        }
    }
    Ok(out)
}

/// Detaches one attachment: its link, or the BPF_PROG_ATTACH of its program.
pub fn detach_one(cg: &Cgroup, a: &Attachment) -> Result<()> {
    match a.link_id {
        Some(l) => link_detach(l).map_err(|e| Error::sys("detach link", l, &e)),
        None => match SOCK_HOOKS.iter().find(|(_, n)| *n == a.hook) {
            Some((h, _)) => cg.prog_detach(*h, a.prog_id).map_err(|e| Error::sys("detach", &a.prog_name, &e)),
            None => Ok(()),
        },
    }
}

/// Takes our socket programs off `root` and removes their pins; others stay.
pub fn detach_ours(bpffs: &Path, root: &Path) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    if root.exists() && is_cgroup2(root) {
        let cg = Cgroup::open(root).map_err(|e| Error::sys("open cgroup", root.display(), &e))?;
        for a in attachments(root)?.into_iter().filter(Attachment::ours) {
            detach_one(&cg, &a)?;
            steps.push(Step {
                step: "detach",
                object: root.display().to_string(),
                detail: format!("{} {} (prog {})", a.hook, a.prog_name, a.prog_id),
            });
        }
    }
    // Link pins (Cilium v1.16's place): the links are off their hooks by now.
    let links = link_pin_dir(bpffs);
    if let Ok(rd) = std::fs::read_dir(&links) {
        let mut names: Vec<String> = rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
        names.sort();
        for name in names {
            let p = links.join(&name);
            std::fs::remove_file(&p).map_err(|e| Error::sys("unpin", p.display(), &e))?;
            steps.push(Step {
                step: "unpin",
                object: p.display().to_string(),
                detail: "socket LB link".into(),
            });
        }
        // The directories we made, innermost first; one that is not empty stays.
        for d in ["cilium/socketlb/links/cgroup", "cilium/socketlb/links", "cilium/socketlb", "cilium"] {
            let _ = std::fs::remove_dir(bpffs.join(d));
        }
    }
    let dir = globals_dir(bpffs);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(PIN_PREFIX))
            .collect();
        names.sort();
        for name in names {
            let p = dir.join(&name);
            std::fs::remove_file(&p).map_err(|e| Error::sys("unpin", p.display(), &e))?;
            steps.push(Step { step: "unpin", object: name, detail: "socket program".into() });
        }
    }
    Ok(steps)
}
