//! NodePort in the device programs (Cilium's `lib/nodeport.h`): whether frontends reached
//! from outside are served, the SNAT port range, and the load-time globals that carry them.

use std::net::Ipv4Addr;

use super::devices::{HOST_DEV, first_ipv4};
use super::loader;
use crate::error::Result;

/// Cilium's default NodePort range (`--node-port-range`).
pub const NODEPORT_RANGE: (u16, u16) = (30000, 32767);

/// Cilium's default SNAT port range for NodePort: above the NodePort range.
pub const SNAT_RANGE: (u16, u16) = (32768, 65535);

/// NodePort in the device programs (lib/nodeport.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePort {
    /// Frontends reached from outside (NodePort, ExternalIP, LoadBalancer) are served.
    pub enabled: bool,
    /// Source ports of translated requests, host order, inclusive.
    pub snat_range: (u16, u16),
}

impl Default for NodePort {
    fn default() -> NodePort {
        NodePort { enabled: true, snat_range: SNAT_RANGE }
    }
}

/// The values of lib/nodeport.h's globals: (ENABLE_NODEPORT, IPV4_GATEWAY, IPV4_NODEPORT,
/// NAT_MIN, NAT_MAX), addresses in network order. The gateway is cilium_host's address (0
/// before init made it).
pub struct NodePortGlobals {
    pub enable: u8,
    pub gateway: u32,
    pub nodeport: u32,
    pub nat_min: u16,
    pub nat_max: u16,
}

impl NodePort {
    pub fn globals(&self, nodeport_addr: Option<Ipv4Addr>) -> Result<NodePortGlobals> {
        let gateway = first_ipv4(HOST_DEV)?.map_or(0, |ip| loader::be32(ip.octets()));
        Ok(NodePortGlobals {
            enable: u8::from(self.enabled),
            gateway,
            nodeport: nodeport_addr.map_or(0, |ip| loader::be32(ip.octets())),
            nat_min: self.snat_range.0,
            nat_max: self.snat_range.1,
        })
    }
}
