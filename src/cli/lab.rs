//! `ciliumrs lab ...`: the built-in lab.

use super::*;

#[derive(Subcommand, Debug)]
pub enum LabCmd {
    /// Build nodes (each with its own bpffs and cgroup, joined by an underlay) and pods,
    /// bring every node up with `ciliumrs init` and attach every pod
    Up {
        #[command(flatten)]
        name: LabName,
        /// Number of nodes
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=50))]
        nodes: u8,
        /// Pods on each node
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=50))]
        pods_per_node: u8,
        /// Put every pod in a cgroup under its node's cgroup root, so the socket load
        /// balancer translates pod connections at connect() (default: pods sit outside it
        /// and meet the per-packet load balancer)
        #[arg(long)]
        socket_lb_pods: bool,
    },
    /// Run a command in a node or pod (ciliumrs there uses that node's bpffs)
    Exec {
        #[command(flatten)]
        name: LabName,
        /// A node (node1) or pod (node1-pod1)
        who: String,
        /// The command and its arguments
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
    /// The nodes and pods of the lab
    Status {
        #[command(flatten)]
        name: LabName,
    },
    /// `explain` a flow from a pod, followed from its node to the node it leaves for
    Explain {
        #[command(flatten)]
        name: LabName,
        /// The pod the flow starts at (node1-pod1)
        member: String,
        /// Destination address, with :PORT for TCP and UDP
        #[arg(value_name = "DST[:PORT]")]
        dst: String,
        /// tcp, udp or icmp (default: icmp without a port)
        #[arg(long, value_name = "PROTO")]
        proto: Option<String>,
        /// The flow's source port: its conntrack entries decide
        #[arg(long, value_name = "PORT")]
        sport: Option<u16>,
    },
    /// Services of the lab, written on every node as each node's agent would
    #[command(subcommand)]
    Service(LabService),
    /// Remove every namespace, mount, cgroup and pin of the lab
    Down {
        #[command(flatten)]
        name: LabName,
    },
}

#[derive(Subcommand, Debug)]
pub enum LabService {
    /// Create a service, or replace its frontend and backends
    Add {
        #[command(flatten)]
        lab: LabName,
        /// Service name (letters, digits, '-')
        #[arg(value_parser = parse_lab_name)]
        service: String,
        /// The service address (ClusterIP)
        #[arg(long, value_name = "IP:PORT", value_parser = parse_with::<SockAddr4>)]
        vip: SockAddr4,
        /// Protocol
        #[arg(long, default_value = "tcp", value_parser = parse_with::<Proto>)]
        proto: Proto,
        /// Backends as POD:PORT[@STATE],... (pods by lab name, e.g. node2-pod1:8080); empty
        /// for a service without backends
        #[arg(long, value_name = "POD:PORT,...", value_delimiter = ',', num_args = 0.., required = true)]
        backends: Vec<String>,
        /// Also a NodePort: every node serves NODE_ADDRESS:PORT (and the 0.0.0.0:PORT
        /// surrogate of its socket load balancer), as each node's agent writes them
        #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
        nodeport: Option<u16>,
    },
    /// The lab's services
    List {
        #[command(flatten)]
        lab: LabName,
    },
    /// Delete a service from every node
    Delete {
        #[command(flatten)]
        lab: LabName,
        service: String,
    },
}

#[derive(Args, Debug, Clone)]
pub struct LabName {
    /// Name of the lab (prefix of its namespaces)
    #[arg(long = "name", default_value = "crslab", value_parser = parse_lab_name)]
    pub name: String,
}
