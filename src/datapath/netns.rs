//! Named network namespaces as iproute2 keeps them (`/run/netns/<name>`, a bind mount of
//! the namespace), made, opened and removed without running `ip`.
//!
//! NB: a namespace named from inside `ip netns exec` (a private, slave mount namespace)
//! would vanish with the process; there, an existing namespace is used and a missing one
//! is refused with advice, never silently lost.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

const NETNS_DIR: &str = "/run/netns";

pub fn path(name: &str) -> PathBuf {
    PathBuf::from(NETNS_DIR).join(name)
}

fn cstr(p: &std::path::Path) -> io::Result<std::ffi::CString> {
    std::ffi::CString::new(p.as_os_str().as_encoded_bytes())
        .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

fn check(rc: libc::c_int) -> io::Result<()> {
    if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

fn is_nsfs(p: &std::path::Path) -> bool {
    File::open(p)
        .and_then(|f| {
            // SAFETY: fstatfs into a zeroed struct we own.
            let mut st: libc::statfs = unsafe { std::mem::zeroed() };
            check(unsafe { libc::fstatfs(f.as_raw_fd(), &mut st) })?;
            Ok(st.f_type as i64 == 0x6e73_6673) // NSFS_MAGIC
        })
        .unwrap_or(false)
}

/// Would a mount made under `/run/netns` from here outlive this process? Not when this
/// process runs in a mount namespace whose mounts are slaves only (`ip netns exec`).
fn mounts_outlive_us() -> bool {
    let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else { return true };
    // The mount that holds /run/netns: the longest mount point that is a prefix of it.
    let mut best: Option<(usize, bool)> = None;
    for line in info.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let (Some(mp), Some(sep)) = (f.get(4), f.iter().position(|x| *x == "-")) else { continue };
        let covers = NETNS_DIR.starts_with(mp)
            && (mp.len() == 1 || NETNS_DIR[mp.len()..].is_empty() || NETNS_DIR[mp.len()..].starts_with('/'));
        if !covers {
            continue;
        }
        let tags = &f[6..sep];
        let slave_only =
            tags.iter().any(|t| t.starts_with("master:")) && !tags.iter().any(|t| t.starts_with("shared:"));
        if best.is_none_or(|(len, _)| mp.len() >= len) {
            best = Some((mp.len(), !slave_only));
        }
    }
    best.is_none_or(|(_, ok)| ok)
}

/// Creates `/run/netns/<name>` holding a new network namespace; an existing one is kept.
/// Returns whether it was created.
/// Makes the namespace directory a shared mount of its own, as `ip netns add` does the
/// first time. Were it not, a later `ip netns add` would bind it over itself and hide every
/// namespace mounted before, which then can be neither found nor deleted.
fn share_netns_dir() -> io::Result<()> {
    let dir = cstr(Path::new(NETNS_DIR))?;
    let share = || {
        // SAFETY: a valid path; changes only the propagation of that mount.
        unsafe {
            libc::mount(
                c"none".as_ptr(),
                dir.as_ptr(),
                std::ptr::null(),
                libc::MS_SHARED | libc::MS_REC,
                std::ptr::null(),
            )
        }
    };
    if share() == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() != Some(libc::EINVAL) {
        return Err(e);
    }
    // Not a mount point yet: bind it onto itself, then share it.
    // SAFETY: valid paths; a bind of the directory onto itself.
    check(unsafe {
        libc::mount(
            dir.as_ptr(),
            dir.as_ptr(),
            c"none".as_ptr(),
            libc::MS_BIND | libc::MS_REC,
            std::ptr::null(),
        )
    })?;
    check(share())
}

pub fn create(name: &str) -> io::Result<bool> {
    let p = path(name);
    if is_nsfs(&p) {
        return Ok(false);
    }
    if !mounts_outlive_us() {
        return Err(io::Error::other(format!(
            "this process runs in a private mount namespace (ip netns exec?), where a new namespace would \
             vanish with it; create it first with 'ip netns add {name}'"
        )));
    }
    std::fs::create_dir_all(NETNS_DIR)?;
    share_netns_dir()?;
    File::create(&p)?;
    let target = cstr(&p)?;
    let res = std::thread::spawn(move || -> io::Result<()> {
        // SAFETY: unshare affects only this thread; its namespace file is then bound onto the
        // placeholder file.
        check(unsafe { libc::unshare(libc::CLONE_NEWNET) })?;
        let src = c"/proc/thread-self/ns/net";
        check(unsafe {
            libc::mount(src.as_ptr(), target.as_ptr(), std::ptr::null(), libc::MS_BIND, std::ptr::null())
        })
    })
    .join()
    .map_err(|_| io::Error::other("namespace thread panicked"))?;
    if let Err(e) = res {
        let _ = std::fs::remove_file(&p);
        return Err(e);
    }
    Ok(true)
}

/// Removes a namespace made by [`create`] (or `ip netns add`).
pub fn delete(name: &str) -> io::Result<bool> {
    let p = path(name);
    if !p.exists() {
        return Ok(false);
    }
    let c = cstr(&p)?;
    // SAFETY: unmounting the namespace bind mount, lazily as ip does.
    unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
    std::fs::remove_file(&p)?;
    Ok(true)
}

/// An open namespace file, for `NetNsFd` and `setns`.
pub fn open(name: &str) -> io::Result<File> {
    let p = path(name);
    if !is_nsfs(&p) {
        return Err(io::Error::other(format!("{} is not a network namespace", p.display())));
    }
    File::open(p)
}

/// Runs `f` on a thread inside the network namespace `name`.
pub fn run_in<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) -> io::Result<T> {
    let ns = open(name)?;
    std::thread::spawn(move || -> io::Result<T> {
        // SAFETY: setns on this thread only, with a namespace fd we hold.
        check(unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) })?;
        Ok(f())
    })
    .join()
    .map_err(|_| io::Error::other("netns thread panicked"))?
}
