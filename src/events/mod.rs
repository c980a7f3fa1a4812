//! Events on `cilium_events`: the per-CPU perf ring reader ([`perf`], [`reader`]), the
//! message decoders ([`decode`]), the captured-packet summary ([`packet`]) and the code
//! tables they share with metrics ([`reasons`], [`points`]).

pub mod decode;
pub mod packet;
pub mod perf;
pub mod points;
pub mod reader;
pub mod reasons;
