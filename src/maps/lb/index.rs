//! The LB writer's index: what a write of one service needs to know about every other
//! service, kept between commands so that `bpf lb update` does not read every LB map
//! (55,000 service entries and 50,000 backends take longer to walk than the whole update
//! may). Three maps of ciliumrs's own, pinned under `<bpffs>/ciliumrs/lb/` (never beside
//! Cilium's maps in tc/globals):
//! - `state` (array, one 16 KiB value): which LB maps it describes (their map ids), whether
//!   it is valid, and bitmaps of the backend and reverse-NAT ids in use;
//! - `backends` (hash): a backend's address, port and protocol → its id and how many
//!   service slots refer to it;
//! - `frontends` (hash): a service frontend → its reverse-NAT id and number of slots.
//!
//! It is trusted only as far as it is checked: every fact a write takes from it is
//! confirmed by a point lookup in Cilium's maps (the service's master and slots, the id of
//! each backend address, the new ids being free), and any disagreement makes the write read
//! every map instead and rebuild the index. It is used only under the node's write lock,
//! only when no Cilium agent runs here (the agent writes these maps without it), and only
//! when the maps hold nothing left over (no slot without its master, no backend no slot
//! refers to): then one service's write is exactly what the full read would have made of
//! it. A write that changes the maps without it (`lb apply`, `lb delete`) takes the `state`
//! pin away first; a writer killed between its write and the index's leaves no `state`, so
//! the next write rebuilds. Writes behind ciliumrs's back (bpftool) that the point lookups
//! cannot see — a new slot elsewhere that refers to a backend this write drops — are not
//! seen until the next rebuild: `bpf lb apply` always rebuilds. The index is IPv4's: an
//! IPv6 write reads every map and rebuilds it (its bitmaps hold the IPv6 ids too, one id
//! space).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use bytemuck::{Pod, Zeroable};

use super::affinity::{LbAffinityMatch, read_matches};
use super::backend::{Lb4Backend, Lb6Backend};
use super::family::{Family, V4, V6};
use super::file::ServiceSpec;
use super::revnat::{Lb4ReverseNat, Lb6ReverseNat};
use super::service::{Lb4Key, Lb4Service};
use super::state::{Applied, Snapshot};
use super::{HashMap, LbMaps};
use crate::bpf::map::CreateSpec;
use crate::bpf::{MapFd, MapType};
use crate::error::{Error, Result};
use crate::wire::{Be16, Ip4};

/// Where the index lives, under the bpffs.
pub const DIR: &str = "ciliumrs/lb";
const STATE: &str = "state";
const BACKENDS: &str = "backends";
const FRONTENDS: &str = "frontends";
/// 64 Ki ids in each bitmap: a v1.16 backends map holds 65,536 entries, reverse-NAT ids
/// are 16 bits.
const WORDS: usize = 1024;
const MAX_ENTRIES: u32 = 65536;
const MAGIC: u32 = 0x6c62_6978; // "lbix"

#[repr(C)]
#[derive(Clone, Copy, Pod, Zeroable)]
struct State {
    magic: u32,
    valid: u32,
    /// Map ids of cilium_lb4_services_v2, cilium_lb4_backends_v3, cilium_lb4_reverse_nat,
    /// cilium_lb_affinity_match: another map under those names is another index's.
    ids: [u32; 4],
    backend_bits: [u64; WORDS],
    revnat_bits: [u64; WORDS],
}

const _: () = assert!(std::mem::size_of::<State>() == 24 + 16 * 1024);

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
struct AddrKey {
    address: Ip4,
    port: Be16,
    proto: u8,
    pad: u8,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
struct AddrVal {
    id: u32,
    refs: u32,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
struct FrontKey {
    address: Ip4,
    port: Be16,
    pad: u16,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
struct FrontVal {
    rev_nat: u16,
    slots: u16,
}

fn addr_key(b: &Lb4Backend) -> AddrKey {
    AddrKey { address: b.address, port: b.port, proto: b.proto, pad: 0 }
}

fn front_key(k: &Lb4Key) -> FrontKey {
    FrontKey { address: k.address, port: k.dport, pad: 0 }
}

fn set_bit(bits: &mut [u64; WORDS], id: u64, on: bool) {
    if let Some(i) = usize::try_from(id).ok().filter(|i| *i < WORDS * 64) {
        if on {
            bits[i / 64] |= 1 << (i % 64);
        } else {
            bits[i / 64] &= !(1 << (i % 64));
        }
    }
}

fn dir(bpffs: &Path) -> PathBuf {
    bpffs.join(DIR)
}

fn map_ids(m: &LbMaps) -> [u32; 4] {
    [m.services.info().id, m.backends.info().id, m.revnat.info().id, m.affinity_match.info().id]
}

/// The index's maps, open.
struct Index {
    state: MapFd,
    backends: MapFd,
    frontends: MapFd,
}

impl Index {
    /// The pinned index, if all of it is there with its shapes.
    fn open(bpffs: &Path) -> Option<Index> {
        let open = |name: &str, k: usize, v: usize| {
            let m = MapFd::open_pinned(&dir(bpffs).join(name), false).ok()?;
            (m.key_len() == k && m.value_len() == v).then_some(m)
        };
        Some(Index {
            state: open(STATE, 4, std::mem::size_of::<State>())?,
            backends: open(BACKENDS, 8, 8)?,
            frontends: open(FRONTENDS, 8, 4)?,
        })
    }

    /// Its state, when it is valid and describes these maps.
    fn state(&self, m: &LbMaps) -> Result<Option<Box<State>>> {
        let mut s: Box<State> = Box::new(State::zeroed());
        let found = self
            .state
            .lookup(&0u32.to_ne_bytes(), bytemuck::bytes_of_mut(&mut *s))
            .map_err(|e| Error::sys("look up in", self.state.path().display(), &e))?;
        Ok((found && s.magic == MAGIC && s.valid == 1 && s.ids == map_ids(m)).then_some(s))
    }
}

/// Takes the index's `state` pin away, so that no later write trusts it until it is
/// rebuilt: before any write of the LB maps that does not keep the index.
pub fn invalidate(bpffs: &Path) -> Result<()> {
    crate::maps::unpin(&dir(bpffs).join(STATE)).map(drop)
}

/// Removes the whole index (`reset`); true when there was one.
pub fn remove(bpffs: &Path) -> Result<bool> {
    let mut any = false;
    for name in [STATE, BACKENDS, FRONTENDS] {
        any |= crate::maps::unpin(&dir(bpffs).join(name))?;
    }
    let d = dir(bpffs);
    if d.is_dir() {
        std::fs::remove_dir(&d).map_err(|e| Error::sys("remove", d.display(), &e))?;
    }
    Ok(any)
}

/// What one service's write needs, read through the index and confirmed by point
/// lookups; None when the index is missing, stale or contradicted (the caller then reads
/// every map).
pub(crate) struct Fast {
    index: Index,
    state: Box<State>,
    /// Global slot counts of the backends the snapshot holds.
    refs: BTreeMap<u32, u32>,
}

impl Fast {
    pub(crate) fn load(bpffs: &Path, m: &LbMaps, spec: &ServiceSpec) -> Result<Option<(Fast, Snapshot<V4>)>> {
        let Some(index) = Index::open(bpffs) else { return Ok(None) };
        let Some(state) = index.state(m)? else { return Ok(None) };
        let mut snap = Snapshot::default();
        let mut refs = BTreeMap::new();
        // The index is IPv4's (an IPv6 write reads every map).
        let Some(vip) = V4::addr(spec.vip.ip) else { return Ok(None) };
        let master_key = V4::key(vip, spec.vip.port, 0);
        let front: Option<FrontVal> = crate::maps::get(&index.frontends, &front_key(&master_key))?;
        let master: Option<Lb4Service> = crate::maps::get(&m.services, &master_key)?;
        let slots = match (front, master) {
            (Some(f), Some(ms)) if ms.rev_nat_index.get() == f.rev_nat => {
                snap.services.push((master_key, ms));
                let rn: Option<Lb4ReverseNat> = crate::maps::get(&m.revnat, &Be16::new(f.rev_nat))?;
                let Some(rn) = rn else { return Ok(None) };
                snap.revnats.insert(f.rev_nat, rn);
                Some(f)
            }
            (None, None) => None,
            _ => return Ok(None),
        };
        let n = slots.map_or(0, |f| f.slots);
        // The service's slots are exactly 1..=n.
        for slot in 1..=u32::from(n) + 1 {
            let Ok(slot) = u16::try_from(slot) else { break };
            let k = V4::key(vip, spec.vip.port, slot);
            let s: Option<Lb4Service> = crate::maps::get(&m.services, &k)?;
            match s {
                Some(s)
                    if u32::from(slot) <= u32::from(n)
                        && Some(s.rev_nat_index.get()) == slots.map(|f| f.rev_nat) =>
                {
                    snap.services.push((k, s));
                }
                None if slot > n => {}
                _ => return Ok(None),
            }
        }
        let rev_nat = slots.map(|f| f.rev_nat);
        // Each backend the write may keep, drop or reuse: confirmed in the backends map.
        let mut known = |id: u32, want: Option<AddrKey>, snap: &mut Snapshot<V4>| -> Result<bool> {
            if snap.backends.contains_key(&id) {
                return Ok(true);
            }
            let b: Option<Lb4Backend> = crate::maps::get(&m.backends, &id)?;
            let Some(b) = b else { return Ok(false) };
            if want.is_some_and(|w| w != addr_key(&b)) {
                return Ok(false);
            }
            let v: Option<AddrVal> = crate::maps::get(&index.backends, &addr_key(&b))?;
            match v {
                Some(v) if v.id == id && v.refs > 0 => {
                    refs.insert(id, v.refs);
                    snap.backends.insert(id, b);
                    Ok(true)
                }
                _ => Ok(false),
            }
        };
        let old_ids: Vec<u32> = snap
            .services
            .iter()
            .filter(|(k, _): &&(Lb4Key, Lb4Service)| k.backend_slot > 0)
            .map(|(_, s)| s.backend_id)
            .collect();
        for id in &old_ids {
            if !known(*id, None, &mut snap)? {
                return Ok(None);
            }
        }
        let mut spec_ids = Vec::new();
        for b in &spec.backends {
            let Some(ip) = V4::addr(b.addr.ip) else { return Ok(None) };
            let key = AddrKey {
                address: std::net::Ipv4Addr::from(ip).into(),
                port: Be16::new(b.addr.port),
                proto: spec.proto.0,
                pad: 0,
            };
            let v: Option<AddrVal> = crate::maps::get(&index.backends, &key)?;
            if let Some(v) = v {
                if !known(v.id, Some(key), &mut snap)? {
                    return Ok(None);
                }
                spec_ids.push(v.id);
            }
        }
        // The affinity matches this write may keep, add or drop.
        if let Some(rn) = rev_nat {
            for id in old_ids.iter().chain(&spec_ids) {
                let k = LbAffinityMatch { backend_id: *id, rev_nat_id: Be16::new(rn), pad: 0 };
                let v: Option<u8> = crate::maps::get(&m.affinity_match, &k)?;
                if let Some(v) = v {
                    snap.matches.insert(k, v);
                }
            }
        }
        let in_snapshot_slots = |id: u32| {
            snap.services.iter().filter(|(k, s)| k.backend_slot > 0 && s.backend_id == id).count() as u32
        };
        let elsewhere: BTreeSet<u32> =
            refs.iter().filter(|(id, r)| **r > in_snapshot_slots(**id)).map(|(id, _)| *id).collect();
        snap.used_elsewhere = Some(elsewhere);
        snap.gc_all = true;
        snap.backend_bits = Some(state.backend_bits.to_vec());
        snap.revnat_bits = Some(state.revnat_bits.to_vec());
        Ok(Some((Fast { index, state, refs }, snap)))
    }

    /// Whether the ids the plan takes anew are free in Cilium's maps too.
    pub(crate) fn new_ids_free(
        &self,
        m: &LbMaps,
        snap: &Snapshot<V4>,
        w: &Applied,
        wrote: &[(u32, Lb4Backend)],
    ) -> Result<bool> {
        // In the IPv6 maps too (one id space): entries written since the rebuild by anyone
        // but ciliumrs (whose IPv6 writes take the index away) are not in the bitmaps.
        let v6 = m.v6.as_ref();
        for (id, _) in wrote {
            let taken = crate::maps::get::<u32, Lb4Backend>(&m.backends, id)?.is_some()
                || match v6 {
                    Some(v) => crate::maps::get::<u32, Lb6Backend>(&v.backends, id)?.is_some(),
                    None => false,
                };
            if !snap.backends.contains_key(id) && taken {
                return Ok(false);
            }
        }
        for s in &w.written {
            let id = Be16::new(s.rev_nat);
            let taken = crate::maps::get::<Be16, Lb4ReverseNat>(&m.revnat, &id)?.is_some()
                || match v6 {
                    Some(v) => crate::maps::get::<Be16, Lb6ReverseNat>(&v.revnat, &id)?.is_some(),
                    None => false,
                };
            if s.created && taken {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Takes the `state` pin away before the write (a writer killed between its write and
    /// the index's leaves no valid index behind).
    pub(crate) fn begin(&self, bpffs: &Path) -> Result<()> {
        invalidate(bpffs)
    }

    /// Brings the index up to date with a committed write of one service, and pins its
    /// state again.
    pub(crate) fn commit(
        mut self,
        bpffs: &Path,
        snap: &Snapshot<V4>,
        w: &Applied,
        wrote: &[(u32, Lb4Backend)],
    ) -> Result<()> {
        use crate::maps::{put, remove};
        let mut refs = std::mem::take(&mut self.refs);
        let mut tuples: BTreeMap<u32, AddrKey> =
            snap.backends.iter().map(|(id, b)| (*id, addr_key(b))).collect();
        for (id, b) in wrote {
            tuples.insert(*id, addr_key(b));
            if !snap.backends.contains_key(id) {
                set_bit(&mut self.state.backend_bits, u64::from(*id), true);
            }
        }
        for (k, s) in &snap.services {
            if k.backend_slot > 0 {
                *refs.entry(s.backend_id).or_default() -= 1;
            }
        }
        for s in &w.written {
            for id in &s.backend_ids {
                *refs.entry(*id).or_default() += 1;
            }
            set_bit(&mut self.state.revnat_bits, u64::from(s.rev_nat), true);
            let Some(ip) = V4::addr(s.frontend.ip) else {
                return Err(Error::runtime(format!("{}: not an IPv4 service", s.frontend)));
            };
            let address = std::net::Ipv4Addr::from(ip).into();
            let fk = FrontKey { address, port: Be16::new(s.frontend.port), pad: 0 };
            let fv = FrontVal { rev_nat: s.rev_nat, slots: s.backend_ids.len() as u16 };
            put(&self.index.frontends, &fk, &fv)?;
        }
        let gone: BTreeSet<u32> = w.gone_backends.iter().copied().collect();
        for (id, n) in &refs {
            let Some(t) = tuples.get(id) else { continue };
            if gone.contains(id) {
                remove(&self.index.backends, t)?;
                set_bit(&mut self.state.backend_bits, u64::from(*id), false);
            } else {
                let v = AddrVal { id: *id, refs: *n };
                put(&self.index.backends, t, &v)?;
            }
        }
        put(&self.index.state, &0u32, &*self.state)?;
        let path = dir(bpffs).join(STATE);
        self.index.state.pin(&path).map_err(|e| Error::sys("pin", path.display(), &e))
    }
}

/// Reads every LB map and writes the index anew: valid when the maps hold nothing left
/// over, else marked invalid (writes then read every map, which also cleans what was left).
pub fn rebuild(bpffs: &Path, m: &LbMaps) -> Result<()> {
    let services = super::service::read_services_unsorted(&m.services)?;
    let backends = super::backend::read_backends(&m.backends)?;
    let revnats = super::revnat::read_revnat(&m.revnat)?;
    let matches = read_matches(&m.affinity_match)?;
    let mut state: Box<State> = Box::new(State::zeroed());
    state.magic = MAGIC;
    state.ids = map_ids(m);
    let mut clean = true;
    let mut refs: HashMap<u32, u32> = HashMap::default();
    let mut fronts: HashMap<FrontKey, (Option<u16>, u16, u16)> = HashMap::default();
    for (k, s) in &services {
        let f = fronts.entry(front_key(k)).or_insert((None, 0, 0));
        if k.backend_slot == 0 {
            f.0 = Some(s.rev_nat_index.get());
            set_bit(&mut state.revnat_bits, u64::from(s.rev_nat_index.get()), true);
        } else {
            *refs.entry(s.backend_id).or_default() += 1;
            f.1 = f.1.max(k.backend_slot);
            f.2 += 1;
            clean &= s.rev_nat_index.get() != 0;
        }
    }
    let mut by_rn: HashMap<u16, BTreeSet<u32>> = HashMap::default();
    for (k, s) in &services {
        if k.backend_slot > 0 {
            by_rn.entry(s.rev_nat_index.get()).or_default().insert(s.backend_id);
        }
    }
    let mastered: BTreeSet<u16> = fronts.values().filter_map(|f| f.0).collect();
    // Left over: slots without a master or with a gap, a reverse NAT no master uses, a
    // backend no slot refers to (or two with one address), an affinity match of no slot.
    clean &= fronts.values().all(|(master, max, n)| master.is_some() && max == n);
    clean &= revnats.keys().all(|id| mastered.contains(id));
    clean &= backends.keys().all(|id| refs.contains_key(id) && *id < MAX_ENTRIES);
    // IPv6 services' ids are taken too (one id space); their affinity matches are theirs.
    let (v6_backends, v6_revnat) = super::family::ids::<V6>(m)?;
    clean &= matches.keys().all(|k| {
        v6_revnat.contains(&k.rev_nat_id.get())
            || by_rn.get(&k.rev_nat_id.get()).is_some_and(|ids| ids.contains(&k.backend_id))
    });
    let mut addr_entries: Vec<(AddrKey, AddrVal)> = Vec::with_capacity(backends.len());
    let mut seen = std::collections::HashSet::new();
    for (id, b) in &backends {
        clean &= seen.insert(addr_key(b));
        addr_entries.push((addr_key(b), AddrVal { id: *id, refs: refs.get(id).copied().unwrap_or(0) }));
        set_bit(&mut state.backend_bits, u64::from(*id), true);
    }
    for id in revnats.keys().chain(&v6_revnat) {
        set_bit(&mut state.revnat_bits, u64::from(*id), true);
    }
    for id in &v6_backends {
        set_bit(&mut state.backend_bits, u64::from(*id), true);
    }
    let front_entries: Vec<(FrontKey, FrontVal)> = fronts
        .iter()
        .filter_map(|(k, (m, max, _))| m.map(|rn| (*k, FrontVal { rev_nat: rn, slots: *max })))
        .collect();
    state.valid = u32::from(clean);

    let create = |name: &str, ty: MapType, key: u32, value: u32, max: u32, flags: u32| {
        MapFd::create(&CreateSpec {
            map_type: ty,
            key_size: key,
            value_size: value,
            max_entries: max,
            flags,
            name,
            inner_map: None,
        })
        .map_err(|e| Error::sys("create map", name, &e))
    };
    let mut st = create("ciliumrs_lb_st", MapType::ARRAY, 4, std::mem::size_of::<State>() as u32, 1, 0)?;
    let mut be = create("ciliumrs_lb_be", MapType::HASH, 8, 8, MAX_ENTRIES, crate::maps::spec::NO_PREALLOC)?;
    let mut fe = create("ciliumrs_lb_fe", MapType::HASH, 8, 4, MAX_ENTRIES, crate::maps::spec::NO_PREALLOC)?;
    crate::maps::txn::put_all(&be, &addr_entries)?;
    crate::maps::txn::put_all(&fe, &front_entries)?;
    st.update(&0u32.to_ne_bytes(), bytemuck::bytes_of(&*state))
        .map_err(|e| Error::sys("update", "the LB index", &e))?;
    let d = dir(bpffs);
    std::fs::create_dir_all(&d).map_err(|e| Error::sys("create", d.display(), &e))?;
    // The state goes first and comes back last: in between, no index is trusted.
    invalidate(bpffs)?;
    for (name, map) in [(BACKENDS, &mut be), (FRONTENDS, &mut fe), (STATE, &mut st)] {
        let p = d.join(name);
        crate::maps::unpin(&p)?;
        map.pin(&p).map_err(|e| Error::sys("pin", p.display(), &e))?;
    }
    Ok(())
}
