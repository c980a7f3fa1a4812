//! The raw bpf(2) layer: what aya 0.14 lacks for an operator tool (batch lookups,
//! read-only pinned opens, map info, program arrays by id, cgroup links).
//!
//! - [`sys`]: the syscall itself, over aya-obj's generated UAPI `bpf_attr`.
//! - [`map`]: [`map::MapFd`], a pinned or created map with its kernel info, per-key
//!   operations and `BPF_MAP_LOOKUP_BATCH` with a per-key fallback.
//! - [`types`]: map type numbers and names as bpftool prints them.
//! - [`btf`]: a bounds-checked reader of raw BTF (names, sizes, members, section variables).
//! - [`cgroup`]: programs and links on a cgroup's socket hooks (query, detach).
//! - [`cpus`]: the possible-CPU count that sizes per-CPU values and event arrays.

pub mod btf;
pub mod cgroup;
pub mod cpus;
pub mod map;
pub mod prog;
pub mod sys;
pub mod types;

pub use map::{MapFd, MapInfo};
pub use types::MapType;
