//! `ciliumrs bpf lb ...`.

use super::*;

#[derive(Args, Debug)]
#[group(multiple = false)]
pub struct LbView {
    /// Only service frontends (master entries)
    #[arg(long)]
    pub frontends: bool,
    /// Only the backends map
    #[arg(long)]
    pub backends: bool,
    /// Only the reverse-NAT map
    #[arg(long)]
    pub revnat: bool,
    /// Session-affinity entries (cilium_lb4_affinity, cilium_lb6_affinity): client, service, backend, whether
    /// the backend still belongs to the service, last use
    #[arg(long)]
    pub affinity: bool,
    /// The socket LB's reverse translations (cilium_lb4_reverse_sk, cilium_lb6_reverse_sk):
    /// a socket's cookie, the backend it was given, the frontend it dialled
    #[arg(long)]
    pub reverse_sk: bool,
}

#[derive(Subcommand, Debug)]
pub enum Lb {
    /// List services with their backend slots
    List {
        #[command(flatten)]
        view: LbView,
        /// Only IPv4 (4) or IPv6 (6) entries (default: both, the IPv6 maps where pinned)
        #[arg(long, value_enum, value_name = "4|6")]
        family: Option<Family>,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Create or replace a service (IPv4, or IPv6 as [ADDR]:PORT with IPv6 backends);
    /// backend and reverse-NAT ids are allocated
    Update {
        #[arg(value_name = "VIP:PORT", value_parser = parse_with::<SockAddr>)]
        frontend: SockAddr,
        /// Backend protocol
        #[arg(long, value_parser = parse_with::<Proto>)]
        proto: Proto,
        /// Backends as IP:PORT[@STATE],... (STATE: active, terminating, quarantined,
        /// maintenance; empty for a service without backends)
        #[arg(long, value_name = "IP:PORT[@STATE],...", value_delimiter = ',', num_args = 0.., required = true, value_parser = parse_backend_item)]
        backends: Vec<Option<crate::maps::lb::BackendSpec>>,
        /// Session affinity: a client keeps its backend for new flows for SECS seconds
        #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u32).range(1..))]
        affinity_timeout: Option<u32>,
        /// Frontend type: clusterip, nodeport (0.0.0.0:PORT is the surrogate for every node
        /// address), externalip, loadbalancer
        #[arg(long = "type", value_name = "TYPE", default_value = "clusterip", value_parser = parse_with::<crate::maps::lb::SvcType>)]
        kind: crate::maps::lb::SvcType,
    },
    /// Create or replace every service of a services file (JSON), checked whole first
    Apply {
        /// The file: [{"frontend": "IP:PORT", "proto": "tcp", "backends": ["IP:PORT[@STATE]"],
        /// "affinity_timeout": SECS, "type": "clusterip"}, ...]; - for standard input
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
    /// Delete a service and the backends only it used
    Delete {
        #[arg(value_name = "VIP:PORT", value_parser = parse_with::<SockAddr>)]
        frontend: SockAddr,
    },
}
