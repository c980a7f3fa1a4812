//! `ciliumrs explain`: the flow to explain.

use super::*;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Source address: a local endpoint's (the walk starts at its from-container) or the
    /// node's own (the socket LB, then the host path); with --ingress, any sender's
    #[arg(value_name = "SRC")]
    pub src: String,
    /// Destination address, with :PORT for TCP and UDP ([IPV6]:PORT); an IPv6 flow is
    /// explained on a datapath without IPv6 (each entry's EtherType check)
    #[arg(value_name = "DST[:PORT]")]
    pub dst: String,
    /// tcp, udp or icmp (default: icmp without a port; a port needs one)
    #[arg(long, value_name = "PROTO")]
    pub proto: Option<String>,
    /// The flow's source port (ICMP: the echo id): its conntrack entries decide; without
    /// it the answer is for a new flow
    #[arg(long, value_name = "PORT")]
    pub sport: Option<u16>,
    /// Start where the packet enters the node instead: a native device (from-netdev:
    /// NodePort, then local endpoints and the host) or cilium_vxlan (from another node;
    /// needs --src-identity for IPv4); for IPv6 also an endpoint's device
    #[arg(long, value_name = "DEV")]
    pub ingress: Option<String>,
    /// The sender's identity, as the tunnel's VNI carries it (with --ingress cilium_vxlan)
    #[arg(long, value_name = "N", requires = "ingress")]
    pub src_identity: Option<u32>,
}
