//! What an LB write knows of the maps before it writes ([`Snapshot`]: read whole, or only
//! what one service needs, from the index) and what it wrote ([`Applied`], one
//! [`ServiceWrite`] per service): the facts the writer and its index hand each other.

use std::collections::BTreeSet;

use super::HashMap;
use super::LbMaps;
use super::affinity::{LbAffinityMatch, read_matches};
use super::backend::{Lb4Backend, read_backends};
use super::revnat::{Lb4ReverseNat, read_revnat};
use super::service::{Lb4Key, Lb4Service, read_services_unsorted};
use crate::error::Result;
use crate::netaddr::SockAddr4;
use crate::output::{Record, Value, Visit};

/// What a write did to one service.
pub struct ServiceWrite {
    pub frontend: SockAddr4,
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
    /// The backends written (new or changed) and those removed, for the index.
    pub(crate) wrote_backends: Vec<(u32, Lb4Backend)>,
    pub(crate) gone_backends: Vec<u32>,
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
#[derive(Default)]
pub(crate) struct Snapshot {
    pub services: Vec<(Lb4Key, Lb4Service)>,
    pub backends: std::collections::BTreeMap<u32, Lb4Backend>,
    pub revnats: std::collections::BTreeMap<u16, Lb4ReverseNat>,
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
}

impl Snapshot {
    /// Every entry of the four LB maps.
    pub(crate) fn read(m: &LbMaps) -> Result<Snapshot> {
        Ok(Snapshot {
            services: read_services_unsorted(&m.services)?,
            backends: read_backends(&m.backends)?,
            revnats: read_revnat(&m.revnat)?,
            matches: read_matches(&m.affinity_match)?,
            gc_all: crate::agent::socket().is_none(),
            ..Snapshot::default()
        })
    }
}
