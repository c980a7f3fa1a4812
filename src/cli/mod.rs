//! The command line, as clap definitions only. Help, man pages and completions are all
//! generated from these types; handlers live in `cmd/`.

mod attach;
mod bpf;
mod ct;
mod detach;
mod explain;
mod fleet;
mod init;
mod ipcache;
mod lab;
mod lb;
mod lxc;
mod monitor;
mod nat;
mod policy;
mod service;
mod tailcall;
mod tunnel;
mod values;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::netaddr::{CidrPort, PortProto, Proto, SockAddr, SockAddr4};
pub use attach::*;
pub use bpf::*;
pub use ct::*;
pub use detach::*;
pub use explain::*;
pub use fleet::*;
pub use init::*;
pub use ipcache::*;
pub use lab::*;
pub use lb::*;
pub use lxc::*;
pub use monitor::*;
pub use nat::*;
pub use policy::*;
pub use service::*;
pub use tailcall::*;
pub use tunnel::*;
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

/// `-o`
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and text lines for people.
    Table,
    /// JSON for scripts: a list is one array, a single object is an object.
    Json,
    /// `monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads.
    Hubble,
    /// `bpf metrics list` and `bpf maps` only: Prometheus's text format.
    Prometheus,
}

impl From<Format> for crate::output::Format {
    /// How the output layer writes what is not the special format itself: errors and notes
    /// as JSON with `-o hubble` (a stream for scripts), as text with `-o prometheus`.
    fn from(f: Format) -> crate::output::Format {
        match f {
            Format::Json | Format::Hubble => crate::output::Format::Json,
            Format::Table | Format::Prometheus => crate::output::Format::Table,
        }
    }
}

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
    /// What the datapath does with a flow from a local endpoint, and why, from the live maps
    Explain(ExplainArgs),
    /// Run one ciliumrs command on many nodes (ssh, the lab, or a template) and merge
    Fleet(FleetArgs),
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
