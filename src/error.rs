//! Errors that reach the user: one line saying what failed, on what, why, and what to try.
//! Only `main` prints them; [`Error::exit_code`] picks 2 for usage errors and bad values,
//! 1 for runtime failures.

use std::fmt;
use std::io;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Bad arguments or values: exit 2, nothing was written.
    Usage,
    /// The operation failed at runtime: exit 1.
    Runtime,
    /// stdout was closed by the reader (`| head`): exit 0, print nothing.
    BrokenPipe,
}

#[derive(Debug)]
pub struct Error {
    kind: Kind,
    msg: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(msg: impl Into<String>) -> Error {
        Error { kind: Kind::Usage, msg: msg.into() }
    }

    /// A value the user gave that we refuse: `bad <what> '<value>': <why>`.
    pub fn bad_value(what: &str, value: &str, why: impl fmt::Display) -> Error {
        Error::usage(format!("bad {what} '{value}': {why}"))
    }

    pub fn runtime(msg: impl Into<String>) -> Error {
        Error { kind: Kind::Runtime, msg: msg.into() }
    }

    /// A failed system operation on an object, with a hint chosen by errno.
    pub fn sys(op: &str, object: impl fmt::Display, err: &io::Error) -> Error {
        if err.kind() == io::ErrorKind::BrokenPipe {
            return Error { kind: Kind::BrokenPipe, msg: String::new() };
        }
        let hint = match err.raw_os_error() {
            Some(libc::EPERM | libc::EACCES) => Some("run as root, or with CAP_BPF and CAP_NET_ADMIN"),
            Some(libc::ENOENT) => Some("is the datapath up? try 'ciliumrs init'"),
            Some(libc::E2BIG) => Some("the map is full"),
            Some(libc::EINVAL) => Some("the kernel rejected the arguments; is this kernel too old?"),
            Some(libc::ENOTTY | libc::EBADF) => Some("is this a BPF map on a bpffs mount?"),
            _ => None,
        };
        let errno = strip_os_error(err);
        let msg = match hint {
            Some(h) => format!("{op} {object}: {errno} ({h})"),
            None => format!("{op} {object}: {errno}"),
        };
        Error { kind: Kind::Runtime, msg }
    }

    /// A failure opening a pinned object at `path`.
    pub fn open(path: &Path, err: &io::Error) -> Error {
        Error::sys("open pinned map", path.display(), err)
    }

    /// Like [`Error::open`], with our own hint when the pin does not exist.
    pub fn open_with_hint(path: &Path, err: &io::Error, missing_hint: &str) -> Error {
        if err.raw_os_error() == Some(libc::ENOENT) {
            return Error::runtime(format!(
                "open pinned map {}: {} ({missing_hint})",
                path.display(),
                strip_os_error(err)
            ));
        }
        Error::open(path, err)
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::Usage => 2,
            Kind::Runtime => 1,
            Kind::BrokenPipe => 0,
        }
    }

    pub fn message(&self) -> &str {
        &self.msg
    }
}

/// `No such file or directory (os error 2)` reads better without the parenthesis.
fn strip_os_error(err: &io::Error) -> String {
    let s = err.to_string();
    match s.find(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}

/// Output errors: a closed pipe is a normal end, anything else a runtime failure. Only
/// writes to standard output convert this way (the output layer's io::Results); every other
/// system error is made with [`Error::sys`], naming what it was doing.
impl From<io::Error> for Error {
    fn from(err: io::Error) -> Error {
        Error::sys("write", "standard output", &err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_by_errno() {
        let e = Error::sys("open pinned map", "/x", &io::Error::from_raw_os_error(libc::ENOENT));
        assert_eq!(
            e.to_string(),
            "open pinned map /x: No such file or directory (is the datapath up? try 'ciliumrs init')"
        );
        assert_eq!(e.exit_code(), 1);
        let e = Error::sys("update", "m", &io::Error::from_raw_os_error(libc::EPERM));
        assert!(e.to_string().contains("CAP_BPF"));
        let e = Error::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(e.exit_code(), 0);
        assert_eq!(Error::bad_value("CIDR", "x", "nope").exit_code(), 2);
    }
}
