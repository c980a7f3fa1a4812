//! Events on `cilium_events`: the per-CPU perf ring reader ([`perf`], [`reader`]), the
//! message decoders ([`decode`]), the captured-packet summary ([`packet`]), the one model
//! of a decoded event ([`fields`]) with its text line ([`line`]), and the table of event kinds
//! ([`kinds`]). Code tables shared with the maps are in `crate::codes`.

pub mod decode;
pub mod fields;
pub mod filter;
pub mod kinds;
pub mod line;
pub mod lock;
pub mod packet;
pub mod perf;
pub mod pump;
pub mod reader;
pub mod record;
pub mod session;
pub mod signal;
pub mod write;
