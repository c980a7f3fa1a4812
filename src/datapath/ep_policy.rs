//! The endpoints' policy maps in `ciliumrs_ep_policy` (endpoint id -> its
//! `cilium_policy_<EPID>`), where the shared programs find them.
//!
//! Every write to a map of maps from userspace waits for an RCU grace period
//! (`maybe_wait_bpf_programs`, kernel/bpf/syscall.c): 10-15 ms on this 2-vCPU machine,
//! more than the rest of an attach. So slots are filled ahead, a block of
//! [`BLOCK`] endpoint ids at a time with one batch write (one grace period), each with an
//! empty policy map; attaching endpoint `id` then pins the map already in slot `id` as
//! `cilium_policy_<id>`. Detach empties the map and unpins it, leaving it in its slot for
//! the next endpoint with that id. A policy map pinned before the attach (`bpf policy
//! update --create`, or a re-attach) is put in the slot instead, at the cost of one wait.

use std::path::Path;

use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::maps::spec::{EP_POLICY, POLICY};
use crate::maps::{self, Access, create, pin_path};

/// Endpoint ids whose slots one fill covers (aligned: ids 0-63, 64-127, ...).
pub const BLOCK: u32 = 64;

/// The id of the map in slot `id`, if any.
fn slot_map_id(outer: &MapFd, id: u32) -> Result<Option<u32>> {
    outer.slot_id(id).map_err(|e| Error::sys("look up in", format!("{}[{id}]", EP_POLICY.name), &e))
}

/// Fills the slots of the first block of endpoint ids (1-63, where endpoint ids start)
/// ahead of any attach: `init` does, so the first attaches on a node wait for nothing.
pub fn prefill(bpffs: &Path) -> Result<()> {
    let outer = create::ensure_global(bpffs, &EP_POLICY)?;
    // NB: two attaches at once must not each fill a block from their own view of it (the
    // second would put other maps into slots the first has already pinned).
    let _lock = crate::maps::lock::WriteLock::take(bpffs, &mut |_| {})?;
    fill_block(&outer, 1)
}

/// Fills every empty slot of `id`'s block with a new, empty policy map, in one write.
fn fill_block(outer: &MapFd, id: u32) -> Result<()> {
    let first = id - id % BLOCK;
    let last = (first + BLOCK).min(EP_POLICY.max_entries(1));
    let mut keys = Vec::new();
    let mut inner = Vec::new();
    for slot in first..last {
        if slot_map_id(outer, slot)?.is_none() {
            keys.extend_from_slice(&slot.to_ne_bytes());
            inner.push(create::unpinned(&POLICY, "cilium_policy", 1)?);
        }
    }
    if inner.is_empty() {
        return Ok(());
    }
    let values: Vec<u8> = inner
        .iter()
        .flat_map(|m| (std::os::fd::AsRawFd::as_raw_fd(&m.as_fd()) as u32).to_ne_bytes())
        .collect();
    // Kernels without batch writes for maps of maps, or a partial write: the one slot
    // needed is written alone (one wait).
    let _ = outer.update_batch(&keys, &values, inner.len());
    if slot_map_id(outer, id)?.is_none() {
        let at = keys.chunks(4).position(|k| k == id.to_ne_bytes());
        if let Some(m) = at.and_then(|i| inner.get(i)) {
            put_map(outer, id, m)?;
        }
    }
    Ok(())
}

fn put_map(outer: &MapFd, id: u32, map: &MapFd) -> Result<()> {
    outer
        .update_fd(id, map.as_fd())
        .map_err(|e| Error::sys("write to", format!("{}[{id}]", EP_POLICY.name), &e))
}

/// Endpoint `id`'s policy map, pinned as `cilium_policy_<id>` and in slot `id`. True when
/// this call pinned it (an attach that fails unpins it again).
pub fn attach(bpffs: &Path, outer: &MapFd, id: u32) -> Result<(MapFd, bool)> {
    // NB: two attaches at once must not each fill a block from their own view of it (the
    // second would put other maps into slots the first has already pinned).
    let _lock = crate::maps::lock::WriteLock::take(bpffs, &mut |_| {})?;
    let name = crate::maps::spec::per_endpoint_name(&POLICY, id);
    let path = pin_path(bpffs, &name);
    if path.exists() {
        let pinned = maps::open(bpffs, &POLICY, &name, Access::Write)?;
        if slot_map_id(outer, id)? != Some(pinned.info().id) {
            put_map(outer, id, &pinned)?;
        }
        return Ok((pinned, false));
    }
    let map_id = match slot_map_id(outer, id)? {
        Some(m) => m,
        None => {
            fill_block(outer, id)?;
            slot_map_id(outer, id)?.ok_or_else(|| {
                Error::runtime(format!("{}[{id}] is still empty after filling it", EP_POLICY.name))
            })?
        }
    };
    let mut map = MapFd::open_id(map_id).map_err(|e| Error::sys("open map id", map_id, &e))?;
    if let Err(m) = POLICY.check_layout(map.info()) {
        return Err(Error::runtime(format!("{}[{id}]: not a v1.16 policy map: {m}", EP_POLICY.name)));
    }
    clear(&map)?;
    map.pin(&path).map_err(|e| Error::sys("pin map at", path.display(), &e))?;
    Ok((map, true))
}

/// Removes every entry of a policy map.
pub fn clear(map: &MapFd) -> Result<()> {
    let mut key = vec![0u8; map.key_len()];
    while map.next_key(None, &mut key).map_err(|e| Error::sys("walk", "policy map", &e))? {
        map.delete(&key).map_err(|e| Error::sys("delete from", "policy map", &e))?;
    }
    Ok(())
}

/// Detach: endpoint `id`'s policy map is emptied and unpinned; its slot keeps it for the
/// next endpoint with that id.
pub fn detach(bpffs: &Path, id: u32) -> Result<()> {
    let name = crate::maps::spec::per_endpoint_name(&POLICY, id);
    let path = pin_path(bpffs, &name);
    if path.exists() && pin_path(bpffs, EP_POLICY.name).exists() {
        let outer = maps::open_global(bpffs, &EP_POLICY, Access::Write)?;
        let pinned = maps::open(bpffs, &POLICY, &name, Access::Write)?;
        if slot_map_id(&outer, id)? == Some(pinned.info().id) {
            clear(&pinned)?;
        }
    }
    maps::unpin(&path).map(drop)
}
