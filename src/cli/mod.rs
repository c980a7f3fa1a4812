//! The command line, as clap definitions only. Help, man pages and completions are all
//! generated from these types; handlers live in `cmd/`.

mod values;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::netaddr::{CidrPort, PortProto, Proto, SockAddr4};
pub use values::*;

/// A clap value enum mirroring a domain enum (which stays free of clap), with the
/// conversion into it. Variant docs become the possible values' help.
macro_rules! mirror {
    ($(#[$m:meta])* $name:ident => $target:path { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl From<$name> for $target {
            fn from(x: $name) -> $target {
                use $target as T;
                match x { $($name::$v => T::$v),+ }
            }
        }
    };
}

mirror!(
    /// `-o`
    Format => crate::output::Format {
        /// Tables and text lines for people.
        Table,
        /// JSON for scripts: a list is one array, a single object is an object.
        Json,
    }
);
mirror!(
    /// `--color`
    ColorChoice => crate::output::ColorChoice { Auto, Always, Never }
);
mirror!(
    /// A policy direction
    Direction => crate::maps::policy::Direction { Ingress, Egress }
);
mirror!(
    /// `init --mode`
    Mode => crate::datapath::init::Mode {
        /// Pods of other nodes through cilium_vxlan
        Vxlan,
        /// The underlying network routes pod addresses (not supported yet)
        Native,
    }
);

#[derive(Parser, Debug)]
#[command(
    name = "ciliumrs",
    version,
    about = "Bring up and inspect a Cilium-compatible eBPF datapath",
    long_about = "Bring up and inspect a Cilium-compatible eBPF datapath.\n\n\
        Maps are byte-compatible with Cilium v1.16 and pinned where Cilium pins them \
        (<bpffs>/tc/globals), so the bpf commands also work on a node that Cilium manages.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)
    #[arg(long, global = true, value_name = "DIR", env = "CILIUMRS_BPFFS", default_value = "/sys/fs/bpf")]
    pub bpffs: PathBuf,

    /// Output format: tables and lines for people, JSON for scripts
    #[arg(short = 'o', long = "output", global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,

    /// When to color tables (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the
    /// node's maps do not settle it themselves; `bpf maps` shows what they say
    #[arg(
        long,
        global = true,
        value_name = "1.MINOR",
        env = "CILIUMRS_CILIUM_VERSION",
        value_parser = parse_cilium_version
    )]
    pub cilium_version: Option<u8>,

    /// How long a command that writes waits for the node's write lock (another ciliumrs
    /// writing to the same bpffs) before it gives up
    #[arg(long, global = true, value_name = "SECS", env = "CILIUMRS_WAIT", default_value_t = 30)]
    pub wait: u64,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Bring a node up: global maps, cilium_host/cilium_net, cilium_vxlan, device programs
    Init(InitArgs),
    /// Load our programs and attach them to a device or endpoint
    #[command(subcommand)]
    Attach(Attach),
    /// Remove exactly what `attach` made
    #[command(subcommand)]
    Detach(Detach),
    /// Devices and the programs on their hooks, socket programs on the cgroup root,
    /// endpoints, maps with their fill level
    Status {
        #[command(flatten)]
        cgroup: CgroupRoot,
    },
    /// Remove everything ciliumrs made on this node: endpoints, filters, devices, pins
    Reset {
        /// Even where a Cilium agent's sockets exist
        #[arg(long)]
        force: bool,
        /// Network namespace of the health endpoint, removed too
        #[arg(long, value_name = "NAME", default_value = "cilium-health", value_parser = parse_netns_name)]
        health_netns: String,
        #[command(flatten)]
        cgroup: CgroupRoot,
    },
    /// Inspect and change the datapath's BPF maps
    #[command(subcommand)]
    Bpf(Bpf),
    /// Stream drop/trace/debug/policy-verdict events from cilium_events
    Monitor(MonitorArgs),
    /// A lab of nodes and pods made of network namespaces on this machine
    #[command(subcommand)]
    Lab(LabCmd),
    /// Services as Cilium's `service list` shows them, rebuilt from the BPF maps
    #[command(subcommand)]
    Service(ServiceCmd),
    /// Print a shell completion script
    Completions {
        /// Shell to generate for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The cgroup v2 root that carries the socket programs.
#[derive(Args, Debug, Clone)]
pub struct CgroupRoot {
    /// cgroup v2 root of the socket load balancer's programs
    #[arg(long = "cgroup-root", value_name = "DIR", env = "CILIUMRS_CGROUP_ROOT", default_value = crate::datapath::cgroup::DEFAULT_ROOT)]
    pub path: std::path::PathBuf,
}

/// `monitor --type` values, from the one table of event kinds.
fn event_kind() -> impl clap::builder::TypedValueParser<Value = crate::events::kinds::Kind> {
    use crate::events::kinds::{Kind, selectable_names};
    use clap::builder::TypedValueParser as _;
    // The possible values are the table's names, so the lookup always succeeds.
    clap::builder::PossibleValuesParser::new(selectable_names())
        .map(|s| Kind::from_name(&s).unwrap_or(Kind::Unknown))
}

#[derive(Args, Debug)]
pub struct MonitorArgs {
    /// Only these event types (repeat the flag for several); default: all but debug
    #[arg(short = 't', long = "type", value_name = "TYPE", value_parser = event_kind())]
    pub types: Vec<crate::events::kinds::Kind>,
    /// Only events sent by this endpoint
    #[arg(long, value_name = "EPID", value_parser = parse_endpoint_id)]
    pub from: Option<u16>,
    /// Only events addressed to this endpoint
    #[arg(long, value_name = "EPID", value_parser = parse_endpoint_id)]
    pub to: Option<u16>,
    /// Only events from or to this endpoint
    #[arg(long, value_name = "EPID", value_parser = parse_endpoint_id)]
    pub related_to: Option<u16>,
    /// Only packets with a source or destination in CIDR
    #[arg(long, value_name = "CIDR", value_parser = parse_with::<crate::netaddr::Cidr4>)]
    pub ip: Option<crate::netaddr::Cidr4>,
    /// Only packets with this source or destination port
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Only drops whose reason contains TEXT (any case), or has this code
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Debug messages too
    #[arg(short, long)]
    pub verbose: bool,
    /// Identities as numbers (reserved ones are names otherwise, as cilium monitor prints)
    #[arg(short = 'n', long)]
    pub numeric: bool,
    /// The raw message bytes after each event
    #[arg(long)]
    pub hex: bool,
    /// Data pages per CPU ring (a power of two)
    #[arg(long, default_value_t = 64, value_parser = parse_ring_pages)]
    pub pages: usize,
    /// Samples per wakeup: higher costs the datapath less; a 50 ms poll shows lone events
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=65536))]
    pub wakeup_events: u32,
    /// Stop after this many shown events
    #[arg(long, value_name = "N")]
    pub max_events: Option<u64>,
    /// Read even though a Cilium agent serves this node's events (it would stop seeing them)
    #[arg(long)]
    pub force: bool,
    /// Signals from cilium_signals (NAT and CT tables filling up) instead of events
    #[arg(long)]
    pub signals: bool,
}

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
pub enum ServiceCmd {
    /// ID (reverse-NAT id), frontend, type and backends with their state, by ID
    List,
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

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Only create and pin the global maps under <bpffs>/tc/globals
    #[arg(long)]
    pub maps_only: bool,
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

/// `MIN-MAX`, two ports with MIN <= MAX.
fn parse_port_range(s: &str) -> Result<(u16, u16), String> {
    let (a, b) = s.split_once('-').ok_or_else(|| format!("'{s}' is not MIN-MAX"))?;
    let port = |p: &str| {
        p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| format!("'{p}' is not a port (1-65535)"))
    };
    let (lo, hi) = (port(a)?, port(b)?);
    if lo > hi {
        return Err(format!("'{s}': {lo} is above {hi}"));
    }
    Ok((lo, hi))
}

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

#[derive(Subcommand, Debug)]
pub enum Bpf {
    /// List every cilium_* map pinned under tc/globals, with fill level and ABI check
    Maps,
    /// Connection tracking (cilium_ct4_global, cilium_ct_any4_global)
    #[command(subcommand)]
    Ct(Ct),
    /// IP cache: prefix to identity and tunnel endpoint (cilium_ipcache)
    #[command(subcommand)]
    Ipcache(Ipcache),
    /// Local endpoints (cilium_lxc)
    #[command(subcommand, visible_alias = "endpoint")]
    Lxc(Lxc),
    /// Load balancer: services, backends, reverse NAT (cilium_lb4_*)
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
    /// SNAT table (cilium_snat_v4_external)
    #[command(subcommand)]
    Nat(Nat),
    /// MACs of NodePort clients whose requests went on to remote backends
    /// (cilium_nodeport_neigh4)
    #[command(subcommand)]
    Neigh(ListOnly),
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

#[derive(Subcommand, Debug)]
pub enum Nat {
    /// List entries, both directions (OUT: XLATE_SRC, IN: XLATE_DST)
    List(ListOpts),
    /// Delete every entry (established translated flows lose their mapping)
    Flush,
}

/// Which conntrack maps: only `global` exists here; accepted for Cilium muscle memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CtScope {
    Global,
}

#[derive(Args, Debug, Clone)]
pub struct CtFilterArgs {
    /// Keep flows whose source matches CIDR[:PORT]
    #[arg(long, value_name = "CIDR[:PORT]", value_parser = parse_with::<CidrPort>)]
    pub src: Option<CidrPort>,
    /// Keep flows whose destination matches CIDR[:PORT]
    #[arg(long, value_name = "CIDR[:PORT]", value_parser = parse_with::<CidrPort>)]
    pub dst: Option<CidrPort>,
    /// Keep flows of this protocol (tcp, udp, icmp or a number)
    #[arg(long, value_name = "PROTO", value_parser = parse_with::<Proto>)]
    pub proto: Option<Proto>,
    /// Keep flows with all these flags (e.g. RxClosing,SeenNonSyn or 0x11)
    #[arg(long, value_name = "FLAGS", value_parser = parse_ct_flags)]
    pub flags: Option<u16>,
}

#[derive(Subcommand, Debug)]
pub enum Ct {
    /// List flows, one line each in Cilium's format
    List {
        #[arg(value_enum, default_value = "global")]
        scope: CtScope,
        #[command(flatten)]
        filter: CtFilterArgs,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Delete one flow, named as it prints: PROTO SRC:PORT DST:PORT
    Delete {
        #[arg(value_parser = parse_with::<Proto>)]
        proto: Proto,
        #[arg(value_parser = parse_with::<SockAddr4>)]
        src: SockAddr4,
        #[arg(value_parser = parse_with::<SockAddr4>)]
        dst: SockAddr4,
        /// The entry is an IN (ingress-created) flow
        #[arg(long = "in")]
        ingress: bool,
        /// The entry has the RELATED tuple flag
        #[arg(long)]
        related: bool,
        /// The entry has the SERVICE tuple flag
        #[arg(long)]
        service: bool,
    },
    /// Delete every flow that matches the filters (all flows without filters)
    Flush {
        #[arg(value_enum, default_value = "global")]
        scope: CtScope,
        #[command(flatten)]
        filter: CtFilterArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum Ipcache {
    /// List prefixes
    List(ListOpts),
    /// Longest-prefix match for an address
    Get {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
    },
    /// Add or replace a prefix: CIDR[@CLUSTER]
    Update {
        #[arg(value_name = "CIDR[@CLUSTER]", value_parser = parse_prefix)]
        prefix: crate::maps::ipcache::Prefix,
        /// Security identity (1-4294967295)
        #[arg(long, value_parser = parse_identity)]
        identity: u32,
        /// Node that hosts the prefix (omit for local)
        #[arg(long, value_name = "IP", value_parser = parse_ipv4)]
        tunnel_endpoint: Option<std::net::Ipv4Addr>,
        /// IPsec key index (0-15)
        #[arg(long, value_name = "K", default_value_t = 0, value_parser = parse_encrypt_key)]
        encrypt_key: u8,
        /// Set flag_skip_tunnel
        #[arg(long)]
        skip_tunnel: bool,
    },
    /// Delete a prefix
    Delete {
        #[arg(value_name = "CIDR[@CLUSTER]", value_parser = parse_prefix)]
        prefix: crate::maps::ipcache::Prefix,
    },
}

#[derive(Subcommand, Debug)]
pub enum Lxc {
    /// List local endpoints
    List(ListOpts),
    /// Show the endpoint of an address
    Get {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
    },
    /// Add or replace an endpoint address
    Update {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
        /// Endpoint id (1-65535)
        #[arg(long, value_parser = parse_endpoint_id)]
        id: u16,
        /// ifindex of the host-side interface
        #[arg(long, value_parser = parse_ifindex)]
        ifindex: u32,
        /// Endpoint MAC
        #[arg(long, value_parser = parse_with::<crate::netaddr::Mac>)]
        mac: crate::netaddr::Mac,
        /// MAC of the host-side interface
        #[arg(long, value_parser = parse_with::<crate::netaddr::Mac>)]
        node_mac: crate::netaddr::Mac,
        /// Endpoint security identity
        #[arg(long, default_value_t = 0, value_parser = parse_u32)]
        identity: u32,
        /// The address belongs to the local host (ENDPOINT_F_HOST)
        #[arg(long)]
        host: bool,
    },
    /// Delete an endpoint address
    Delete {
        #[arg(value_parser = parse_ipv4)]
        ip: std::net::Ipv4Addr,
    },
}

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
    /// Session-affinity entries (cilium_lb4_affinity): client, service, backend, whether
    /// the backend still belongs to the service, last use
    #[arg(long)]
    pub affinity: bool,
}

#[derive(Subcommand, Debug)]
pub enum Lb {
    /// List services with their backend slots
    List {
        #[command(flatten)]
        view: LbView,
        #[command(flatten)]
        list: ListOpts,
    },
    /// Create or replace a service; backend and reverse-NAT ids are allocated
    Update {
        #[arg(value_name = "VIP:PORT", value_parser = parse_with::<SockAddr4>)]
        frontend: SockAddr4,
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
        #[arg(value_name = "VIP:PORT", value_parser = parse_with::<SockAddr4>)]
        frontend: SockAddr4,
    },
}

#[derive(Subcommand, Debug)]
pub enum Tunnel {
    /// List remote prefixes and their tunnel endpoints
    List(ListOpts),
    /// Map a remote prefix (its base address, or a CIDR) to a tunnel endpoint
    Update {
        #[arg(value_name = "PREFIX", value_parser = parse_with::<crate::netaddr::Cidr4>)]
        prefix: crate::netaddr::Cidr4,
        #[arg(value_parser = parse_ipv4)]
        endpoint: std::net::Ipv4Addr,
        /// IPsec key index (0-15)
        #[arg(long, value_name = "K", default_value_t = 0, value_parser = parse_encrypt_key)]
        encrypt_key: u8,
    },
    /// Delete a remote prefix
    Delete {
        #[arg(value_name = "PREFIX", value_parser = parse_with::<crate::netaddr::Cidr4>)]
        prefix: crate::netaddr::Cidr4,
    },
}

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
