//! The bpf(2) system call. Every command goes through [`bpf`], which zero-fills the
//! attribute union the kernel reads (unused tail bytes must be zero or it says E2BIG).

use std::io;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};

pub use aya_obj::generated::{bpf_attr, bpf_cmd, bpf_map_info};

/// A zeroed attribute union, ready to fill.
pub fn zeroed_attr() -> bpf_attr {
    // SAFETY: bpf_attr is a C union of integer fields; all-zero is a valid value and is
    // what the kernel expects in every field a command does not use.
    unsafe { std::mem::zeroed() }
}

/// Runs one bpf(2) command. Returns the non-negative result or the errno as io::Error.
pub fn bpf(cmd: bpf_cmd, attr: &mut bpf_attr) -> io::Result<i64> {
    // SAFETY: attr points to a live, fully initialised bpf_attr of the size we pass; the
    // kernel reads (and for some commands writes) only within that size.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            cmd as libc::c_long,
            attr as *mut bpf_attr,
            std::mem::size_of::<bpf_attr>(),
        )
    };
    if ret < 0 { Err(io::Error::last_os_error()) } else { Ok(ret) }
}

/// Runs a command whose result is a new file descriptor and takes ownership of it.
pub fn bpf_fd(cmd: bpf_cmd, attr: &mut bpf_attr) -> io::Result<OwnedFd> {
    let fd = bpf(cmd, attr)? as RawFd;
    // SAFETY: on success these commands return a fresh descriptor that nobody else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `ENOTSUPP` (524): the kernel-internal "operation not supported" some map types return
/// for batch operations; it has no libc constant.
pub const ENOTSUPP: i32 = 524;

/// Pointer-to-u64 as the kernel ABI wants it.
pub fn ptr<T: ?Sized>(p: *const T) -> u64 {
    p as *const u8 as usize as u64
}
