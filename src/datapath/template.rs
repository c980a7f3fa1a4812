//! The endpoints' programs, loaded and verified once per node configuration and shared by
//! every endpoint: `attach lxc` is then a few map writes and a tc filter, not a verifier
//! run (issue 10: 54 ms -> see CHANGELOG). Each endpoint's own configuration is an entry of
//! `ciliumrs_ep_config` keyed by its host-side veth, its policy map an entry of
//! `ciliumrs_ep_policy` (`ebpf/lib/ep_config.h`).
//!
//! One copy lives under `<bpffs>/ciliumrs/bpf_lxc_<hash>/`, the hash covering the object's
//! bytes and its node-wide load-time globals: `cil_from_container` and `handle_policy`
//! pinned (the filter and `cilium_call_policy` take them from there) and `cilium_calls`, the
//! calls map the copy's tail calls use. A copy is made in a scratch directory and renamed
//! into place, so two attaches racing end with one copy. Copies of an older binary or node
//! configuration stay while endpoints may still run them; `reset` removes them all.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use bytemuck::{Pod, Zeroable};

use super::config::LxcConfig;
use super::loader::{self, LoadSpec};
use super::{objects, slots};
use crate::bpf::map::obj_get;
use crate::error::{Error, Result};
use crate::maps::ours_dir;

/// Prefix of a shared copy's directory.
pub const COPY_PREFIX: &str = "bpf_lxc_";
/// Prefix of the directory a copy is made in before it is renamed into place.
pub const SCRATCH_PREFIX: &str = "scratch_";

/// `struct ep_config` (ebpf/lib/ep_config.h): `ciliumrs_ep_config`'s value.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct EpConfig {
    pub ifindex: u32,
    pub sec_label: u32,
    /// Network order.
    pub ipv4: [u8; 4],
    pub lxc_id: u16,
    pub flags: u8,
    pub pad0: u8,
    pub mac: [u8; 6],
    pub node_mac: [u8; 6],
    pub pad1: u32,
}
const _: () = assert!(std::mem::size_of::<EpConfig>() == 32);

pub const EP_F_ENFORCE_INGRESS: u8 = 1;
pub const EP_F_ENFORCE_EGRESS: u8 = 2;
pub const EP_F_TRACE: u8 = 4;

/// The shared programs an endpoint is attached with.
pub struct Shared {
    pub from_container: OwnedFd,
    pub policy: OwnedFd,
    /// The copy's directory.
    pub dir: PathBuf,
    /// Whether this call loaded it (else it was there).
    pub loaded: bool,
}

/// FNV-1a, 64 bits: names a copy by what it was made from.
fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Every shared copy's directory on this bpffs.
pub fn copies(bpffs: &Path) -> Vec<PathBuf> {
    dirs(bpffs, COPY_PREFIX)
}

/// Every directory under `<bpffs>/ciliumrs` (copies, and scratch ones a killed attach left).
pub fn all_dirs(bpffs: &Path) -> Vec<PathBuf> {
    dirs(bpffs, "")
}

fn dirs(bpffs: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(ours_dir(bpffs)) else { return Vec::new() };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(prefix)))
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

fn open_copy(dir: &Path) -> Option<(OwnedFd, OwnedFd)> {
    let fc = obj_get(&dir.join(slots::LXC_ENTRY_PROG), false).ok()?;
    let pol = obj_get(&dir.join(slots::LXC_POLICY_PROG), false).ok()?;
    Some((fc, pol))
}

/// The node's shared endpoint programs for `config`: opened if a copy exists, else loaded,
/// verified and pinned.
pub fn shared(bpffs: &Path, config: &LxcConfig) -> Result<Shared> {
    // The globals' names and values, as their Debug form shows them.
    let described = format!("{config:?}");
    let root = ours_dir(bpffs);
    let dir = root.join(format!("{COPY_PREFIX}{:016x}", fnv64(&[objects::BPF_LXC, described.as_bytes()])));
    if let Some((from_container, policy)) = open_copy(&dir) {
        return Ok(Shared { from_container, policy, dir, loaded: false });
    }
    // A copy that cannot be opened (pins removed by hand) is not one: make it again.
    if dir.is_dir() {
        remove_copy(&dir)?;
    }
    std::fs::create_dir_all(&root).map_err(|e| Error::sys("create directory", root.display(), &e))?;
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let scratch = root.join(format!(
        "{SCRATCH_PREFIX}{}_{nanos}_{}",
        std::process::id(),
        dir.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    ));
    let _ = remove_copy(&scratch);
    std::fs::create_dir(&scratch).map_err(|e| Error::sys("create directory", scratch.display(), &e))?;
    let made = (|| -> Result<()> {
        let calls = scratch.join(slots::CALLS_PIN);
        let mut bpf = loader::load(
            bpffs,
            LoadSpec {
                object: objects::BPF_LXC,
                object_name: "bpf_lxc.o",
                calls_pin: Some("cilium_calls_"),
                calls_path: Some(&calls),
                policy_pin: None,
                globals: config.globals(),
                slots: slots::LXC,
            },
        )?;
        for name in [slots::LXC_ENTRY_PROG, slots::LXC_POLICY_PROG] {
            let path = scratch.join(name);
            loader::classifier(&mut bpf, name)?
                .pin(&path)
                .map_err(|e| Error::runtime(format!("pin {name} at {}: {e}", path.display())))?;
        }
        Ok(())
    })();
    if let Err(e) = made {
        let _ = remove_copy(&scratch);
        return Err(e);
    }
    if let Err(e) = std::fs::rename(&scratch, &dir) {
        // Another attach put its copy there first: use that one.
        let _ = remove_copy(&scratch);
        if let Some((from_container, policy)) = open_copy(&dir) {
            return Ok(Shared { from_container, policy, dir, loaded: false });
        }
        return Err(Error::sys("rename into place", dir.display(), &e));
    }
    let (from_container, policy) = open_copy(&dir)
        .ok_or_else(|| Error::runtime(format!("{}: the copy just made cannot be opened", dir.display())))?;
    Ok(Shared { from_container, policy, dir, loaded: true })
}

/// Unpins a copy (its programs live on while filters and slots hold them) and removes its
/// directory. True if there was one.
pub fn remove_copy(dir: &Path) -> Result<bool> {
    let Ok(rd) = std::fs::read_dir(dir) else { return Ok(false) };
    for e in rd.filter_map(|e| e.ok()) {
        std::fs::remove_file(e.path()).map_err(|err| Error::sys("unpin", e.path().display(), &err))?;
    }
    std::fs::remove_dir(dir).map_err(|e| Error::sys("remove", dir.display(), &e))?;
    Ok(true)
}

/// The copy whose policy program is `policy_prog` (what an endpoint's
/// `cilium_call_policy` slot holds): the copy that endpoint runs.
pub fn copy_running(bpffs: &Path, policy_prog: u32) -> Option<PathBuf> {
    copies(bpffs).into_iter().find(|dir| {
        let fd = obj_get(&dir.join(slots::LXC_POLICY_PROG), false).ok();
        fd.and_then(|fd| crate::bpf::prog::prog_id(&fd).ok()) == Some(policy_prog)
    })
}

/// From-container of the copy endpoint `id` runs, opened from its pin, to feed it packets
/// with BPF_PROG_TEST_RUN (tests and benchmarks). The kernel runs it as if the packet came
/// in on the loopback device of the caller's network namespace, so the endpoint's
/// configuration is also given to that ifindex (`lo_ifindex`; the entry goes with the
/// node's bpffs).
pub fn test_entry(bpffs: &Path, id: u16, lo_ifindex: u32) -> Result<aya::programs::SchedClassifier> {
    use crate::maps::spec::{CALL_POLICY, EP_CONFIG};
    use crate::maps::{Access, open_global};
    let map = open_global(bpffs, &EP_CONFIG, Access::Write)?;
    let mut found = None;
    crate::maps::for_each(&map, |_k: u32, v: EpConfig| {
        if v.lxc_id == id {
            found = Some(v);
            return Ok(std::ops::ControlFlow::Break(()));
        }
        Ok(std::ops::ControlFlow::Continue(()))
    })?;
    let cfg =
        found.ok_or_else(|| Error::runtime(format!("endpoint {id} has no ciliumrs_ep_config entry")))?;
    crate::maps::put(&map, &lo_ifindex, &cfg)?;
    let slots = open_global(bpffs, &CALL_POLICY, Access::Read)?;
    let prog = slots.slot_id(u32::from(id)).map_err(|e| Error::sys("look up in", CALL_POLICY.name, &e))?;
    let dir = prog
        .and_then(|p| copy_running(bpffs, p))
        .ok_or_else(|| Error::runtime(format!("endpoint {id} runs none of the shared copies")))?;
    let path = dir.join(slots::LXC_ENTRY_PROG);
    aya::programs::SchedClassifier::from_pin(&path)
        .map_err(|e| Error::runtime(format!("open {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_names_follow_their_inputs() {
        let a = fnv64(&[b"obj", b"IPV4_MASK\x00\xff\xff\xff"]);
        assert_eq!(a, fnv64(&[b"obj", b"IPV4_MASK\x00\xff\xff\xff"]));
        assert_ne!(a, fnv64(&[b"obj", b"IPV4_MASK\x00\xff\xff\x00"]));
        assert_ne!(a, fnv64(&[b"obk", b"IPV4_MASK\x00\xff\xff\xff"]));
    }
}
