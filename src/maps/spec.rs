//! The v1.16 map specs: one table for creation (`init`), the ABI check when a map is
//! opened, and `bpf maps`. Facts from `cilium-layout-v1.16.md` "Map specs" and
//! `cilium-abi-v1.10-and-newest.md` §1.2 for the seed maps that the v1.16 table omits.

use std::fmt;

use crate::bpf::{MapInfo, MapType};
use crate::maps::abi::{NEWEST, OLDEST, Range};

/// `BPF_F_NO_PREALLOC`: HASH and LPM maps as the Cilium agent creates them.
pub const NO_PREALLOC: u32 = 0x1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxEntries {
    Fixed(u32),
    /// One entry per possible CPU (perf event arrays).
    PossibleCpus,
}

/// Who creates a map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A global map of the seed list: `init` creates it.
    Global,
    /// Per endpoint or device: `attach` creates it; the name has a suffix.
    PerEndpoint,
    /// Known so `bpf maps` can check it on a real Cilium node; we do not create it.
    KnownOnly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapSpec {
    /// Pin name, or the prefix before the numeric suffix for per-endpoint maps.
    pub name: &'static str,
    pub map_type: MapType,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: MaxEntries,
    pub flags: u32,
    pub scope: Scope,
    /// What the map holds, for `bpf maps`.
    pub what: &'static str,
    /// The Cilium versions whose maps have this name and shape.
    pub versions: Range,
}

#[expect(clippy::too_many_arguments, reason = "one row of the spec table, positional like the doc's table")]
const fn spec(
    name: &'static str,
    map_type: MapType,
    key_size: u32,
    value_size: u32,
    max: u32,
    flags: u32,
    scope: Scope,
    what: &'static str,
) -> MapSpec {
    let max_entries = if max == 0 { MaxEntries::PossibleCpus } else { MaxEntries::Fixed(max) };
    MapSpec { name, map_type, key_size, value_size, max_entries, flags, scope, what, versions: Range::ANY }
}

impl MapSpec {
    /// The same map as only versions `lo..=hi` make it.
    const fn only(self, lo: u8, hi: u8) -> MapSpec {
        MapSpec { versions: Range::new(lo, hi), ..self }
    }
}

use MapType as T;
use Scope::{Global as G, KnownOnly as K, PerEndpoint as E};

/// Ours, not Cilium's: the endpoints' configuration for the programs all endpoints share
/// (`ebpf/lib/ep_config.h`; Cilium compiles it into each endpoint's object instead).
pub const EP_CONFIG: MapSpec = spec(
    "ciliumrs_ep_config",
    T::HASH,
    4,
    32,
    65535,
    0,
    G,
    "endpoint veth ifindex -> endpoint config (ciliumrs)",
);
/// Ours: endpoint id -> its `cilium_policy_<EPID>`, for the shared programs.
pub const EP_POLICY: MapSpec = spec(
    "ciliumrs_ep_policy",
    T::ARRAY_OF_MAPS,
    4,
    4,
    65536,
    0,
    G,
    "endpoint id -> its policy map (ciliumrs)",
);
pub const CALL_POLICY: MapSpec =
    spec("cilium_call_policy", T::PROG_ARRAY, 4, 4, 65535, 0, G, "endpoint id -> policy program");
pub const CT4_GLOBAL: MapSpec =
    spec("cilium_ct4_global", T::LRU_HASH, 14, 56, 524288, 0, G, "conntrack, TCP");
pub const CT_ANY4_GLOBAL: MapSpec =
    spec("cilium_ct_any4_global", T::LRU_HASH, 14, 56, 262144, 0, G, "conntrack, non-TCP");
/// The IPv6 conntrack maps: read and written where a dual-stack node has them, made by
/// `init --maps-only --ipv6` (the datapath itself is IPv4).
pub const CT6_GLOBAL: MapSpec =
    spec("cilium_ct6_global", T::LRU_HASH, 38, 56, 524288, 0, K, "conntrack IPv6, TCP");
pub const CT_ANY6_GLOBAL: MapSpec =
    spec("cilium_ct_any6_global", T::LRU_HASH, 38, 56, 262144, 0, K, "conntrack IPv6, non-TCP");
/// IPsec key state (key 0: the current key index). The seed lists it with the overlay
/// programs; IPsec itself is out of scope, so nothing writes it but the map exists.
pub const ENCRYPT_STATE: MapSpec =
    spec("cilium_encrypt_state", T::ARRAY, 4, 1, 1, 0, G, "IPsec key index (unused: no IPsec)");
pub const EVENTS: MapSpec =
    spec("cilium_events", T::PERF_EVENT_ARRAY, 4, 4, 0, 0, G, "drop/trace/debug events");
pub const IPCACHE: MapSpec = spec(
    "cilium_ipcache",
    T::LPM_TRIE,
    24,
    12,
    512000,
    NO_PREALLOC,
    G,
    "prefix -> identity, tunnel endpoint",
)
.only(OLDEST, 17);
/// Newest Cilium (1.18 cycle on): a 24-byte value that can hold an IPv6 tunnel endpoint.
pub const IPCACHE_V2: MapSpec = spec(
    "cilium_ipcache_v2",
    T::LPM_TRIE,
    24,
    24,
    512000,
    NO_PREALLOC,
    K,
    "prefix -> identity, tunnel endpoint",
)
.only(18, NEWEST);
pub const FRAG4: MapSpec =
    spec("cilium_ipv4_frag_datagrams", T::LRU_HASH, 12, 4, 8192, 0, G, "IPv4 fragment L4 ports");
pub const LB4_AFFINITY: MapSpec =
    spec("cilium_lb4_affinity", T::LRU_HASH, 16, 16, 65536, 0, G, "session affinity");
pub const LB_AFFINITY_MATCH: MapSpec =
    spec("cilium_lb_affinity_match", T::HASH, 8, 1, 65536, NO_PREALLOC, G, "session affinity backends");
pub const LB4_BACKENDS: MapSpec =
    spec("cilium_lb4_backends_v3", T::HASH, 4, 12, 65536, NO_PREALLOC, G, "backend id -> backend")
        .only(13, NEWEST);
/// v1.10 and before: u16 backend ids, 8-byte values.
pub const LB4_BACKENDS_V1: MapSpec =
    spec("cilium_lb4_backends", T::HASH, 2, 8, 65536, NO_PREALLOC, K, "backend id -> backend")
        .only(OLDEST, 10);
/// v1.11-1.12: u32 backend ids, 8-byte values.
pub const LB4_BACKENDS_V2: MapSpec =
    spec("cilium_lb4_backends_v2", T::HASH, 4, 8, 65536, NO_PREALLOC, K, "backend id -> backend")
        .only(11, 12);
pub const LB4_REVERSE_NAT: MapSpec =
    spec("cilium_lb4_reverse_nat", T::HASH, 2, 6, 65536, NO_PREALLOC, G, "rev-nat id -> service address");
pub const LB4_REVERSE_SK: MapSpec =
    spec("cilium_lb4_reverse_sk", T::LRU_HASH, 16, 8, 262144, 0, G, "socket LB reverse translation");
pub const LB4_SERVICES: MapSpec = spec(
    "cilium_lb4_services_v2",
    T::HASH,
    12,
    12,
    65536,
    NO_PREALLOC,
    G,
    "service frontend + slot -> backend",
);
pub const LXC: MapSpec =
    spec("cilium_lxc", T::HASH, 20, 48, 65535, NO_PREALLOC, G, "local endpoint ip -> endpoint info");
pub const METRICS: MapSpec =
    spec("cilium_metrics", T::PERCPU_HASH, 8, 16, 1024, NO_PREALLOC, G, "per-reason packet/byte counters");
pub const NODEPORT_NEIGH4: MapSpec =
    spec("cilium_nodeport_neigh4", T::LRU_HASH, 4, 8, 524288, 0, G, "NodePort neighbour cache");
pub const SIGNALS: MapSpec =
    spec("cilium_signals", T::PERF_EVENT_ARRAY, 4, 4, 0, 0, G, "datapath -> agent signals");
pub const SNAT4: MapSpec = spec("cilium_snat_v4_external", T::LRU_HASH, 14, 40, 524288, 0, G, "SNAT table");
/// The IPv6 halves of a dual-stack node's maps, in Cilium v1.16's specs: read and written
/// where they are pinned, made by `init --maps-only --ipv6`.
pub const SNAT6: MapSpec =
    spec("cilium_snat_v6_external", T::LRU_HASH, 38, 56, 524288, 0, K, "SNAT table IPv6");
pub const NODEPORT_NEIGH6: MapSpec =
    spec("cilium_nodeport_neigh6", T::LRU_HASH, 16, 8, 524288, 0, K, "NodePort neighbour cache IPv6");
pub const LB6_SERVICES: MapSpec =
    spec("cilium_lb6_services_v2", T::HASH, 24, 12, 65536, NO_PREALLOC, K, "IPv6 services");
pub const LB6_BACKENDS: MapSpec =
    spec("cilium_lb6_backends_v3", T::HASH, 4, 24, 65536, NO_PREALLOC, K, "IPv6 backends").only(13, NEWEST);
/// v1.10 and before: u16 backend ids, 20-byte values (`struct lb6_backend` without
/// cluster id and zone).
pub const LB6_BACKENDS_V1: MapSpec =
    spec("cilium_lb6_backends", T::HASH, 2, 20, 65536, NO_PREALLOC, K, "IPv6 backends").only(OLDEST, 10);
/// v1.11-1.12: u32 backend ids, 20-byte values.
pub const LB6_BACKENDS_V2: MapSpec =
    spec("cilium_lb6_backends_v2", T::HASH, 4, 20, 65536, NO_PREALLOC, K, "IPv6 backends").only(11, 12);
pub const LB6_REVNAT: MapSpec =
    spec("cilium_lb6_reverse_nat", T::HASH, 2, 18, 65536, NO_PREALLOC, K, "IPv6 reverse NAT");
pub const LB6_AFFINITY: MapSpec =
    spec("cilium_lb6_affinity", T::LRU_HASH, 24, 16, 65536, 0, K, "IPv6 session affinity");
pub const LB6_REVERSE_SK: MapSpec =
    spec("cilium_lb6_reverse_sk", T::LRU_HASH, 32, 20, 262144, 0, K, "IPv6 socket LB reverse NAT");
/// The IPv6 maps `init --maps-only --ipv6` makes.
pub const IPV6_MAPS: [&MapSpec; 9] = [
    &CT6_GLOBAL,
    &CT_ANY6_GLOBAL,
    &SNAT6,
    &NODEPORT_NEIGH6,
    &LB6_SERVICES,
    &LB6_BACKENDS,
    &LB6_REVNAT,
    &LB6_AFFINITY,
    &LB6_REVERSE_SK,
];
pub const TUNNEL: MapSpec =
    spec("cilium_tunnel_map", T::HASH, 20, 20, 65536, NO_PREALLOC, G, "remote prefix -> tunnel endpoint")
        .only(OLDEST, 17);

pub const POLICY: MapSpec =
    spec("cilium_policy_", T::LPM_TRIE, 12, 24, 16384, NO_PREALLOC, E, "endpoint policy").only(16, 16);
/// Until v1.15: a hash of exact (identity, port, protocol, direction) keys.
pub const POLICY_HASH: MapSpec =
    spec("cilium_policy_", T::HASH, 8, 24, 16384, NO_PREALLOC, E, "endpoint policy").only(OLDEST, 15);
/// v1.17 on: a new name, 12-byte values (counters moved to cilium_policystats).
pub const POLICY_V2: MapSpec =
    spec("cilium_policy_v2_", T::LPM_TRIE, 12, 12, 16384, NO_PREALLOC, E, "endpoint policy").only(17, NEWEST);
/// Calls maps of our own datapath: 50 slots as Cilium v1.16 (CILIUM_CALL_SIZE).
pub const CALLS_HOSTNS: MapSpec =
    spec("cilium_calls_hostns_", T::PROG_ARRAY, 4, 4, 50, 0, E, "host endpoint tail calls");
pub const CALLS_NETDEV: MapSpec =
    spec("cilium_calls_netdev_", T::PROG_ARRAY, 4, 4, 50, 0, E, "device tail calls");
pub const CALLS_OVERLAY: MapSpec =
    spec("cilium_calls_overlay_", T::PROG_ARRAY, 4, 4, 50, 0, E, "overlay tail calls");
/// Endpoint calls maps as Cilium pins them, one per endpoint (`bpf tailcall list` reads
/// them on a Cilium node). Our endpoints share one, beside their programs
/// (`datapath::slots::CALLS_PIN`).
pub const CALLS: MapSpec = spec("cilium_calls_", T::PROG_ARRAY, 4, 4, 50, 0, E, "endpoint tail calls");

/// Every map we know, in `init` creation order for the global ones.
pub const ALL: &[MapSpec] = &[
    CALL_POLICY,
    CT4_GLOBAL,
    CT_ANY4_GLOBAL,
    ENCRYPT_STATE,
    EVENTS,
    IPCACHE,
    FRAG4,
    LB4_AFFINITY,
    LB_AFFINITY_MATCH,
    LB4_BACKENDS,
    LB4_REVERSE_NAT,
    LB4_REVERSE_SK,
    LB4_SERVICES,
    LXC,
    METRICS,
    NODEPORT_NEIGH4,
    SIGNALS,
    SNAT4,
    TUNNEL,
    EP_CONFIG,
    EP_POLICY,
    POLICY,
    CALLS_HOSTNS,
    CALLS_NETDEV,
    CALLS_OVERLAY,
    CALLS,
    CT6_GLOBAL,
    CT_ANY6_GLOBAL,
    SNAT6,
    NODEPORT_NEIGH6,
    LB6_SERVICES,
    LB6_BACKENDS,
    LB6_REVNAT,
    LB6_AFFINITY,
    LB6_REVERSE_SK,
    spec("cilium_lb4_source_range", T::LPM_TRIE, 12, 1, 65536, NO_PREALLOC, K, "LB source ranges"),
    spec("cilium_runtime_config", T::ARRAY, 4, 8, 256, 0, K, "agent runtime config"),
    spec("cilium_node_map", T::HASH, 20, 2, 16384, NO_PREALLOC, K, "node ids (v1)"),
    spec("cilium_node_map_v2", T::HASH, 20, 4, 16384, NO_PREALLOC, K, "node ids"),
    spec("cilium_auth_map", T::HASH, 12, 8, 512000, NO_PREALLOC, K, "authentication state"),
    IPCACHE_V2,
    LB4_BACKENDS_V1,
    LB4_BACKENDS_V2,
    LB6_BACKENDS_V1,
    LB6_BACKENDS_V2,
    POLICY_HASH,
    POLICY_V2,
    spec(
        "cilium_egresscall_policy",
        T::PROG_ARRAY,
        4,
        4,
        65535,
        0,
        K,
        "endpoint id -> egress policy program",
    )
    .only(11, NEWEST),
    spec("cilium_skip_lb4", T::HASH, 16, 1, 100, NO_PREALLOC, K, "socket LB skips (local redirect)"),
    spec("cilium_l2_responder_v4", T::HASH, 8, 8, 4096, NO_PREALLOC, K, "L2 announcement ARP responder"),
    spec("cilium_ratelimit", T::LRU_HASH, 8, 16, 1024, 0, K, "datapath rate limits"),
    spec("cilium_ratelimit_metrics", T::HASH, 4, 8, 64, NO_PREALLOC, K, "rate limit counters"),
];

/// The global maps `init` creates.
pub fn globals() -> impl Iterator<Item = &'static MapSpec> {
    ALL.iter().filter(|s| s.scope == Scope::Global)
}

/// The spec for a pin name: exact for global maps, prefix + numeric suffix for
/// per-endpoint ones (`cilium_policy_00123`, `cilium_calls_netdev_00002`). Where versions
/// made the same name in several shapes, the first (ours) is returned; see [`for_pin`].
pub fn for_pin_name(name: &str) -> Option<&'static MapSpec> {
    all_for_pin_name(name).next()
}

fn all_for_pin_name(name: &str) -> impl Iterator<Item = &'static MapSpec> {
    ALL.iter().filter(move |s| match s.scope {
        Scope::PerEndpoint => name
            .strip_prefix(s.name)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())),
        _ => s.name == name,
    })
}

/// What we know of a pinned map: the spec its name and shape match (so its versions), or
/// the spec of that name it does not match, or nothing.
pub fn for_pin(name: &str, info: &MapInfo) -> Result<Option<&'static MapSpec>, Mismatch> {
    let mut first = None;
    for s in all_for_pin_name(name) {
        if s.check_layout(info).is_ok() {
            return Ok(Some(s));
        }
        first.get_or_insert(s);
    }
    match first {
        Some(s) => Err(s.check_layout(info).unwrap_err()),
        None => Ok(None),
    }
}

/// Per-endpoint pin name: `<prefix><id %05d>`.
pub fn per_endpoint_name(spec: &MapSpec, id: u32) -> String {
    format!("{}{id:05}", spec.name)
}

impl MapSpec {
    pub fn max_entries(&self, possible_cpus: u32) -> u32 {
        match self.max_entries {
            MaxEntries::Fixed(n) => n,
            MaxEntries::PossibleCpus => possible_cpus,
        }
    }

    /// Can we decode this map? Type, key size and value size must match.
    pub fn check_layout(&self, info: &MapInfo) -> Result<(), Mismatch> {
        let ok = info.map_type == self.map_type
            && info.key_size == self.key_size
            && info.value_size == self.value_size;
        if ok { Ok(()) } else { Err(self.mismatch(info, None)) }
    }

    /// Is this exactly the map `init` would create? Adds max_entries and flags.
    pub fn check_exact(&self, info: &MapInfo, possible_cpus: u32) -> Result<(), Mismatch> {
        self.check_layout(info)?;
        let max = self.max_entries(possible_cpus);
        if info.max_entries != max || info.flags != self.flags {
            return Err(self.mismatch(info, Some(max)));
        }
        Ok(())
    }

    fn mismatch(&self, info: &MapInfo, max: Option<u32>) -> Mismatch {
        Mismatch {
            expected: Shape {
                map_type: self.map_type,
                key: self.key_size,
                value: self.value_size,
                max_flags: max.map(|m| (m, self.flags)),
            },
            found: Shape {
                map_type: info.map_type,
                key: info.key_size,
                value: info.value_size,
                max_flags: max.map(|_| (info.max_entries, info.flags)),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    map_type: MapType,
    key: u32,
    value: u32,
    max_flags: Option<(u32, u32)>,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} key {} value {}", self.map_type, self.key, self.value)?;
        if let Some((m, fl)) = self.max_flags {
            write!(f, " max_entries {m} flags {fl:#x}")?;
        }
        Ok(())
    }
}

/// Expected vs found, named in every message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub expected: Shape,
    pub found: Shape,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {}", self.expected, self.found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_names() {
        assert_eq!(for_pin_name("cilium_ct4_global").unwrap().name, "cilium_ct4_global");
        assert_eq!(for_pin_name("cilium_policy_00123").unwrap().name, "cilium_policy_");
        assert_eq!(for_pin_name("cilium_calls_00908").unwrap().name, "cilium_calls_");
        assert_eq!(for_pin_name("cilium_calls_hostns_00554").unwrap().name, "cilium_calls_hostns_");
        assert_eq!(for_pin_name("cilium_calls_netdev_00004").unwrap().name, "cilium_calls_netdev_");
        assert_eq!(for_pin_name("cilium_calls_overlay_2").unwrap().name, "cilium_calls_overlay_");
        assert!(for_pin_name("cilium_policy_").is_none());
        assert!(for_pin_name("cilium_policy_12x").is_none());
        assert!(for_pin_name("cilium_nope").is_none());
        assert_eq!(for_pin_name("cilium_policy_v2_00123").unwrap().name, "cilium_policy_v2_");
        assert_eq!(per_endpoint_name(&POLICY, 123), "cilium_policy_00123");
    }

    #[test]
    fn seed_list_is_complete() {
        let names: Vec<_> = globals().map(|s| s.name).collect();
        for n in [
            "cilium_call_policy",
            "cilium_ct4_global",
            "cilium_ct_any4_global",
            "cilium_encrypt_state",
            "cilium_events",
            "cilium_ipcache",
            "cilium_ipv4_frag_datagrams",
            "cilium_lb4_affinity",
            "cilium_lb_affinity_match",
            "cilium_lb4_backends_v3",
            "cilium_lb4_reverse_nat",
            "cilium_lb4_reverse_sk",
            "cilium_lb4_services_v2",
            "cilium_lxc",
            "cilium_metrics",
            "cilium_nodeport_neigh4",
            "cilium_signals",
            "cilium_snat_v4_external",
            "cilium_tunnel_map",
        ] {
            assert!(names.contains(&n), "{n} missing");
        }
        // And our own two for the shared endpoint programs.
        assert!(names.contains(&"ciliumrs_ep_config") && names.contains(&"ciliumrs_ep_policy"));
        assert_eq!(names.len(), 21);
    }

    #[test]
    fn mismatch_names_both_sides() {
        let info = MapInfo {
            map_type: MapType::LPM_TRIE,
            id: 1,
            key_size: 24,
            value_size: 20,
            max_entries: 512000,
            flags: 1,
            name: "cilium_ipcache".into(),
        };
        let e = IPCACHE.check_layout(&info).unwrap_err();
        assert_eq!(e.to_string(), "expected lpm_trie key 24 value 12, found lpm_trie key 24 value 20");
    }
}
