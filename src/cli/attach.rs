//! `ciliumrs attach host|netdev|lxc`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Attach {
    /// An endpoint (pod): from-container on its host-side veth, its tail calls, its
    /// policy program in cilium_call_policy[EPID], its cilium_lxc and cilium_ipcache entries
    Lxc(AttachLxc),
    /// The host: to-host and from-host on cilium_host, to-host on cilium_net
    Host(AttachNode),
    /// A native device: from-netdev (ingress) and to-netdev (egress)
    Netdev {
        /// The device
        #[arg(value_name = "DEV")]
        dev: String,
        #[command(flatten)]
        node: AttachNode,
    },
}

#[derive(Args, Debug, Clone)]
pub struct AttachNode {
    /// The host endpoint's id
    #[arg(long, value_name = "ID", default_value_t = 1, value_parser = parse_endpoint_id)]
    pub host_ep_id: u16,
    /// Prefix length of the pod CIDRs (keys of cilium_tunnel_map)
    #[arg(long, value_name = "LEN", default_value_t = 24, value_parser = clap::value_parser!(u8).range(1..=32))]
    pub pod_cidr_len: u8,
    /// No trace notifications
    #[arg(long)]
    pub no_trace: bool,
    #[command(flatten)]
    pub node_port: NodePortArgs,
}

/// NodePort in the device programs.
#[derive(Args, Debug, Clone)]
pub struct NodePortArgs {
    /// Serve NodePort, ExternalIP and LoadBalancer frontends to clients outside the node
    /// (from-netdev, from-overlay), SNAT to remote backends
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub node_port: bool,
    /// Source ports of requests translated to a remote backend
    #[arg(long, value_name = "MIN-MAX", default_value = "32768-65535", value_parser = parse_port_range)]
    pub snat_port_range: (u16, u16),
    /// NodePort address of each native device, the SNAT source of requests routed on
    /// (default: the device's first IPv4 address)
    #[arg(long, value_name = "DEV=IP,...", value_delimiter = ',', value_parser = parse_dev_addr)]
    pub node_port_addrs: Vec<(String, std::net::Ipv4Addr)>,
}

impl NodePortArgs {
    pub fn settings(&self) -> crate::datapath::nodeport::NodePort {
        crate::datapath::nodeport::NodePort { enabled: self.node_port, snat_range: self.snat_port_range }
    }

    /// The address given for `dev`, if any.
    pub fn addr_of(&self, dev: &str) -> Option<std::net::Ipv4Addr> {
        self.node_port_addrs.iter().find(|(d, _)| d == dev).map(|(_, a)| *a)
    }
}

/// `DEV=IP`.
fn parse_dev_addr(s: &str) -> Result<(String, std::net::Ipv4Addr), String> {
    let (dev, ip) = s.split_once('=').ok_or_else(|| format!("'{s}' is not DEV=IP"))?;
    if dev.is_empty() || dev.len() >= 16 || dev.contains('/') || dev.contains(char::is_whitespace) {
        return Err(format!("'{dev}' is not an interface name"));
    }
    let ip = parse_ipv4(ip)?;
    Ok((dev.to_string(), ip))
}

/// Which directions only allow what the endpoint's policy map allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Enforce {
    None,
    Ingress,
    Egress,
    Both,
}

#[derive(Args, Debug)]
pub struct AttachLxc {
    /// Host-side veth of the endpoint
    #[arg(value_name = "IFNAME")]
    pub iface: String,
    /// Endpoint id (1-65535)
    #[arg(long, value_parser = parse_endpoint_id)]
    pub id: u16,
    /// Endpoint IPv4 address
    #[arg(long, value_parser = parse_ipv4)]
    pub ipv4: std::net::Ipv4Addr,
    /// Endpoint security identity
    #[arg(long, value_parser = parse_identity)]
    pub identity: u32,
    /// MAC of the endpoint's own (pod-side) interface (default: asked of the veth's peer)
    #[arg(long, value_parser = parse_with::<crate::netaddr::Mac>)]
    pub mac: Option<crate::netaddr::Mac>,
    /// Policy enforcement: without it a direction allows everything
    #[arg(long, value_enum, default_value_t = Enforce::None)]
    pub enforce: Enforce,
    /// Prefix length of the pod CIDRs (keys of cilium_tunnel_map)
    #[arg(long, value_name = "LEN", default_value_t = 24, value_parser = clap::value_parser!(u8).range(1..=32))]
    pub pod_cidr_len: u8,
    /// No trace notifications at forwarding points (drops are always reported)
    #[arg(long)]
    pub no_trace: bool,
}
