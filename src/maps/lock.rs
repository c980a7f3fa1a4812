//! The node's write lock: one exclusive `flock` on the bpffs mount's directory that every ciliumrs
//! command holds while it reads, decides and writes shared state (the LB maps' ids and
//! slots, policy slots, endpoints, the programs on the hooks). It is per bpffs, so two lab
//! nodes never wait for each other; it dies with its process, so a killed writer never
//! leaves it behind. Cilium's agent does not take it (its writes are its own business).
//!
//! The lock is re-entrant within one thread (a command that takes it and then calls code
//! that takes it again, such as `attach lxc` filling policy slots, holds it once); other
//! threads and processes wait. A writer that waits more than a second says so once, with
//! the holder's pid and command line read from /proc/locks; after `--wait` seconds it gives
//! up with an error naming them.

use std::cell::RefCell;
use std::fs::File;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a writer waits for the lock, in milliseconds (`--wait`, default 30 s).
static WAIT_MS: AtomicU64 = AtomicU64::new(30_000);

/// Sets how long every later [`WriteLock::take`] of this process waits (`--wait SECS`).
pub fn set_wait(wait: Duration) {
    WAIT_MS.store(wait.as_millis().min(u128::from(u64::MAX)) as u64, Ordering::Relaxed);
}

fn wait() -> Duration {
    Duration::from_millis(WAIT_MS.load(Ordering::Relaxed))
}

/// After this long a waiting writer says what it waits for.
const SAY_AFTER: Duration = Duration::from_secs(1);

/// A lock this thread holds: (device, inode) of the directory, the open file that holds
/// the flock, and how many guards share it.
type Held = ((u64, u64), File, usize);

thread_local! {
    static HELD: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
}

/// Held while alive; dropping the last guard of a thread releases the flock. Not `Send`:
/// the thread that took it keeps the count, so it must be dropped there.
#[derive(Debug)]
pub struct WriteLock {
    key: (u64, u64),
    _thread: std::marker::PhantomData<*const ()>,
}

impl WriteLock {
    /// Takes the write lock of the node whose maps live under `bpffs` (the directory
    /// itself, which exists before `init` makes tc/globals and outlives `reset`). `waiting`
    /// is told once, after a second, who holds it.
    pub fn take(bpffs: &Path, waiting: &mut dyn FnMut(&str)) -> Result<WriteLock> {
        let dir = bpffs;
        let file = File::open(dir).map_err(|e| Error::sys("open", dir.display(), &e))?;
        let meta = file.metadata().map_err(|e| Error::sys("stat", dir.display(), &e))?;
        let key = (meta.dev(), meta.ino());
        let again = HELD.with(|h| {
            let mut h = h.borrow_mut();
            let found = h.iter_mut().find(|(k, _, _)| *k == key);
            found.map(|(_, _, n)| *n += 1).is_some()
        });
        if again {
            return Ok(WriteLock { key, _thread: std::marker::PhantomData });
        }
        let start = Instant::now();
        let limit = wait();
        let mut said = false;
        loop {
            // SAFETY: flock on a descriptor we own; released when the file is closed.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                break;
            }
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() != Some(libc::EWOULDBLOCK) {
                return Err(Error::sys("lock", dir.display(), &err));
            }
            let waited = start.elapsed();
            if waited >= limit {
                return Err(Error::runtime(format!(
                    "the write lock of {} is held by {} (waited {} s, --wait {}); nothing was changed",
                    dir.display(),
                    holder(key),
                    waited.as_secs(),
                    limit.as_secs()
                )));
            }
            if !said && waited >= SAY_AFTER {
                said = true;
                waiting(&format!(
                    "waiting for the write lock of {} held by {} (up to --wait {} s)",
                    dir.display(),
                    holder(key),
                    limit.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(5).min(limit.saturating_sub(waited)));
        }
        HELD.with(|h| h.borrow_mut().push((key, file, 1)));
        Ok(WriteLock { key, _thread: std::marker::PhantomData })
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            if let Some(i) = h.iter().position(|(k, _, _)| *k == self.key) {
                h[i].2 -= 1;
                if h[i].2 == 0 {
                    // Closing the file releases the flock.
                    h.swap_remove(i);
                }
            }
        });
    }
}

/// "pid N (its command line)" of the process holding the flock on `key`, from /proc/locks;
/// "another process" when it cannot be known (another pid namespace, /proc unreadable).
fn holder(key: (u64, u64)) -> String {
    let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
        return "another process".into();
    };
    let Some(pid) = holder_pid(&locks, key) else {
        return "another process".into();
    };
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let words: Vec<String> = cmdline
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    if words.is_empty() { format!("pid {pid}") } else { format!("pid {pid} ({})", words.join(" ")) }
}

/// The pid of the FLOCK WRITE line of /proc/locks on the file (device, inode) `key`:
/// lines such as `3: FLOCK  ADVISORY  WRITE 1234 00:2d:5678 0 EOF` (device as hex
/// major:minor). Waiters' lines (`3: -> FLOCK ...`) are not holders.
fn holder_pid(locks: &str, key: (u64, u64)) -> Option<u32> {
    let (major, minor) = (libc::major(key.0), libc::minor(key.0));
    locks.lines().find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 || f[1] != "FLOCK" || f[3] != "WRITE" {
            return None;
        }
        let mut dev = f[5].split(':');
        let maj = u32::from_str_radix(dev.next()?, 16).ok()?;
        let min = u32::from_str_radix(dev.next()?, 16).ok()?;
        let ino: u64 = dev.next()?.parse().ok()?;
        (maj == major && min == minor && ino == key.1).then(|| f[4].parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_read_off_proc_locks() {
        let dev = libc::makedev(0, 0x2d);
        let locks = "1: POSIX  ADVISORY  WRITE 99 00:2d:5678 0 EOF\n\
                     2: FLOCK  ADVISORY  WRITE 1234 00:2d:5678 0 EOF\n\
                     2: -> FLOCK  ADVISORY  WRITE 4321 00:2d:5678 0 EOF\n\
                     3: FLOCK  ADVISORY  WRITE 77 00:2e:5678 0 EOF\n";
        assert_eq!(holder_pid(locks, (dev, 5678)), Some(1234));
        assert_eq!(holder_pid(locks, (dev, 5679)), None, "another inode");
        assert_eq!(holder_pid(locks, (libc::makedev(0, 0x2e), 5678)), Some(77));
        assert_eq!(holder_pid("garbage\n\n1: FLOCK", (dev, 5678)), None);
    }

    #[test]
    fn the_lock_is_reentrant_in_a_thread_and_exclusive_across_threads() {
        let dir = std::env::temp_dir().join(format!("ciliumrs-lock-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let outer = WriteLock::take(&dir, &mut |_| {}).unwrap();
        let inner = WriteLock::take(&dir, &mut |_| {}).expect("re-entrant");
        drop(inner);
        // Still held by this thread: another thread gives up after its (short) wait.
        let d = dir.clone();
        let other = std::thread::spawn(move || {
            let file = File::open(&d).unwrap();
            // SAFETY: flock on a descriptor this thread owns.
            unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) }
        })
        .join()
        .unwrap();
        assert_ne!(other, 0, "another open file description must not get the lock");
        drop(outer);
        let d = dir.clone();
        let other = std::thread::spawn(move || WriteLock::take(&d, &mut |_| {}).map(drop).is_ok()).join();
        assert!(other.unwrap(), "free again after the last guard");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
