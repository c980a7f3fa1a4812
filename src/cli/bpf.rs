//! `ciliumrs bpf ...`: one subcommand per map group, and what list commands share.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Bpf {
    /// List every cilium_* map pinned under tc/globals, with fill level and ABI check
    Maps,
    /// Connection tracking (cilium_ct4_global, cilium_ct_any4_global, and their IPv6 peers)
    #[command(subcommand)]
    Ct(Ct),
    /// IP cache: prefix to identity and tunnel endpoint (cilium_ipcache, both families)
    #[command(subcommand)]
    Ipcache(Ipcache),
    /// Local endpoints (cilium_lxc)
    #[command(subcommand, visible_alias = "endpoint")]
    Lxc(Lxc),
    /// Load balancer: services, backends, reverse NAT (cilium_lb4_*, cilium_lb6_*)
    #[command(subcommand)]
    Lb(Lb),
    /// Tunnel endpoints of remote prefixes (cilium_tunnel_map)
    #[command(subcommand)]
    Tunnel(Tunnel),
    /// Per-endpoint policy (cilium_policy_<EPID>)
    #[command(subcommand)]
    Policy(Policy),
    /// Datapath counters (cilium_metrics)
    #[command(subcommand)]
    Metrics(ListOnly),
    /// SNAT table (cilium_snat_v4_external, cilium_snat_v6_external)
    #[command(subcommand)]
    Nat(Nat),
    /// MACs of NodePort clients whose requests went on to remote backends
    /// (cilium_nodeport_neigh4, cilium_nodeport_neigh6)
    #[command(subcommand)]
    Neigh(Neigh),
    /// Tail-call slots of endpoints and devices (cilium_calls_*, cilium_call_policy)
    #[command(subcommand)]
    Tailcall(Tailcall),
}

/// Flags shared by list commands.
#[derive(Args, Debug, Clone, Copy)]
pub struct ListOpts {
    /// Print keys and values as hex without decoding (works on maps of another layout)
    #[arg(long)]
    pub raw: bool,
}

#[derive(Subcommand, Debug)]
pub enum ListOnly {
    /// List entries
    List(ListOpts),
}
