//! Session affinity: `cilium_lb4_affinity` (Cilium's `struct lb4_affinity_key` → `struct
//! lb_affinity_val`, 16/16 B) and `cilium_lb6_affinity` (`struct lb6_affinity_key`, 24/16
//! B), the client's last backend per service, and
//! `cilium_lb_affinity_match` (`struct lb_affinity_match`, 8/1 B), the backends of services
//! with affinity; the record `bpf lb list --affinity` prints.

use std::collections::BTreeSet;
use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use super::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::backend::{Lb4Backend, Lb6Backend, read_backends, read_backends6};
use super::revnat::{read_revnat, read_revnat6};
use crate::bpf::MapFd;
use crate::error::Result;
use crate::netaddr::SockAddr;
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

/// `cilium_lb6_affinity` key (`struct lb6_affinity_key`, 24 B): the client's IPv6 address
/// (or a socket's netns cookie in the first 8 bytes, bit 0 of `flags`), then the IPv4 key's
/// fields.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb6AffinityKey {
    pub client_id: [u8; 16],
    pub rev_nat_id: Be16,
    pub flags: u8,
    pub pad1: u8,
    pub pad2: u32,
}

/// `cilium_lb4_affinity`/`cilium_lb6_affinity` value (`struct lb_affinity_val`, 16 B).
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
    assert!(size_of::<Lb6AffinityKey>() == 24);
    assert!(offset_of!(Lb6AffinityKey, rev_nat_id) == 16);
    assert!(offset_of!(Lb6AffinityKey, flags) == 18);
    assert!(offset_of!(Lb4AffinityKey, rev_nat_id) == 8);
    assert!(offset_of!(Lb4AffinityKey, flags) == 10);
    assert!(size_of::<LbAffinityVal>() == 16);
    assert!(offset_of!(LbAffinityVal, backend_id) == 8);
    assert!(size_of::<LbAffinityMatch>() == 8);
    assert!(offset_of!(LbAffinityMatch, rev_nat_id) == 4);
};

impl Lb4AffinityKey {
    pub fn client(&self) -> AffinityClient {
        if self.flags & 1 != 0 {
            AffinityClient::NetnsCookie(u64::from_ne_bytes(self.client_id))
        } else {
            let c = self.client_id;
            AffinityClient::Ip(IpAddr::V4(Ipv4Addr::new(c[0], c[1], c[2], c[3])))
        }
    }
}

impl Lb6AffinityKey {
    pub fn client(&self) -> AffinityClient {
        if self.flags & 1 != 0 {
            let mut c = [0u8; 8];
            c.copy_from_slice(&self.client_id[..8]);
            AffinityClient::NetnsCookie(u64::from_ne_bytes(c))
        } else {
            AffinityClient::Ip(IpAddr::V6(Ipv6Addr::from(self.client_id)))
        }
    }
}

/// Who an affinity entry is for: a socket's network namespace (socket LB), or a client
/// address (per-packet LB).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AffinityClient {
    Ip(IpAddr),
    NetnsCookie(u64),
}

impl std::fmt::Display for AffinityClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AffinityClient::NetnsCookie(c) => write!(f, "netns cookie {c}"),
            AffinityClient::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// One `cilium_lb4_affinity` or `cilium_lb6_affinity` entry with what it refers to: the
/// service (reverse NAT), the backend, whether the backend still matches the service, and
/// the age in seconds.
pub struct AffinityRecord {
    pub client: AffinityClient,
    pub rev_nat_id: u16,
    pub val: LbAffinityVal,
    pub service: Option<SockAddr>,
    pub backend: Option<SockAddr>,
    /// `cilium_lb_affinity_match` has {backend, service}: the entry is still usable.
    pub matched: bool,
    /// Seconds since last use (None when the clock reads before it).
    pub age: Option<u64>,
}

impl Record for AffinityRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let cookie = matches!(self.client, AffinityClient::NetnsCookie(_));
        v.field("client", "CLIENT", Value::Disp(&self.client));
        v.field("netns_cookie", "", Value::Bool(cookie));
        v.field("rev_nat_id", "REVNAT_ID", Value::U64(self.rev_nat_id.into()));
        v.field("service", "SERVICE", self.service.as_ref().map_or(Value::Null, |s| Value::Disp(s)));
        v.field("backend_id", "BACKEND ID", Value::U64(self.val.backend_id.into()));
        v.field("backend", "BACKEND", self.backend.as_ref().map_or(Value::Null, |b| Value::Disp(b)));
        v.field("matched", "MATCHED", Value::Bool(self.matched));
        v.field("last_used", "", Value::U64(self.val.last_used));
        let age = self.age.map(|a| format!("{a}s ago"));
        v.field("age_secs", "", self.age.map_or(Value::Null, Value::U64));
        v.field("last_used_ago", "LAST USED", age.as_ref().map_or(Value::Null, |a| Value::Disp(a)));
    }
}

/// One family's affinity map and the maps its entries refer to.
pub struct AffinityMaps<'a> {
    pub affinity: &'a MapFd,
    pub revnat: &'a MapFd,
    pub backends: &'a MapFd,
}

/// Every IPv4 affinity entry, decoded against the services' reverse NAT, the backends and
/// the match map; sorted by service, then client.
pub fn read_affinity(m: AffinityMaps<'_>, matches: &MapFd) -> Result<Vec<AffinityRecord>> {
    let rn = read_revnat(m.revnat)?;
    let bes = read_backends(m.backends)?;
    let entries = super::all::<Lb4AffinityKey, LbAffinityVal>(m.affinity)?.into_iter().map(|(k, v)| {
        let client = k.client();
        let service = rn
            .get(&k.rev_nat_id.get())
            .map(|r| SockAddr { ip: IpAddr::V4(r.address.addr()), port: r.port.get() });
        (client, k.rev_nat_id.get(), v, service, bes.get(&v.backend_id).map(Lb4Backend::sock_addr))
    });
    records(entries, matches)
}

/// Every IPv6 affinity entry (`cilium_lb6_affinity`), as [`read_affinity`].
pub fn read_affinity6(m: AffinityMaps<'_>, matches: &MapFd) -> Result<Vec<AffinityRecord>> {
    let rn = read_revnat6(m.revnat)?;
    let bes = read_backends6(m.backends)?;
    let entries = super::all::<Lb6AffinityKey, LbAffinityVal>(m.affinity)?.into_iter().map(|(k, v)| {
        let client = k.client();
        let service = rn
            .get(&k.rev_nat_id.get())
            .map(|r| SockAddr { ip: IpAddr::V6(Ipv6Addr::from(r.address)), port: r.port.get() });
        (client, k.rev_nat_id.get(), v, service, bes.get(&v.backend_id).map(Lb6Backend::sock_addr))
    });
    records(entries, matches)
}

type Entry = (AffinityClient, u16, LbAffinityVal, Option<SockAddr>, Option<SockAddr>);

fn records(entries: impl Iterator<Item = Entry>, matches: &MapFd) -> Result<Vec<AffinityRecord>> {
    let now = crate::maps::ct::mono_now_secs();
    let matched: BTreeSet<(u32, u16)> = super::all::<LbAffinityMatch, u8>(matches)?
        .into_iter()
        .map(|(m, _)| (m.backend_id, m.rev_nat_id.get()))
        .collect();
    let mut out: Vec<AffinityRecord> = entries
        .map(|(client, rev_nat_id, val, service, backend)| AffinityRecord {
            client,
            rev_nat_id,
            val,
            service,
            backend,
            matched: matched.contains(&(val.backend_id, rev_nat_id)),
            age: now.checked_sub(val.last_used),
        })
        .collect();
    out.sort_by_key(|r| (r.rev_nat_id, r.client));
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
