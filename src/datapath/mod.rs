//! The datapath: our eBPF objects (built from `ebpf/`, embedded in the binary), loading
//! them with their configuration and tail-call slots, attaching them, and the node bring-up.
//!
//! - [`objects`]: the embedded objects.
//! - [`loader`]: one load of one object: pin checks, load-time globals, verification of tc,
//!   cgroup sock_addr and sock programs, tail-call slots.
//! - [`config`]: the typed load-time configuration (`.rodata` globals) of each object.
//! - [`slots`]: which program goes in which tail-call slot (the seed's numbers).
//! - [`iface`]: interface names, indexes and MACs; [`netlink`]: links, addresses, routes
//!   and tc filters over rtnetlink; [`netns`]: named network namespaces.
//! - [`tc`]: clsact filters (prio 1, handle 1, direct-action), attached or replaced in place.
//! - [`endpoint`]: `attach lxc` / `detach lxc`; [`template`]: the endpoints' programs,
//!   loaded once per node and shared, and each endpoint's configuration entry.
//! - [`node`]: `init` (maps, cilium_host/cilium_net, cilium_vxlan, device programs, the
//!   health endpoint) and `attach host|netdev`.
//! - [`cgroup`]: the socket programs on the cgroup root, as `status` and `reset` see them.
//! - [`socklb`]: `bpf_sock.o` on the cgroup root's socket hooks, through pinned links.
//! - [`reset`]: removes what ciliumrs made on a node.

pub mod cgroup;
pub mod config;
pub mod devices;
pub mod endpoint;
pub mod ep_policy;
pub mod features;
pub mod health;
pub mod iface;
pub mod init;
pub mod loader;
pub mod mount;
pub mod netlink;
pub mod netns;
pub mod node;
pub mod nodeport;
pub mod objects;
pub mod reset;
pub mod slots;
pub mod socklb;
pub mod step;
pub mod tailcalls;
pub mod tc;
pub mod template;
