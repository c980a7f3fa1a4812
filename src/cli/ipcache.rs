//! `ciliumrs bpf ipcache ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Ipcache {
    /// List prefixes (both families unless --family)
    List {
        /// Only IPv4 (4) or IPv6 (6) prefixes
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Longest-prefix match for an address (IPv4 or IPv6)
    Get {
        #[arg(value_parser = parse_ip)]
        ip: std::net::IpAddr,
    },
    /// Add or replace a prefix: CIDR[@CLUSTER] (IPv4 or IPv6)
    Update {
        #[arg(value_name = "CIDR[@CLUSTER]", value_parser = parse_prefix)]
        prefix: crate::maps::ipcache::AnyPrefix,
        /// Security identity (1-4294967295)
        #[arg(long, value_parser = parse_identity)]
        identity: u32,
        /// Node that hosts the prefix (omit for local)
        #[arg(long, value_name = "IP", value_parser = parse_ipv4)]
        tunnel_endpoint: Option<std::net::Ipv4Addr>,
        /// IPsec key index (0-15)
        #[arg(long, value_name = "K", default_value_t = 0, value_parser = parse_encrypt_key)]
        encrypt_key: u8,
        /// Set flag_skip_tunnel
        #[arg(long)]
        skip_tunnel: bool,
    },
    /// Delete a prefix
    Delete {
        #[arg(value_name = "CIDR[@CLUSTER]", value_parser = parse_prefix)]
        prefix: crate::maps::ipcache::AnyPrefix,
    },
}
