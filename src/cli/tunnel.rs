//! `ciliumrs bpf tunnel ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Tunnel {
    /// List remote prefixes and their tunnel endpoints
    List {
        /// Only IPv4 (4) or IPv6 (6) keys
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Map a remote prefix (its base address, or a CIDR) to a tunnel endpoint
    Update {
        #[arg(value_name = "PREFIX", value_parser = parse_with::<crate::netaddr::Cidr4>)]
        prefix: crate::netaddr::Cidr4,
        #[arg(value_parser = parse_ipv4)]
        endpoint: std::net::Ipv4Addr,
        /// IPsec key index (0-15)
        #[arg(long, value_name = "K", default_value_t = 0, value_parser = parse_encrypt_key)]
        encrypt_key: u8,
    },
    /// Delete a remote prefix
    Delete {
        #[arg(value_name = "PREFIX", value_parser = parse_with::<crate::netaddr::Cidr4>)]
        prefix: crate::netaddr::Cidr4,
    },
}
