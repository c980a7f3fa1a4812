//! File-system mounts the datapath needs: a bpffs instance for a node's pins and the cgroup v2
//! hierarchy whose root holds the socket programs. The world builder, the lab, the socket LB
//! and the tests all mount through here.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Mounts a file system of type `fstype` (`bpf`, `cgroup2`) on `dir` (created if missing).
pub fn mount_fs(fstype: &std::ffi::CStr, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::sys("create", dir.display(), &e))?;
    let c = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes())
        .map_err(|_| Error::bad_value("directory", &dir.display().to_string(), "contains a NUL byte"))?;
    // SAFETY: valid NUL-terminated strings; mounts a new instance of that file system.
    if unsafe { libc::mount(fstype.as_ptr(), c.as_ptr(), fstype.as_ptr(), 0, std::ptr::null()) } != 0 {
        let what = format!("mount {} at", fstype.to_string_lossy());
        return Err(Error::sys(&what, dir.display(), &std::io::Error::last_os_error()));
    }
    Ok(())
}

/// Mounts a fresh bpffs instance on `dir` (created if missing).
pub fn mount_bpffs(dir: &Path) -> Result<()> {
    mount_fs(c"bpf", dir)
}

/// Unmounts whatever is mounted on `dir` (a bpffs or cgroup2 instance; lazily, so open
/// descriptors cannot keep it busy) and removes the directory.
pub fn unmount(dir: &Path) {
    if let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()) {
        // SAFETY: valid path; a failure (not mounted) leaves nothing to undo.
        unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
    }
    let _ = std::fs::remove_dir(dir);
}

/// A bpffs mount of its own, unmounted and removed on drop (benchmarks, tools).
pub struct BpffsMount(pub PathBuf);

impl BpffsMount {
    pub fn new(dir: &Path) -> Result<BpffsMount> {
        mount_bpffs(dir)?;
        Ok(BpffsMount(dir.to_path_buf()))
    }
}

impl Drop for BpffsMount {
    fn drop(&mut self) {
        unmount(&self.0);
    }
}
