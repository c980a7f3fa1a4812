//! `cilium_tunnel_map`: remote pod prefix → tunnel endpoint (the remote node). C peers:
//! `struct tunnel_key` and `struct tunnel_value`, 20 B each, v1.16.

use std::mem::{offset_of, size_of};
use std::net::Ipv4Addr;

use bytemuck::{Pod, Zeroable};

use super::lxc::{AddrText, FAMILY_IPV4};
use crate::output::{Record, Value, Visit};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct TunnelKey {
    pub addr: [u8; 16],
    pub family: u8,
    pub pad: u8,
    pub cluster_id: u16,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct TunnelValue {
    pub addr: [u8; 16],
    pub family: u8,
    /// IPsec key index; 0 = no encryption.
    pub key: u8,
    pub pad: u16,
}

const _: () = {
    assert!(size_of::<TunnelKey>() == 20);
    assert!(offset_of!(TunnelKey, family) == 16);
    assert!(offset_of!(TunnelKey, cluster_id) == 18);
    assert!(size_of::<TunnelValue>() == 20);
    assert!(offset_of!(TunnelValue, key) == 17);
};

fn v4(ip: Ipv4Addr) -> [u8; 16] {
    let mut a = [0u8; 16];
    a[..4].copy_from_slice(&ip.octets());
    a
}

impl TunnelKey {
    pub fn ipv4(ip: Ipv4Addr, cluster_id: u16) -> TunnelKey {
        TunnelKey { addr: v4(ip), family: FAMILY_IPV4, pad: 0, cluster_id }
    }
}

impl TunnelValue {
    pub fn ipv4(ip: Ipv4Addr, key: u8) -> TunnelValue {
        TunnelValue { addr: v4(ip), family: FAMILY_IPV4, key, pad: 0 }
    }
}

pub struct TunnelRecord {
    pub key: TunnelKey,
    pub value: TunnelValue,
}

impl Record for TunnelRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, val) = (&self.key, &self.value);
        v.field("prefix", "TUNNEL", Value::Disp(&AddrText(&k.addr, k.family)));
        v.field("cluster_id", "", Value::U64(k.cluster_id.into()));
        v.field("endpoint", "ENDPOINT", Value::Disp(&AddrText(&val.addr, val.family)));
        v.field("encrypt_key", "ENCRYPT KEY", Value::U64(val.key.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden() {
        let mut kb = vec![0x0a, 0x01, 0, 0];
        kb.extend_from_slice(&[0; 12]);
        kb.extend_from_slice(&[1, 0, 0, 0]);
        let mut vb = vec![0xc0, 0xa8, 0x01, 0x0a];
        vb.extend_from_slice(&[0; 12]);
        vb.extend_from_slice(&[1, 2, 0, 0]);
        let k = TunnelKey::ipv4(Ipv4Addr::new(10, 1, 0, 0), 0);
        let v = TunnelValue::ipv4(Ipv4Addr::new(192, 168, 1, 10), 2);
        assert_eq!(bytemuck::bytes_of(&k), &kb[..]);
        assert_eq!(bytemuck::bytes_of(&v), &vb[..]);
        let d: TunnelValue = bytemuck::pod_read_unaligned(&vb);
        assert_eq!(AddrText(&d.addr, d.family).to_string(), "192.168.1.10");
        assert_eq!(d.key, 2);
    }
}
