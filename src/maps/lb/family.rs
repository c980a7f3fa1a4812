//! The two halves of the LB maps as the writer sees them: [`V4`] (`cilium_lb4_*`) and [`V6`]
//! (`cilium_lb6_*`) have the same entries with 4- or 16-byte addresses, so one writer
//! ([`super::write`]) serves both through [`Family`]. Backend and reverse-NAT ids are one
//! space across the families, as Cilium allocates them: `cilium_lb_affinity_match` (keyed by
//! backend and reverse-NAT id) is shared, and a v4 and a v6 service with one reverse-NAT id
//! would share (and remove) each other's entries there.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::hash::Hash;
use std::net::IpAddr;

use bytemuck::Pod;

use super::LbMaps;
use super::backend::{Lb4Backend, Lb6Backend};
use super::revnat::{Lb4ReverseNat, Lb6ReverseNat};
use super::service::{Lb4Key, Lb4Service, Lb6Key};
use crate::bpf::MapFd;
use crate::error::Result;
use crate::maps::spec::{LB4_REVERSE_NAT, LB4_SERVICES, LB6_REVNAT, LB6_SERVICES, MapSpec};
use crate::wire::Be16;

/// One family's LB entries: how its keys and values are made from, and read as, an
/// address (its bytes in network order), a port and a protocol.
pub trait Family: 'static {
    /// The address as the maps hold it.
    type Addr: Copy + Eq + Ord + Hash + Debug;
    type Key: Pod + Eq + Hash + Debug;
    type Backend: Pod + Eq + Debug;
    type RevNat: Pod + Debug;
    const SERVICES: &'static MapSpec;
    const REVNAT: &'static MapSpec;
    /// `ip` in this family, or None.
    fn addr(ip: IpAddr) -> Option<Self::Addr>;
    fn key(addr: Self::Addr, port: u16, slot: u16) -> Self::Key;
    /// A service key's frontend and slot.
    fn key_parts(k: &Self::Key) -> (Self::Addr, Be16, u16);
    fn backend(addr: Self::Addr, port: u16, proto: u8, state: u8) -> Self::Backend;
    /// A backend's address, port and protocol: what makes two backends one.
    fn backend_tuple(b: &Self::Backend) -> (Self::Addr, u16, u8);
    fn revnat(addr: Self::Addr, port: u16) -> Self::RevNat;
    fn revnat_front(r: &Self::RevNat) -> (Self::Addr, Be16);
    fn read_backends(m: &MapFd) -> Result<BTreeMap<u32, Self::Backend>>;
    /// This family's maps among `m`'s: None for IPv6 on a node without them.
    fn maps(m: &LbMaps) -> Option<FamilyMaps<'_>>;
    /// The other family, whose ids this one's writes must not take.
    type Other: Family;
}

/// One family's services, backends and reverse-NAT maps.
pub struct FamilyMaps<'m> {
    pub services: &'m MapFd,
    pub backends: &'m MapFd,
    pub revnat: &'m MapFd,
}

pub enum V4 {}
pub enum V6 {}

impl Family for V4 {
    type Addr = [u8; 4];
    type Key = Lb4Key;
    type Backend = Lb4Backend;
    type RevNat = Lb4ReverseNat;
    const SERVICES: &'static MapSpec = &LB4_SERVICES;
    const REVNAT: &'static MapSpec = &LB4_REVERSE_NAT;
    fn addr(ip: IpAddr) -> Option<[u8; 4]> {
        match ip {
            IpAddr::V4(a) => Some(a.octets()),
            IpAddr::V6(_) => None,
        }
    }
    fn key(addr: [u8; 4], port: u16, slot: u16) -> Lb4Key {
        Lb4Key {
            address: std::net::Ipv4Addr::from(addr).into(),
            dport: Be16::new(port),
            backend_slot: slot,
            ..Default::default()
        }
    }
    fn key_parts(k: &Lb4Key) -> ([u8; 4], Be16, u16) {
        (k.address.octets(), k.dport, k.backend_slot)
    }
    fn backend(addr: [u8; 4], port: u16, proto: u8, state: u8) -> Lb4Backend {
        Lb4Backend {
            address: std::net::Ipv4Addr::from(addr).into(),
            port: Be16::new(port),
            proto,
            flags: state,
            ..Default::default()
        }
    }
    fn backend_tuple(b: &Lb4Backend) -> ([u8; 4], u16, u8) {
        (b.address.octets(), b.port.get(), b.proto)
    }
    fn revnat(addr: [u8; 4], port: u16) -> Lb4ReverseNat {
        Lb4ReverseNat { address: std::net::Ipv4Addr::from(addr).into(), port: Be16::new(port) }
    }
    fn revnat_front(r: &Lb4ReverseNat) -> ([u8; 4], Be16) {
        (r.address.octets(), r.port)
    }
    fn read_backends(m: &MapFd) -> Result<BTreeMap<u32, Lb4Backend>> {
        super::backend::read_backends(m)
    }
    fn maps(m: &LbMaps) -> Option<FamilyMaps<'_>> {
        Some(FamilyMaps { services: &m.services, backends: &m.backends, revnat: &m.revnat })
    }
    type Other = V6;
}

impl Family for V6 {
    type Addr = [u8; 16];
    type Key = Lb6Key;
    type Backend = Lb6Backend;
    type RevNat = Lb6ReverseNat;
    const SERVICES: &'static MapSpec = &LB6_SERVICES;
    const REVNAT: &'static MapSpec = &LB6_REVNAT;
    fn addr(ip: IpAddr) -> Option<[u8; 16]> {
        match ip {
            IpAddr::V6(a) => Some(a.octets()),
            IpAddr::V4(_) => None,
        }
    }
    fn key(address: [u8; 16], port: u16, slot: u16) -> Lb6Key {
        Lb6Key { address, dport: Be16::new(port), backend_slot: slot, ..Default::default() }
    }
    fn key_parts(k: &Lb6Key) -> ([u8; 16], Be16, u16) {
        (k.address, k.dport, k.backend_slot)
    }
    fn backend(address: [u8; 16], port: u16, proto: u8, state: u8) -> Lb6Backend {
        Lb6Backend { address, port: Be16::new(port), proto, flags: state, ..Default::default() }
    }
    fn backend_tuple(b: &Lb6Backend) -> ([u8; 16], u16, u8) {
        (b.address, b.port.get(), b.proto)
    }
    fn revnat(address: [u8; 16], port: u16) -> Lb6ReverseNat {
        Lb6ReverseNat { address, port: Be16::new(port) }
    }
    fn revnat_front(r: &Lb6ReverseNat) -> ([u8; 16], Be16) {
        (r.address, r.port)
    }
    fn read_backends(m: &MapFd) -> Result<BTreeMap<u32, Lb6Backend>> {
        super::backend::read_backends6(m)
    }
    fn maps(m: &LbMaps) -> Option<FamilyMaps<'_>> {
        m.v6.as_ref().map(|v| FamilyMaps { services: &v.services, backends: &v.backends, revnat: &v.revnat })
    }
    type Other = V4;
}

/// Every service entry of a family's services map, in the map's order.
pub fn read_services<F: Family>(m: &MapFd) -> Result<Vec<(F::Key, Lb4Service)>> {
    super::all(m)
}

/// Every reverse-NAT entry of a family's map, by id.
pub fn read_revnat<F: Family>(m: &MapFd) -> Result<BTreeMap<u16, F::RevNat>> {
    super::revnat::read_revnat_of(m)
}

/// The backend and reverse-NAT ids family `F`'s entries use (keys, and the ids slots and
/// masters refer to); none when its maps are not there.
pub fn ids<F: Family>(m: &LbMaps) -> Result<(BTreeSet<u32>, BTreeSet<u16>)> {
    let Some(fm) = F::maps(m) else { return Ok(Default::default()) };
    let mut backends: BTreeSet<u32> = F::read_backends(fm.backends)?.into_keys().collect();
    let mut revnat: BTreeSet<u16> = read_revnat::<F>(fm.revnat)?.into_keys().collect();
    for (k, s) in read_services::<F>(fm.services)? {
        if F::key_parts(&k).2 == 0 {
            revnat.insert(s.rev_nat_index.get());
        } else {
            backends.insert(s.backend_id);
        }
    }
    Ok((backends, revnat))
}

/// The IPv6 maps a write opens, when the node has them (writes only to
/// `cilium_lb6_backends_v3`, the one IPv6 backend layout ciliumrs encodes).
pub struct V6Maps {
    pub services: MapFd,
    pub backends: MapFd,
    pub revnat: MapFd,
}

impl V6Maps {
    pub fn open(bpffs: &std::path::Path, access: crate::maps::Access) -> Result<Option<V6Maps>> {
        if !crate::maps::pin_path(bpffs, LB6_SERVICES.name).exists() {
            return Ok(None);
        }
        Ok(Some(V6Maps {
            services: crate::maps::open_global(bpffs, &LB6_SERVICES, access)?,
            backends: super::backend::open_backends6(bpffs, access)?,
            revnat: crate::maps::open_global(bpffs, &LB6_REVNAT, access)?,
        }))
    }
}
