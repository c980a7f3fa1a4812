//! `ciliumrs service ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum ServiceCmd {
    /// ID (reverse-NAT id), frontend, type and backends with their state, by ID
    List {
        /// Only IPv4 (4) or IPv6 (6) services (default: both, the IPv6 maps where pinned)
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
    },
}
