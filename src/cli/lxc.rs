//! `ciliumrs bpf endpoint ...` (cilium_lxc).

use super::*;

#[derive(Subcommand, Debug)]
pub enum Lxc {
    /// List local endpoints
    List {
        /// Only IPv4 (4) or IPv6 (6) keys
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Show the endpoint of an address (IPv4 or IPv6)
    Get {
        #[arg(value_parser = parse_ip)]
        ip: std::net::IpAddr,
    },
    /// Add or replace an endpoint address
    Update {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
        /// Endpoint id (1-65535)
        #[arg(long, value_parser = parse_endpoint_id)]
        id: u16,
        /// ifindex of the host-side interface
        #[arg(long, value_parser = parse_ifindex)]
        ifindex: u32,
        /// Endpoint MAC
        #[arg(long, value_parser = parse_with::<crate::netaddr::Mac>)]
        mac: crate::netaddr::Mac,
        /// MAC of the host-side interface
        #[arg(long, value_parser = parse_with::<crate::netaddr::Mac>)]
        node_mac: crate::netaddr::Mac,
        /// Endpoint security identity
        #[arg(long, default_value_t = 0, value_parser = parse_u32)]
        identity: u32,
        /// The address belongs to the local host (ENDPOINT_F_HOST)
        #[arg(long)]
        host: bool,
    },
    /// Delete an endpoint address
    Delete {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
    },
}
