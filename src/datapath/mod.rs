//! The datapath: our eBPF objects (built from `ebpf/`, embedded in the binary), loading
//! them with their configuration and tail-call slots, attaching them, and the node bring-up.
//!
//! - [`objects`]: the embedded objects; [`loader`]: one load of one object (pin checks,
//!   load-time globals, verification, tail-call slots); [`config`]: the typed load-time
//!   configuration (`.rodata` globals) of each object; [`slots`]: which program goes in
//!   which tail-call slot (the seed's numbers); [`tailcalls`]: what the slots hold now.
//! - [`iface`]: interface names, indexes and MACs; [`netlink`]: links, addresses, routes
//!   and tc filters over rtnetlink; [`netns`]: named network namespaces; [`mount`]: bpffs
//!   and cgroup2 mounts; [`tc`]: clsact filters (prio 1, handle 1), attached in place.
//! - [`devices`]: the node's devices by name and the machine's devices with programs.
//! - [`nodeport`]: NodePort settings and their load-time globals (`lib/nodeport.h`).
//! - [`node`]: `attach host|netdev` and the overlay programs (`bpf_host.c`, `bpf_overlay.c`).
//! - [`endpoint`]: `attach lxc` / `detach lxc` (`bpf_lxc.c`); [`template`]: the endpoints'
//!   programs, loaded once per node and shared; [`ep_policy`]: their policy slots;
//!   [`health`]: the endpoints' state as `status` shows it.
//! - [`init`]: the whole bring-up (`init` and the world builder); [`step`]: one thing an
//!   operation did; [`reset`]: removes what ciliumrs made on a node.
//! - [`cgroup`]: the socket programs on the cgroup root; [`socklb`]: `bpf_sock.o` on its
//!   socket hooks through pinned links; [`features`]: what the kernel offers.

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
