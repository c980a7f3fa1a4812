//! `cilium_ipcache`: LPM trie from IP prefix to security identity and tunnel endpoint.
//! C peers: `struct ipcache_key` (24 B) and `struct remote_endpoint_info` (12 B), v1.16.
//!
//! The LPM prefix counts the 32 static bits at offsets 4..8 (cluster_id, pad, family):
//! `prefixlen = 32 + CIDR length`.

use std::fmt;
use std::mem::{offset_of, size_of};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use bytemuck::{Pod, Zeroable};

use crate::netaddr::{Cidr, Cidr4, Cidr6, ParseError};
use crate::output::{Record, Value, Visit, bit_names};
use crate::wire::Ip4;

pub const FAMILY_IPV4: u8 = 1;
pub const FAMILY_IPV6: u8 = 2;
/// Bits of the key before the address that every lookup matches.
pub const STATIC_PREFIX: u32 = 32;
/// `remote_endpoint_info` byte 11, bit 0.
pub const FLAG_SKIP_TUNNEL: u8 = 1;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct IpcacheKey {
    pub prefixlen: u32,
    pub cluster_id: u16,
    pub pad1: u8,
    pub family: u8,
    pub addr: [u8; 16],
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct RemoteEndpointInfo {
    pub sec_identity: u32,
    pub tunnel_endpoint: Ip4,
    pub pad: u16,
    pub key: u8,
    pub flags: u8,
}

const _: () = {
    assert!(size_of::<IpcacheKey>() == 24);
    assert!(offset_of!(IpcacheKey, cluster_id) == 4);
    assert!(offset_of!(IpcacheKey, family) == 7);
    assert!(offset_of!(IpcacheKey, addr) == 8);
    assert!(size_of::<RemoteEndpointInfo>() == 12);
    assert!(offset_of!(RemoteEndpointInfo, tunnel_endpoint) == 4);
    assert!(offset_of!(RemoteEndpointInfo, key) == 10);
    assert!(offset_of!(RemoteEndpointInfo, flags) == 11);
};

/// A prefix as the ipcache keys it: `CIDR[@cluster]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefix {
    pub cidr: Cidr4,
    pub cluster_id: u16,
}

/// A prefix of either family in a cluster: `fd00::/64@3`, as `bpf ipcache update` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnyPrefix {
    pub cidr: Cidr,
    pub cluster_id: u16,
}

impl FromStr for AnyPrefix {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<AnyPrefix, ParseError> {
        let (cidr, cluster_id) = match s.split_once('@') {
            Some((c, id)) => {
                let id = id
                    .parse::<u16>()
                    .map_err(|_| ParseError(format!("cluster id '{id}' is not a number 0-65535")))?;
                (c, id)
            }
            None => (s, 0),
        };
        Ok(AnyPrefix { cidr: cidr.parse()?, cluster_id })
    }
}

impl IpcacheKey {
    /// The key of a prefix of either family.
    pub fn of(p: AnyPrefix) -> IpcacheKey {
        match p.cidr {
            Cidr::V4(c) => IpcacheKey::new(Prefix { cidr: c, cluster_id: p.cluster_id }),
            Cidr::V6(c) => IpcacheKey {
                prefixlen: STATIC_PREFIX + u32::from(c.len),
                cluster_id: p.cluster_id,
                pad1: 0,
                family: FAMILY_IPV6,
                addr: c.addr.octets(),
            },
        }
    }

    /// The prefix of either family, if this is a well-formed key.
    pub fn prefix(&self) -> Option<Cidr> {
        let len = self.prefixlen.checked_sub(STATIC_PREFIX)?;
        match self.family {
            FAMILY_IPV4 => self.ipv4().map(Cidr::V4),
            FAMILY_IPV6 if len <= 128 => {
                Some(Cidr::V6(Cidr6 { addr: Ipv6Addr::from(self.addr), len: len as u8 }))
            }
            _ => None,
        }
    }

    pub fn new(p: Prefix) -> IpcacheKey {
        let mut addr = [0u8; 16];
        addr[..4].copy_from_slice(&p.cidr.addr.octets());
        IpcacheKey {
            prefixlen: STATIC_PREFIX + u32::from(p.cidr.len),
            cluster_id: p.cluster_id,
            pad1: 0,
            family: FAMILY_IPV4,
            addr,
        }
    }

    /// The IPv4 prefix, if this is a well-formed IPv4 key.
    pub fn ipv4(&self) -> Option<Cidr4> {
        let len = self.prefixlen.checked_sub(STATIC_PREFIX)?;
        (self.family == FAMILY_IPV4 && len <= 32).then(|| Cidr4 {
            addr: Ipv4Addr::new(self.addr[0], self.addr[1], self.addr[2], self.addr[3]),
            len: len as u8,
        })
    }
}

/// The key as Cilium prints it: `10.1.0.0/16@3`; odd keys are shown, never hidden.
pub struct KeyText<'a>(pub &'a IpcacheKey);

impl fmt::Display for KeyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let k = self.0;
        let len = k.prefixlen.wrapping_sub(STATIC_PREFIX);
        match k.family {
            FAMILY_IPV4 if k.prefixlen >= STATIC_PREFIX && len <= 32 => {
                write!(f, "{}/{len}", Ipv4Addr::new(k.addr[0], k.addr[1], k.addr[2], k.addr[3]))?
            }
            FAMILY_IPV6 if k.prefixlen >= STATIC_PREFIX && len <= 128 => {
                write!(f, "{}/{len}", Ipv6Addr::from(k.addr))?
            }
            fam => write!(f, "<family {fam} prefixlen {}>", k.prefixlen)?,
        }
        if k.cluster_id != 0 {
            write!(f, "@{}", k.cluster_id)?;
        }
        Ok(())
    }
}

/// `remote_endpoint_info` of `cilium_ipcache_v2` (newest, 24 B): the tunnel endpoint may
/// be IPv6 (flag bit 2).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct RemoteEndpointInfoV2 {
    pub sec_identity: u32,
    pub tunnel_endpoint: [u8; 16],
    pub pad: u16,
    pub key: u8,
    pub flags: u8,
}

const _: () = {
    assert!(size_of::<RemoteEndpointInfoV2>() == 24);
    assert!(offset_of!(RemoteEndpointInfoV2, tunnel_endpoint) == 4);
    assert!(offset_of!(RemoteEndpointInfoV2, key) == 22);
    assert!(offset_of!(RemoteEndpointInfoV2, flags) == 23);
};

/// The value layouts of the IP cache across Cilium versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// v1.10-1.12, 12 B: identity, tunnel endpoint, encrypt key at byte 8, no flags.
    V1_10,
    /// v1.13-1.17, 12 B: node id (later pad) at 8, encrypt key at 10, flags at 11. Ours.
    V1_13,
    /// `cilium_ipcache_v2` (1.18 cycle on), 24 B.
    V2,
}

/// The 12-byte value's two meanings, by version; the 24-byte one has its own name.
pub const LAYOUTS_12: &[(crate::maps::abi::Range, Layout)] = &[
    (crate::maps::abi::Range::new(10, 12), Layout::V1_10),
    (crate::maps::abi::Range::new(13, 17), Layout::V1_13),
];

/// `remote_endpoint_info` flag names (byte 11 in v1.13-1.17, byte 23 in v2).
const FLAG_TEXT: &[(u8, &str)] =
    &[(1, "skiptunnel"), (2, "hastunnel"), (4, "ipv6tunnel"), (8, "remotecluster"), (16, "unroutable")];

/// An IP cache value of any layout, in the fields every layout shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Info {
    pub identity: u32,
    pub tunnel_endpoint: IpAddr,
    pub encrypt_key: u8,
    pub flags: u8,
}

impl Info {
    /// Decodes a value of `layout`; None when its length is not that layout's.
    pub fn decode(layout: Layout, b: &[u8]) -> Option<Info> {
        match layout {
            Layout::V1_13 => {
                let i: RemoteEndpointInfo = bytemuck::try_pod_read_unaligned(b).ok()?;
                Some(Info::from(i))
            }
            Layout::V1_10 => {
                let i: RemoteEndpointInfo = bytemuck::try_pod_read_unaligned(b).ok()?;
                Some(Info {
                    identity: i.sec_identity,
                    tunnel_endpoint: IpAddr::V4(i.tunnel_endpoint.addr()),
                    encrypt_key: b[8],
                    flags: 0,
                })
            }
            Layout::V2 => {
                let i: RemoteEndpointInfoV2 = bytemuck::try_pod_read_unaligned(b).ok()?;
                let t = i.tunnel_endpoint;
                let tunnel_endpoint = if i.flags & 4 != 0 {
                    IpAddr::V6(Ipv6Addr::from(t))
                } else {
                    IpAddr::V4(Ipv4Addr::new(t[0], t[1], t[2], t[3]))
                };
                Some(Info { identity: i.sec_identity, tunnel_endpoint, encrypt_key: i.key, flags: i.flags })
            }
        }
    }

    /// The IPv4 tunnel endpoint, if that is what it is (unspecified when there is none).
    pub fn tunnel_v4(&self) -> Ipv4Addr {
        match self.tunnel_endpoint {
            IpAddr::V4(a) => a,
            IpAddr::V6(_) => Ipv4Addr::UNSPECIFIED,
        }
    }
}

impl From<RemoteEndpointInfo> for Info {
    fn from(i: RemoteEndpointInfo) -> Info {
        Info {
            identity: i.sec_identity,
            tunnel_endpoint: IpAddr::V4(i.tunnel_endpoint.addr()),
            encrypt_key: i.key,
            flags: i.flags,
        }
    }
}

pub struct IpcacheRecord {
    pub key: IpcacheKey,
    pub info: Info,
}

impl Record for IpcacheRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, i) = (&self.key, &self.info);
        let mut names = [""; FLAG_TEXT.len()];
        let n = bit_names(i.flags, FLAG_TEXT, &mut names);
        v.field("prefix", "IP PREFIX/ADDRESS", Value::Disp(&KeyText(k)));
        v.field("cluster_id", "", Value::U64(k.cluster_id.into()));
        v.field("identity", "IDENTITY", Value::U64(i.identity.into()));
        v.field("encrypt_key", "ENCRYPT KEY", Value::U64(i.encrypt_key.into()));
        let tep = match i.tunnel_endpoint {
            IpAddr::V4(a) => Value::Ip(a),
            ref a @ IpAddr::V6(_) => Value::Disp(a),
        };
        v.field("tunnel_endpoint", "TUNNEL ENDPOINT", tep);
        v.field("flags", "", Value::U64(i.flags.into()));
        v.field("flag_names", "FLAGS", Value::List(&names[..n]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::test_hex as hex;

    #[test]
    fn golden_host_entry() {
        let kb = hex("40000000 0000 00 01 0a000005 000000000000000000000000");
        let vb = hex("d2040000 c0a8010a 0000 00 01");
        let key = IpcacheKey::of("10.0.0.5/32".parse().unwrap());
        assert_eq!(bytemuck::bytes_of(&key), &kb[..]);
        let info: RemoteEndpointInfo = bytemuck::pod_read_unaligned(&vb);
        assert_eq!(info.sec_identity, 1234);
        assert_eq!(info.tunnel_endpoint.to_string(), "192.168.1.10");
        assert_eq!(info.flags & FLAG_SKIP_TUNNEL, 1);
        assert_eq!(KeyText(&key).to_string(), "10.0.0.5/32");
        let back = RemoteEndpointInfo {
            sec_identity: 1234,
            tunnel_endpoint: Ipv4Addr::new(192, 168, 1, 10).into(),
            flags: FLAG_SKIP_TUNNEL,
            ..Default::default()
        };
        assert_eq!(bytemuck::bytes_of(&back), &vb[..]);
    }

    #[test]
    fn golden_cluster_prefix() {
        let kb = hex("30000000 0300 00 01 0a010000 000000000000000000000000");
        let key = IpcacheKey::of("10.1.0.0/16@3".parse().unwrap());
        assert_eq!(bytemuck::bytes_of(&key), &kb[..]);
        assert_eq!(KeyText(&key).to_string(), "10.1.0.0/16@3");
        let info: RemoteEndpointInfo = bytemuck::pod_read_unaligned(&hex("01000001 00000000 0000 00 01"));
        assert_eq!(info.sec_identity, 16777217);
    }

    #[test]
    fn every_layout_decodes_the_same_fields() {
        // v1.10: the encrypt key at byte 8, bytes 9-11 padding.
        let v10 = hex("e9030000 c0a80102 03 000000");
        let i = Info::decode(Layout::V1_10, &v10).unwrap();
        assert_eq!(
            (i.identity, i.tunnel_v4(), i.encrypt_key, i.flags),
            (1001, Ipv4Addr::new(192, 168, 1, 2), 3, 0)
        );
        // The same bytes read as v1.13-1.17 put the key elsewhere: why the version matters.
        assert_eq!(Info::decode(Layout::V1_13, &v10).unwrap().encrypt_key, 0);
        let v13 = hex("e9030000 c0a80102 0000 03 01");
        let i = Info::decode(Layout::V1_13, &v13).unwrap();
        assert_eq!((i.encrypt_key, i.flags), (3, FLAG_SKIP_TUNNEL));
        // v2: 16-byte endpoint, key at 22, flags at 23 (bit 1 has tunnel, bit 2 IPv6).
        let v2 = hex("e9030000 c0a80102 000000000000000000000000 0000 03 02");
        let i = Info::decode(Layout::V2, &v2).unwrap();
        assert_eq!(
            (i.identity, i.tunnel_endpoint.to_string(), i.encrypt_key, i.flags),
            (1001, "192.168.1.2".into(), 3, 2)
        );
        let v2_6 = hex("e9030000 fd000000000000000000000000000001 0000 00 06");
        assert_eq!(Info::decode(Layout::V2, &v2_6).unwrap().tunnel_endpoint.to_string(), "fd00::1");
        // A length that is not the layout's decodes to nothing.
        assert_eq!(Info::decode(Layout::V2, &v13), None);
        assert_eq!(Info::decode(Layout::V1_10, &v2), None);
    }

    #[test]
    fn odd_keys_are_shown() {
        let key = IpcacheKey { prefixlen: 7, family: 9, ..Default::default() };
        assert_eq!(KeyText(&key).to_string(), "<family 9 prefixlen 7>");
        assert!(key.ipv4().is_none());
        assert!("10.0.0.0/8@x".parse::<AnyPrefix>().is_err());
    }
}
