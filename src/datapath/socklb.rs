//! The socket load balancer on the node: `bpf_sock.o` loaded with the node's
//! configuration and attached to the socket hooks of the cgroup v2 root (seed §2.2.5).
//!
//! Each program is pinned as the seed names it, `<bpffs>/tc/globals/cilium_cgroups_<hook>`,
//! and held on its hook by a bpf_link pinned where Cilium v1.16 pins it,
//! `<bpffs>/cilium/socketlb/links/cgroup/<program>`. Running init again puts the new
//! program into the same link (BPF_LINK_UPDATE), so no connect() is ever untranslated and
//! nothing is attached twice. Hooks a flag turns off lose their link and pins.

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use super::cgroup::{PIN_PREFIX, attachments, detach_one, is_cgroup2, link_pin_dir};
use super::config::SockConfig;
use super::loader::{self, LoadSpec};
use super::nodeport::NODEPORT_RANGE;
use super::objects;
use super::step::Step;
use crate::bpf::cgroup::{Cgroup, SOCK_HOOKS, link_create, link_detach, link_info, link_update};
use crate::bpf::map::{obj_get, obj_pin};
use crate::error::{Error, Result};
use crate::maps::{globals_dir, unpin};

/// How the socket load balancer is set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SockLbConfig {
    /// The cgroup v2 directory whose processes (and their descendants) are translated.
    pub cgroup_root: PathBuf,
    /// UDP too: sendmsg/recvmsg hooks, and connect() of UDP sockets.
    pub udp: bool,
    /// getpeername() shows the service address.
    pub peer: bool,
    /// post_bind refuses binds to NodePort, ExternalIP and LoadBalancer frontends.
    pub node_port_bind: bool,
    pub trace: bool,
    pub nodeport_range: (u16, u16),
}

impl SockLbConfig {
    /// Everything on, as Cilium's kube-proxy replacement has it, on `root`.
    pub fn on(root: PathBuf) -> SockLbConfig {
        SockLbConfig {
            cgroup_root: root,
            udp: true,
            peer: true,
            node_port_bind: true,
            trace: true,
            nodeport_range: NODEPORT_RANGE,
        }
    }

    /// The checks made before anything exists (init's validation).
    pub fn validate(&self) -> Result<()> {
        let (lo, hi) = self.nodeport_range;
        if lo == 0 || lo > hi {
            return Err(Error::usage(format!("--node-port-range {lo}-{hi}: not a range of ports")));
        }
        let root = &self.cgroup_root;
        if root.exists() && !is_cgroup2(root) {
            let empty = std::fs::read_dir(root).map(|mut d| d.next().is_none()).unwrap_or(false);
            if !empty {
                return Err(Error::usage(format!(
                    "--cgroup-root {}: not a cgroup v2 directory, and not an empty one to mount it on",
                    root.display()
                )));
            }
        }
        Ok(())
    }

    fn wants(&self, hook: &str) -> bool {
        let op = &hook[..hook.len() - 1];
        match op {
            "connect" => true,
            "sendmsg" | "recvmsg" => self.udp,
            "getpeername" => self.peer,
            "post_bind" => self.node_port_bind,
            _ => false,
        }
    }
}

/// The program on hook `connect4`: `cil_sock4_connect` (Cilium's names).
pub fn program_of(hook: &str) -> String {
    let (op, family) = hook.split_at(hook.len() - 1);
    format!("cil_sock{family}_{op}")
}

/// The network namespace cookie of the calling thread's namespace.
fn netns_cookie() -> Result<u64> {
    const SO_NETNS_COOKIE: libc::c_int = 71;
    // SAFETY: plain socket(2); the fd is owned below.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(Error::sys("open", "a socket for the netns cookie", &std::io::Error::last_os_error()));
    }
    // SAFETY: a fresh descriptor nobody else owns.
    let sock = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    let mut cookie = 0u64;
    let mut len = std::mem::size_of::<u64>() as libc::socklen_t;
    // SAFETY: a live socket and an 8-byte buffer with its length.
    let rc = unsafe {
        libc::getsockopt(
            std::os::fd::AsRawFd::as_raw_fd(&sock),
            libc::SOL_SOCKET,
            SO_NETNS_COOKIE,
            &mut cookie as *mut u64 as *mut libc::c_void,
            &mut len,
        )
    };
    if rc != 0 {
        return Err(Error::sys(
            "read",
            "the network namespace cookie (SO_NETNS_COOKIE)",
            &std::io::Error::last_os_error(),
        ));
    }
    Ok(cookie)
}

/// The cgroup2 root, mounted there when the directory is missing or empty and not one.
fn ensure_root(root: &Path) -> Result<Option<Step>> {
    if is_cgroup2(root) {
        return Ok(None);
    }
    super::mount::mount_fs(c"cgroup2", root)?;
    Ok(Some(Step { step: "mount", object: root.display().to_string(), detail: "cgroup2".into() }))
}

/// Pins `prog` at `path`, replacing what is there in one rename.
fn pin_program(prog: &mut aya::programs::Program, path: &Path) -> Result<()> {
    // bpffs refuses names with a dot; the prefix keeps a leftover in reset's sweep.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push("_new");
    let tmp = PathBuf::from(tmp);
    unpin(&tmp)?;
    let fd = prog.fd().map_err(|e| Error::runtime(format!("{}: {e}", path.display())))?;
    obj_pin(fd.as_fd(), &tmp).map_err(|e| Error::sys("pin", tmp.display(), &e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::sys("pin", path.display(), &e))
}

/// Loads `bpf_sock.o` and puts each wanted program on its hook of the cgroup root.
/// `cfg` is validated already (`InitConfig::validate`, before the first map).
pub fn attach(bpffs: &Path, cfg: &SockLbConfig) -> Result<Vec<Step>> {
    let (lo, hi) = cfg.nodeport_range;
    let mut steps: Vec<Step> = ensure_root(&cfg.cgroup_root)?.into_iter().collect();
    let config = SockConfig {
        host_netns_cookie: netns_cookie()?,
        lb_udp: u8::from(cfg.udp),
        trace_notify: u8::from(cfg.trace),
        nodeport_min: lo,
        nodeport_max: hi,
    };
    let mut bpf = loader::load(
        bpffs,
        LoadSpec {
            object: objects::BPF_SOCK,
            object_name: "bpf_sock.o",
            calls_path: None,
            calls_pin: None,
            policy_pin: None,
            globals: config.globals(),
            slots: &[],
        },
    )?;
    let root = &cfg.cgroup_root;
    let cg = Cgroup::open(root).map_err(|e| Error::sys("open cgroup", root.display(), &e))?;
    let links = link_pin_dir(bpffs);
    std::fs::create_dir_all(&links).map_err(|e| Error::sys("create", links.display(), &e))?;
    let before = attachments(root)?;
    for (attach_type, hook) in SOCK_HOOKS {
        let name = program_of(hook);
        let link_pin = links.join(&name);
        let prog_pin = globals_dir(bpffs).join(format!("{PIN_PREFIX}{hook}"));
        if !cfg.wants(hook) {
            if let Some(detail) = take_off(&link_pin, &prog_pin)? {
                steps.push(Step { step: "detach", object: format!("{} {hook}", root.display()), detail });
            }
            continue;
        }
        let prog = bpf
            .program_mut(&name)
            .ok_or_else(|| Error::runtime(format!("bpf_sock.o has no program {name}")))?;
        pin_program(prog, &prog_pin)?;
        let fd = prog.fd().map_err(|e| Error::runtime(format!("{name}: {e}")))?;
        let held = held_link(&link_pin, cg.id)?;
        let link_id = match held {
            Some((link, id)) => {
                link_update(link.as_fd(), fd.as_fd())
                    .map_err(|e| Error::sys("replace program of link", id, &e))?;
                steps.push(Step {
                    step: "attach",
                    object: format!("{} {hook}", root.display()),
                    detail: format!("{name} replaced in link {id}"),
                });
                id
            }
            None => {
                let link = link_create(&cg, fd.as_fd(), *attach_type)
                    .map_err(|e| Error::sys(&format!("attach {name} to"), root.display(), &e))?;
                let id = link_info(link.as_fd()).map_err(|e| Error::sys("read link of", &name, &e))?.id;
                if let Err(e) = obj_pin(link.as_fd(), &link_pin) {
                    let _ = link_detach(id);
                    return Err(Error::sys("pin", link_pin.display(), &e));
                }
                steps.push(Step {
                    step: "attach",
                    object: format!("{} {hook}", root.display()),
                    detail: format!("{name} attached (link {id})"),
                });
                id
            }
        };
        // Ours from elsewhere on this hook (a lost pin, an older attach): off, after the
        // new one is on, so the hook is never empty.
        for old in before.iter().filter(|a| a.hook == *hook && a.ours() && a.link_id != Some(link_id)) {
            detach_one(&cg, old)?;
            steps.push(Step {
                step: "detach",
                object: format!("{} {hook}", root.display()),
                detail: format!("stale {} (prog {})", old.prog_name, old.prog_id),
            });
        }
    }
    Ok(steps)
}

/// The pinned link at `pin` if it holds a hook of cgroup `cg_id`; one of another cgroup
/// (init run with another root) is taken off.
fn held_link(pin: &Path, cg_id: u64) -> Result<Option<(std::os::fd::OwnedFd, u32)>> {
    if !pin.exists() {
        return Ok(None);
    }
    let fd = obj_get(pin, false).map_err(|e| Error::open(pin, &e))?;
    match link_info(fd.as_fd()) {
        Ok(l) if l.cgroup_id == cg_id => Ok(Some((fd, l.id))),
        Ok(l) => {
            let _ = link_detach(l.id);
            unpin(pin)?;
            Ok(None)
        }
        // A pin that is not a cgroup link (or a link whose cgroup is gone): replace it.
        Err(_) => {
            unpin(pin)?;
            Ok(None)
        }
    }
}

/// Takes a hook's link off and removes both pins; what was done, if anything.
fn take_off(link_pin: &Path, prog_pin: &Path) -> Result<Option<String>> {
    let mut what = Vec::new();
    if link_pin.exists() {
        if let Ok(l) = obj_get(link_pin, false).and_then(|fd| link_info(fd.as_fd())) {
            link_detach(l.id).map_err(|e| Error::sys("detach link", l.id, &e))?;
            what.push(format!("link {}", l.id));
        }
        unpin(link_pin)?;
    }
    if unpin(prog_pin)? {
        what.push("program pin".to_string());
    }
    Ok((!what.is_empty()).then(|| format!("{} removed (hook turned off)", what.join(", "))))
}
