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

/// The policy key of Cilium up to v1.15 (a hash, 8 B): exact identity, port, protocol and
/// direction; port 0 and protocol 0 stand for "any".
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct PolicyKeyHash {
    pub sec_label: u32,
    pub dport: Be16,
    pub protocol: u8,
    /// Bit 0: egress.
    pub egress: u8,
}

/// The policy value of `cilium_policy_v2_<EPID>` (v1.17 on, 12 B): no counters.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct PolicyEntryV2 {
    pub proxy_port: Be16,
    /// Bit 0 deny, bits 3-7 the LPM prefix length of the rule's port/protocol part.
    pub flags: u8,
    /// Bits 0-6 auth type, bit 7 "explicit".
    pub auth_type: u8,
    pub precedence: u32,
    pub cookie: u32,
}

const _: () = {
    assert!(size_of::<PolicyKeyHash>() == 8);
    assert!(offset_of!(PolicyKeyHash, dport) == 4);
    assert!(offset_of!(PolicyKeyHash, protocol) == 6);
    assert!(offset_of!(PolicyKeyHash, egress) == 7);
    assert!(size_of::<PolicyEntryV2>() == 12);
    assert!(offset_of!(PolicyEntryV2, precedence) == 4);
    assert!(offset_of!(PolicyEntryV2, cookie) == 8);
};

/// The layouts of an endpoint's policy map across Cilium versions; the map's name and
/// shape tell which (`spec::POLICY_HASH`, `POLICY`, `POLICY_V2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Until v1.15: hash, key 8, value 24.
    Hash,
    /// v1.16: LPM trie, key 12, value 24 (ours).
    Lpm,
    /// v1.17 on: `cilium_policy_v2_<EPID>`, LPM trie, key 12, value 12.
    V2,
}

impl PolicyKeyHash {
    /// The same rule as an LPM key: protocol 0 = any (40 bits), port 0 = any port (48).
    pub fn to_lpm(self) -> PolicyKey {
        let prefixlen = match (self.protocol, self.dport.get()) {
            (0, _) => STATIC_PREFIX,
            (_, 0) => STATIC_PREFIX + 8,
            _ => FULL_PREFIX,
        };
        PolicyKey {
            prefixlen,
            sec_label: self.sec_label,
            egress: self.egress,
            protocol: self.protocol,
            dport: self.dport,
        }
    }
}

impl PolicyRecord {
    /// Decodes one entry of `layout`; None when the bytes are not that layout's sizes.
    pub fn decode(layout: Layout, k: &[u8], v: &[u8]) -> Option<PolicyRecord> {
        use super::decode as read;
        Some(match layout {
            Layout::Lpm => PolicyRecord::counted(read(k)?, read(v)?),
            Layout::Hash => PolicyRecord::counted(read::<PolicyKeyHash>(k)?.to_lpm(), read(v)?),
            Layout::V2 => {
                let e: PolicyEntryV2 = read(v)?;
                PolicyRecord {
                    key: read(k)?,
                    entry: PolicyEntry {
                        proxy_port: e.proxy_port,
                        flags: e.flags & ENTRY_DENY,
                        auth_type: e.auth_type & 0x7f,
                        ..PolicyEntry::default()
                    },
                    counted: false,
                    v2: Some((e.precedence, e.cookie)),
                }
            }
        })
    }

    /// An entry with packet and byte counters (every layout before v1.17).
    pub fn counted(key: PolicyKey, entry: PolicyEntry) -> PolicyRecord {
        PolicyRecord { key, entry, counted: true, v2: None }
    }
}

/// One policy rule in the fields every layout shares.
pub struct PolicyRecord {
    pub key: PolicyKey,
    pub entry: PolicyEntry,
    /// The layout keeps per-rule counters (v1.17 moved them to cilium_policystats).
    pub counted: bool,
    /// v1.17 on: precedence and cookie of the rule.
    pub v2: Option<(u32, u32)>,
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
        let counter = |n: u64| if self.counted { Value::U64(n) } else { Value::Null };
        v.field("bytes", "BYTES", counter(e.bytes));
        v.field("packets", "PACKETS", counter(e.packets));
        v.field("prefix", "PREFIX", Value::I64(i64::from(k.prefixlen) - i64::from(STATIC_PREFIX)));
        v.field("flags", "", Value::U64(e.flags.into()));
        v.field("precedence", "", self.v2.map_or(Value::Null, |(p, _)| Value::U64(p.into())));
        v.field("cookie", "", self.v2.map_or(Value::Null, |(_, c)| Value::U64(c.into())));
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
    fn older_and_newer_layouts() {
        // Until v1.15: a hash key {identity, port (net), proto, egress}.
        let r = PolicyRecord::decode(
            Layout::Hash,
            &hex("d2040000 0050 06 00"),
            &hex("0000 00 00 0000 0000 0a00000000000000 e803000000000000"),
        )
        .unwrap();
        assert_eq!(
            (r.key.sec_label, r.key.port_proto(), r.key.direction()),
            (1234, "80/TCP".to_string(), "Ingress")
        );
        assert_eq!((r.entry.packets, r.counted), (10, true));
        let r = PolicyRecord::decode(Layout::Hash, &hex("02000000 0000 00 01"), &[1; 24]).unwrap();
        assert_eq!(
            (r.key.port_proto(), r.key.direction(), r.entry.flags & ENTRY_DENY),
            ("ANY".to_string(), "Egress", 1)
        );
        // v1.17 on: 12-byte values, deny in bit 0, auth type in bits 0-6, no counters.
        let r = PolicyRecord::decode(
            Layout::V2,
            &hex("40000000 e9030000 00 06 1f90"),
            &hex("3b9a 41 81 05000000 07000000"),
        )
        .unwrap();
        assert_eq!((r.entry.proxy_port.get(), r.entry.flags, r.entry.auth_type), (15258, ENTRY_DENY, 1));
        assert_eq!((r.counted, r.v2), (false, Some((5, 7))));
        assert!(PolicyRecord::decode(Layout::V2, &[0; 12], &[0; 24]).is_none());
        assert!(PolicyRecord::decode(Layout::Hash, &[0; 12], &[0; 24]).is_none());
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
