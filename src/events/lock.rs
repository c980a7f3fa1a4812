//! The single-reader lock of an events map. A perf event array has one reader per CPU
//! slot, and installing rings silently takes the slots over from another reader; so a
//! monitor holds an flock per map id for its whole life, and a second one refuses.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The single-reader lock of one events map, held for the life of the monitor.
pub struct ReaderLock {
    path: PathBuf,
    _file: File,
}

impl ReaderLock {
    pub fn take(map_id: u32) -> Result<ReaderLock> {
        let path = PathBuf::from(format!("/run/ciliumrs-monitor-map{map_id}.lock"));
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::sys("open lock", path.display(), &e))?;
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            return Err(Error::runtime(format!(
                "another ciliumrs monitor (pid {}) is reading cilium_events (map id {map_id}); a second reader would \
                 silently take its rings over, so this one refuses: stop the first, or read its output",
                pid.trim()
            )));
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        Ok(ReaderLock { path, _file: file })
    }
}

impl Drop for ReaderLock {
    fn drop(&mut self) {
        // Unlinked while still locked: a waiting monitor then locks a fresh file.
        let _ = std::fs::remove_file(&self.path);
    }
}
