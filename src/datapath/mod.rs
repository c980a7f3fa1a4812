//! The datapath: our eBPF objects (built from `ebpf/`, embedded in the binary), loading
//! them with per-endpoint configuration, tail-call slots, and tc attachment.
//!
//! - [`objects`]: the embedded objects.
//! - [`slots`]: which program goes in which tail-call slot (the seed's numbers).
//! - [`iface`]: interface names, indexes and MACs.
//! - [`tc`]: clsact filters (prio 1, handle 1, direct-action), attached or replaced in place.
//! - [`endpoint`]: `attach lxc` / `detach lxc`.

pub mod endpoint;
pub mod iface;
pub mod loader;
pub mod netlink;
pub mod netns;
pub mod node;
pub mod objects;
pub mod reset;
pub mod slots;
pub mod tc;
