//! ciliumrs: bring up and inspect a Cilium-compatible eBPF datapath.
//!
//! Where to start reading:
//! - [`cli`] is the command line (clap definitions only) and [`cmd`] the handlers, one file
//!   per command path, dispatched from [`cmd::run`].
//! - [`maps`] has one module per Cilium map (`#[repr(C)]` types mirroring v1.16, records to
//!   print) and [`maps::spec`], the spec table used to create and to check maps.
//! - [`events`] decodes what the datapath sends on `cilium_events` and reads the per-CPU
//!   perf rings; [`codes`] holds the reason, observation-point and identity tables that maps,
//!   events and our C share.
//! - [`datapath`] loads and attaches our eBPF objects (`ebpf/`) and brings a node up;
//!   [`lab`] builds the built-in lab of nodes and pods from network namespaces.
//! - [`bpf`] is the raw bpf(2) layer: pinned maps, batch lookups, programs, cgroup hooks.
//! - [`output`] turns records into tables, text lines or JSON; nothing else writes stdout.
//! - [`error`] is the one error type; `main` prints it and picks the exit code.

pub mod agent;
pub mod bpf;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod datapath;
pub mod docs;
pub mod error;
pub mod events;
pub mod explain;
pub mod fleet;
pub mod lab;
pub mod maps;
pub mod netaddr;
pub mod output;
pub mod wire;
pub mod world;
