//! Root tests against real kernel maps. Each test mounts its own bpffs (never the host's
//! /sys/fs/bpf) and unmounts it on drop, even when the test panics.
//!
//! These tests need root and bpftool. They fail loudly without them: `.ci/run` installs
//! bpftool; a skip would hide a missing tool.

mod support;
mod world;

mod bulk;
mod cgroup;
mod cluster;
mod datapath;
mod evidence;
mod explain;
mod fleet;
mod init;
mod interop;
mod ipv6;
mod lab;
mod monitor;
mod nodeport;
mod services;
mod socklb;
mod static_binary;
mod trust;
mod versions;
mod writes;
