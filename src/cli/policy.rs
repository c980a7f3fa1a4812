//! `ciliumrs bpf policy ...`.

use super::*;

#[derive(Args, Debug, Clone, Copy)]
pub struct PolicyEntryArgs {
    /// Endpoint id (1-65535)
    #[arg(value_parser = parse_endpoint_id)]
    pub endpoint: u16,
    #[arg(value_enum)]
    pub direction: Direction,
    /// Remote identity (0 = any identity)
    #[arg(value_parser = parse_u32)]
    pub identity: u32,
    /// any, PROTO (e.g. /tcp) or PORT/PROTO (e.g. 80/tcp)
    #[arg(value_name = "PORT/PROTO", default_value = "any", value_parser = parse_with::<PortProto>)]
    pub l4: PortProto,
}

#[derive(Subcommand, Debug)]
pub enum Policy {
    /// Show an endpoint's policy map
    Get {
        #[arg(value_parser = parse_endpoint_id)]
        endpoint: u16,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Allow (or with --deny, deny) traffic for an endpoint
    Add {
        #[command(flatten)]
        entry: PolicyEntryArgs,
        /// Deny instead of allow
        #[arg(long)]
        deny: bool,
        /// Create cilium_policy_<EPID> if it does not exist
        #[arg(long)]
        create: bool,
    },
    /// Delete one policy entry
    Delete {
        #[command(flatten)]
        entry: PolicyEntryArgs,
    },
}
