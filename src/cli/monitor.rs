//! `ciliumrs monitor`: the event stream's filters and ring settings.

use super::*;

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
    /// Only packets with a source or destination in CIDR (IPv4 or IPv6)
    #[arg(long, value_name = "CIDR", value_parser = parse_with::<crate::netaddr::Cidr>)]
    pub ip: Option<crate::netaddr::Cidr>,
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
    #[arg(long, conflicts_with_all = ["pcap", "node_name"])]
    pub signals: bool,
    /// Also write every packet-carrying event (drop, trace, policy verdict, capture) to a
    /// pcapng FILE for Wireshark/tcpdump, with its verdict and reason as the packet comment;
    /// `-` writes the capture to standard output instead of the lines
    #[arg(long, value_name = "FILE")]
    pub pcap: Option<std::path::PathBuf>,
    /// The node_name of `-o hubble` flows (default: this host's name)
    #[arg(long, value_name = "NAME")]
    pub node_name: Option<String>,
}
