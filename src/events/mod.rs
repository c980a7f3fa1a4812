//! Events on `cilium_events` (Cilium's `bpf/lib/drop.h`, `trace.h`, `dbg.h`,
//! `policy_log.h`) and `cilium_signals`:
//! - reading: [`perf`] (one ring per CPU), [`reader`] (the rings of one map, guarded against
//!   taking another reader's), [`lock`] (one ciliumrs reader per map), [`pump`] (the thread
//!   that empties the rings and the [`pump::Handler`] it feeds);
//! - decoding: [`decode`] (the message layouts, a leaf parser), [`kinds`] (the one table of
//!   event kinds), [`packet`] (the captured packet's summary), [`signal`];
//! - the model: [`fields`] (one decoded event's fields), [`record`] (the event as a record,
//!   losses, the run's summary), [`line`] (Cilium's text line);
//! - a run: [`filter`] (`--type`, `--ip`, ...), [`session`] (count, filter, write) and
//!   [`write`] (the writers, behind one [`write::EventWriter`] trait).
//!
//! Code tables shared with the maps are in `crate::codes`.

pub mod decode;
pub mod fields;
pub mod filter;
pub mod hubble;
pub mod kinds;
pub mod line;
pub mod lock;
pub mod packet;
pub mod pcapng;
pub mod perf;
pub mod pump;
pub mod reader;
pub mod record;
pub mod session;
pub mod signal;
pub mod write;
