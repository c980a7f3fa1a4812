//! Trace observation points, trace states and debug subtypes, with the
//! texts `cilium monitor` prints (`cilium-abi-v1.10-and-newest.md` §3). The C names are
//! those of `ebpf/lib/trace.h`; a test checks the numbers on both sides.

/// `(point, C name, text)` of trace observation points.
pub const OBS_POINTS: &[(u8, &str, &str)] = &[
    (0, "TRACE_TO_LXC", "to-endpoint"),
    (1, "TRACE_TO_PROXY", "to-proxy"),
    (2, "TRACE_TO_HOST", "to-host"),
    (3, "TRACE_TO_STACK", "to-stack"),
    (4, "TRACE_TO_OVERLAY", "to-overlay"),
    (5, "TRACE_FROM_LXC", "from-endpoint"),
    (6, "TRACE_FROM_PROXY", "from-proxy"),
    (7, "TRACE_FROM_HOST", "from-host"),
    (8, "TRACE_FROM_STACK", "from-stack"),
    (9, "TRACE_FROM_OVERLAY", "from-overlay"),
    (10, "TRACE_FROM_NETWORK", "from-network"),
    (11, "TRACE_TO_NETWORK", "to-network"),
    (12, "TRACE_FROM_CRYPTO", "from-crypto"),
    (13, "TRACE_TO_CRYPTO", "to-crypto"),
];

/// `by_code` of tables that also carry the C name.
const fn texts_by_code(t: &[(u8, &str, &'static str)]) -> [Option<&'static str>; 256] {
    let mut out = [None; 256];
    let mut i = t.len();
    while i > 0 {
        i -= 1;
        out[t[i].0 as usize] = Some(t[i].2);
    }
    out
}

static POINT_BY_CODE: [Option<&str>; 256] = texts_by_code(OBS_POINTS);
static STATE_BY_CODE: [Option<&str>; 256] = texts_by_code(TRACE_REASONS);

pub fn point_name(p: u8) -> Option<&'static str> {
    POINT_BY_CODE[usize::from(p)]
}

/// `(reason, C name, text)`: the CT state a trace reports; bit 7 means encrypted.
pub const TRACE_REASONS: &[(u8, &str, &str)] = &[
    (0, "TRACE_REASON_NEW", "new"),
    (1, "TRACE_REASON_ESTABLISHED", "established"),
    (2, "TRACE_REASON_REPLY", "reply"),
    (3, "TRACE_REASON_RELATED", "related"),
    (4, "TRACE_REASON_REOPENED", "reopened"),
];

pub fn trace_state(reason: u8) -> Option<&'static str> {
    STATE_BY_CODE[usize::from(reason & 0x7f)]
}

/// Debug message subtypes (`DBG_*`), in order from 0.
pub const DEBUG_SUBTYPES: &[&str] = &[
    "unspec",
    "generic",
    "local-delivery",
    "encap",
    "lxc-found",
    "policy-denied",
    "ct-lookup",
    "ct-lookup-rev",
    "ct-match",
    "ct-created",
    "ct-created2",
    "icmp6-handle",
    "icmp6-request",
    "icmp6-ns",
    "icmp6-time-exceeded",
    "ct-verdict",
    "decap",
    "port-map",
    "error-ret",
    "to-host",
    "to-stack",
    "pkt-hash",
    "lb6-lookup-frontend",
    "lb6-lookup-frontend-fail",
    "lb6-lookup-backend-slot",
    "lb6-lookup-backend-slot-success",
    "lb6-lookup-backend-slot-v2-fail",
    "lb6-lookup-backend-fail",
    "lb6-reverse-nat-lookup",
    "lb6-reverse-nat",
    "lb4-lookup-frontend",
    "lb4-lookup-frontend-fail",
    "lb4-lookup-backend-slot",
    "lb4-lookup-backend-slot-success",
    "lb4-lookup-backend-slot-v2-fail",
    "lb4-lookup-backend-fail",
    "lb4-reverse-nat-lookup",
    "lb4-reverse-nat",
    "lb4-loopback-snat",
    "lb4-loopback-snat-rev",
    "ct-lookup4",
    "rr-backend-slot-sel",
    "rev-proxy-lookup",
    "rev-proxy-found",
    "rev-proxy-update",
    "l4-policy",
    "netdev-in-cluster",
    "netdev-encap4",
    "ct-lookup4-1",
    "ct-lookup4-2",
    "ct-created4",
    "ct-lookup6-1",
    "ct-lookup6-2",
    "ct-created6",
    "skip-proxy",
    "l4-create",
    "ip-id-map-failed4",
    "ip-id-map-failed6",
    "ip-id-map-succeed4",
    "ip-id-map-succeed6",
    "lb-stale-ct",
    "inherit-identity",
    "sk-lookup4",
    "sk-lookup6",
    "sk-assign",
];

/// Debug capture subtypes (`DBG_CAPTURE_*`), in order from 0.
pub const CAPTURE_SUBTYPES: &[&str] = &[
    "unspec",
    "reserved1",
    "reserved2",
    "reserved3",
    "delivery",
    "from-lb",
    "after-v46",
    "after-v64",
    "proxy-pre",
    "proxy-post",
    "snat-pre",
    "snat-post",
];

/// The reserved identity of the node itself.
pub const HOST_IDENTITY: u32 = 1;
/// The reserved identity of everything outside the cluster.
pub const WORLD_IDENTITY: u32 = 2;
/// The reserved identity of health endpoints.
pub const HEALTH_IDENTITY: u32 = 4;
/// The reserved identity of other nodes' hosts.
pub const REMOTE_NODE_IDENTITY: u32 = 6;

/// Names of reserved identities (`cilium-abi-v1.10-and-newest.md` §4.1), as `cilium
/// monitor` prints them unless `-n`.
pub fn identity_name(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "unknown",
        HOST_IDENTITY => "host",
        WORLD_IDENTITY => "world",
        3 => "unmanaged",
        HEALTH_IDENTITY => "health",
        5 => "init",
        REMOTE_NODE_IDENTITY => "remote-node",
        _ => return None,
    })
}

#[cfg(test)]
mod by_code_tests {
    use super::*;

    #[test]
    fn tables_by_code_answer_as_a_search() {
        for c in 0..=255u8 {
            assert_eq!(point_name(c), OBS_POINTS.iter().find(|(n, _, _)| *n == c).map(|(_, _, s)| *s));
            let want = TRACE_REASONS.iter().find(|(n, _, _)| *n == c & 0x7f).map(|(_, _, s)| *s);
            assert_eq!(trace_state(c), want);
        }
    }
}
