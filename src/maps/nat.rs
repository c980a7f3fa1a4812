//! `cilium_snat_v4_external`: the SNAT table. Key: `struct ipv4_ct_tuple` (14 B, not
//! reversed: the packet's own addresses); value: `struct ipv4_nat_entry` (40 B), v1.16.

use std::io::Write;
use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use super::ct::{CtKey4, CtTuple, TUPLE_F_IN};
use crate::netaddr::Proto;
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

pub struct NatRecord {
    pub key: CtKey4,
    pub entry: NatEntry4,
    /// Seconds on the monotonic clock now, for the age.
    pub now: u64,
}

impl NatRecord {
    fn xlate(&self) -> &'static str {
        if self.key.flags & TUPLE_F_IN != 0 { "XLATE_DST" } else { "XLATE_SRC" }
    }
    fn age(&self) -> i64 {
        self.now as i64 - self.entry.created as i64
    }
}

impl Record for NatRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, e) = (&self.key, &self.entry);
        v.field("proto", "PROTO", Value::Disp(&Proto(k.nexthdr)));
        v.field("direction", "DIR", Value::Str(k.direction()));
        v.field("src", "SRC", Value::Ip(k.saddr.addr()));
        v.field("sport", "SPORT", Value::U64(k.sport.get().into()));
        v.field("dst", "DST", Value::Ip(k.daddr.addr()));
        v.field("dport", "DPORT", Value::U64(k.dport.get().into()));
        v.field("xlate", "XLATE", Value::Str(self.xlate()));
        v.field("to_addr", "TO", Value::Ip(e.to_addr.addr()));
        v.field("to_port", "TO PORT", Value::U64(e.to_port.get().into()));
        v.field("created", "", Value::U64(e.created));
        v.field("age_secs", "AGE", Value::I64(self.age()));
        v.field("needs_ct", "NEEDS CT", Value::U64(e.needs_ct));
    }

    fn line(&self, w: &mut Vec<u8>) {
        let (k, e) = (&self.key, &self.entry);
        let _ = write!(
            w,
            "{} {} {}:{} -> {}:{} {} {}:{} Created={}sec ago NeedsCT={}",
            Proto(k.nexthdr),
            k.direction(),
            k.saddr,
            k.sport.get(),
            k.daddr,
            k.dport.get(),
            self.xlate(),
            e.to_addr,
            e.to_port.get(),
            self.age(),
            e.needs_ct
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
        NatRecord { key, entry, now: 100 }.line(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "UDP OUT 10.0.0.1:40000 -> 1.1.1.1:53 XLATE_SRC 192.168.0.1:33000 Created=10sec ago NeedsCT=0"
        );
    }
}
