//! A write of several maps as one transaction: a list of steps, each putting or removing
//! typed entries of one map and knowing what each key held before. The steps run in the
//! order the caller chose for the datapath (each intermediate state one it can read); when
//! one fails, every step done so far is undone in reverse order (the failing one too,
//! which may have written part of a batch), so the maps hold the old state again, byte for
//! byte. Undo is idempotent per key: putting back an old value, or removing a key that was
//! absent before.

use bytemuck::Pod;

use crate::bpf::MapFd;
use crate::error::{Error, Result};

/// Entries per BPF_MAP_UPDATE_BATCH call.
const BATCH: usize = 4096;

/// One step of a transaction.
trait Step {
    /// Does the step; Ok(n) is how many entries it changed.
    fn run(&self) -> Result<usize>;
    /// Puts back what the step found; the first error, if any.
    fn undo(&self) -> Result<()>;
}

/// Puts `entries`; `old[i]` is what `entries[i].0` held before (None: absent).
struct Put<'m, K, V> {
    map: &'m MapFd,
    entries: Vec<(K, V)>,
    old: Vec<Option<V>>,
}

/// Removes keys that held `entries[i].1` before.
struct Remove<'m, K, V> {
    map: &'m MapFd,
    entries: Vec<(K, V)>,
}

impl<K: Pod, V: Pod> Step for Put<'_, K, V> {
    fn run(&self) -> Result<usize> {
        put_all(self.map, &self.entries)?;
        Ok(self.entries.len())
    }
    fn undo(&self) -> Result<()> {
        let mut first = Ok(());
        for ((k, _), old) in self.entries.iter().zip(&self.old) {
            let r = match old {
                Some(v) => super::put(self.map, k, v),
                None => super::remove(self.map, k).map(drop),
            };
            if first.is_ok() {
                first = r;
            }
        }
        first
    }
}

impl<K: Pod, V: Pod> Step for Remove<'_, K, V> {
    fn run(&self) -> Result<usize> {
        let mut n = 0;
        for (k, _) in &self.entries {
            n += usize::from(super::remove(self.map, k)?);
        }
        Ok(n)
    }
    fn undo(&self) -> Result<()> {
        put_all(self.map, &self.entries)
    }
}

/// Writes `entries` in batches (per key where the map has no batch update).
pub fn put_all<K: Pod, V: Pod>(map: &MapFd, entries: &[(K, V)]) -> Result<()> {
    let (mut keys, mut values) = (Vec::new(), Vec::new());
    for chunk in entries.chunks(BATCH) {
        keys.clear();
        values.clear();
        for (k, v) in chunk {
            keys.extend_from_slice(bytemuck::bytes_of(k));
            values.extend_from_slice(bytemuck::bytes_of(v));
        }
        match map.update_batch(&keys, &values, chunk.len()) {
            Ok(n) if n == chunk.len() => {}
            Ok(n) => {
                return Err(Error::runtime(format!(
                    "update {}: {n} of {} entries written",
                    map.path().display(),
                    chunk.len()
                )));
            }
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(crate::bpf::sys::ENOTSUPP)) => {
                for (k, v) in chunk {
                    super::put(map, k, v)?;
                }
            }
            Err(e) => return Err(Error::sys("update", map.path().display(), &e)),
        }
    }
    Ok(())
}

/// The steps of one write, in the order they are to run.
#[derive(Default)]
pub struct Txn<'m> {
    steps: Vec<Box<dyn Step + 'm>>,
}

impl<'m> Txn<'m> {
    /// Adds a step that puts `entries`, with what each key held before.
    pub fn put<K: Pod, V: Pod>(
        &mut self,
        map: &'m MapFd,
        entries: Vec<(K, V)>,
        old: Vec<Option<V>>,
    ) -> usize {
        debug_assert_eq!(entries.len(), old.len());
        self.push(Box::new(Put { map, entries, old }))
    }

    /// Adds a step that removes keys, each with the value it held.
    pub fn remove<K: Pod, V: Pod>(&mut self, map: &'m MapFd, entries: Vec<(K, V)>) -> usize {
        self.push(Box::new(Remove { map, entries }))
    }

    fn push(&mut self, step: Box<dyn Step + 'm>) -> usize {
        self.steps.push(step);
        self.steps.len() - 1
    }

    /// Runs every step; the entries each changed, by the index `put`/`remove` returned.
    /// On a failure, undoes every step begun and returns the failure, saying whether the
    /// maps are back as they were.
    pub fn commit(self) -> Result<Vec<usize>> {
        let mut done = Vec::with_capacity(self.steps.len());
        for (i, step) in self.steps.iter().enumerate() {
            match step.run() {
                Ok(n) => done.push(n),
                Err(e) => {
                    let mut undo_err = None;
                    for s in self.steps[..=i].iter().rev() {
                        if let Err(u) = s.undo() {
                            undo_err.get_or_insert(u);
                        }
                    }
                    return Err(match undo_err {
                        None => Error::runtime(format!("{}; every map was put back as it was", e.message())),
                        Some(u) => Error::runtime(format!(
                            "{}; putting the maps back failed too ({}): they may hold part of this write",
                            e.message(),
                            u.message()
                        )),
                    });
                }
            }
        }
        Ok(done)
    }
}
