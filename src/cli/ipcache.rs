//! `ciliumrs bpf ipcache ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Ipcache {
    /// List prefixes
    List(ListOpts),
    /// Longest-prefix match for an address
    Get {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
    },
    /// Add or replace a prefix: CIDR[@CLUSTER]
    Update {
        #[arg(value_name = "CIDR[@CLUSTER]", value_parser = parse_prefix)]
        prefix: crate::maps::ipcache::Prefix,
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
        prefix: crate::maps::ipcache::Prefix,
    },
}
