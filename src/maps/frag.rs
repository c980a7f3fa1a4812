//! `cilium_ipv4_frag_datagrams`: the ports of fragmented datagrams, remembered from each
//! first fragment so the later ones (which carry no L4 header) follow their flow. Key:
//! `struct ipv4_frag_id` (12 B, packed); value: `struct ipv4_frag_l4ports` (4 B), v1.16.

use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use crate::wire::{Be16, Ip4};

#[repr(C, packed)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct FragKey4 {
    pub daddr: Ip4,
    pub saddr: Ip4,
    /// The IP identification, network order.
    pub id: Be16,
    pub proto: u8,
    pub pad: u8,
}

#[repr(C, packed)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct FragPorts4 {
    pub sport: Be16,
    pub dport: Be16,
}

const _: () = {
    assert!(size_of::<FragKey4>() == 12);
    assert!(offset_of!(FragKey4, id) == 8);
    assert!(offset_of!(FragKey4, proto) == 10);
    assert!(size_of::<FragPorts4>() == 4);
};
