//! `cilium_lxc`: local endpoint address → endpoint info. C peers: `struct endpoint_key`
//! (20 B) and `struct endpoint_info` (48 B), v1.16.

use std::fmt;
use std::mem::{offset_of, size_of};
use std::net::{Ipv4Addr, Ipv6Addr};

use bytemuck::{Pod, Zeroable};

use crate::output::{Record, Value, Visit, bit_names};
use crate::wire::MacT;

pub const FAMILY_IPV4: u8 = 1;
pub const FAMILY_IPV6: u8 = 2;
/// `ENDPOINT_F_HOST`: the address belongs to the local host.
pub const ENDPOINT_F_HOST: u32 = 1;

/// Also the key of `cilium_tunnel_map` in older releases; v1.16 gives the tunnel map its own
/// type with the same bytes (see [`super::tunnel`]).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct EndpointKey {
    pub addr: [u8; 16],
    pub family: u8,
    pub key: u8,
    pub cluster_id: u16,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct EndpointInfo {
    pub ifindex: u32,
    pub unused: u16,
    pub lxc_id: u16,
    pub flags: u32,
    /// Implicit C padding at 12..16, explicit here so every byte is accounted for.
    pub pad0: u32,
    pub mac: MacT,
    pub node_mac: MacT,
    pub sec_id: u32,
    pub pad: [u32; 3],
}

const _: () = {
    assert!(size_of::<EndpointKey>() == 20);
    assert!(offset_of!(EndpointKey, family) == 16);
    assert!(offset_of!(EndpointKey, key) == 17);
    assert!(offset_of!(EndpointKey, cluster_id) == 18);
    assert!(size_of::<EndpointInfo>() == 48);
    assert!(offset_of!(EndpointInfo, lxc_id) == 6);
    assert!(offset_of!(EndpointInfo, flags) == 8);
    assert!(offset_of!(EndpointInfo, mac) == 16);
    assert!(offset_of!(EndpointInfo, node_mac) == 24);
    assert!(offset_of!(EndpointInfo, sec_id) == 32);
};

impl EndpointKey {
    pub fn ipv4(ip: Ipv4Addr) -> EndpointKey {
        let mut addr = [0u8; 16];
        addr[..4].copy_from_slice(&ip.octets());
        EndpointKey { addr, family: FAMILY_IPV4, key: 0, cluster_id: 0 }
    }

    /// The key of an address of either family.
    pub fn of(ip: std::net::IpAddr) -> EndpointKey {
        match ip {
            std::net::IpAddr::V4(a) => EndpointKey::ipv4(a),
            std::net::IpAddr::V6(a) => {
                EndpointKey { addr: a.octets(), family: FAMILY_IPV6, key: 0, cluster_id: 0 }
            }
        }
    }
}

/// An address of an endpoint-style key by family; odd families are shown, not hidden.
pub struct AddrText<'a>(pub &'a [u8; 16], pub u8);

impl fmt::Display for AddrText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.0;
        match self.1 {
            FAMILY_IPV4 => write!(f, "{}", Ipv4Addr::new(a[0], a[1], a[2], a[3])),
            FAMILY_IPV6 => write!(f, "{}", Ipv6Addr::from(*a)),
            fam => write!(f, "<family {fam}>"),
        }
    }
}

/// `endpoint_info.flags`: v1.16 knows only the host bit; newer Cilium adds the others (and
/// older ones leave them 0, so one table serves every version).
const ENDPOINT_FLAGS: &[(u32, &str)] =
    &[(ENDPOINT_F_HOST, "localhost"), (2, "athostns"), (4, "nosnatv4"), (8, "nosnatv6")];

pub struct LxcRecord {
    pub key: EndpointKey,
    pub info: EndpointInfo,
}

impl Record for LxcRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, i) = (&self.key, &self.info);
        let mut names = [""; ENDPOINT_FLAGS.len()];
        let n = bit_names(i.flags, ENDPOINT_FLAGS, &mut names);
        v.field("ip", "IP ADDRESS", Value::Disp(&AddrText(&k.addr, k.family)));
        v.field("key", "", Value::U64(k.key.into()));
        v.field("cluster_id", "", Value::U64(k.cluster_id.into()));
        v.field("id", "ENDPOINT ID", Value::U64(i.lxc_id.into()));
        v.field("identity", "IDENTITY", Value::U64(i.sec_id.into()));
        v.field("ifindex", "IFINDEX", Value::U64(i.ifindex.into()));
        v.field("mac", "MAC", Value::Disp(&i.mac.mac()));
        v.field("node_mac", "NODE MAC", Value::Disp(&i.node_mac.mac()));
        v.field("flags", "", Value::U64(i.flags.into()));
        v.field("flag_names", "FLAGS", Value::List(&names[..n]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::test_hex as hex;

    #[test]
    fn golden() {
        let kb = hex("0a000005 000000000000000000000000 01 00 0000");
        let vb = hex(
            "07000000 0000 2a00 00000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 d2040000 000000000000000000000000",
        );
        let key = EndpointKey::ipv4(Ipv4Addr::new(10, 0, 0, 5));
        assert_eq!(bytemuck::bytes_of(&key), &kb[..]);
        let info: EndpointInfo = bytemuck::pod_read_unaligned(&vb);
        assert_eq!((info.ifindex, info.lxc_id, info.sec_id), (7, 42, 1234));
        assert_eq!(info.mac.mac().to_string(), "0A:0B:0C:0D:0E:0F");
        assert_eq!(info.node_mac.mac().to_string(), "1A:1B:1C:1D:1E:1F");
        let built = EndpointInfo {
            ifindex: 7,
            lxc_id: 42,
            mac: MacT::new("0a:0b:0c:0d:0e:0f".parse().unwrap()),
            node_mac: MacT::new("1a:1b:1c:1d:1e:1f".parse().unwrap()),
            sec_id: 1234,
            ..Default::default()
        };
        assert_eq!(bytemuck::bytes_of(&built), &vb[..]);
    }
}
