//! `cilium_lb4_services_v2` (Cilium's `struct lb4_key` → `struct lb4_service`, 12/12 B,
//! `bpf/lib/common.h`): a service's master entry (slot 0: backend count, reverse-NAT id,
//! type and attribute flags) and its backend slots (1..count: a backend id each); the
//! flags as Cilium names them, and the record `bpf lb list` prints.

use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use crate::bpf::MapFd;
use crate::error::Result;
use std::net::{IpAddr, Ipv6Addr};

use crate::netaddr::{SockAddr, SockAddr4};
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

/// `cilium_lb6_services_v2` key (`struct lb6_key`, 24 B): the IPv4 key's fields with a
/// 16-byte address; the value is the same `lb4_service`-shaped 12 bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct Lb6Key {
    pub address: [u8; 16],
    pub dport: Be16,
    pub backend_slot: u16,
    pub proto: u8,
    pub scope: u8,
    pub pad: [u8; 2],
}

/// A service entry's key in the fields both families share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LbFrontend {
    pub addr: SockAddr,
    pub slot: u16,
    pub scope: u8,
}

impl From<Lb4Key> for LbFrontend {
    fn from(k: Lb4Key) -> LbFrontend {
        LbFrontend {
            addr: SockAddr { ip: IpAddr::V4(k.address.addr()), port: k.dport.get() },
            slot: k.backend_slot,
            scope: k.scope,
        }
    }
}

impl From<Lb6Key> for LbFrontend {
    fn from(k: Lb6Key) -> LbFrontend {
        LbFrontend {
            addr: SockAddr { ip: IpAddr::V6(Ipv6Addr::from(k.address)), port: k.dport.get() },
            slot: k.backend_slot,
            scope: k.scope,
        }
    }
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

const _: () = {
    assert!(size_of::<Lb6Key>() == 24);
    assert!(offset_of!(Lb6Key, dport) == 16);
    assert!(offset_of!(Lb6Key, backend_slot) == 18);
    assert!(offset_of!(Lb6Key, proto) == 20);
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
};

// Master-entry flags (byte 8 of the value) and flags2 (byte 9), Cilium's `enum
// lb_svc_flags` / `lb_svc_flags2` (bpf/lib/common.h), as one 16-bit word where both count.
/// Type: an ExternalIP frontend.
pub const SVC_FLAG_EXTERNAL_IP: u8 = 1 << 0;
/// Type: a NodePort frontend.
pub const SVC_FLAG_NODEPORT: u8 = 1 << 1;
/// Type: a HostPort frontend.
pub const SVC_FLAG_HOSTPORT: u8 = 1 << 3;
/// The service has session affinity; the master's `backend_id` is then its timeout.
pub const SVC_FLAG_AFFINITY: u8 = 1 << 4;
/// Type: a LoadBalancer frontend.
pub const SVC_FLAG_LOADBALANCER: u8 = 1 << 5;
/// Reachable from outside the cluster (every type but ClusterIP).
pub const SVC_FLAG_ROUTABLE: u8 = 1 << 6;
/// flags2 bit 0 (word bit 8), type: a LocalRedirect frontend.
pub const SVC_FLAG2_LOCAL_REDIRECT: u8 = 1 << 0;

/// A flags byte, or a flags2 byte, as a bit of the 16-bit word.
const fn word(flags: u8, flags2: u8) -> u16 {
    (flags as u16) | ((flags2 as u16) << 8)
}

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
    pub const TYPE_BITS: u8 =
        SVC_FLAG_EXTERNAL_IP | SVC_FLAG_NODEPORT | SVC_FLAG_HOSTPORT | SVC_FLAG_LOADBALANCER;

    /// The type bit and the routable bit (ClusterIP: neither).
    pub fn flags(self) -> u8 {
        match self {
            SvcType::ClusterIp => 0,
            SvcType::ExternalIp => SVC_FLAG_EXTERNAL_IP | SVC_FLAG_ROUTABLE,
            SvcType::NodePort => SVC_FLAG_NODEPORT | SVC_FLAG_ROUTABLE,
            SvcType::LoadBalancer => SVC_FLAG_LOADBALANCER | SVC_FLAG_ROUTABLE,
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

/// Service flags (byte 8) and flags2 (byte 9) as one word, with Cilium's names.
const SVC_FLAGS: &[(u16, &str)] = &[
    (word(SVC_FLAG_EXTERNAL_IP, 0), "ExternalIPs"),
    (word(SVC_FLAG_NODEPORT, 0), "NodePort"),
    (1 << 2, "Local"),
    (word(SVC_FLAG_HOSTPORT, 0), "HostPort"),
    (word(SVC_FLAG_AFFINITY, 0), "sessionAffinity"),
    (word(SVC_FLAG_LOADBALANCER, 0), "LoadBalancer"),
    (1 << 7, "check source-range"),
    (word(0, SVC_FLAG2_LOCAL_REDIRECT), "LocalRedirect"),
    (1 << 9, "46x64"),
    (1 << 10, "l7-load-balancer"),
    (1 << 11, "loopback"),
    (1 << 12, "InternalLocal"),
    (1 << 13, "two-scopes"),
    (1 << 14, "quarantined"),
];
/// Every type bit of the word (none: ClusterIP).
const TYPE_WORD: u16 = word(SvcType::TYPE_BITS, SVC_FLAG2_LOCAL_REDIRECT);

/// Cilium's service flag text: the type (`ClusterIP` when no type bit), then attributes,
/// then `non-routable` when the routable bit is clear.
pub fn service_flags_text(flags: u8, flags2: u8) -> String {
    let w = word(flags, flags2);
    let mut parts: Vec<&str> = Vec::new();
    if w & TYPE_WORD == 0 {
        parts.push("ClusterIP");
    }
    for (bit, name) in SVC_FLAGS {
        if w & bit != 0 {
            parts.push(name);
        }
    }
    if w & word(SVC_FLAG_ROUTABLE, 0) == 0 {
        parts.push("non-routable");
    }
    parts.join(", ")
}

/// The service type Cilium's `service list` prints for master-entry flags.
pub fn service_type(flags: u8, flags2: u8) -> &'static str {
    match () {
        _ if flags & SVC_FLAG_EXTERNAL_IP != 0 => "ExternalIPs",
        _ if flags & SVC_FLAG_NODEPORT != 0 => "NodePort",
        _ if flags & SVC_FLAG_LOADBALANCER != 0 => "LoadBalancer",
        _ if flags & SVC_FLAG_HOSTPORT != 0 => "HostPort",
        _ if flags2 & SVC_FLAG2_LOCAL_REDIRECT != 0 => "LocalRedirect",
        _ => "ClusterIP",
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
}

/// A service entry (master or slot) joined with its backend. The table has Cilium v1.16's
/// two columns (`cilium-dbg bpf lb list`, or `--frontends`); JSON has every field apart.
pub struct ServiceRecord {
    pub key: LbFrontend,
    pub svc: Lb4Service,
    /// For slots: the backend's address, or None when the id is not in the backends map.
    pub backend: Option<SockAddr>,
    /// `--frontends`: the master entry's raw fields as Cilium prints them.
    pub frontends: bool,
}

impl ServiceRecord {
    /// Cilium's key column: `ip:port[/i] (slot)`.
    fn key_text(&self) -> String {
        let k = &self.key;
        let scope = if k.scope == 1 { "/i" } else { "" };
        format!("{}{scope} ({})", k.addr, k.slot)
    }

    /// Cilium's value column.
    fn value_text(&self) -> String {
        let (k, s) = (&self.key, &self.svc);
        let rev = s.rev_nat_index.get();
        if self.frontends {
            return format!("{} {} ({rev}) [{:#x} {:#x}]", s.backend_id, s.count, s.flags, s.flags2);
        }
        if k.slot == 0 {
            let any = if k.addr.ip.is_ipv6() { "[::]" } else { "0.0.0.0" };
            return format!("{any}:0 ({rev}) (0) [{}]", service_flags_text(s.flags, s.flags2));
        }
        match self.backend {
            Some(b) => format!("{b} ({rev}) ({})", k.slot),
            None => format!("backend {} not found", s.backend_id),
        }
    }
}

impl Record for ServiceRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, s) = (&self.key, &self.svc);
        let master = k.slot == 0;
        let backend = self.backend;
        let flags_text = if master { service_flags_text(s.flags, s.flags2) } else { String::new() };
        let scope = if k.scope == 1 { "internal" } else { "external" };
        let (key_text, value_text) = (self.key_text(), self.value_text());
        v.field("frontend", "", Value::Disp(&k.addr));
        v.field("scope", "", Value::Str(scope));
        v.field("slot", "", Value::U64(k.slot.into()));
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
        v.field("flags", "", Value::U64(word(s.flags, s.flags2).into()));
        v.field("flag_text", "", if master { Value::Str(&flags_text) } else { Value::Null });
    }
}

/// Every service entry, sorted by frontend then slot (for listings).
pub fn read_services(m: &MapFd) -> Result<Vec<(Lb4Key, Lb4Service)>> {
    let mut v = read_services_unsorted(m)?;
    v.sort_by_key(|(k, _)| (k.address.octets(), k.dport.get(), k.proto, k.scope, k.backend_slot));
    Ok(v)
}

/// Every IPv6 service entry, sorted by frontend then slot.
pub fn read_services6(m: &MapFd) -> Result<Vec<(Lb6Key, Lb4Service)>> {
    let mut v: Vec<(Lb6Key, Lb4Service)> = super::all(m)?;
    v.sort_by_key(|(k, _)| (k.address, k.dport.get(), k.proto, k.scope, k.backend_slot));
    Ok(v)
}

/// Every service entry in the map's order (for writers, which need no order).
pub fn read_services_unsorted(m: &MapFd) -> Result<Vec<(Lb4Key, Lb4Service)>> {
    super::all(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::lb::backend::Lb4Backend;
    use crate::maps::lb::revnat::Lb4ReverseNat;
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
        let rec = |key: Lb4Key, svc, backend: Option<Lb4Backend>, frontends| ServiceRecord {
            key: key.into(),
            svc,
            backend: backend.map(|b| b.sock_addr()),
            frontends,
        };
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
        // IPv6 (cilium-dbg v1.16): brackets, and [::]:0 in the master row.
        let key6 = Lb6Key {
            address: "f00d::a".parse::<Ipv6Addr>().unwrap().octets(),
            dport: Be16::new(80),
            ..Default::default()
        };
        let r6 = ServiceRecord { key: key6.into(), svc: master, backend: None, frontends: false };
        assert_eq!(
            (r6.key_text(), r6.value_text()),
            ("[f00d::a]:80 (0)".into(), "[::]:0 (7) (0) [ClusterIP, non-routable]".into())
        );
        let be6 = SockAddr { ip: "f00d::2".parse().unwrap(), port: 8080 };
        let s6 = ServiceRecord {
            key: Lb6Key { backend_slot: 1, ..key6 }.into(),
            svc: slot,
            backend: Some(be6),
            frontends: false,
        };
        assert_eq!(
            (s6.key_text(), s6.value_text()),
            ("[f00d::a]:80 (1)".into(), "[f00d::2]:8080 (7) (1)".into())
        );
    }
}
