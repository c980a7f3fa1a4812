//! `cilium_snat_v4_external` and `cilium_snat_v6_external`: the SNAT tables. Key: `struct
//! ipv4_ct_tuple` (14 B) or `ipv6_ct_tuple` (38 B), not reversed: the packet's own
//! addresses; value: `struct ipv4_nat_entry` (40 B) or `ipv6_nat_entry` (56 B), v1.16.

use std::io::Write;
use std::mem::{offset_of, size_of};
use std::net::{IpAddr, Ipv6Addr};

use bytemuck::{Pod, Zeroable};

use super::ct::{CtKey4, CtKey6, TUPLE_F_IN};
use crate::netaddr::{Proto, SockAddr};
use crate::output::{Record, Value, Visit};
use crate::wire::{Be16, Ip4};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct NatEntry4 {
    pub created: u64,
    pub needs_ct: u64,
    pub pad1: u64,
    pub pad2: u64,
    /// to_saddr for egress keys, to_daddr for ingress (IN) keys.
    pub to_addr: Ip4,
    pub to_port: Be16,
    pub pad3: u16,
}

const _: () = {
    assert!(size_of::<NatEntry4>() == 40);
    assert!(offset_of!(NatEntry4, to_addr) == 32);
    assert!(offset_of!(NatEntry4, to_port) == 36);
};

/// `struct ipv6_nat_entry` (56 B): the IPv4 entry's fields with a 16-byte address.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct NatEntry6 {
    pub created: u64,
    pub needs_ct: u64,
    pub pad1: u64,
    pub pad2: u64,
    pub to_addr: [u8; 16],
    pub to_port: Be16,
    pub pad3: [u8; 6],
}

const _: () = {
    assert!(size_of::<NatEntry6>() == 56);
    assert!(offset_of!(NatEntry6, to_addr) == 32);
    assert!(offset_of!(NatEntry6, to_port) == 48);
};

/// One SNAT entry of either family, in the packet's orientation.
pub struct NatRecord {
    pub proto: u8,
    pub tuple_flags: u8,
    pub src: IpAddr,
    pub sport: u16,
    pub dst: IpAddr,
    pub dport: u16,
    pub to_addr: IpAddr,
    pub to_port: u16,
    pub created: u64,
    pub needs_ct: u64,
    /// Seconds on the monotonic clock now, for the age.
    pub now: u64,
}

impl NatRecord {
    pub fn v4(key: CtKey4, e: NatEntry4, now: u64) -> NatRecord {
        NatRecord {
            proto: key.nexthdr,
            tuple_flags: key.flags,
            src: IpAddr::V4(key.saddr.addr()),
            sport: key.sport.get(),
            dst: IpAddr::V4(key.daddr.addr()),
            dport: key.dport.get(),
            to_addr: IpAddr::V4(e.to_addr.addr()),
            to_port: e.to_port.get(),
            created: e.created,
            needs_ct: e.needs_ct,
            now,
        }
    }

    pub fn v6(key: CtKey6, e: NatEntry6, now: u64) -> NatRecord {
        NatRecord {
            proto: key.nexthdr,
            tuple_flags: key.flags,
            src: IpAddr::V6(Ipv6Addr::from(key.saddr)),
            sport: key.sport.get(),
            dst: IpAddr::V6(Ipv6Addr::from(key.daddr)),
            dport: key.dport.get(),
            to_addr: IpAddr::V6(Ipv6Addr::from(e.to_addr)),
            to_port: e.to_port.get(),
            created: e.created,
            needs_ct: e.needs_ct,
            now,
        }
    }

    fn xlate(&self) -> &'static str {
        if self.tuple_flags & TUPLE_F_IN != 0 { "XLATE_DST" } else { "XLATE_SRC" }
    }
    fn direction(&self) -> &'static str {
        if self.tuple_flags & TUPLE_F_IN != 0 { "IN" } else { "OUT" }
    }
    fn age(&self) -> i64 {
        self.now as i64 - self.created as i64
    }
}

impl Record for NatRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("proto", "PROTO", Value::Disp(&Proto(self.proto)));
        v.field("direction", "DIR", Value::Str(self.direction()));
        v.field("src", "SRC", Value::Disp(&self.src));
        v.field("sport", "SPORT", Value::U64(self.sport.into()));
        v.field("dst", "DST", Value::Disp(&self.dst));
        v.field("dport", "DPORT", Value::U64(self.dport.into()));
        v.field("xlate", "XLATE", Value::Str(self.xlate()));
        v.field("to_addr", "TO", Value::Disp(&self.to_addr));
        v.field("to_port", "TO PORT", Value::U64(self.to_port.into()));
        v.field("created", "", Value::U64(self.created));
        v.field("age_secs", "AGE", Value::I64(self.age()));
        v.field("needs_ct", "NEEDS CT", Value::U64(self.needs_ct));
    }

    fn line(&self, w: &mut Vec<u8>) {
        let _ = write!(
            w,
            "{} {} {} -> {} {} {} Created={}sec ago NeedsCT={}",
            Proto(self.proto),
            self.direction(),
            SockAddr { ip: self.src, port: self.sport },
            SockAddr { ip: self.dst, port: self.dport },
            self.xlate(),
            SockAddr { ip: self.to_addr, port: self.to_port },
            self.age(),
            self.needs_ct
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn line_uses_packet_orientation() {
        let key = CtKey4 {
            daddr: Ipv4Addr::new(1, 1, 1, 1).into(),
            saddr: Ipv4Addr::new(10, 0, 0, 1).into(),
            dport: Be16::new(53),
            sport: Be16::new(40000),
            nexthdr: 17,
            flags: 0,
        };
        let entry = NatEntry4 {
            created: 90,
            to_addr: Ipv4Addr::new(192, 168, 0, 1).into(),
            to_port: Be16::new(33000),
            ..Default::default()
        };
        let mut out = Vec::new();
        NatRecord::v4(key, entry, 100).line(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "UDP OUT 10.0.0.1:40000 -> 1.1.1.1:53 XLATE_SRC 192.168.0.1:33000 Created=10sec ago NeedsCT=0"
        );
    }
}
