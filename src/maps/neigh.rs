//! `cilium_nodeport_neigh4` and `cilium_nodeport_neigh6`: the MAC each NodePort client's
//! requests came from, as the datapath records it for requests sent on to a remote
//! backend. Key: the client's IPv4 or IPv6 address (network order); value: `union macaddr`
//! (the MAC, then 2 zero bytes).

use std::mem::size_of;

use bytemuck::{Pod, Zeroable};

use crate::netaddr::Mac;
use crate::output::{Record, Value, Visit};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct NeighValue4 {
    pub addr: [u8; 6],
    pub pad: u16,
}

const _: () = assert!(size_of::<NeighValue4>() == 8);

pub struct NeighRecord {
    pub ip: std::net::IpAddr,
    pub mac: NeighValue4,
}

impl Record for NeighRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("address", "ADDRESS", Value::Disp(&self.ip));
        v.field("mac", "MAC", Value::Disp(&Mac::new(self.mac.addr)));
    }
}
