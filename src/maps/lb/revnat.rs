//! `cilium_lb4_reverse_nat` (u16 id in network order → Cilium's `struct lb4_reverse_nat`,
//! 2/6 B): the frontend a reply's source is rewritten back to; and `cilium_lb4_reverse_sk`
//! (`struct ipv4_revnat_tuple` → `struct ipv4_revnat_entry`, 16/8 B), the socket load
//! balancer's record of what a socket dialled; their IPv6 peers.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use crate::bpf::MapFd;
use crate::error::Result;
use std::net::{IpAddr, Ipv6Addr};

use crate::netaddr::SockAddr;
use crate::output::{Record, Value, Visit};
use crate::wire::{Be16, Ip4};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb4ReverseNat {
    pub address: Ip4,
    pub port: Be16,
}

const _: () = assert!(size_of::<Lb4ReverseNat>() == 6);

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

/// `cilium_lb6_reverse_sk` key (`struct ipv6_revnat_tuple`, 32 B): as the IPv4 key, with a
/// 16-byte backend address (the cookie's 8-byte alignment pads it to 32).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct SockRevNat6Key {
    pub cookie: u64,
    pub address: [u8; 16],
    pub port: Be16,
    pub pad: u16,
    pub pad2: u32,
}

/// `cilium_lb6_reverse_sk` value (`struct ipv6_revnat_entry`, 20 B).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct SockRevNat6Value {
    pub address: [u8; 16],
    pub port: Be16,
    pub rev_nat_index: Be16,
}

const _: () = {
    assert!(size_of::<SockRevNat6Key>() == 32);
    assert!(offset_of!(SockRevNat6Key, address) == 8);
    assert!(offset_of!(SockRevNat6Key, port) == 24);
    assert!(size_of::<SockRevNat6Value>() == 20);
    assert!(offset_of!(SockRevNat6Value, rev_nat_index) == 18);
};

/// One socket LB reverse translation (`bpf lb list --reverse-sk`): a socket, the backend
/// the socket LB gave it, and the frontend it dialled (what replies are rewritten back to).
pub struct SockRevNatRecord {
    pub cookie: u64,
    pub backend: SockAddr,
    pub frontend: SockAddr,
    pub rev_nat_id: u16,
}

impl SockRevNatRecord {
    pub fn v4(k: SockRevNat4Key, v: SockRevNat4Value) -> SockRevNatRecord {
        let addr = |a: Ip4, port: Be16| SockAddr { ip: IpAddr::V4(a.addr()), port: port.get() };
        SockRevNatRecord {
            cookie: k.cookie,
            backend: addr(k.address, k.port),
            frontend: addr(v.address, v.port),
            rev_nat_id: v.rev_nat_index.get(),
        }
    }
    pub fn v6(k: SockRevNat6Key, v: SockRevNat6Value) -> SockRevNatRecord {
        let addr = |a: [u8; 16], port: Be16| SockAddr { ip: IpAddr::V6(Ipv6Addr::from(a)), port: port.get() };
        SockRevNatRecord {
            cookie: k.cookie,
            backend: addr(k.address, k.port),
            frontend: addr(v.address, v.port),
            rev_nat_id: v.rev_nat_index.get(),
        }
    }
}

impl Record for SockRevNatRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("cookie", "SOCKET COOKIE", Value::U64(self.cookie));
        v.field("backend", "BACKEND", Value::Disp(&self.backend));
        v.field("frontend", "FRONTEND", Value::Disp(&self.frontend));
        v.field("rev_nat_id", "REVNAT ID", Value::U64(self.rev_nat_id.into()));
    }
}

/// Every entry of `cilium_lb4_reverse_sk`, sorted by socket cookie.
pub fn read_reverse_sk(m: &MapFd) -> Result<Vec<SockRevNatRecord>> {
    by_cookie(m, SockRevNatRecord::v4)
}

/// Every entry of `cilium_lb6_reverse_sk`, sorted by socket cookie.
pub fn read_reverse_sk6(m: &MapFd) -> Result<Vec<SockRevNatRecord>> {
    by_cookie(m, SockRevNatRecord::v6)
}

fn by_cookie<K: Pod, V: Pod>(
    m: &MapFd,
    record: fn(K, V) -> SockRevNatRecord,
) -> Result<Vec<SockRevNatRecord>> {
    let mut v: Vec<SockRevNatRecord> =
        super::all::<K, V>(m)?.into_iter().map(|(k, v)| record(k, v)).collect();
    v.sort_by_key(|r| r.cookie);
    Ok(v)
}

/// `cilium_lb6_reverse_nat` value (`struct lb6_reverse_nat`, 18 B).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb6ReverseNat {
    pub address: [u8; 16],
    pub port: Be16,
}

const _: () = assert!(size_of::<Lb6ReverseNat>() == 18);

/// One reverse-NAT entry of either family: the frontend, `[addr]:port` for IPv6.
pub struct RevNatRecord {
    pub id: u16,
    pub address: SockAddr,
}

impl RevNatRecord {
    pub fn v4(id: u16, r: Lb4ReverseNat) -> RevNatRecord {
        RevNatRecord { id, address: SockAddr { ip: IpAddr::V4(r.address.addr()), port: r.port.get() } }
    }
    pub fn v6(id: u16, r: Lb6ReverseNat) -> RevNatRecord {
        RevNatRecord {
            id,
            address: SockAddr { ip: IpAddr::V6(Ipv6Addr::from(r.address)), port: r.port.get() },
        }
    }
}

impl Record for RevNatRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("id", "ID", Value::U64(self.id.into()));
        v.field("address", "SERVICE ADDRESS", Value::Disp(&self.address));
    }
}

/// Every IPv6 reverse-NAT entry by id.
pub fn read_revnat6(m: &MapFd) -> Result<BTreeMap<u16, Lb6ReverseNat>> {
    read_revnat_of(m)
}

pub fn read_revnat(m: &MapFd) -> Result<BTreeMap<u16, Lb4ReverseNat>> {
    read_revnat_of(m)
}

/// Every reverse-NAT entry by id, in either family's value.
pub fn read_revnat_of<V: Pod>(m: &MapFd) -> Result<BTreeMap<u16, V>> {
    Ok(super::all::<Be16, V>(m)?.into_iter().map(|(k, v)| (k.get(), v)).collect())
}
