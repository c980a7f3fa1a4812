//! `ciliumrs fleet`: one command on many nodes.

use super::*;

#[derive(Args, Debug)]
pub struct FleetArgs {
    /// The nodes, comma-separated: ssh targets, lab members, or what a template's {node} takes
    #[arg(long, value_delimiter = ',', value_name = "N1,N2,...")]
    pub nodes: Vec<String>,
    /// A file of nodes, one a line (`#` starts a comment); `NAME ADDRESS` names a node
    /// reached at ADDRESS (the address `fleet explain` meets as a next node)
    #[arg(long, value_name = "FILE")]
    pub nodes_file: Option<PathBuf>,
    /// ssh, lab (the built-in lab's nodes; every node when none is named), or a command
    /// template with {node}, e.g. 'kubectl -n kube-system exec {node} -c ciliumrs --'
    #[arg(long, value_name = "TRANSPORT", default_value = "ssh")]
    pub via: String,
    /// The lab of `--via lab`
    #[arg(long, value_name = "NAME", default_value = "crslab")]
    pub lab: String,
    /// Nodes asked at once
    #[arg(long, value_name = "K", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..))]
    pub parallel: u16,
    /// Seconds a node has to answer
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// ciliumrs on the nodes (ssh and templates)
    #[arg(long, value_name = "PATH", default_value = "ciliumrs")]
    pub remote_bin: String,
    /// An ssh client configuration file (`ssh -F`)
    #[arg(long, value_name = "FILE")]
    pub ssh_config: Option<PathBuf>,
    /// Let a command that writes run on every node
    #[arg(long)]
    pub allow_writes: bool,
    /// The ciliumrs arguments, after `--`
    #[arg(last = true, required = true, value_name = "ARGS")]
    pub args: Vec<String>,
}
