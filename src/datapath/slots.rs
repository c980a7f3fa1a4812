//! Tail-call slots of our datapath, by calls map. The numbers are the seed's (`ebpf/lib/
//! tailcall.h`, checked against this table by a test); the names are our programs'
//! function names, which `bpf tailcall list` shows.

/// The calls map inside a shared endpoint-program copy's directory
/// (`<bpffs>/ciliumrs/bpf_lxc_<hash>/cilium_calls`, see `template`).
pub const CALLS_PIN: &str = "cilium_calls";

/// `CILIUM_CALL_SIZE`: slots in every calls map we create.
pub const CALL_SIZE: u32 = 50;

pub const DROP_NOTIFY: u32 = 1;
pub const ARP: u32 = 6;
pub const IPV4_FROM_LXC: u32 = 7;
pub const IPV4_NODEPORT_NAT: u32 = 15;
pub const IPV4_NODEPORT_REVNAT: u32 = 17;
pub const IPV4_FROM_HOST: u32 = 22;

/// The NodePort programs (ebpf/lib/nodeport.h), in every calls map the seed lists them.
pub const NODEPORT_NAT_PROG: &str = "tail_nodeport_nat_ipv4";
pub const NODEPORT_REVNAT_PROG: &str = "tail_rev_nodeport_lb4";

/// Slots of the endpoints' calls map (one per copy of the shared programs; Cilium's
/// endpoints have their own `cilium_calls_<EPID>` with these), and the program in each. A local
/// backend's NodePort replies leave through slot 17; slot 15 is filled as the seed lists it,
/// though only the device programs send requests there.
pub const LXC: &[(u32, &str)] = &[
    (DROP_NOTIFY, "__send_drop_notify"),
    (ARP, "tail_handle_arp"),
    (IPV4_NODEPORT_NAT, NODEPORT_NAT_PROG),
    (IPV4_NODEPORT_REVNAT, NODEPORT_REVNAT_PROG),
];

/// Slots of `cilium_calls_hostns_<EPID>` and `cilium_calls_netdev_<ifindex>`.
pub const HOST: &[(u32, &str)] = &[
    (DROP_NOTIFY, "__send_drop_notify"),
    (IPV4_FROM_LXC, "tail_handle_ipv4_from_netdev"),
    (IPV4_NODEPORT_NAT, NODEPORT_NAT_PROG),
    (IPV4_NODEPORT_REVNAT, NODEPORT_REVNAT_PROG),
    (IPV4_FROM_HOST, "tail_handle_ipv4_from_host"),
];

/// Slots of `cilium_calls_overlay_2`.
pub const OVERLAY: &[(u32, &str)] = &[
    (DROP_NOTIFY, "__send_drop_notify"),
    (IPV4_FROM_LXC, "tail_handle_ipv4"),
    (IPV4_NODEPORT_NAT, NODEPORT_NAT_PROG),
    (IPV4_NODEPORT_REVNAT, NODEPORT_REVNAT_PROG),
];

/// The program an endpoint puts in `cilium_call_policy[EPID]`.
pub const LXC_POLICY_PROG: &str = "handle_policy";
/// The entry program of an endpoint.
pub const LXC_ENTRY_PROG: &str = "cil_from_container";

/// Entry programs of the device objects, by hook, as attach, detach, status and reset
/// name them (tc shows these names).
pub const TO_HOST: &str = "cil_to_host";
pub const FROM_HOST: &str = "cil_from_host";
pub const FROM_NETDEV: &str = "cil_from_netdev";
pub const TO_NETDEV: &str = "cil_to_netdev";
pub const FROM_OVERLAY: &str = "cil_from_overlay";
pub const TO_OVERLAY: &str = "cil_to_overlay";

/// Every program name the Rust side uses, with the object that must define it; a test
/// checks each against the committed objects.
pub const PROGRAMS: &[(&str, &str)] = &[
    ("bpf_lxc.o", LXC_ENTRY_PROG),
    ("bpf_lxc.o", LXC_POLICY_PROG),
    ("bpf_host.o", TO_HOST),
    ("bpf_host.o", FROM_HOST),
    ("bpf_host.o", FROM_NETDEV),
    ("bpf_host.o", TO_NETDEV),
    ("bpf_overlay.o", FROM_OVERLAY),
    ("bpf_overlay.o", TO_OVERLAY),
];

/// The slots our datapath fills in a calls map with this pin name, for warnings about
/// empty ones. Maps of other loaders (a real Cilium) are listed without expectations.
pub fn expected(pin_name: &str) -> &'static [(u32, &'static str)] {
    if pin_name.starts_with(crate::maps::OURS_DIR) && pin_name.ends_with(CALLS_PIN) {
        return LXC;
    }
    match crate::maps::spec::for_pin_name(pin_name).map(|s| s.name) {
        Some("cilium_calls_") => LXC,
        Some("cilium_calls_hostns_" | "cilium_calls_netdev_") => HOST,
        Some("cilium_calls_overlay_") => OVERLAY,
        _ => &[],
    }
}
