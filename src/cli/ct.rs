//! `ciliumrs bpf ct ...`.

use super::*;

/// Which conntrack maps: only `global` exists here; accepted for Cilium muscle memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CtScope {
    Global,
}

/// An address family: 4 or 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Family {
    #[value(name = "4")]
    V4,
    #[value(name = "6")]
    V6,
}

impl From<Family> for u8 {
    fn from(f: Family) -> u8 {
        match f {
            Family::V4 => 4,
            Family::V6 => 6,
        }
    }
}

impl Family {
    /// Whether `--family` (None: both) takes an entry whose key says family `key_family`
    /// (1 IPv4, 2 IPv6, as `endpoint_key` and `ipcache_key` say it).
    pub fn takes(want: Option<Family>, key_family: u8) -> bool {
        match want {
            None => true,
            Some(Family::V4) => key_family == crate::maps::lxc::FAMILY_IPV4,
            Some(Family::V6) => key_family == crate::maps::lxc::FAMILY_IPV6,
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct CtFilterArgs {
    /// Only this address family's maps (default: both; a filter's family narrows it too)
    #[arg(long, value_enum, value_name = "4|6")]
    pub family: Option<Family>,
    /// Keep flows whose source matches CIDR[:PORT] (IPv6: CIDR or [CIDR]:PORT)
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
    /// Delete one flow, named as it prints: PROTO SRC:PORT DST:PORT (IPv6: [ADDR]:PORT)
    Delete {
        #[arg(value_parser = parse_with::<Proto>)]
        proto: Proto,
        #[arg(value_parser = parse_with::<SockAddr>)]
        src: SockAddr,
        #[arg(value_parser = parse_with::<SockAddr>)]
        dst: SockAddr,
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
