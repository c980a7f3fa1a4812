//! Events and the code tables they share with metrics. The decoders and the perf reader
//! for `cilium_events` come with `ciliumrs monitor`; today this holds the tables.

pub mod reasons;
