//! Programs on a cgroup: which are attached to each socket hook (BPF_PROG_QUERY), the
//! bpf_links that hold them, and how to take them off again. `status` and `reset` use it
//! for the socket load balancer, which sits on the cgroup root (seed §2.2.5).

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::prog::prog_fd;
use super::sys::{bpf, bpf_cmd, bpf_fd, ptr, zeroed_attr};
use aya_obj::generated::{bpf_attach_type as A, bpf_link_info, bpf_link_type};

/// The socket hooks the socket load balancer uses, with the names bpftool prints and the
/// suffix of the seed's pins (`cilium_cgroups_<hook>`).
pub const SOCK_HOOKS: &[(A, &str)] = &[
    (A::BPF_CGROUP_INET4_CONNECT, "connect4"),
    (A::BPF_CGROUP_INET6_CONNECT, "connect6"),
    (A::BPF_CGROUP_UDP4_SENDMSG, "sendmsg4"),
    (A::BPF_CGROUP_UDP6_SENDMSG, "sendmsg6"),
    (A::BPF_CGROUP_UDP4_RECVMSG, "recvmsg4"),
    (A::BPF_CGROUP_UDP6_RECVMSG, "recvmsg6"),
    (A::BPF_CGROUP_INET4_GETPEERNAME, "getpeername4"),
    (A::BPF_CGROUP_INET6_GETPEERNAME, "getpeername6"),
    (A::BPF_CGROUP_INET4_POST_BIND, "post_bind4"),
    (A::BPF_CGROUP_INET6_POST_BIND, "post_bind6"),
];

/// An open cgroup v2 directory.
pub struct Cgroup {
    dir: File,
    /// The cgroup id (the directory's inode on cgroup2), as links report it.
    pub id: u64,
}

impl Cgroup {
    pub fn open(path: &Path) -> io::Result<Cgroup> {
        let dir = File::open(path)?;
        let id = dir.metadata()?.ino();
        Ok(Cgroup { dir, id })
    }

    /// Program ids attached to one hook of this cgroup (not those inherited from parents).
    pub fn query(&self, hook: A) -> io::Result<Vec<u32>> {
        let mut ids = [0u32; 64];
        let mut attr = zeroed_attr();
        attr.query.__bindgen_anon_1.target_fd = self.dir.as_raw_fd() as u32;
        attr.query.attach_type = hook as u32;
        attr.query.prog_ids = ptr(ids.as_mut_ptr());
        attr.query.__bindgen_anon_2.prog_cnt = ids.len() as u32;
        bpf(bpf_cmd::BPF_PROG_QUERY, &mut attr)?;
        // SAFETY: the kernel wrote the count.
        let n = unsafe { attr.query.__bindgen_anon_2.prog_cnt } as usize;
        Ok(ids[..n.min(ids.len())].to_vec())
    }

    /// Detaches a program attached with BPF_PROG_ATTACH (not through a link).
    pub fn prog_detach(&self, hook: A, prog_id: u32) -> io::Result<()> {
        let prog = prog_fd(prog_id)?;
        let mut attr = zeroed_attr();
        attr.__bindgen_anon_5.__bindgen_anon_1.target_fd = self.dir.as_raw_fd() as u32;
        attr.__bindgen_anon_5.attach_bpf_fd = prog.as_raw_fd() as u32;
        attr.__bindgen_anon_5.attach_type = hook as u32;
        bpf(bpf_cmd::BPF_PROG_DETACH, &mut attr).map(drop)
    }
}

/// A cgroup bpf_link: which program it holds on which hook of which cgroup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CgroupLink {
    pub id: u32,
    pub prog_id: u32,
    pub cgroup_id: u64,
    pub attach_type: u32,
}

/// Every cgroup link on the machine.
pub fn cgroup_links() -> io::Result<Vec<CgroupLink>> {
    let mut out = Vec::new();
    let mut next = 0u32;
    loop {
        let mut attr = zeroed_attr();
        attr.__bindgen_anon_6.__bindgen_anon_1.start_id = next;
        match bpf(bpf_cmd::BPF_LINK_GET_NEXT_ID, &mut attr) {
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok(out),
            Err(e) => return Err(e),
        }
        // SAFETY: the kernel wrote next_id.
        next = unsafe { attr.__bindgen_anon_6.next_id };
        let Ok(fd) = link_fd(next) else { continue }; // gone meanwhile
        if let Ok(l) = link_info(fd.as_fd()) {
            out.push(l);
        }
    }
}

fn link_fd(id: u32) -> io::Result<OwnedFd> {
    let mut attr = zeroed_attr();
    attr.__bindgen_anon_6.__bindgen_anon_1.link_id = id;
    bpf_fd(bpf_cmd::BPF_LINK_GET_FD_BY_ID, &mut attr)
}

/// Attaches `prog` to `hook` of `cg` through a new bpf_link (multi-attach: other programs
/// on the hook stay).
pub fn link_create(cg: &Cgroup, prog: BorrowedFd<'_>, hook: A) -> io::Result<OwnedFd> {
    let mut attr = zeroed_attr();
    attr.link_create.__bindgen_anon_1.prog_fd = prog.as_raw_fd() as u32;
    attr.link_create.__bindgen_anon_2.target_fd = cg.dir.as_raw_fd() as u32;
    attr.link_create.attach_type = hook as u32;
    bpf_fd(bpf_cmd::BPF_LINK_CREATE, &mut attr)
}

/// Puts `prog` in place of the program a link holds, in one step: the hook is never
/// without a program.
pub fn link_update(link: BorrowedFd<'_>, prog: BorrowedFd<'_>) -> io::Result<()> {
    let mut attr = zeroed_attr();
    attr.link_update.link_fd = link.as_raw_fd() as u32;
    attr.link_update.__bindgen_anon_1.new_prog_fd = prog.as_raw_fd() as u32;
    bpf(bpf_cmd::BPF_LINK_UPDATE, &mut attr).map(drop)
}

/// What the cgroup link behind `fd` holds, and where.
pub fn link_info(fd: BorrowedFd<'_>) -> io::Result<CgroupLink> {
    // SAFETY: plain integers and unions of integers; zero is valid.
    let mut info: bpf_link_info = unsafe { std::mem::zeroed() };
    let mut a = zeroed_attr();
    a.info.bpf_fd = fd.as_raw_fd() as u32;
    a.info.info_len = std::mem::size_of::<bpf_link_info>() as u32;
    a.info.info = ptr(&mut info as *mut bpf_link_info);
    bpf(bpf_cmd::BPF_OBJ_GET_INFO_BY_FD, &mut a)?;
    if info.type_ != bpf_link_type::BPF_LINK_TYPE_CGROUP as u32 {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a cgroup link"));
    }
    // SAFETY: the cgroup member is the one the kernel filled for this link type.
    let c = unsafe { info.__bindgen_anon_1.cgroup };
    Ok(CgroupLink { id: info.id, prog_id: info.prog_id, cgroup_id: c.cgroup_id, attach_type: c.attach_type })
}

/// Detaches a link from its hook (it stays an object until its last fd or pin goes).
pub fn link_detach(id: u32) -> io::Result<()> {
    let fd = link_fd(id)?;
    let mut attr = zeroed_attr();
    attr.link_detach.link_fd = fd.as_raw_fd() as u32;
    bpf(bpf_cmd::BPF_LINK_DETACH, &mut attr).map(drop)
}

/// The bpftool name of an attach type number.
pub fn hook_name(attach_type: u32) -> Option<&'static str> {
    SOCK_HOOKS.iter().find(|(a, _)| *a as u32 == attach_type).map(|(_, n)| *n)
}
