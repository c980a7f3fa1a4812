//! The node's own devices by name (cilium_host/cilium_net, cilium_vxlan, lxc_health, as
//! Cilium names them) and what the datapath asks of the machine's others: a device's first
//! IPv4 address and the device of the default route.

use std::net::Ipv4Addr;

use super::iface;
use super::netlink::Netlink;
use crate::error::{Error, Result};

pub const HOST_DEV: &str = "cilium_host";
pub const NET_DEV: &str = "cilium_net";
pub const VXLAN_DEV: &str = "cilium_vxlan";
pub const VXLAN_PORT: u16 = 8472;
/// VXLAN over IPv4 costs 50 bytes of every packet.
pub const VXLAN_OVERHEAD: u32 = 50;
pub const HEALTH_DEV: &str = "lxc_health";

/// The first IPv4 address of `dev`, if it exists and has one.
pub fn first_ipv4(dev: &str) -> Result<Option<Ipv4Addr>> {
    let Ok(idx) = iface::index(dev) else { return Ok(None) };
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let addrs = nl.ipv4_addresses(idx).map_err(|e| Error::sys("dump addresses of", dev, &e))?;
    Ok(addrs.first().copied())
}

/// The device of the default route, the seed's default native device.
pub fn default_route_device() -> Result<Option<String>> {
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let oif = nl.default_route_oif().map_err(|e| Error::sys("dump", "routes", &e))?;
    Ok(oif.and_then(iface::name))
}
