//! Loading one of our objects for one attachment: check every pin it will reuse against
//! the v1.16 layouts (aya reuses pins without looking), set its load-time configuration
//! (`.rodata`), pin its per-endpoint maps under their names, verify its programs (tc
//! classifiers, cgroup sock_addr and sock programs) and fill its tail-call slots, if it has
//! a calls map.

use std::path::{Path, PathBuf};

use aya::maps::ProgramArray;
use aya::programs::{Program, SchedClassifier};
use aya::{Ebpf, EbpfLoader, GlobalData};

use super::tc;
use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::maps::spec::{self, CALLS, MapSpec, POLICY};
use crate::maps::{globals_dir, pin_path};

/// One load of one object.
pub struct LoadSpec<'a> {
    pub object: &'static [u8],
    pub object_name: &'static str,
    /// Pin name of this attachment's calls map (`cilium_calls_hostns_<EPID>`, ...); None
    /// for objects without tail calls (the socket programs).
    pub calls_pin: Option<&'a str>,
    /// Where the calls map is pinned when not under `<bpffs>/tc/globals` (the endpoints'
    /// shared programs keep theirs beside them).
    pub calls_path: Option<&'a Path>,
    /// Pin name of its policy map, for objects that have one.
    pub policy_pin: Option<&'a str>,
    pub globals: Vec<(&'static str, GlobalData<'a>)>,
    /// Tail-call slots of the calls map and the program in each.
    pub slots: &'a [(u32, &'static str)],
}

/// The spec, pin name and pin path of every map the object defines, as this load will pin it.
fn object_pins(bpffs: &Path, s: &LoadSpec<'_>) -> Result<Vec<(&'static MapSpec, String, PathBuf)>> {
    let obj = aya_obj::Object::parse(s.object)
        .map_err(|e| Error::runtime(format!("parse {}: {}", s.object_name, tc::chain(&e))))?;
    let mut out = Vec::new();
    for name in obj.maps.keys().filter(|n| !n.starts_with('.')) {
        let entry = match name.as_str() {
            "cilium_calls" => match s.calls_pin {
                Some(p) => (&CALLS, p.to_string()),
                None => {
                    return Err(Error::runtime(format!(
                        "{} has a calls map but this load names no pin for it",
                        s.object_name
                    )));
                }
            },
            "cilium_policy" => match s.policy_pin {
                Some(p) => (&POLICY, p.to_string()),
                None => continue,
            },
            n => match spec::for_pin_name(n) {
                Some(sp) => (sp, n.to_string()),
                None => return Err(Error::runtime(format!("{}: map {n} is not one we know", s.object_name))),
            },
        };
        let path = match (entry.1.as_str(), s.calls_path) {
            (_, Some(p)) if name == "cilium_calls" => p.to_path_buf(),
            (n, _) => pin_path(bpffs, n),
        };
        out.push((entry.0, entry.1, path));
    }
    Ok(out)
}

/// Refuses to load over pins of another layout, or onto a node whose maps are another
/// Cilium version's (same shapes, other meanings: v1.10's ipcache value, say).
pub fn check_pins(bpffs: &Path, pins: &[(&'static MapSpec, String, PathBuf)]) -> Result<()> {
    let node = crate::maps::abi::maps_alone(bpffs)?;
    if !node.range.is_some_and(|r| r.contains(crate::maps::abi::OURS)) {
        return Err(Error::runtime(format!(
            "{}: the maps here are those of Cilium {}; our programs use v1.16's layouts: refusing to load them",
            crate::maps::globals_dir(bpffs).display(),
            node.evidence()
        )));
    }
    for (s, name, path) in pins {
        if !path.exists() {
            continue;
        }
        let map = MapFd::open_pinned(path, true).map_err(|e| Error::open(path, &e))?;
        if let Err(m) = s.check_layout(map.info()) {
            return Err(Error::runtime(format!(
                "{}: layout mismatch with Cilium v1.16 {name}: {m}; refusing to load programs over it",
                path.display()
            )));
        }
    }
    Ok(())
}

/// First lines of a long (verifier) message, on one line.
pub fn one_line(s: &str) -> String {
    let first: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).take(3).collect();
    first.join(" | ")
}

pub fn classifier<'a>(bpf: &'a mut Ebpf, name: &str) -> Result<&'a mut SchedClassifier> {
    bpf.program_mut(name)
        .ok_or_else(|| Error::runtime(format!("no program {name} in the object")))?
        .try_into()
        .map_err(|e| Error::runtime(format!("program {name}: {e}")))
}

/// Verifies one program of whichever type it is: tc classifiers, and the cgroup
/// sock_addr (connect, sendmsg, recvmsg, getpeername) and sock (post_bind) programs.
fn load_program(object: &str, name: &str, prog: &mut Program) -> Result<()> {
    let res = match prog {
        Program::SchedClassifier(p) => p.load(),
        Program::CgroupSockAddr(p) => p.load(),
        Program::CgroupSock(p) => p.load(),
        other => {
            return Err(Error::runtime(format!(
                "{name} of {object}: program type {:?} is not one ciliumrs loads",
                other.prog_type()
            )));
        }
    };
    res.map_err(|e| {
        let log = tc::chain(&e);
        match super::features::explain_verifier(&log) {
            Some(why) => {
                Error::runtime(format!("verify {name} of {object}: {why}; verifier: {}", one_line(&log)))
            }
            None => Error::runtime(format!("verify {name} of {object}: {}", one_line(&log))),
        }
    })
}

/// Loads, verifies every program, and fills the calls map's slots.
pub fn load(bpffs: &Path, s: LoadSpec<'_>) -> Result<Ebpf> {
    let pins = object_pins(bpffs, &s)?;
    check_pins(bpffs, &pins)?;
    let globals = globals_dir(bpffs);
    let calls_path = s.calls_pin.map(|p| s.calls_path.map_or_else(|| pin_path(bpffs, p), Path::to_path_buf));
    let policy_path = s.policy_pin.map(|p| pin_path(bpffs, p));
    let mut loader = EbpfLoader::new();
    loader.default_map_pin_directory(&globals);
    if let Some(p) = &calls_path {
        loader.map_pin_path("cilium_calls", p.as_path());
    }
    if let Some(p) = &policy_path {
        loader.map_pin_path("cilium_policy", p.as_path());
    }
    for (name, value) in s.globals {
        loader.override_global(name, value, true);
    }
    let mut bpf = loader
        .load(s.object)
        .map_err(|e| Error::runtime(format!("load {}: {}", s.object_name, one_line(&tc::chain(&e)))))?;
    for (name, prog) in bpf.programs_mut() {
        load_program(s.object_name, name, prog)?;
    }
    let Some(calls_pin) = s.calls_pin else {
        if !s.slots.is_empty() {
            return Err(Error::runtime(format!(
                "{}: tail-call slots given without a calls map",
                s.object_name
            )));
        }
        return Ok(bpf);
    };
    let mut calls = ProgramArray::try_from(
        bpf.take_map("cilium_calls")
            .ok_or_else(|| Error::runtime(format!("{} has no cilium_calls", s.object_name)))?,
    )
    .map_err(|e| Error::runtime(format!("{calls_pin}: {e}")))?;
    for (slot, name) in s.slots {
        let fd = classifier(&mut bpf, name)?.fd().map_err(|e| Error::runtime(format!("{name}: {e}")))?;
        calls.set(*slot, fd, 0).map_err(|e| Error::runtime(format!("{calls_pin}[{slot}] = {name}: {e}")))?;
    }
    Ok(bpf)
}

/// Puts `prog` in `cilium_call_policy[id]`.
pub fn set_policy_slot(bpf: &mut Ebpf, id: u32, prog: &str) -> Result<()> {
    let mut pa = ProgramArray::try_from(
        bpf.take_map("cilium_call_policy")
            .ok_or_else(|| Error::runtime("the object has no cilium_call_policy"))?,
    )
    .map_err(|e| Error::runtime(format!("cilium_call_policy: {e}")))?;
    let fd = classifier(bpf, prog)?.fd().map_err(|e| Error::runtime(format!("{prog}: {e}")))?;
    pa.set(id, fd, 0).map_err(|e| Error::runtime(format!("cilium_call_policy[{id}]: {e}")))
}

/// The config value of an IPv4 address or mask: its bytes in network order.
pub fn be32(octets: [u8; 4]) -> u32 {
    u32::from_ne_bytes(octets)
}
