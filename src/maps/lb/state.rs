//! What an LB write knows of the maps before it writes ([`Snapshot`]: read whole, or only
//! what one service needs, from the index) and what it wrote ([`Applied`], one
//! [`ServiceWrite`] per service): the facts the writer and its index hand each other.

use std::collections::BTreeSet;

use super::HashMap;
use super::LbMaps;
use super::affinity::{LbAffinityMatch, read_matches};
use super::family::{Family, ids, read_revnat, read_services};
use super::service::Lb4Service;
use crate::error::Result;
use crate::netaddr::SockAddr;
use crate::output::{Record, Value, Visit};

/// What a write did to one service.
pub struct ServiceWrite {
    pub frontend: SockAddr,
    pub rev_nat: u16,
    pub backend_ids: Vec<u32>,
    pub created: bool,
    pub removed_slots: u16,
}

impl Record for ServiceWrite {
    fn visit(&self, v: &mut dyn Visit) {
        let ids: Vec<String> = self.backend_ids.iter().map(u32::to_string).collect();
        let ids = ids.join(",");
        v.field("frontend", "SERVICE ADDRESS", Value::Disp(&self.frontend));
        v.field("action", "ACTION", Value::Str(if self.created { "created" } else { "updated" }));
        v.field("rev_nat", "REVNAT ID", Value::U64(self.rev_nat.into()));
        v.field("backend_ids", "BACKEND IDS", Value::Str(&ids));
        v.field("removed_slots", "REMOVED SLOTS", Value::U64(self.removed_slots.into()));
    }
}

/// What an apply wrote; `written` has one record per service, in the file's order.
#[derive(Default)]
pub struct Applied {
    pub written: Vec<ServiceWrite>,
    pub services: usize,
    pub created: usize,
    pub backends_written: usize,
    pub slots_written: usize,
    pub slots_removed: usize,
    pub backends_removed: usize,
    /// The backends removed, for the index.
    pub(crate) gone_backends: Vec<u32>,
}

impl Applied {
    /// Adds what another family's plan did.
    pub(crate) fn merge(&mut self, o: Applied) {
        self.written.extend(o.written);
        self.services += o.services;
        self.created += o.created;
        self.backends_written += o.backends_written;
        self.slots_written += o.slots_written;
        self.slots_removed += o.slots_removed;
        self.backends_removed += o.backends_removed;
        self.gone_backends.extend(o.gone_backends);
    }
}

impl Record for Applied {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("services", "SERVICES", Value::U64(self.services as u64));
        v.field("created", "CREATED", Value::U64(self.created as u64));
        v.field("backends_written", "BACKENDS WRITTEN", Value::U64(self.backends_written as u64));
        v.field("slots_written", "SLOTS WRITTEN", Value::U64(self.slots_written as u64));
        v.field("slots_removed", "SLOTS REMOVED", Value::U64(self.slots_removed as u64));
        v.field("backends_removed", "BACKENDS REMOVED", Value::U64(self.backends_removed as u64));
    }
}

/// What a write knows of the LB maps before it writes: every entry (read whole), or only
/// what one service's write needs ([`super::index`]), with the ids in use and the
/// backends other services' slots refer to given apart.
pub(crate) struct Snapshot<F: Family> {
    pub services: Vec<(F::Key, Lb4Service)>,
    pub backends: std::collections::BTreeMap<u32, F::Backend>,
    pub revnats: std::collections::BTreeMap<u16, F::RevNat>,
    pub matches: HashMap<LbAffinityMatch, u8>,
    /// Index: bitmaps of the backend and reverse-NAT ids in use (else: the keys above).
    pub backend_bits: Option<Vec<u64>>,
    pub revnat_bits: Option<Vec<u64>>,
    /// Index: backends of `backends` that slots of services not in `services` refer to.
    pub used_elsewhere: Option<BTreeSet<u32>>,
    /// Whether a write collects every backend no slot refers to (the leftovers of a killed
    /// writer too), or only those the services it writes used before: beside a Cilium
    /// agent, which writes a backend before the slots that will use it.
    pub gc_all: bool,
    /// The ids the other family's entries use (one id space, as Cilium's; the index's
    /// bitmaps hold them too).
    pub foreign_backends: BTreeSet<u32>,
    pub foreign_revnat: BTreeSet<u16>,
}

impl<F: Family> Default for Snapshot<F> {
    fn default() -> Snapshot<F> {
        Snapshot {
            services: Vec::new(),
            backends: Default::default(),
            revnats: Default::default(),
            matches: HashMap::default(),
            backend_bits: None,
            revnat_bits: None,
            used_elsewhere: None,
            gc_all: false,
            foreign_backends: BTreeSet::new(),
            foreign_revnat: BTreeSet::new(),
        }
    }
}

impl<F: Family> Snapshot<F> {
    /// Every entry of family `F`'s LB maps and the affinity matches, and the ids of the
    /// other family's (the caller has checked that `F`'s maps are there).
    pub(crate) fn read(m: &LbMaps) -> Result<Snapshot<F>> {
        let Some(fm) = F::maps(m) else { return Ok(Snapshot::default()) };
        let (foreign_backends, foreign_revnat) = ids::<F::Other>(m)?;
        Ok(Snapshot {
            services: read_services::<F>(fm.services)?,
            backends: F::read_backends(fm.backends)?,
            revnats: read_revnat::<F>(fm.revnat)?,
            matches: read_matches(&m.affinity_match)?,
            gc_all: crate::agent::socket().is_none(),
            foreign_backends,
            foreign_revnat,
            ..Snapshot::default()
        })
    }
}
