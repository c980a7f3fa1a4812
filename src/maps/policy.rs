//! `cilium_policy_<EPID>`: one endpoint's policy, an LPM trie in v1.16. C peers: `struct
//! policy_key` (12 B) and `struct policy_entry` (24 B).
//!
//! The LPM prefix counts 40 static bits (identity + the egress/pad byte), then 8 bits of
//! protocol and 16 of port: identity only = 40, protocol only = 48, port/proto = 64.

use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use crate::codes::auth_type_text;
use crate::netaddr::{PortProto, Proto};
use crate::output::{Record, Value, Visit};
use crate::wire::Be16;

pub const STATIC_PREFIX: u32 = 40;
pub const FULL_PREFIX: u32 = 64;
/// `policy_entry` byte 2 bits.
pub const ENTRY_DENY: u8 = 1;
pub const ENTRY_WILDCARD_PROTO: u8 = 2;
pub const ENTRY_WILDCARD_DPORT: u8 = 4;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct PolicyKey {
    pub prefixlen: u32,
    pub sec_label: u32,
    /// Bit 0: egress.
    pub egress: u8,
    pub protocol: u8,
    pub dport: Be16,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct PolicyEntry {
    pub proxy_port: Be16,
    pub flags: u8,
    pub auth_type: u8,
    pub pad1: u16,
    pub pad2: u16,
    pub packets: u64,
    pub bytes: u64,
}

const _: () = {
    assert!(size_of::<PolicyKey>() == 12);
    assert!(offset_of!(PolicyKey, sec_label) == 4);
    assert!(offset_of!(PolicyKey, egress) == 8);
    assert!(offset_of!(PolicyKey, protocol) == 9);
    assert!(offset_of!(PolicyKey, dport) == 10);
    assert!(size_of::<PolicyEntry>() == 24);
    assert!(offset_of!(PolicyEntry, flags) == 2);
    assert!(offset_of!(PolicyEntry, auth_type) == 3);
    assert!(offset_of!(PolicyEntry, packets) == 8);
    assert!(offset_of!(PolicyEntry, bytes) == 16);
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

impl PolicyKey {
    pub fn new(dir: Direction, identity: u32, l4: PortProto) -> PolicyKey {
        let (prefixlen, protocol, dport) = match l4 {
            PortProto::Any => (STATIC_PREFIX, 0, 0),
            PortProto::Proto(p) => (STATIC_PREFIX + 8, p.0, 0),
            PortProto::PortProto(port, p) => (FULL_PREFIX, p.0, port),
        };
        PolicyKey {
            prefixlen,
            sec_label: identity,
            egress: u8::from(dir == Direction::Egress),
            protocol,
            dport: Be16::new(dport),
        }
    }

    pub fn direction(&self) -> &'static str {
        if self.egress & 1 != 0 { "Egress" } else { "Ingress" }
    }

    /// `ANY`, `ANY/TCP`, `80/TCP`, or a port range `8080-8087/TCP` for shorter prefixes.
    pub fn port_proto(&self) -> String {
        let len = self.prefixlen;
        if len <= STATIC_PREFIX {
            return "ANY".into();
        }
        let proto = Proto(self.protocol);
        if len <= STATIC_PREFIX + 8 {
            return format!("ANY/{proto}");
        }
        let port_bits = (len.min(FULL_PREFIX) - STATIC_PREFIX - 8) as u16;
        let port = self.dport.get();
        if port_bits >= 16 {
            return format!("{port}/{proto}");
        }
        let mask: u16 = if port_bits == 0 { 0 } else { u16::MAX << (16 - port_bits) };
        format!("{}-{}/{proto}", port & mask, port | !mask)
    }
}

/// Auth type names (`policy_entry` byte 3).
pub struct PolicyRecord {
    pub key: PolicyKey,
    pub entry: PolicyEntry,
}

impl Record for PolicyRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, e) = (&self.key, &self.entry);
        let deny = e.flags & ENTRY_DENY != 0;
        let pp = k.port_proto();
        let proxy = e.proxy_port.get();
        v.field("policy", "POLICY", Value::Str(if deny { "Deny" } else { "Allow" }));
        v.field("direction", "DIRECTION", Value::Str(k.direction()));
        v.field("identity", "IDENTITY", Value::U64(k.sec_label.into()));
        v.field("port_proto", "PORT/PROTO", Value::Str(&pp));
        v.field("protocol", "", Value::U64(k.protocol.into()));
        v.field("port", "", Value::U64(k.dport.get().into()));
        v.field(
            "proxy_port",
            "PROXY PORT",
            if proxy == 0 { Value::Str("NONE") } else { Value::U64(proxy.into()) },
        );
        v.field("auth_type", "AUTH TYPE", Value::Str(auth_type_text(e.auth_type)));
        v.field("bytes", "BYTES", Value::U64(e.bytes));
        v.field("packets", "PACKETS", Value::U64(e.packets));
        v.field("prefix", "PREFIX", Value::I64(i64::from(k.prefixlen) - i64::from(STATIC_PREFIX)));
        v.field("flags", "", Value::U64(e.flags.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::test_hex as hex;

    #[test]
    fn golden_vectors() {
        let k = PolicyKey::new(Direction::Ingress, 1234, "80/tcp".parse().unwrap());
        assert_eq!(bytemuck::bytes_of(&k), &hex("40000000 d2040000 00 06 0050")[..]);
        assert_eq!(k.port_proto(), "80/TCP");
        let e: PolicyEntry =
            bytemuck::pod_read_unaligned(&hex("0000 00 00 0000 0000 0a00000000000000 e803000000000000"));
        assert_eq!((e.packets, e.bytes), (10, 1000));

        let k = PolicyKey::new(Direction::Egress, 2, PortProto::Any);
        assert_eq!(bytemuck::bytes_of(&k), &hex("28000000 02000000 01 00 0000")[..]);
        assert_eq!(k.port_proto(), "ANY");
        assert_eq!(k.direction(), "Egress");

        let k: PolicyKey = bytemuck::pod_read_unaligned(&hex("40000000 e9030000 00 06 1f90"));
        assert_eq!(k.port_proto(), "8080/TCP");
        let e: PolicyEntry =
            bytemuck::pod_read_unaligned(&hex("3b9a 00 01 0000 0000 0000000000000000 0000000000000000"));
        assert_eq!(e.proxy_port.get(), 15258);
        assert_eq!(auth_type_text(e.auth_type), "spire");
    }

    #[test]
    fn ranges_and_proto_only() {
        let k = PolicyKey { prefixlen: 61, dport: Be16::new(8080), protocol: 6, ..Default::default() };
        assert_eq!(k.port_proto(), "8080-8087/TCP");
        let k = PolicyKey::new(Direction::Ingress, 0, "/udp".parse().unwrap());
        assert_eq!(k.prefixlen, 48);
        assert_eq!(k.port_proto(), "ANY/UDP");
    }
}
