//! `ciliumrs detach ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Detach {
    /// An endpoint: its filter, tail calls, policy program, map entries and pins
    Lxc {
        /// Endpoint id (1-65535)
        #[arg(long, value_parser = parse_endpoint_id)]
        id: u16,
    },
    /// A native device: our two filters and its calls map
    Netdev {
        /// The device
        #[arg(value_name = "DEV")]
        dev: String,
    },
}
