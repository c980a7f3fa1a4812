//! The load-time configuration of each object: one typed struct per object whose fields
//! are the object's `.rodata` globals (`volatile const` in C), set before verification.
//! Each struct lists its globals' C names and sizes ([`LxcConfig::GLOBALS`] …), which
//! `tests/ebpf_objects.rs` compares with the committed object's BTF: a global added, renamed
//! or resized on one side only fails there, naming it.

use aya::GlobalData;

macro_rules! load_config {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty = $c:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $name { $($(#[$fm])* pub $field: $ty),+ }

        impl $name {
            /// (C name, size in bytes) of every load-time global of the object.
            pub const GLOBALS: &'static [(&'static str, usize)] = &[$(($c, std::mem::size_of::<$ty>())),+];

            /// The values, as the loader overrides the globals.
            pub fn globals(&self) -> Vec<(&'static str, GlobalData<'_>)> {
                vec![$(($c, GlobalData::from(&self.$field))),+]
            }
        }
    };
}

load_config!(
    /// `bpf_lxc.o`: the programs every endpoint of the node shares (its own configuration
    /// is in `ciliumrs_ep_config`, see `template.rs`).
    LxcConfig {
        /// Pod CIDR mask, network order.
        ipv4_mask: u32 = "IPV4_MASK",
        vxlan_ifindex: u32 = "VXLAN_IFINDEX",
        /// NodePort (lib/nodeport.h): 1 serves frontends reached from outside.
        enable_nodeport: u8 = "ENABLE_NODEPORT",
        /// cilium_host's address, network order: the SNAT source towards the tunnel.
        ipv4_gateway: u32 = "IPV4_GATEWAY",
        /// This device's NodePort address, network order: the SNAT source on routes.
        ipv4_nodeport: u32 = "IPV4_NODEPORT",
        /// The SNAT port range, host order.
        nat_min: u16 = "NAT_MIN",
        nat_max: u16 = "NAT_MAX",
    }
);

load_config!(
    /// `bpf_host.o`: cilium_host, cilium_net and the native devices.
    HostConfig {
        host_ep_id: u32 = "HOST_EP_ID",
        this_ifindex: u32 = "THIS_IFINDEX",
        vxlan_ifindex: u32 = "VXLAN_IFINDEX",
        ipv4_mask: u32 = "IPV4_MASK",
        trace_notify: u8 = "TRACE_NOTIFY",
        /// NodePort (lib/nodeport.h): 1 serves frontends reached from outside.
        enable_nodeport: u8 = "ENABLE_NODEPORT",
        /// cilium_host's address, network order: the SNAT source towards the tunnel.
        ipv4_gateway: u32 = "IPV4_GATEWAY",
        /// This device's NodePort address, network order: the SNAT source on routes.
        ipv4_nodeport: u32 = "IPV4_NODEPORT",
        /// The SNAT port range, host order.
        nat_min: u16 = "NAT_MIN",
        nat_max: u16 = "NAT_MAX",
    }
);

load_config!(
    /// `bpf_overlay.o`: cilium_vxlan.
    OverlayConfig {
        vxlan_ifindex: u32 = "VXLAN_IFINDEX",
        ipv4_mask: u32 = "IPV4_MASK",
        trace_notify: u8 = "TRACE_NOTIFY",
        /// NodePort (lib/nodeport.h): 1 serves frontends reached from outside.
        enable_nodeport: u8 = "ENABLE_NODEPORT",
        /// cilium_host's address, network order: the SNAT source towards the tunnel.
        ipv4_gateway: u32 = "IPV4_GATEWAY",
        /// This device's NodePort address, network order: the SNAT source on routes.
        ipv4_nodeport: u32 = "IPV4_NODEPORT",
        /// The SNAT port range, host order.
        nat_min: u16 = "NAT_MIN",
        nat_max: u16 = "NAT_MAX",
    }
);

load_config!(
    /// `bpf_sock.o`: the socket load balancer on the cgroup root.
    SockConfig {
        /// The node's network namespace cookie (post_bind protects only its sockets).
        host_netns_cookie: u64 = "HOST_NETNS_COOKIE",
        /// 1: UDP sockets are load-balanced too.
        lb_udp: u8 = "SOCK_LB_UDP",
        trace_notify: u8 = "TRACE_SOCK_NOTIFY",
        /// The NodePort range, host order.
        nodeport_min: u16 = "NODEPORT_MIN",
        nodeport_max: u16 = "NODEPORT_MAX",
    }
);
