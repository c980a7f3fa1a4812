//! `ciliumrs bpf nat ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Nat {
    /// List entries, both directions (OUT: XLATE_SRC, IN: XLATE_DST), both families
    List {
        /// Only the IPv4 (4) or the IPv6 (6) table
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Delete every entry (established translated flows lose their mapping)
    Flush {
        /// Only the IPv4 (4) or the IPv6 (6) table
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
    },
}

#[derive(Subcommand, Debug)]
pub enum Neigh {
    /// List the MACs of both families' caches
    List {
        /// Only the IPv4 (4) or the IPv6 (6) cache
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
        #[command(flatten)]
        list: ListOpts,
    },
}
