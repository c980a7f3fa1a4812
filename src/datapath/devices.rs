//! The node's own devices by name (cilium_host/cilium_net, cilium_vxlan, lxc_health, as
//! Cilium names them) and what the datapath asks of the machine's others: a device's first
//! IPv4 address, the device of the default route, and every device with BPF programs on
//! its tc hooks.

use std::net::Ipv4Addr;

use super::iface;
use super::netlink::{BpfFilter, Netlink};
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

/// A device with the BPF filters on its tc hooks.
pub struct Device {
    pub name: String,
    pub ifindex: u32,
    /// The link kind (`veth`, `vxlan`, ...), `device` when it has none.
    pub kind: String,
    pub up: bool,
    pub ingress: Vec<BpfFilter>,
    pub egress: Vec<BpfFilter>,
}

/// Our devices (cilium_host, cilium_net, cilium_vxlan) and every other device with a BPF
/// program on a tc hook, by ifindex.
pub fn with_programs() -> Result<Vec<Device>> {
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let mut out = Vec::new();
    for (ifindex, name) in iface::all() {
        let ingress = nl.bpf_filters(ifindex, true).map_err(|e| Error::sys("dump filters of", &name, &e))?;
        let egress = nl.bpf_filters(ifindex, false).map_err(|e| Error::sys("dump filters of", &name, &e))?;
        let ours = [HOST_DEV, NET_DEV, VXLAN_DEV].contains(&name.as_str());
        if !ours && ingress.is_empty() && egress.is_empty() {
            continue;
        }
        let link = nl.link(&name).map_err(|e| Error::sys("look up", &name, &e))?;
        let kind = link.as_ref().and_then(Netlink::kind).unwrap_or_else(|| "device".into());
        let up =
            link.as_ref().is_some_and(|l| l.header.flags.contains(netlink_packet_route::link::LinkFlags::Up));
        out.push(Device { name, ifindex, kind, up, ingress, egress });
    }
    Ok(out)
}
