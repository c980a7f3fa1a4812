//! `cilium_lb4_backends_v3` (u32 id → Cilium's `struct lb4_backend`, 4/12 B, v1.13 on)
//! and the older names and layouts it reads (`_v2` of v1.11-1.12 and v1 of v1.10, 8 B
//! values); the backend states, `bpf lb update`'s `IP:PORT[@STATE]`, and the record.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};
use std::net::{IpAddr, Ipv6Addr};

use bytemuck::{Pod, Zeroable};

use crate::bpf::MapFd;
use crate::error::Result;
use crate::netaddr::{Proto, SockAddr};
use crate::output::{Record, Value, Visit};
use crate::wire::{Be16, Ip4};

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

const _: () = {
    assert!(size_of::<Lb4Backend>() == 12);
    assert!(offset_of!(Lb4Backend, proto) == 6);
    assert!(offset_of!(Lb4Backend, cluster_id) == 8);
};

pub fn backend_state(flags: u8) -> &'static str {
    match flags {
        0 => "active",
        1 => "terminating",
        2 => "quarantined",
        3 => "maintenance",
        _ => "unknown",
    }
}

/// `cilium_lb6_backends_v3` value (`struct lb6_backend`, 24 B): the IPv4 backend's fields
/// with a 16-byte address.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb6Backend {
    pub address: [u8; 16],
    pub port: Be16,
    pub proto: u8,
    pub flags: u8,
    pub cluster_id: u16,
    pub zone: u8,
    pub pad: u8,
}

const _: () = {
    assert!(size_of::<Lb6Backend>() == 24);
    assert!(offset_of!(Lb6Backend, port) == 16);
    assert!(offset_of!(Lb6Backend, flags) == 19);
    assert!(offset_of!(Lb6Backend, cluster_id) == 20);
    assert!(offset_of!(Lb6Backend, zone) == 22);
};

impl Lb4Backend {
    pub fn sock_addr(&self) -> SockAddr {
        SockAddr { ip: IpAddr::V4(self.address.addr()), port: self.port.get() }
    }
}

impl Lb6Backend {
    pub fn sock_addr(&self) -> SockAddr {
        SockAddr { ip: IpAddr::V6(Ipv6Addr::from(self.address)), port: self.port.get() }
    }
}

/// One backend of either family.
pub struct BackendRecord {
    pub id: u32,
    pub address: IpAddr,
    pub port: u16,
    pub proto: u8,
    pub flags: u8,
    pub cluster_id: u16,
    pub zone: u8,
}

impl BackendRecord {
    pub fn v4(id: u32, b: Lb4Backend) -> BackendRecord {
        BackendRecord {
            id,
            address: IpAddr::V4(b.address.addr()),
            port: b.port.get(),
            proto: b.proto,
            flags: b.flags,
            cluster_id: b.cluster_id,
            zone: b.zone,
        }
    }

    pub fn v6(id: u32, b: Lb6Backend) -> BackendRecord {
        BackendRecord {
            id,
            address: IpAddr::V6(Ipv6Addr::from(b.address)),
            port: b.port.get(),
            proto: b.proto,
            flags: b.flags,
            cluster_id: b.cluster_id,
            zone: b.zone,
        }
    }
}

impl Record for BackendRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("id", "ID", Value::U64(self.id.into()));
        v.field("address", "ADDRESS", Value::Disp(&self.address));
        v.field("port", "PORT", Value::U64(self.port.into()));
        v.field("proto", "PROTO", Value::Disp(&Proto(self.proto)));
        v.field("state", "STATE", Value::Str(backend_state(self.flags)));
        v.field("cluster_id", "", Value::U64(self.cluster_id.into()));
        v.field("zone", "", Value::U64(self.zone.into()));
    }
}

/// The backends map's names, newest first.
pub const BACKENDS: &[&crate::maps::spec::MapSpec] = &[
    &crate::maps::spec::LB4_BACKENDS,
    &crate::maps::spec::LB4_BACKENDS_V2,
    &crate::maps::spec::LB4_BACKENDS_V1,
];

/// The backends map under its newest pinned name (v3, else v2 of v1.11-1.12, else v1 of
/// v1.10). Writes go only to v3, the layout we encode.
pub fn open_backends(bpffs: &std::path::Path, access: crate::maps::Access) -> Result<MapFd> {
    open_of(bpffs, BACKENDS, access)
}

/// The IPv6 backends map under its newest pinned name, as [`open_backends`].
pub fn open_backends6(bpffs: &std::path::Path, access: crate::maps::Access) -> Result<MapFd> {
    open_of(bpffs, BACKENDS6, access)
}

/// The first of `names` pinned (newest first); writes only to the first, the v3 layout.
fn open_of(
    bpffs: &std::path::Path,
    names: &[&'static crate::maps::spec::MapSpec],
    access: crate::maps::Access,
) -> Result<MapFd> {
    let (map, spec) = crate::maps::open_any(bpffs, names, access)?;
    let v3 = names[0];
    if access == crate::maps::Access::Write && spec.name != v3.name {
        return Err(crate::error::Error::runtime(format!(
            "{} (Cilium {}): ciliumrs writes services only with {} (v1.13 on); refusing (nothing was changed)",
            spec.name, spec.versions, v3.name
        )));
    }
    Ok(map)
}

/// The IPv6 backends map's names, newest first.
pub const BACKENDS6: &[&crate::maps::spec::MapSpec] = &[
    &crate::maps::spec::LB6_BACKENDS,
    &crate::maps::spec::LB6_BACKENDS_V2,
    &crate::maps::spec::LB6_BACKENDS_V1,
];

/// The older IPv6 backend values (v1.10 and v1.11-1.12, 20 B), as [`Lb4BackendV1`].
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Lb6BackendV1 {
    pub address: [u8; 16],
    pub port: Be16,
    pub proto: u8,
    pub flags: u8,
}

const _: () = assert!(std::mem::size_of::<Lb6BackendV1>() == 20);

impl From<Lb6BackendV1> for Lb6Backend {
    fn from(b: Lb6BackendV1) -> Lb6Backend {
        Lb6Backend {
            address: b.address,
            port: b.port,
            proto: b.proto,
            flags: b.flags,
            ..Lb6Backend::default()
        }
    }
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

/// Every IPv6 backend by id, in v3's fields whichever version's map this is.
pub fn read_backends6(m: &MapFd) -> Result<BTreeMap<u32, Lb6Backend>> {
    Ok(match (m.key_len(), m.value_len()) {
        (2, 20) => {
            super::all::<u16, Lb6BackendV1>(m)?.into_iter().map(|(k, v)| (u32::from(k), v.into())).collect()
        }
        (4, 20) => super::all::<u32, Lb6BackendV1>(m)?.into_iter().map(|(k, v)| (k, v.into())).collect(),
        _ => super::all::<u32, Lb6Backend>(m)?.into_iter().collect(),
    })
}

/// Every backend by id, in v3's fields whichever version's map this is (its key and value
/// sizes, checked when it was opened, say which).
pub fn read_backends(m: &MapFd) -> Result<BTreeMap<u32, Lb4Backend>> {
    Ok(match (m.key_len(), m.value_len()) {
        (2, 8) => {
            super::all::<u16, Lb4BackendV1>(m)?.into_iter().map(|(k, v)| (u32::from(k), v.into())).collect()
        }
        (4, 8) => super::all::<u32, Lb4BackendV1>(m)?.into_iter().map(|(k, v)| (k, v.into())).collect(),
        _ => super::all::<u32, Lb4Backend>(m)?.into_iter().collect(),
    })
}

/// A backend as `bpf lb update --backends` takes it: `IP:PORT` (`[IPv6]:PORT`), or `IP:PORT@STATE` with a
/// state of `active`, `terminating`, `quarantined` or `maintenance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackendSpec {
    pub addr: SockAddr,
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
        Ok(BackendSpec { addr: addr.parse::<SockAddr>().map_err(|e| e.to_string())?, state })
    }
}
