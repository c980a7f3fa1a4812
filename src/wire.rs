//! Byte-order types for map fields. Cilium stores addresses and ports in network order and
//! ids, counters and prefix lengths in host order (`cilium-layout-v1.16.md`, "Byte-order
//! conventions"); the type says which, so no field's order lives only in a comment.

use bytemuck::{Pod, Zeroable};
use std::fmt;
use std::net::Ipv4Addr;

/// A u16 stored in network byte order.
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct Be16([u8; 2]);

impl Be16 {
    pub const fn new(host: u16) -> Be16 {
        Be16(host.to_be_bytes())
    }
    pub const fn get(self) -> u16 {
        u16::from_be_bytes(self.0)
    }
}

impl fmt::Debug for Be16 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "be{}", self.get())
    }
}

/// An IPv4 address as its four wire-order bytes.
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct Ip4([u8; 4]);

impl Ip4 {
    pub const fn addr(self) -> Ipv4Addr {
        Ipv4Addr::new(self.0[0], self.0[1], self.0[2], self.0[3])
    }
    pub const fn octets(self) -> [u8; 4] {
        self.0
    }
    pub fn is_unspecified(self) -> bool {
        self.0 == [0; 4]
    }
}

impl From<Ipv4Addr> for Ip4 {
    fn from(a: Ipv4Addr) -> Ip4 {
        Ip4(a.octets())
    }
}

impl fmt::Debug for Ip4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.addr())
    }
}

impl fmt::Display for Ip4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.addr(), f)
    }
}

/// Cilium's `mac_t`: a u64 whose first six bytes in memory are the MAC in wire order.
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct MacT([u8; 8]);

impl MacT {
    pub fn new(mac: crate::netaddr::Mac) -> MacT {
        let o = mac.octets();
        MacT([o[0], o[1], o[2], o[3], o[4], o[5], 0, 0])
    }
    pub fn mac(self) -> crate::netaddr::Mac {
        let b = self.0;
        crate::netaddr::Mac::new([b[0], b[1], b[2], b[3], b[4], b[5]])
    }
}

impl fmt::Debug for MacT {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.mac())
    }
}

/// Test vectors are written as spaced hex, as in `cilium-layout-v1.16.md`.
#[cfg(test)]
pub(crate) fn test_hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn be16_is_network_order() {
        assert_eq!(bytemuck::bytes_of(&Be16::new(80)), &[0x00, 0x50]);
        assert_eq!(Be16::new(12345).get(), 12345);
    }

    #[test]
    fn ip4_bytes() {
        let a = Ip4::from(Ipv4Addr::new(10, 0, 0, 2));
        assert_eq!(bytemuck::bytes_of(&a), &[10, 0, 0, 2]);
        assert_eq!(a.to_string(), "10.0.0.2");
    }
}
