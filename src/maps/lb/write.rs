//! The one LB writer, for both families ([`Family`]). `bpf lb apply` writes a whole
//! services file, `bpf lb update` one service (an IPv4 one through the index when it agrees
//! with the maps), `bpf lb delete` removes one; all in the order the datapath can never see
//! half done: backends, reverse NAT, slots, affinity matches, then the master entries (which
//! make the new slots visible), then stale slots and the backends no slot refers to.
//! Services not written are left alone. Ids are allocated in memory, lowest free first, from
//! the ids of both families; every write is one transaction ([`crate::maps::txn`]), a file
//! of both families too: a failure at any map write puts every map back as it was.

use std::collections::BTreeSet;

use super::HashMap;
use super::LbMaps;
use super::affinity::{LbAffinityMatch, read_matches};
use super::backend::BackendSpec;
use super::family::{Family, FamilyMaps, V4, V6, read_revnat, read_services};
use super::file::ServiceSpec;
use super::index;
use super::service::{Lb4Service, SVC_FLAG_AFFINITY, SVC_FLAG_ROUTABLE, SvcType};
use super::state::{Applied, ServiceWrite, Snapshot};
use crate::error::{Error, Result};
use crate::maps::txn::Txn;
use crate::netaddr::SockAddr;
use crate::wire::Be16;

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
    for s in specs {
        s.check_families()?;
    }
    Ok(())
}

/// A family's maps, or the error that names the missing IPv6 map for `what`.
fn maps_for<'m, F: Family>(m: &'m LbMaps, what: &SockAddr) -> Result<FamilyMaps<'m>> {
    F::maps(m).ok_or_else(|| {
        Error::runtime(format!(
            "service {what}: {} is not pinned under {} (an IPv4-only node; `init --maps-only --ipv6` creates the IPv6 maps); nothing was changed",
            F::SERVICES.name,
            m.bpffs.display()
        ))
    })
}

/// Writes every service of `specs` (see the module doc) from a full read of the maps, and
/// rebuilds the LB index after. A failure at any write puts every map back as it was.
pub fn apply(m: &LbMaps, specs: &[ServiceSpec]) -> Result<Applied> {
    check_sizes(specs)?;
    let (v4, v6): (Vec<ServiceSpec>, Vec<ServiceSpec>) =
        specs.iter().cloned().partition(|s| s.vip.ip.is_ipv4());
    if let Some(s) = v6.first() {
        maps_for::<V6>(m, &s.vip)?;
    }
    index::invalidate(&m.bpffs)?;
    // A family is written (and its leftovers collected) only where the file has services
    // of it; an empty file is IPv4's, as before IPv6.
    let p4 = plan(&Snapshot::<V4>::read(m)?, &v4)?;
    let write4 = !v4.is_empty() || v6.is_empty();
    let p6 = match V6::maps(m) {
        Some(_) if !v6.is_empty() => {
            // The ids the IPv4 plan takes are the IPv6 plan's to avoid too; those it frees
            // (removed before the IPv6 writes, in the one transaction) are free, as they are
            // to the same apply run again after a kill.
            let mut snap = Snapshot::<V6>::read(m)?;
            if write4 {
                for (id, _) in &p4.orphans {
                    snap.foreign_backends.remove(id);
                }
                for w in &p4.applied.written {
                    snap.foreign_revnat.insert(w.rev_nat);
                    snap.foreign_backends.extend(&w.backend_ids);
                }
            }
            Some(plan(&snap, &v6)?)
        }
        _ => None,
    };
    let mut txn = Txn::default();
    let mut staged = Vec::new();
    if write4 {
        staged.push(stage(&mut txn, m, p4)?);
    }
    if let Some(p) = p6 {
        staged.push(stage(&mut txn, m, p)?);
    }
    let done = finish(txn, staged)?;
    if m.keeps_index() {
        // NB: the write is done whatever becomes of the index: an index that could not be
        // written has no `state` pin, so no later write trusts it (the next one rebuilds).
        let _ = index::rebuild(&m.bpffs, m);
    }
    // The file's order (the families were planned apart; a file names a frontend once).
    let mut done = done;
    let order: HashMap<SockAddr, usize> = specs.iter().enumerate().map(|(i, s)| (s.vip, i)).collect();
    done.written.sort_by_key(|w| order.get(&w.frontend).copied());
    Ok(done)
}

/// Creates or replaces one service (`bpf lb update`): an IPv4 one through the index when it
/// is there and agrees with the maps (a few point lookups), else from a full read, which
/// rebuilds the index after. Active backends take slots 1..count, the others follow them
/// (as Cilium writes them); a backend that stays keeps its id, whatever its state.
pub fn update(m: &LbMaps, spec: &ServiceSpec) -> Result<ServiceWrite> {
    let mut done = write_one(m, spec)?;
    done.written.pop().ok_or_else(|| Error::runtime(format!("service {} was not written", spec.vip)))
}

fn write_one(m: &LbMaps, spec: &ServiceSpec) -> Result<Applied> {
    let specs = std::slice::from_ref(spec);
    check_sizes(specs)?;
    if m.keeps_index() && spec.vip.ip.is_ipv4() {
        if let Some((fast, snap)) = index::Fast::load(&m.bpffs, m, spec)? {
            // A plan the index cannot make (its bitmaps hold ids below 65536 only) is made
            // from a full read instead.
            let Ok(plan) = plan(&snap, specs) else { return apply(m, specs) };
            if fast.new_ids_free(m, &snap, &plan.applied, &plan.backends_w)? {
                fast.begin(&m.bpffs)?;
                let wrote = plan.backends_w.clone();
                let mut txn = Txn::default();
                let staged = stage(&mut txn, m, plan)?;
                let done = finish(txn, vec![staged])?;
                // NB: as in `apply`, a failed index update leaves no `state` pin behind.
                let _ = fast.commit(&m.bpffs, &snap, &done, &wrote);
                return Ok(done);
            }
        }
    }
    apply(m, specs)
}

/// Every write a transaction makes, with what each key held before.
struct Plan<F: Family> {
    applied: Applied,
    backends_w: Vec<(u32, F::Backend)>,
    old_backends: Vec<Option<F::Backend>>,
    revnat_w: Vec<(Be16, F::RevNat)>,
    old_revnat: Vec<Option<F::RevNat>>,
    slots_w: Vec<(F::Key, Lb4Service)>,
    old_slot_values: Vec<Option<Lb4Service>>,
    match_w: Vec<(LbAffinityMatch, u8)>,
    old_match: Vec<Option<u8>>,
    masters_w: Vec<(F::Key, Lb4Service)>,
    old_masters: Vec<Option<Lb4Service>>,
    stale_slots: Vec<(F::Key, Lb4Service)>,
    stale_match: Vec<(LbAffinityMatch, u8)>,
    orphans: Vec<(u32, F::Backend)>,
}

/// A spec's address in family `F` (the families of a spec were checked with it).
fn addr_of<F: Family>(a: &SockAddr) -> Result<F::Addr> {
    F::addr(a.ip).ok_or_else(|| Error::usage(format!("{a}: not in the family of the service it is in")))
}

fn plan<F: Family>(snap: &Snapshot<F>, specs: &[ServiceSpec]) -> Result<Plan<F>> {
    let Snapshot { services, backends, revnats, matches, .. } = snap;
    let mut matches_by_revnat: HashMap<u16, Vec<LbAffinityMatch>> = HashMap::default();
    for k in matches.keys() {
        matches_by_revnat.entry(k.rev_nat_id.get()).or_default().push(*k);
    }
    let front = |k: &F::Key| {
        let (a, p, _) = F::key_parts(k);
        (a, p)
    };
    let slot_of = |k: &F::Key| F::key_parts(k).2;
    let mut masters = HashMap::default();
    let mut max_slot: HashMap<_, u16> = HashMap::default();
    for (k, s) in services {
        if slot_of(k) == 0 {
            masters.insert(front(k), *s);
        } else {
            let e = max_slot.entry(front(k)).or_default();
            *e = (*e).max(slot_of(k));
        }
    }
    let by_tuple: HashMap<(F::Addr, u16, u8), u32> =
        backends.iter().map(|(id, b)| (F::backend_tuple(b), *id)).collect();
    let mut used_backends: BTreeSet<u64> = backends.keys().map(|id| u64::from(*id)).collect();
    used_backends.extend(snap.foreign_backends.iter().map(|id| u64::from(*id)));
    let mut used_revnat: BTreeSet<u64> = revnats.keys().map(|id| u64::from(*id)).collect();
    used_revnat.extend(masters.values().map(|s| u64::from(s.rev_nat_index.get())));
    used_revnat.extend(snap.foreign_revnat.iter().map(|id| u64::from(*id)));
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
    let orphan_revnat: HashMap<(F::Addr, Be16), u16> = revnats
        .iter()
        .filter(|(id, _)| !mastered.contains(id))
        .map(|(id, r)| (F::revnat_front(r), *id))
        .collect();
    // The index's bitmaps end at 65535: past it, the full read decides.
    let backend_max = if snap.backend_bits.is_some() { 65535 } else { u64::from(u32::MAX) };
    let mut free_backend = Free { used: &backend_used, next: 1, max: backend_max };
    let mut free_revnat = Free { used: &revnat_used, next: 1, max: u64::from(u16::MAX) };

    let mut new_backends: HashMap<(F::Addr, u16, u8), u32> = HashMap::default();
    let (mut backends_w, mut revnat_w, mut slots_w, mut match_w, mut masters_w) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut stale_slots, mut stale_match) = (Vec::new(), Vec::new());
    let mut written_ids: HashMap<u32, F::Backend> = HashMap::default();
    let mut applied = Applied { services: specs.len(), ..Default::default() };
    let mut rewritten = std::collections::HashSet::new();
    for s in specs {
        let vip = addr_of::<F>(&s.vip)?;
        let master_key = F::key(vip, s.vip.port, 0);
        rewritten.insert(front(&master_key));
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
            let want = F::backend(addr_of::<F>(&b.addr)?, b.addr.port, s.proto.0, b.state);
            let tuple = F::backend_tuple(&want);
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
        revnat_w.push((Be16::new(rev_nat), F::revnat(vip, s.vip.port)));
        for (i, id) in ids.iter().enumerate() {
            let svc = Lb4Service { backend_id: *id, rev_nat_index: Be16::new(rev_nat), ..Default::default() };
            slots_w.push((F::key(vip, s.vip.port, (i + 1) as u16), svc));
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
        // (usize: a service of 65535 backends has no slot after its last.)
        for slot in (ids.len() + 1)..=usize::from(old_max) {
            stale_slots.push(F::key(vip, s.vip.port, slot as u16));
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
    let old_slots: HashMap<F::Key, Lb4Service> = services.iter().copied().collect();
    stale_slots.sort_by_key(|k| {
        let (a, p, slot) = F::key_parts(k);
        (a, p.get(), slot)
    });
    stale_slots.dedup();
    let stale_slots: Vec<(F::Key, Lb4Service)> =
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
    let stale_keys: std::collections::HashSet<F::Key> = stale_slots.iter().map(|(k, _)| *k).collect();
    let written_keys: std::collections::HashSet<F::Key> = slots_w.iter().map(|(k, _)| *k).collect();
    let in_use: BTreeSet<u32> = services
        .iter()
        .filter(|(k, _)| slot_of(k) > 0 && !stale_keys.contains(k) && !written_keys.contains(k))
        .map(|(_, s)| s.backend_id)
        .chain(slots_w.iter().map(|(_, s)| s.backend_id))
        .collect();
    let written: std::collections::HashSet<u32> = backends_w.iter().map(|(id, _)| *id).collect();
    let elsewhere = |id: &u32| snap.used_elsewhere.as_ref().is_some_and(|e| e.contains(id));
    let rewritten_ids: BTreeSet<u32> = services
        .iter()
        .filter(|(k, _)| slot_of(k) > 0 && rewritten.contains(&front(k)))
        .map(|(_, s)| s.backend_id)
        .collect();
    let candidate = |id: &u32| snap.gc_all || rewritten_ids.contains(id);
    let orphans: Vec<(u32, F::Backend)> = backends
        .iter()
        .filter(|(id, _)| candidate(id) && !in_use.contains(id) && !written.contains(id) && !elsewhere(id))
        .map(|(id, b)| (*id, *b))
        .collect();

    let old_backends = backends_w.iter().map(|(id, _)| backends.get(id).copied()).collect();
    let old_revnat = revnat_w.iter().map(|(id, _)| revnats.get(&id.get()).copied()).collect();
    let old_slot_values = slots_w.iter().map(|(k, _)| old_slots.get(k).copied()).collect();
    let old_match = match_w.iter().map(|(k, _)| matches.get(k).copied()).collect();
    let old_masters = masters_w.iter().map(|(k, _)| old_slots.get(k).copied()).collect();
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

/// A plan's steps in a transaction, and where to read what its removals did.
struct Staged {
    applied: Applied,
    removed_slots: usize,
    removed_backends: usize,
}

/// Adds a plan's steps to `txn`, in the order the datapath can never see half done: what
/// the new slots refer to, the slots, then the master entries that make them visible, then
/// what nothing refers to.
fn stage<'m, F: Family>(txn: &mut Txn<'m>, m: &'m LbMaps, p: Plan<F>) -> Result<Staged> {
    let Some(fm) = F::maps(m) else {
        return Err(Error::runtime(format!("{} is not pinned", F::SERVICES.name)));
    };
    let mut applied = p.applied;
    applied.gone_backends = p.orphans.iter().map(|(id, _)| *id).collect();
    txn.put(fm.backends, p.backends_w, p.old_backends);
    txn.put(fm.revnat, p.revnat_w, p.old_revnat);
    txn.put(fm.services, p.slots_w, p.old_slot_values);
    txn.put(&m.affinity_match, p.match_w, p.old_match);
    txn.put(fm.services, p.masters_w, p.old_masters);
    let removed_slots = txn.remove(fm.services, p.stale_slots);
    txn.remove(&m.affinity_match, p.stale_match);
    let removed_backends = txn.remove(fm.backends, p.orphans);
    Ok(Staged { applied, removed_slots, removed_backends })
}

/// Commits `txn` and adds up what each staged plan did.
fn finish(txn: Txn<'_>, staged: Vec<Staged>) -> Result<Applied> {
    let done = txn.commit()?;
    let mut all = Applied::default();
    for s in staged {
        let mut a = s.applied;
        a.slots_removed = done[s.removed_slots];
        a.backends_removed = done[s.removed_backends];
        all.merge(a);
    }
    Ok(all)
}

/// Deletes the service `vip` (either family) as one transaction ([`crate::maps::txn`]): its
/// master entry first (the datapath stops selecting it), then its slots and affinity-match
/// entries, the backends no slot refers to any more, and its reverse-NAT entry last. What a
/// delete that was killed midway left (slots without their master, a reverse-NAT entry for
/// `vip` that no master uses) is found and removed by the next delete of the same service.
/// Returns false when nothing of `vip` is in the maps.
pub fn delete_service(m: &LbMaps, vip: SockAddr) -> Result<bool> {
    match vip.ip {
        std::net::IpAddr::V4(_) => delete::<V4>(m, vip),
        std::net::IpAddr::V6(_) => delete::<V6>(m, vip),
    }
}

fn delete<F: Family>(m: &LbMaps, vip: SockAddr) -> Result<bool> {
    let fm = maps_for::<F>(m, &vip)?;
    let addr = addr_of::<F>(&vip)?;
    let master_key = F::key(addr, vip.port, 0);
    let services = read_services::<F>(fm.services)?;
    let backends = F::read_backends(fm.backends)?;
    let revnats = read_revnat::<F>(fm.revnat)?;
    let (addr, port, _) = F::key_parts(&master_key);
    let same = |k: &F::Key| {
        let (a, p, _) = F::key_parts(k);
        a == addr && p == port
    };
    let slot_of = |k: &F::Key| F::key_parts(k).2;
    let (mine, others): (Vec<_>, Vec<_>) = services.iter().copied().partition(|(k, _)| same(k));
    let (masters, slots): (Vec<_>, Vec<_>) = mine.into_iter().partition(|(k, _)| slot_of(k) == 0);
    let others_revnat: BTreeSet<u16> = others.iter().map(|(_, s)| s.rev_nat_index.get()).collect();
    // Its reverse-NAT ids: the master's and the slots', or an entry for this frontend that
    // no other service uses (left by a killed delete after its slots were gone).
    let mut rev_ids: BTreeSet<u16> =
        masters.iter().chain(&slots).map(|(_, s)| s.rev_nat_index.get()).filter(|id| *id != 0).collect();
    rev_ids.extend(
        revnats
            .iter()
            .filter(|(id, r)| F::revnat_front(r) == (addr, port) && !others_revnat.contains(id))
            .map(|(id, _)| *id),
    );
    let revnat_gone: Vec<(Be16, F::RevNat)> = rev_ids
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
        others.iter().filter(|(k, _)| slot_of(k) > 0).map(|(_, s)| s.backend_id).collect();
    // Every backend no slot refers to then; beside a Cilium agent (which writes a backend
    // before the slots that use it) only this service's own.
    let own: BTreeSet<u32> = slots.iter().map(|(_, s)| s.backend_id).collect();
    let gc_all = crate::agent::socket().is_none();
    let backends_gone: Vec<(u32, F::Backend)> = backends
        .iter()
        .filter(|(id, _)| (gc_all || own.contains(id)) && !in_use.contains(id))
        .map(|(id, b)| (*id, *b))
        .collect();
    let mut txn = Txn::default();
    txn.remove(fm.services, masters);
    txn.remove(fm.services, slots);
    txn.remove(&m.affinity_match, match_gone);
    txn.remove(fm.backends, backends_gone);
    txn.remove(fm.revnat, revnat_gone);
    txn.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A service replaced by one of 65535 backends (the most a service has): no slot is
    /// stale, the master least of all (the slot counter once wrapped to 0 there).
    #[test]
    fn a_service_of_65535_backends_keeps_its_master() {
        use crate::netaddr::Proto;
        let vip: SockAddr = "10.96.0.10:80".parse().unwrap();
        let mut snap = Snapshot::<V4>::default();
        let key = |slot| V4::key([10, 96, 0, 10], 80, slot);
        let svc = |backend_id| Lb4Service { backend_id, rev_nat_index: Be16::new(1), ..Default::default() };
        snap.services = vec![(key(0), Lb4Service { count: 2, ..svc(0) }), (key(1), svc(1)), (key(2), svc(2))];
        let backends = (0..65535u32)
            .map(|i| BackendSpec {
                addr: SockAddr { ip: std::net::Ipv4Addr::from(0x0a00_0000 + i).into(), port: 80 },
                state: 0,
            })
            .collect();
        let spec = ServiceSpec {
            vip,
            proto: Proto::TCP,
            backends,
            affinity_timeout: None,
            kind: SvcType::ClusterIp,
        };
        let p = plan(&snap, &[spec]).unwrap();
        assert!(p.stale_slots.is_empty(), "{} stale slots", p.stale_slots.len());
        assert_eq!((p.slots_w.len(), p.masters_w.len(), p.masters_w[0].1.count), (65535, 1, 65535));
    }

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
