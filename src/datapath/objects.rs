//! The datapath objects, compiled from `ebpf/` by its Makefile and committed under
//! `ebpf/obj/`, so building ciliumrs needs no clang and a node needs no compiler.

/// `bpf_lxc.o`: one endpoint (from-container, handle_policy, ARP, drop notify).
pub static BPF_LXC: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/bpf_lxc.o");

/// `bpf_host.o`: cilium_host, cilium_net and native devices.
pub static BPF_HOST: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/bpf_host.o");

/// `bpf_overlay.o`: cilium_vxlan.
pub static BPF_OVERLAY: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/bpf_overlay.o");

/// `bpf_sock.o`: the socket load balancer (cgroup socket hooks).
pub static BPF_SOCK: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/bpf_sock.o");

/// Every object with its file name, for checks over all of them.
pub const ALL: &[(&str, &[u8])] = &[
    ("bpf_lxc.o", BPF_LXC),
    ("bpf_host.o", BPF_HOST),
    ("bpf_overlay.o", BPF_OVERLAY),
    ("bpf_sock.o", BPF_SOCK),
];
