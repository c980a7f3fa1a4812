//! `ciliumrs bpf tailcall ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Tailcall {
    /// Slots of the calls maps: program id, full name, tag; empty expected slots warn
    List {
        /// Only this endpoint's calls map (Cilium's cilium_calls_<EPID>, or for ours the
        /// shared copy's) and cilium_call_policy[EPID]
        #[arg(value_parser = parse_endpoint_id, conflicts_with = "all")]
        endpoint: Option<u16>,
        /// Every calls map under tc/globals (the default)
        #[arg(long)]
        all: bool,
    },
}
