//! The IPv4 load balancer: `cilium_lb4_services_v2` (`struct lb4_key` → `struct
//! lb4_service`, 12/12 B), `cilium_lb4_backends_v3` (u32 id → `struct lb4_backend`, 4/12 B)
//! and `cilium_lb4_reverse_nat` (u16 id in network order → `struct lb4_reverse_nat`, 2/6 B),
//! Cilium v1.16.
//!
//! [`write_service`] writes a service in an order the datapath can never see half-done:
//! backends, reverse NAT, then slots, then the master entry; stale slots go last.

use std::collections::{BTreeMap, BTreeSet};
use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::netaddr::{Proto, SockAddr4};
use crate::output::{Record, Value, Visit};
use crate::wire::{Be16, Ip4};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct Lb4Key {
    pub address: Ip4,
    pub dport: Be16,
    pub backend_slot: u16,
    pub proto: u8,
    pub scope: u8,
    pub pad: [u8; 2],
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb4Service {
    /// Slot entries: backend id. Master entry: affinity timeout or L7 proxy port.
    pub backend_id: u32,
    pub count: u16,
    pub rev_nat_index: Be16,
    pub flags: u8,
    pub flags2: u8,
    pub qcount: u16,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct Lb4Backend {
    pub address: Ip4,
    pub port: Be16,
    pub proto: u8,
    /// Backend state: 0 active, 1 terminating, 2 quarantined, 3 maintenance.
    pub flags: u8,
    pub cluster_id: u16,
    pub zone: u8,
    pub pad: u8,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb4ReverseNat {
    pub address: Ip4,
    pub port: Be16,
}

/// `cilium_lb4_reverse_sk` key (`struct ipv4_revnat_tuple`, 16 B): the socket (its cookie,
/// host order) and the backend it was given at connect()/sendmsg().
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct SockRevNat4Key {
    pub cookie: u64,
    pub address: Ip4,
    pub port: Be16,
    pub pad: u16,
}

/// `cilium_lb4_reverse_sk` value (`struct ipv4_revnat_entry`, 8 B): what the socket
/// dialled, and that service's reverse-NAT id (network order, as the master entry has it).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct SockRevNat4Value {
    pub address: Ip4,
    pub port: Be16,
    pub rev_nat_index: Be16,
}

const _: () = {
    assert!(size_of::<SockRevNat4Key>() == 16);
    assert!(offset_of!(SockRevNat4Key, address) == 8);
    assert!(offset_of!(SockRevNat4Key, port) == 12);
    assert!(size_of::<SockRevNat4Value>() == 8);
    assert!(offset_of!(SockRevNat4Value, rev_nat_index) == 6);
};

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

/// Master-entry flag: the service has session affinity; `backend_id` is then its timeout.
pub const SVC_FLAG_AFFINITY: u8 = 1 << 4;
/// Master-entry flag: reachable from outside the cluster (every type but ClusterIP).
pub const SVC_FLAG_ROUTABLE: u8 = 1 << 6;

/// The type of a service frontend, as its master entry's flags say it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SvcType {
    #[default]
    ClusterIp,
    NodePort,
    ExternalIp,
    LoadBalancer,
}

impl SvcType {
    /// Every type bit, so that a new type replaces the old one.
    pub const TYPE_BITS: u8 = (1 << 0) | (1 << 1) | (1 << 3) | (1 << 5);

    /// The type bit and the routable bit (ClusterIP: neither).
    pub fn flags(self) -> u8 {
        match self {
            SvcType::ClusterIp => 0,
            SvcType::ExternalIp => (1 << 0) | SVC_FLAG_ROUTABLE,
            SvcType::NodePort => (1 << 1) | SVC_FLAG_ROUTABLE,
            SvcType::LoadBalancer => (1 << 5) | SVC_FLAG_ROUTABLE,
        }
    }
}

impl std::str::FromStr for SvcType {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<SvcType, String> {
        match s.to_ascii_lowercase().as_str() {
            "clusterip" => Ok(SvcType::ClusterIp),
            "nodeport" => Ok(SvcType::NodePort),
            "externalip" => Ok(SvcType::ExternalIp),
            "loadbalancer" => Ok(SvcType::LoadBalancer),
            _ => Err(format!("'{s}' is not a service type (clusterip, nodeport, externalip, loadbalancer)")),
        }
    }
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

const _: () = {
    assert!(size_of::<Lb4Key>() == 12);
    assert!(offset_of!(Lb4Key, dport) == 4);
    assert!(offset_of!(Lb4Key, backend_slot) == 6);
    assert!(offset_of!(Lb4Key, proto) == 8);
    assert!(offset_of!(Lb4Key, scope) == 9);
    assert!(size_of::<Lb4Service>() == 12);
    assert!(offset_of!(Lb4Service, count) == 4);
    assert!(offset_of!(Lb4Service, rev_nat_index) == 6);
    assert!(offset_of!(Lb4Service, flags) == 8);
    assert!(offset_of!(Lb4Service, qcount) == 10);
    assert!(size_of::<Lb4Backend>() == 12);
    assert!(offset_of!(Lb4Backend, proto) == 6);
    assert!(offset_of!(Lb4Backend, cluster_id) == 8);
    assert!(size_of::<Lb4ReverseNat>() == 6);
};

/// Service flags (byte 8) and flags2 (byte 9) as one word, with Cilium's names.
const SVC_FLAGS: &[(u16, &str)] = &[
    (1 << 0, "ExternalIPs"),
    (1 << 1, "NodePort"),
    (1 << 2, "Local"),
    (1 << 3, "HostPort"),
    (1 << 4, "sessionAffinity"),
    (1 << 5, "LoadBalancer"),
    (1 << 7, "check source-range"),
    (1 << 8, "LocalRedirect"),
    (1 << 9, "46x64"),
    (1 << 10, "l7-load-balancer"),
    (1 << 11, "loopback"),
    (1 << 12, "InternalLocal"),
    (1 << 13, "two-scopes"),
    (1 << 14, "quarantined"),
];
const ROUTABLE: u16 = 1 << 6;

/// Cilium's service flag text: the type (`ClusterIP` when no type bit), then attributes,
/// then `non-routable` when the routable bit is clear.
pub fn service_flags_text(flags: u8, flags2: u8) -> String {
    let word = u16::from(flags) | (u16::from(flags2) << 8);
    let mut parts: Vec<&str> = Vec::new();
    let types = (1 << 0) | (1 << 1) | (1 << 3) | (1 << 5) | (1 << 8);
    if word & types == 0 {
        parts.push("ClusterIP");
    }
    for (bit, name) in SVC_FLAGS {
        if word & bit != 0 {
            parts.push(name);
        }
    }
    if word & ROUTABLE == 0 {
        parts.push("non-routable");
    }
    parts.join(", ")
}

/// The service type Cilium's `service list` prints for master-entry flags.
pub fn service_type(flags: u8, flags2: u8) -> &'static str {
    let word = u16::from(flags) | (u16::from(flags2) << 8);
    match () {
        _ if word & (1 << 0) != 0 => "ExternalIPs",
        _ if word & (1 << 1) != 0 => "NodePort",
        _ if word & (1 << 5) != 0 => "LoadBalancer",
        _ if word & (1 << 3) != 0 => "HostPort",
        _ if word & (1 << 8) != 0 => "LocalRedirect",
        _ => "ClusterIP",
    }
}

pub fn backend_state(flags: u8) -> &'static str {
    match flags {
        0 => "active",
        1 => "terminating",
        2 => "quarantined",
        3 => "maintenance",
        _ => "unknown",
    }
}

impl Lb4Key {
    pub fn new(vip: SockAddr4, slot: u16) -> Lb4Key {
        Lb4Key {
            address: vip.ip.into(),
            dport: Be16::new(vip.port),
            backend_slot: slot,
            ..Default::default()
        }
    }
    pub fn frontend(&self) -> SockAddr4 {
        SockAddr4 { ip: self.address.addr(), port: self.dport.get() }
    }
}

/// A service entry (master or slot) joined with its backend. The table has Cilium v1.16's
/// two columns (`cilium-dbg bpf lb list`, or `--frontends`); JSON has every field apart.
pub struct ServiceRecord {
    pub key: Lb4Key,
    pub svc: Lb4Service,
    /// For slots: the backend, or None when the id is not in the backends map.
    pub backend: Option<Lb4Backend>,
    /// `--frontends`: the master entry's raw fields as Cilium prints them.
    pub frontends: bool,
}

impl ServiceRecord {
    /// Cilium's key column: `ip:port[/i] (slot)`.
    fn key_text(&self) -> String {
        let k = &self.key;
        let scope = if k.scope == 1 { "/i" } else { "" };
        format!("{}{scope} ({})", k.frontend(), k.backend_slot)
    }

    /// Cilium's value column.
    fn value_text(&self) -> String {
        let (k, s) = (&self.key, &self.svc);
        let rev = s.rev_nat_index.get();
        if self.frontends {
            return format!("{} {} ({rev}) [{:#x} {:#x}]", s.backend_id, s.count, s.flags, s.flags2);
        }
        if k.backend_slot == 0 {
            return format!("0.0.0.0:0 ({rev}) (0) [{}]", service_flags_text(s.flags, s.flags2));
        }
        match self.backend {
            Some(b) => format!("{}:{} ({rev}) ({})", b.address.addr(), b.port.get(), k.backend_slot),
            None => format!("backend {} not found", s.backend_id),
        }
    }
}

impl Record for ServiceRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, s) = (&self.key, &self.svc);
        let master = k.backend_slot == 0;
        let backend = self.backend.map(|b| SockAddr4 { ip: b.address.addr(), port: b.port.get() });
        let flags_text = if master { service_flags_text(s.flags, s.flags2) } else { String::new() };
        let scope = if k.scope == 1 { "internal" } else { "external" };
        let (key_text, value_text) = (self.key_text(), self.value_text());
        v.field("frontend", "", Value::Disp(&k.frontend()));
        v.field("scope", "", Value::Str(scope));
        v.field("slot", "", Value::U64(k.backend_slot.into()));
        v.field("key", "SERVICE ADDRESS", Value::Str(&key_text));
        let title = if self.frontends { "BACKEND ID" } else { "BACKEND ADDRESS (REVNAT_ID) (SLOT)" };
        let value = if !master && backend.is_none() {
            Value::Status(crate::output::Tone::Bad, &value_text)
        } else {
            Value::Str(&value_text)
        };
        v.field("value", title, value);
        v.field("backend_id", "", if master { Value::Null } else { Value::U64(s.backend_id.into()) });
        v.field(
            "backend",
            "",
            match (&backend, master) {
                (_, true) => Value::Null,
                (Some(b), false) => Value::Disp(b),
                (None, false) => Value::Str("backend not found"),
            },
        );
        v.field("rev_nat", "", Value::U64(s.rev_nat_index.get().into()));
        v.field("count", "", Value::U64(s.count.into()));
        v.field("flags", "", Value::U64((u16::from(s.flags) | u16::from(s.flags2) << 8).into()));
        v.field("flag_text", "", if master { Value::Str(&flags_text) } else { Value::Null });
    }
}

pub struct BackendRecord {
    pub id: u32,
    pub backend: Lb4Backend,
}

impl Record for BackendRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let b = &self.backend;
        v.field("id", "ID", Value::U64(self.id.into()));
        v.field("address", "ADDRESS", Value::Ip(b.address.addr()));
        v.field("port", "PORT", Value::U64(b.port.get().into()));
        v.field("proto", "PROTO", Value::Disp(&Proto(b.proto)));
        v.field("state", "STATE", Value::Str(backend_state(b.flags)));
        v.field("cluster_id", "", Value::U64(b.cluster_id.into()));
        v.field("zone", "", Value::U64(b.zone.into()));
    }
}

pub struct RevNatRecord {
    pub id: u16,
    pub rnat: Lb4ReverseNat,
}

impl Record for RevNatRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("id", "ID", Value::U64(self.id.into()));
        let a = SockAddr4 { ip: self.rnat.address.addr(), port: self.rnat.port.get() };
        v.field("address", "SERVICE ADDRESS", Value::Disp(&a));
    }
}

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
    let now = super::ct::mono_now_secs();
    let rn = read_revnat(revnat)?;
    let bes = read_backends(backends)?;
    let matched: BTreeSet<(u32, u16)> = all::<LbAffinityMatch, u8>(matches)?
        .into_iter()
        .map(|(m, _)| (m.backend_id, m.rev_nat_id.get()))
        .collect();
    let mut out: Vec<AffinityRecord> = all::<Lb4AffinityKey, LbAffinityVal>(affinity)?
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

/// The LB maps a service write touches. Opened for writing, they hold the node's write
/// lock (re-entered when the command already holds it), so no other ciliumrs allocates ids
/// or slots from the same maps until they are closed.
pub struct LbMaps {
    pub services: MapFd,
    pub backends: MapFd,
    pub revnat: MapFd,
    pub affinity_match: MapFd,
    /// The bpffs they are pinned under (where the writer's index lives).
    pub bpffs: std::path::PathBuf,
    _lock: Option<super::lock::WriteLock>,
}

impl LbMaps {
    pub fn open(bpffs: &std::path::Path, access: super::Access) -> Result<LbMaps> {
        use super::spec::{LB_AFFINITY_MATCH, LB4_REVERSE_NAT, LB4_SERVICES};
        let _lock = match access {
            super::Access::Write => Some(super::lock::WriteLock::take(bpffs, &mut |_| {})?),
            super::Access::Read | super::Access::Raw => None,
        };
        Ok(LbMaps {
            bpffs: bpffs.to_path_buf(),
            _lock,
            services: super::open_global(bpffs, &LB4_SERVICES, access)?,
            backends: open_backends(bpffs, access)?,
            revnat: super::open_global(bpffs, &LB4_REVERSE_NAT, access)?,
            affinity_match: super::open_global(bpffs, &LB_AFFINITY_MATCH, access)?,
        })
    }
}

impl LbMaps {
    /// Whether writes keep the writer's index ([`super::lb_index`]): not beside a Cilium
    /// agent, which writes these maps without it, nor with `CILIUMRS_LB_INDEX=off` (every
    /// write then reads every map, as the differential test's reference does).
    pub fn keeps_index(&self) -> bool {
        crate::agent::socket().is_none() && std::env::var_os("CILIUMRS_LB_INDEX").is_none_or(|v| v != "off")
    }
}

/// The backends map's names, newest first.
pub const BACKENDS: &[&super::spec::MapSpec] =
    &[&super::spec::LB4_BACKENDS, &super::spec::LB4_BACKENDS_V2, &super::spec::LB4_BACKENDS_V1];

/// The backends map under its newest pinned name (v3, else v2 of v1.11-1.12, else v1 of
/// v1.10). Writes go only to v3, the layout we encode.
pub fn open_backends(bpffs: &std::path::Path, access: super::Access) -> Result<MapFd> {
    use super::spec::LB4_BACKENDS;
    let (map, spec) = super::open_any(bpffs, BACKENDS, access)?;
    if access == super::Access::Write && spec.name != LB4_BACKENDS.name {
        return Err(crate::error::Error::runtime(format!(
            "{} (Cilium {}): ciliumrs writes services only with {} (v1.13 on); refusing (nothing was changed)",
            spec.name, spec.versions, LB4_BACKENDS.name
        )));
    }
    Ok(map)
}

/// The older backend values (v1.10 and v1.11-1.12, 8 B): address, port, protocol, and a
/// byte that v1.11 made the backend's flags (state).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb4BackendV1 {
    pub address: Ip4,
    pub port: Be16,
    pub proto: u8,
    pub flags: u8,
}

const _: () = assert!(std::mem::size_of::<Lb4BackendV1>() == 8);

impl From<Lb4BackendV1> for Lb4Backend {
    fn from(b: Lb4BackendV1) -> Lb4Backend {
        Lb4Backend {
            address: b.address,
            port: b.port,
            proto: b.proto,
            flags: b.flags,
            ..Lb4Backend::default()
        }
    }
}

/// What [`write_service`] did.
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

fn all<K: Pod, V: Pod>(map: &MapFd) -> Result<Vec<(K, V)>> {
    let mut out = Vec::new();
    super::for_each(map, |k: K, v: V| {
        out.push((k, v));
        Ok(std::ops::ControlFlow::Continue(()))
    })?;
    Ok(out)
}

/// Every service entry, sorted by frontend then slot (for listings).
pub fn read_services(m: &MapFd) -> Result<Vec<(Lb4Key, Lb4Service)>> {
    let mut v = read_services_unsorted(m)?;
    v.sort_by_key(|(k, _)| (k.address.octets(), k.dport.get(), k.proto, k.scope, k.backend_slot));
    Ok(v)
}

/// Every service entry in the map's order (for writers, which need no order).
pub fn read_services_unsorted(m: &MapFd) -> Result<Vec<(Lb4Key, Lb4Service)>> {
    all(m)
}

/// Every backend by id, in v3's fields whichever version's map this is (its key and value
/// sizes, checked when it was opened, say which).
pub fn read_backends(m: &MapFd) -> Result<BTreeMap<u32, Lb4Backend>> {
    Ok(match (m.key_len(), m.value_len()) {
        (2, 8) => all::<u16, Lb4BackendV1>(m)?.into_iter().map(|(k, v)| (u32::from(k), v.into())).collect(),
        (4, 8) => all::<u32, Lb4BackendV1>(m)?.into_iter().map(|(k, v)| (k, v.into())).collect(),
        _ => all::<u32, Lb4Backend>(m)?.into_iter().collect(),
    })
}

pub fn read_revnat(m: &MapFd) -> Result<BTreeMap<u16, Lb4ReverseNat>> {
    Ok(all::<Be16, Lb4ReverseNat>(m)?.into_iter().map(|(k, v)| (k.get(), v)).collect())
}

/// A backend as `bpf lb update --backends` takes it: `IP:PORT`, or `IP:PORT@STATE` with a
/// state of `active`, `terminating`, `quarantined` or `maintenance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackendSpec {
    pub addr: SockAddr4,
    /// `lb4_backend.flags`: 0 active, 1 terminating, 2 quarantined, 3 maintenance.
    pub state: u8,
}

impl std::str::FromStr for BackendSpec {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<BackendSpec, String> {
        let (addr, state) = match s.split_once('@') {
            Some((a, st)) => {
                let state = (0..4u8).find(|n| backend_state(*n) == st).ok_or_else(|| {
                    format!("backend state '{st}': expected active, terminating, quarantined or maintenance")
                })?;
                (a, state)
            }
            None => (s, 0),
        };
        Ok(BackendSpec { addr: addr.parse::<SockAddr4>().map_err(|e| e.to_string())?, state })
    }
}

/// Creates or replaces the service `vip` with `backends`: the bulk writer
/// ([`super::lb_apply::apply`]) with one service, so both commands share one write order,
/// one id allocation and one rollback. Active backends take slots 1..count, the others
/// follow them (as Cilium writes them); a backend that stays keeps its id, whatever its
/// state.
pub fn write_service(m: &LbMaps, spec: &super::lb_apply::ServiceSpec) -> Result<ServiceWrite> {
    let mut done = super::lb_apply::apply_one(m, spec)?;
    done.written.pop().ok_or_else(|| Error::runtime(format!("service {} was not written", spec.vip)))
}

/// Deletes the service `vip` as one transaction ([`super::txn`]): its master entry first
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
    super::lb_index::invalidate(&m.bpffs)?;
    let matches = super::lb_apply::read_matches(&m.affinity_match)?;
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
    let mut txn = super::txn::Txn::default();
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
    use crate::wire::test_hex as hex;

    #[test]
    fn golden_service_backend_revnat() {
        let vip: SockAddr4 = "10.96.0.10:53".parse().unwrap();
        assert_eq!(bytemuck::bytes_of(&Lb4Key::new(vip, 0)), &hex("0a60000a 0035 0000 00 00 0000")[..]);
        assert_eq!(bytemuck::bytes_of(&Lb4Key::new(vip, 1)), &hex("0a60000a 0035 0100 00 00 0000")[..]);
        let master = Lb4Service { count: 1, rev_nat_index: Be16::new(7), ..Default::default() };
        assert_eq!(bytemuck::bytes_of(&master), &hex("00000000 0100 0007 00 00 0000")[..]);
        let slot = Lb4Service { backend_id: 1, rev_nat_index: Be16::new(7), ..Default::default() };
        assert_eq!(bytemuck::bytes_of(&slot), &hex("01000000 0000 0007 00 00 0000")[..]);
        let be = Lb4Backend {
            address: std::net::Ipv4Addr::new(10, 0, 1, 5).into(),
            port: Be16::new(53),
            proto: 17,
            ..Default::default()
        };
        assert_eq!(bytemuck::bytes_of(&be), &hex("0a000105 0035 11 00 0000 00 00")[..]);
        assert_eq!(bytemuck::bytes_of(&1u32), &hex("01000000")[..]);
        assert_eq!(bytemuck::bytes_of(&Be16::new(7)), &hex("0007")[..]);
        let rn = Lb4ReverseNat { address: vip.ip.into(), port: Be16::new(53) };
        assert_eq!(bytemuck::bytes_of(&rn), &hex("0a60000a 0035")[..]);
    }

    #[test]
    fn flags_text() {
        assert_eq!(service_flags_text(0, 0), "ClusterIP, non-routable");
        assert_eq!(service_flags_text(0x40, 0), "ClusterIP");
        assert_eq!(service_flags_text(0x42, 0), "NodePort");
        assert_eq!(service_flags_text(0x40, 1), "LocalRedirect");
        assert_eq!(service_flags_text(0x52, 0), "NodePort, sessionAffinity");
    }

    /// Cilium v1.16's `bpf lb list` cells (cilium-lb-v1.16.md §3.1).
    #[test]
    fn list_cells_are_cilium_v1_16s() {
        let vip = SockAddr4 { ip: std::net::Ipv4Addr::new(10, 96, 0, 10), port: 53 };
        let master = Lb4Service { count: 1, rev_nat_index: Be16::new(7), ..Default::default() };
        let slot = Lb4Service { backend_id: 3, rev_nat_index: Be16::new(7), ..Default::default() };
        let be = Lb4Backend {
            address: std::net::Ipv4Addr::new(10, 0, 1, 5).into(),
            port: Be16::new(53),
            ..Default::default()
        };
        let rec = |key, svc, backend, frontends| ServiceRecord { key, svc, backend, frontends };
        let m = rec(Lb4Key::new(vip, 0), master, None, false);
        assert_eq!(
            (m.key_text(), m.value_text()),
            ("10.96.0.10:53 (0)".into(), "0.0.0.0:0 (7) (0) [ClusterIP, non-routable]".into())
        );
        let s1 = rec(Lb4Key::new(vip, 1), slot, Some(be), false);
        assert_eq!(
            (s1.key_text(), s1.value_text()),
            ("10.96.0.10:53 (1)".into(), "10.0.1.5:53 (7) (1)".into())
        );
        assert_eq!(rec(Lb4Key::new(vip, 1), slot, None, false).value_text(), "backend 3 not found");
        let mut internal = Lb4Key::new(vip, 0);
        internal.scope = 1;
        assert_eq!(rec(internal, master, None, true).key_text(), "10.96.0.10:53/i (0)");
        assert_eq!(rec(internal, master, None, true).value_text(), "0 1 (7) [0x0 0x0]");
    }
}
