//! The one LB writer. `bpf lb apply` writes a whole services file, `bpf lb update` one
//! service (through the index when it agrees with the maps), `bpf lb delete` removes one;
//! all in the order the datapath can never see half done: backends, reverse NAT, slots,
//! affinity matches, then the master entries (which make the new slots visible), then stale
//! slots and the backends no slot refers to. Services not written are left alone. Ids are
//! allocated in memory, lowest free first; every write is one transaction ([`crate::maps::txn`]):
//! a failure at any map write puts every map back as it was.

use std::collections::BTreeSet;

use super::HashMap;
use super::LbMaps;
use super::affinity::{LbAffinityMatch, read_matches};
use super::backend::{BackendSpec, Lb4Backend, read_backends};
use super::file::ServiceSpec;
use super::index;
use super::revnat::{Lb4ReverseNat, read_revnat};
use super::service::{
    Lb4Key, Lb4Service, SVC_FLAG_AFFINITY, SVC_FLAG_ROUTABLE, SvcType, read_services_unsorted,
};
use super::state::{Applied, ServiceWrite, Snapshot};
use crate::error::{Error, Result};
use crate::maps::txn::Txn;
use crate::netaddr::SockAddr4;
use crate::wire::{Be16, Ip4};

/// The lowest free ids from 1, one at a time.
struct Free<'a> {
    used: &'a dyn Fn(u64) -> bool,
    next: u64,
    max: u64,
}

impl Free<'_> {
    fn take(&mut self, what: &str) -> Result<u64> {
        while self.next <= self.max && (self.used)(self.next) {
            self.next += 1;
        }
        if self.next > self.max {
            return Err(Error::runtime(format!("no free {what} id (all {} in use)", self.max)));
        }
        self.next += 1;
        Ok(self.next - 1)
    }
}

fn check_sizes(specs: &[ServiceSpec]) -> Result<()> {
    if let Some(s) = specs.iter().find(|s| s.backends.len() > usize::from(u16::MAX)) {
        return Err(Error::usage(format!(
            "service {}: {} backends is over the 65535 slots a service has",
            s.vip,
            s.backends.len()
        )));
    }
    Ok(())
}

/// Writes every service of `specs` (see the module doc) from a full read of the maps, and
/// rebuilds the LB index after. A failure at any write puts every map back as it was.
pub fn apply(m: &LbMaps, specs: &[ServiceSpec]) -> Result<Applied> {
    check_sizes(specs)?;
    index::invalidate(&m.bpffs)?;
    let done = write(m, &Snapshot::read(m)?, specs)?;
    if m.keeps_index() {
        // NB: the write is done whatever becomes of the index: an index that could not be
        // written has no `state` pin, so no later write trusts it (the next one rebuilds).
        let _ = index::rebuild(&m.bpffs, m);
    }
    Ok(done)
}

/// Creates or replaces one service (`bpf lb update`): through the index when it is there
/// and agrees with the maps (a few point lookups), else from a full read, which rebuilds
/// the index after. Active backends take slots 1..count, the others follow them (as Cilium
/// writes them); a backend that stays keeps its id, whatever its state.
pub fn update(m: &LbMaps, spec: &ServiceSpec) -> Result<ServiceWrite> {
    let mut done = write_one(m, spec)?;
    done.written.pop().ok_or_else(|| Error::runtime(format!("service {} was not written", spec.vip)))
}

fn write_one(m: &LbMaps, spec: &ServiceSpec) -> Result<Applied> {
    let specs = std::slice::from_ref(spec);
    check_sizes(specs)?;
    if m.keeps_index() {
        if let Some((fast, snap)) = index::Fast::load(&m.bpffs, m, spec)? {
            // A plan the index cannot make (its bitmaps hold ids below 65536 only) is made
            // from a full read instead.
            let Ok(plan) = plan(&snap, specs) else { return apply(m, specs) };
            if fast.new_ids_free(m, &snap, &plan.applied)? {
                fast.begin(&m.bpffs)?;
                let done = commit(m, plan)?;
                // NB: as in `apply`, a failed index update leaves no `state` pin behind.
                let _ = fast.commit(&m.bpffs, &snap, &done);
                return Ok(done);
            }
        }
    }
    apply(m, specs)
}

/// Plans and commits a write from what `snap` knows.
fn write(m: &LbMaps, snap: &Snapshot, specs: &[ServiceSpec]) -> Result<Applied> {
    let p = plan(snap, specs)?;
    commit(m, p)
}

/// Every write a transaction makes, with what each key held before.
struct Plan {
    applied: Applied,
    backends_w: Vec<(u32, Lb4Backend)>,
    old_backends: Vec<Option<Lb4Backend>>,
    revnat_w: Vec<(Be16, Lb4ReverseNat)>,
    old_revnat: Vec<Option<Lb4ReverseNat>>,
    slots_w: Vec<(Lb4Key, Lb4Service)>,
    old_slot_values: Vec<Option<Lb4Service>>,
    match_w: Vec<(LbAffinityMatch, u8)>,
    old_match: Vec<Option<u8>>,
    masters_w: Vec<(Lb4Key, Lb4Service)>,
    old_masters: Vec<Option<Lb4Service>>,
    stale_slots: Vec<(Lb4Key, Lb4Service)>,
    stale_match: Vec<(LbAffinityMatch, u8)>,
    orphans: Vec<(u32, Lb4Backend)>,
}

fn plan(snap: &Snapshot, specs: &[ServiceSpec]) -> Result<Plan> {
    let Snapshot { services, backends, revnats, matches, .. } = snap;
    let mut matches_by_revnat: HashMap<u16, Vec<LbAffinityMatch>> = HashMap::default();
    for k in matches.keys() {
        matches_by_revnat.entry(k.rev_nat_id.get()).or_default().push(*k);
    }
    let front = |k: &Lb4Key| (k.address, k.dport);
    let mut masters = HashMap::default();
    let mut max_slot: HashMap<_, u16> = HashMap::default();
    for (k, s) in services {
        if k.backend_slot == 0 {
            masters.insert(front(k), *s);
        } else {
            let e = max_slot.entry(front(k)).or_default();
            *e = (*e).max(k.backend_slot);
        }
    }
    let by_tuple: HashMap<(u32, u16, u8), u32> = backends
        .iter()
        .map(|(id, b)| ((u32::from_ne_bytes(b.address.octets()), b.port.get(), b.proto), *id))
        .collect();
    let used_backends: BTreeSet<u64> = backends.keys().map(|id| u64::from(*id)).collect();
    let mut used_revnat: BTreeSet<u64> = revnats.keys().map(|id| u64::from(*id)).collect();
    used_revnat.extend(masters.values().map(|s| u64::from(s.rev_nat_index.get())));
    let bit = |bits: &Vec<u64>, id: u64| {
        usize::try_from(id).ok().and_then(|i| bits.get(i / 64)).is_none_or(|w| w & (1 << (id % 64)) != 0)
    };
    let backend_used =
        |id: u64| snap.backend_bits.as_ref().is_some_and(|b| bit(b, id)) || used_backends.contains(&id);
    let revnat_used =
        |id: u64| snap.revnat_bits.as_ref().is_some_and(|b| bit(b, id)) || used_revnat.contains(&id);
    // A reverse-NAT entry no master uses, for a frontend: left by a write that was killed
    // before its master entry; the same service written again takes it back.
    let mastered: BTreeSet<u16> = masters.values().map(|s| s.rev_nat_index.get()).collect();
    let orphan_revnat: HashMap<(Ip4, Be16), u16> = revnats
        .iter()
        .filter(|(id, _)| !mastered.contains(id))
        .map(|(id, r)| ((r.address, r.port), *id))
        .collect();
    // The index's bitmaps end at 65535: past it, the full read decides.
    let backend_max = if snap.backend_bits.is_some() { 65535 } else { u64::from(u32::MAX) };
    let mut free_backend = Free { used: &backend_used, next: 1, max: backend_max };
    let mut free_revnat = Free { used: &revnat_used, next: 1, max: u64::from(u16::MAX) };

    let mut new_backends: HashMap<(u32, u16, u8), u32> = HashMap::default();
    let (mut backends_w, mut revnat_w, mut slots_w, mut match_w, mut masters_w) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut stale_slots, mut stale_match) = (Vec::new(), Vec::new());
    let mut written_ids: HashMap<u32, Lb4Backend> = HashMap::default();
    let mut applied = Applied { services: specs.len(), ..Default::default() };
    for s in specs {
        let master_key = Lb4Key::new(s.vip, 0);
        let old = masters.get(&front(&master_key)).copied();
        let rev_nat = match (old, orphan_revnat.get(&front(&master_key))) {
            (Some(o), _) if o.rev_nat_index.get() != 0 => o.rev_nat_index.get(),
            (None, Some(id)) => *id,
            _ => free_revnat.take("reverse-NAT")? as u16,
        };
        if old.is_none() {
            applied.created += 1;
        }
        let mut ordered: Vec<BackendSpec> = s.backends.iter().filter(|b| b.state == 0).copied().collect();
        ordered.extend(s.backends.iter().filter(|b| b.state != 0));
        let active = s.backends.iter().filter(|b| b.state == 0).count();
        let mut ids = Vec::with_capacity(ordered.len());
        for b in &ordered {
            let want = Lb4Backend {
                address: b.addr.ip.into(),
                port: Be16::new(b.addr.port),
                proto: s.proto.0,
                flags: b.state,
                ..Default::default()
            };
            let tuple = (u32::from_ne_bytes(b.addr.ip.octets()), b.addr.port, s.proto.0);
            let id = match by_tuple.get(&tuple).or_else(|| new_backends.get(&tuple)) {
                Some(id) => *id,
                None => {
                    let id = free_backend.take("backend")? as u32;
                    new_backends.insert(tuple, id);
                    id
                }
            };
            let current = written_ids.get(&id).copied().or_else(|| backends.get(&id).copied());
            if current != Some(want) {
                written_ids.insert(id, want);
            }
            ids.push(id);
        }
        revnat_w.push((
            Be16::new(rev_nat),
            Lb4ReverseNat { address: s.vip.ip.into(), port: Be16::new(s.vip.port) },
        ));
        for (i, id) in ids.iter().enumerate() {
            let svc = Lb4Service { backend_id: *id, rev_nat_index: Be16::new(rev_nat), ..Default::default() };
            slots_w.push((Lb4Key::new(s.vip, (i + 1) as u16), svc));
        }
        let (mut flags, flags2) = old.map_or((0, 0), |o| (o.flags, o.flags2));
        flags = (flags & !(SvcType::TYPE_BITS | SVC_FLAG_ROUTABLE)) | s.kind.flags();
        let backend_id = match s.affinity_timeout {
            Some(t) => {
                flags |= SVC_FLAG_AFFINITY;
                for id in &ids {
                    match_w.push((
                        LbAffinityMatch { backend_id: *id, rev_nat_id: Be16::new(rev_nat), pad: 0 },
                        0u8,
                    ));
                }
                t
            }
            None => {
                flags &= !SVC_FLAG_AFFINITY;
                0
            }
        };
        let old_max = max_slot.get(&front(&master_key)).copied().unwrap_or(0);
        let first_stale = stale_slots.len();
        for slot in (ids.len() as u16 + 1)..=old_max {
            stale_slots.push(Lb4Key::new(s.vip, slot));
        }
        applied.written.push(ServiceWrite {
            frontend: s.vip,
            rev_nat,
            backend_ids: ids.clone(),
            created: old.is_none(),
            removed_slots: (stale_slots.len() - first_stale) as u16,
        });
        masters_w.push((
            master_key,
            Lb4Service {
                backend_id,
                count: active as u16,
                rev_nat_index: Be16::new(rev_nat),
                flags,
                flags2,
                qcount: 0,
            },
        ));
        // Affinity-match entries of this service that its new backends do not keep: the old
        // backends', and any a killed writer left after it had replaced their slots.
        let keep: BTreeSet<u32> =
            if s.affinity_timeout.is_some() { ids.iter().copied().collect() } else { BTreeSet::new() };
        for k in matches_by_revnat.get(&rev_nat).into_iter().flatten() {
            if !keep.contains(&k.backend_id) {
                stale_match.push(*k);
            }
        }
    }
    backends_w.extend(written_ids);
    backends_w.sort_by_key(|(id, _)| *id);
    applied.backends_written = backends_w.len();
    applied.slots_written = slots_w.len();

    // Stale entries are removed with the values they hold, so that undo can put them back.
    let old_slots: HashMap<Lb4Key, Lb4Service> = services.iter().copied().collect();
    stale_slots.sort_by_key(|k| (k.address.octets(), k.dport.get(), k.backend_slot));
    stale_slots.dedup();
    let stale_slots: Vec<(Lb4Key, Lb4Service)> =
        stale_slots.into_iter().filter_map(|k| old_slots.get(&k).map(|v| (k, *v))).collect();
    let mut seen_match: std::collections::HashSet<LbAffinityMatch> =
        match_w.iter().map(|(k, _)| *k).collect();
    let stale_match: Vec<(LbAffinityMatch, u8)> = stale_match
        .into_iter()
        .filter(|k| seen_match.insert(*k))
        .filter_map(|k| matches.get(&k).map(|v| (k, *v)))
        .collect();
    // Backends no slot refers to once this write is done: the ones the file's services used
    // before, and any left by a writer killed before it collected them (Cilium's agent
    // removes such orphans too when it restores its services).
    let stale_keys: std::collections::HashSet<Lb4Key> = stale_slots.iter().map(|(k, _)| *k).collect();
    let written_keys: std::collections::HashSet<Lb4Key> = slots_w.iter().map(|(k, _)| *k).collect();
    let in_use: BTreeSet<u32> = services
        .iter()
        .filter(|(k, _)| k.backend_slot > 0 && !stale_keys.contains(k) && !written_keys.contains(k))
        .map(|(_, s)| s.backend_id)
        .chain(slots_w.iter().map(|(_, s)| s.backend_id))
        .collect();
    let written: std::collections::HashSet<u32> = backends_w.iter().map(|(id, _)| *id).collect();
    let elsewhere = |id: &u32| snap.used_elsewhere.as_ref().is_some_and(|e| e.contains(id));
    let rewritten: std::collections::HashSet<(Ip4, Be16)> =
        specs.iter().map(|s| (s.vip.ip.into(), Be16::new(s.vip.port))).collect();
    let rewritten_ids: BTreeSet<u32> = services
        .iter()
        .filter(|(k, _)| k.backend_slot > 0 && rewritten.contains(&front(k)))
        .map(|(_, s)| s.backend_id)
        .collect();
    let candidate = |id: &u32| snap.gc_all || rewritten_ids.contains(id);
    let orphans: Vec<(u32, Lb4Backend)> = backends
        .iter()
        .filter(|(id, _)| candidate(id) && !in_use.contains(id) && !written.contains(id) && !elsewhere(id))
        .map(|(id, b)| (*id, *b))
        .collect();

    let olds = |w: &[(u32, Lb4Backend)]| w.iter().map(|(id, _)| backends.get(id).copied()).collect();
    let old_backends: Vec<Option<Lb4Backend>> = olds(&backends_w);
    let old_revnat: Vec<Option<Lb4ReverseNat>> =
        revnat_w.iter().map(|(id, _)| revnats.get(&id.get()).copied()).collect();
    let old_slot_values: Vec<Option<Lb4Service>> =
        slots_w.iter().map(|(k, _)| old_slots.get(k).copied()).collect();
    let old_match: Vec<Option<u8>> = match_w.iter().map(|(k, _)| matches.get(k).copied()).collect();
    let old_masters: Vec<Option<Lb4Service>> =
        masters_w.iter().map(|(k, _)| old_slots.get(k).copied()).collect();
    applied.wrote_backends = backends_w.clone();
    Ok(Plan {
        applied,
        backends_w,
        old_backends,
        revnat_w,
        old_revnat,
        slots_w,
        old_slot_values,
        match_w,
        old_match,
        masters_w,
        old_masters,
        stale_slots,
        stale_match,
        orphans,
    })
}

/// Runs a plan as one transaction, in the order the datapath can never see half done: what
/// the new slots refer to, the slots, then the master entries that make them visible, then
/// what nothing refers to.
fn commit(m: &LbMaps, p: Plan) -> Result<Applied> {
    let mut applied = p.applied;
    let (n_stale_slots, n_orphans) = (p.stale_slots.len(), p.orphans.len());
    applied.gone_backends = p.orphans.iter().map(|(id, _)| *id).collect();
    let mut txn = Txn::default();
    txn.put(&m.backends, p.backends_w, p.old_backends);
    txn.put(&m.revnat, p.revnat_w, p.old_revnat);
    txn.put(&m.services, p.slots_w, p.old_slot_values);
    txn.put(&m.affinity_match, p.match_w, p.old_match);
    txn.put(&m.services, p.masters_w, p.old_masters);
    let removed_slots = txn.remove(&m.services, p.stale_slots);
    txn.remove(&m.affinity_match, p.stale_match);
    let removed_backends = txn.remove(&m.backends, p.orphans);
    let done = txn.commit()?;
    applied.slots_removed = done[removed_slots];
    applied.backends_removed = done[removed_backends];
    debug_assert!(applied.slots_removed <= n_stale_slots && applied.backends_removed <= n_orphans);
    Ok(applied)
}

/// Deletes the service `vip` as one transaction ([`crate::maps::txn`]): its master entry first
/// (the datapath stops selecting it), then its slots and affinity-match entries, the
/// backends no slot refers to any more, and its reverse-NAT entry last. What a delete that
/// was killed midway left (slots without their master, a reverse-NAT entry for `vip` that no
/// master uses) is found and removed by the next delete of the same service. Returns false
/// when nothing of `vip` is in the maps.
pub fn delete_service(m: &LbMaps, vip: SockAddr4) -> Result<bool> {
    let master_key = Lb4Key::new(vip, 0);
    let services = read_services_unsorted(&m.services)?;
    let backends = read_backends(&m.backends)?;
    let revnats = read_revnat(&m.revnat)?;
    let same = |k: &Lb4Key| k.address == master_key.address && k.dport == master_key.dport;
    let (mine, others): (Vec<_>, Vec<_>) = services.iter().copied().partition(|(k, _)| same(k));
    let (masters, slots): (Vec<_>, Vec<_>) = mine.into_iter().partition(|(k, _)| k.backend_slot == 0);
    let others_revnat: BTreeSet<u16> = others.iter().map(|(_, s)| s.rev_nat_index.get()).collect();
    // Its reverse-NAT ids: the master's and the slots', or an entry for this frontend that
    // no other service uses (left by a killed delete after its slots were gone).
    let mut rev_ids: BTreeSet<u16> =
        masters.iter().chain(&slots).map(|(_, s)| s.rev_nat_index.get()).filter(|id| *id != 0).collect();
    rev_ids.extend(
        revnats
            .iter()
            .filter(|(id, r)| {
                r.address == master_key.address && r.port == master_key.dport && !others_revnat.contains(id)
            })
            .map(|(id, _)| *id),
    );
    let revnat_gone: Vec<(Be16, Lb4ReverseNat)> = rev_ids
        .iter()
        .filter(|id| !others_revnat.contains(id))
        .filter_map(|id| revnats.get(id).map(|r| (Be16::new(*id), *r)))
        .collect();
    if masters.is_empty() && slots.is_empty() && revnat_gone.is_empty() {
        return Ok(false);
    }
    // This write does not keep the writer's index: the next write rebuilds it.
    index::invalidate(&m.bpffs)?;
    let matches = read_matches(&m.affinity_match)?;
    let match_gone: Vec<(LbAffinityMatch, u8)> = matches
        .iter()
        .filter(|(k, _)| {
            rev_ids.contains(&k.rev_nat_id.get()) && !others_revnat.contains(&k.rev_nat_id.get())
        })
        .map(|(k, v)| (*k, *v))
        .collect();
    let in_use: BTreeSet<u32> =
        others.iter().filter(|(k, _)| k.backend_slot > 0).map(|(_, s)| s.backend_id).collect();
    // Every backend no slot refers to then; beside a Cilium agent (which writes a backend
    // before the slots that use it) only this service's own.
    let own: BTreeSet<u32> = slots.iter().map(|(_, s)| s.backend_id).collect();
    let gc_all = crate::agent::socket().is_none();
    let backends_gone: Vec<(u32, Lb4Backend)> = backends
        .iter()
        .filter(|(id, _)| (gc_all || own.contains(id)) && !in_use.contains(id))
        .map(|(id, b)| (*id, *b))
        .collect();
    let mut txn = Txn::default();
    txn.remove(&m.services, masters);
    txn.remove(&m.services, slots);
    txn.remove(&m.affinity_match, match_gone);
    txn.remove(&m.backends, backends_gone);
    txn.remove(&m.revnat, revnat_gone);
    txn.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_lowest_free_ones() {
        let used: BTreeSet<u64> = [1, 2, 4].into_iter().collect();
        let is_used = |id: u64| used.contains(&id);
        let mut f = Free { used: &is_used, next: 1, max: 100 };
        let got: Vec<u64> = (0..3).map(|_| f.take("backend").unwrap()).collect();
        assert_eq!(got, vec![3, 5, 6]);
        let mut f = Free { used: &is_used, next: 1, max: 5 };
        assert_eq!((f.take("backend").unwrap(), f.take("backend").unwrap()), (3, 5));
        assert!(f.take("backend").is_err(), "exhausted at the maximum");
        assert_eq!(Free { used: &|_| false, next: 1, max: 65535 }.take("reverse-NAT").unwrap(), 1);
    }
}
