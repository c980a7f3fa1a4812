//! `ciliumrs init`: node bring-up.

use super::*;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Only create and pin the global maps under <bpffs>/tc/globals
    #[arg(long)]
    pub maps_only: bool,
    /// With --maps-only: the IPv6 halves too (cilium_ct6_global, cilium_lb6_*, cilium_snat_v6_external,
    /// ...) in Cilium v1.16's specs, for a dual-stack node's tools; the datapath stays IPv4
    #[arg(long, requires = "maps_only")]
    pub ipv6: bool,
    /// Even where a Cilium agent's sockets exist (it owns this node's maps and devices)
    #[arg(long)]
    pub force: bool,
    /// This node's pod CIDR (routes via cilium_host; keys of cilium_tunnel_map)
    #[arg(long, value_name = "CIDR", required_unless_present = "maps_only", value_parser = parse_with::<crate::netaddr::Cidr4>)]
    pub pod_cidr: Option<crate::netaddr::Cidr4>,
    /// The router address on cilium_host (default: the first address of --pod-cidr)
    #[arg(long, value_name = "IP", value_parser = parse_ipv4)]
    pub ipv4_host: Option<std::net::Ipv4Addr>,
    /// How pods of other nodes are reached
    #[arg(long, value_enum, default_value_t = Mode::Vxlan)]
    pub mode: Mode,
    /// Native devices, comma separated, or 'none' (default: the device of the default route)
    #[arg(long, value_name = "DEV,...", value_delimiter = ',')]
    pub native_devs: Vec<String>,
    /// MTU of the node's network (cilium_vxlan and pod routes get 50 less in vxlan mode)
    #[arg(long, default_value_t = 1500, value_parser = clap::value_parser!(u32).range(1280..=65535))]
    pub mtu: u32,
    /// The host endpoint's id (cilium_calls_hostns_<ID>, cilium_policy_<ID>)
    #[arg(long, value_name = "ID", default_value_t = 1, value_parser = parse_endpoint_id)]
    pub host_ep_id: u16,
    /// No trace notifications from host and overlay programs
    #[arg(long)]
    pub no_trace: bool,
    /// No health endpoint (lxc_health)
    #[arg(long)]
    pub no_health: bool,
    /// Network namespace of the health endpoint
    #[arg(long, value_name = "NAME", default_value = "cilium-health", value_parser = parse_netns_name)]
    pub health_netns: String,
    /// Address of the health endpoint (default: the second address of --pod-cidr)
    #[arg(long, value_name = "IP", value_parser = parse_ipv4)]
    pub health_ipv4: Option<std::net::Ipv4Addr>,
    /// Endpoint id of the health endpoint
    #[arg(long, value_name = "ID", default_value_t = 4095, value_parser = parse_endpoint_id)]
    pub health_ep_id: u16,
    #[command(flatten)]
    pub cgroup_root: CgroupRoot,
    /// Socket load balancer (bpf_sock.o) on the cgroup root: processes there reach
    /// services with the backend chosen at connect()/sendmsg()
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub host_lb: bool,
    /// The socket load balancer takes UDP too (sendmsg/recvmsg hooks)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub host_lb_udp: bool,
    /// getpeername() of a load-balanced socket shows the service address
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub host_lb_peer: bool,
    /// Refuse bind() of host sockets to NodePort, ExternalIP and LoadBalancer frontends
    /// (EADDRINUSE)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub node_port_bind: bool,
    /// NodePort range (the socket LB maps NodePorts at node addresses to their service)
    #[arg(long, value_name = "MIN-MAX", default_value = "30000-32767", value_parser = parse_port_range)]
    pub node_port_range: (u16, u16),
    #[command(flatten)]
    pub node_port: NodePortArgs,
}
