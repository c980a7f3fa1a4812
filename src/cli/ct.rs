//! `ciliumrs bpf ct ...`.

use super::*;

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
