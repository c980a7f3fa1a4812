//! Session affinity: `cilium_lb4_affinity` (Cilium's `struct lb4_affinity_key` → `struct
//! lb_affinity_val`, 16/16 B), the client's last backend per service, and
//! `cilium_lb_affinity_match` (`struct lb_affinity_match`, 8/1 B), the backends of services
//! with affinity; the record `bpf lb list --affinity` prints.

use std::collections::BTreeSet;
use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use super::HashMap;
use super::backend::{Lb4Backend, read_backends};
use super::revnat::{Lb4ReverseNat, read_revnat};
use crate::bpf::MapFd;
use crate::error::Result;
use crate::netaddr::SockAddr4;
use crate::output::{Record, Value, Visit};
use crate::wire::Be16;

/// `cilium_lb4_affinity` key (`struct lb4_affinity_key`, 16 B): the client (its IPv4
/// address in the first 4 bytes on the tc path, or a socket's netns cookie with bit 0 of
/// `flags`) and the service's reverse-NAT id (network order).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb4AffinityKey {
    pub client_id: [u8; 8],
    pub rev_nat_id: Be16,
    /// Bit 0: `client_id` is a netns cookie.
    pub flags: u8,
    pub pad1: u8,
    pub pad2: u32,
}

/// `cilium_lb4_affinity` value (`struct lb_affinity_val`, 16 B).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct LbAffinityVal {
    /// Seconds on the monotonic clock (bpf_mono_now).
    pub last_used: u64,
    pub backend_id: u32,
    pub pad: u32,
}

/// `cilium_lb_affinity_match` key (`struct lb_affinity_match`, 8 B): a backend of a service
/// with affinity; the value is one unused byte.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct LbAffinityMatch {
    pub backend_id: u32,
    pub rev_nat_id: Be16,
    pub pad: u16,
}

const _: () = {
    assert!(size_of::<Lb4AffinityKey>() == 16);
    assert!(offset_of!(Lb4AffinityKey, rev_nat_id) == 8);
    assert!(offset_of!(Lb4AffinityKey, flags) == 10);
    assert!(size_of::<LbAffinityVal>() == 16);
    assert!(offset_of!(LbAffinityVal, backend_id) == 8);
    assert!(size_of::<LbAffinityMatch>() == 8);
    assert!(offset_of!(LbAffinityMatch, rev_nat_id) == 4);
};

/// One `cilium_lb4_affinity` entry with what it refers to: the service (reverse NAT), the
/// backend, whether the backend still matches the service, and the age in seconds.
pub struct AffinityRecord {
    pub key: Lb4AffinityKey,
    pub val: LbAffinityVal,
    pub service: Option<Lb4ReverseNat>,
    pub backend: Option<Lb4Backend>,
    /// `cilium_lb_affinity_match` has {backend, service}: the entry is still usable.
    pub matched: bool,
    /// Seconds since last use (None when the clock reads before it).
    pub age: Option<u64>,
}

impl AffinityRecord {
    /// Bit 0 of flags: the client is a network namespace cookie (socket LB), else an IPv4
    /// address (per-packet LB).
    pub fn is_netns_cookie(&self) -> bool {
        self.key.flags & 1 != 0
    }
}

impl Record for AffinityRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let cookie = u64::from_ne_bytes(self.key.client_id);
        let ip = std::net::Ipv4Addr::new(
            self.key.client_id[0],
            self.key.client_id[1],
            self.key.client_id[2],
            self.key.client_id[3],
        );
        let client = if self.is_netns_cookie() { format!("netns cookie {cookie}") } else { ip.to_string() };
        v.field("client", "CLIENT", Value::Disp(&client));
        v.field("netns_cookie", "", Value::Bool(self.is_netns_cookie()));
        v.field("rev_nat_id", "REVNAT_ID", Value::U64(self.key.rev_nat_id.get().into()));
        let svc = self.service.map(|r| SockAddr4 { ip: r.address.addr(), port: r.port.get() });
        v.field("service", "SERVICE", svc.as_ref().map_or(Value::Null, |s| Value::Disp(s)));
        v.field("backend_id", "BACKEND ID", Value::U64(self.val.backend_id.into()));
        let be = self.backend.map(|b| SockAddr4 { ip: b.address.addr(), port: b.port.get() });
        v.field("backend", "BACKEND", be.as_ref().map_or(Value::Null, |b| Value::Disp(b)));
        v.field("matched", "MATCHED", Value::Bool(self.matched));
        v.field("last_used", "", Value::U64(self.val.last_used));
        let age = self.age.map(|a| format!("{a}s ago"));
        v.field("age_secs", "", self.age.map_or(Value::Null, Value::U64));
        v.field("last_used_ago", "LAST USED", age.as_ref().map_or(Value::Null, |a| Value::Disp(a)));
    }
}

/// Every affinity entry, decoded against the services' reverse NAT, the backends and the
/// match map; sorted by service, then client.
pub fn read_affinity(
    affinity: &MapFd,
    matches: &MapFd,
    revnat: &MapFd,
    backends: &MapFd,
) -> Result<Vec<AffinityRecord>> {
    let now = crate::maps::ct::mono_now_secs();
    let rn = read_revnat(revnat)?;
    let bes = read_backends(backends)?;
    let matched: BTreeSet<(u32, u16)> = super::all::<LbAffinityMatch, u8>(matches)?
        .into_iter()
        .map(|(m, _)| (m.backend_id, m.rev_nat_id.get()))
        .collect();
    let mut out: Vec<AffinityRecord> = super::all::<Lb4AffinityKey, LbAffinityVal>(affinity)?
        .into_iter()
        .map(|(key, val)| AffinityRecord {
            key,
            val,
            service: rn.get(&key.rev_nat_id.get()).copied(),
            backend: bes.get(&val.backend_id).copied(),
            matched: matched.contains(&(val.backend_id, key.rev_nat_id.get())),
            age: now.checked_sub(val.last_used),
        })
        .collect();
    out.sort_by_key(|r| (r.key.rev_nat_id.get(), r.key.flags, r.key.client_id));
    Ok(out)
}

/// Every `cilium_lb_affinity_match` entry.
pub(crate) fn read_matches(m: &MapFd) -> Result<HashMap<LbAffinityMatch, u8>> {
    let mut out = HashMap::default();
    crate::maps::for_each(m, |k: LbAffinityMatch, v: u8| {
        out.insert(k, v);
        Ok(std::ops::ControlFlow::Continue(()))
    })?;
    Ok(out)
}
