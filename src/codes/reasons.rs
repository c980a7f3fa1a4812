//! Drop and forward reason codes with the texts `cilium monitor` and `cilium-dbg bpf metrics
//! list` print (`cilium-abi-v1.10-and-newest.md` §3.7, v1.16 numbering), and the
//! source-file ids of drop notifications and metrics keys.
//!
//! Wire values are the positive numbers (`-DROP_POLICY` = 133). This table is the one source
//! of truth; the C side of our datapath is checked against it.

/// (code, text) for every reason a v1.16 datapath reports.
pub const REASONS: &[(u8, &str)] = &[
    (0, "Success"),
    (2, "Invalid packet"),
    (3, "Interface"),
    (4, "Interface Decrypted"),
    (5, "LB, sock cgroup: No backend slot entry found"),
    (6, "LB, sock cgroup: No backend entry found"),
    (7, "LB, sock cgroup: Reverse entry update failed"),
    (8, "LB, sock cgroup: Reverse entry stale"),
    (9, "Fragmented packet"),
    (10, "Fragmented packet entry update failed"),
    (11, "Missed tail call to custom program"),
    (12, "Interface Decrypting"),
    (13, "Interface Encrypting"),
    (14, "LB: sock cgroup: Reverse entry delete succeeded"),
    (15, "MTU error message"),
    (130, "Invalid source mac"),
    (131, "Invalid destination mac"),
    (132, "Invalid source ip"),
    (133, "Policy denied"),
    (134, "Invalid packet"),
    (135, "CT: Truncated or invalid header"),
    (136, "Fragmentation needed"),
    (137, "CT: Unknown L4 protocol"),
    (138, "CT: Can't create entry from packet"),
    (139, "Unsupported L3 protocol"),
    (140, "Missed tail call"),
    (141, "Error writing to packet"),
    (142, "Unknown L4 protocol"),
    (143, "Unknown ICMPv4 code"),
    (144, "Unknown ICMPv4 type"),
    (145, "Unknown ICMPv6 code"),
    (146, "Unknown ICMPv6 type"),
    (147, "Error retrieving tunnel key"),
    (148, "Error retrieving tunnel options"),
    (149, "Invalid Geneve option"),
    (150, "Unknown L3 target address"),
    (151, "Stale or unroutable IP"),
    (152, "No matching local container found"),
    (153, "Error while correcting L3 checksum"),
    (154, "Error while correcting L4 checksum"),
    (155, "CT: Map insertion failed"),
    (156, "Invalid IPv6 extension header"),
    (157, "IP fragmentation not supported"),
    (158, "Service backend not found"),
    (160, "No tunnel/encapsulation endpoint (datapath BUG!)"),
    (161, "Failed to insert into proxymap"),
    (162, "Reached EDT rate-limiting drop horizon"),
    (163, "Unknown connection tracking state"),
    (164, "Local host is unreachable"),
    (165, "No configuration available to perform policy decision"),
    (166, "Unsupported L2 protocol"),
    (167, "No mapping for NAT masquerade"),
    (168, "Unsupported protocol for NAT masquerade"),
    (169, "FIB lookup failed"),
    (170, "Encapsulation traffic is prohibited"),
    (171, "Invalid identity"),
    (172, "Unknown sender"),
    (173, "NAT not needed"),
    (174, "Is a ClusterIP"),
    (175, "First logical datagram fragment not found"),
    (176, "Forbidden ICMPv6 message"),
    (177, "Denied by LB src range check"),
    (178, "Socket lookup failed"),
    (179, "Socket assign failed"),
    (180, "Proxy redirection not supported for protocol"),
    (181, "Policy denied by denylist"),
    (182, "VLAN traffic disallowed by VLAN filter"),
    (183, "Incorrect VNI from VTEP"),
    (184, "Failed to update or lookup TC buffer"),
    (185, "No SID was found for the IP address"),
    (186, "SRv6 state was removed during tail call"),
    (187, "L3 translation from IPv4 to IPv6 failed (NAT46)"),
    (188, "L3 translation from IPv6 to IPv4 failed (NAT64)"),
    (189, "Authentication required"),
    (190, "No conntrack map found"),
    (191, "No nat map found"),
    (192, "Invalid ClusterID"),
    (193, "Unsupported packet protocol for DSR encapsulation"),
    (194, "No egress gateway found"),
    (195, "Traffic is unencrypted"),
    (196, "TTL exceeded"),
    (197, "No node ID found"),
    (198, "Rate limited"),
    (199, "IGMP handled"),
    (200, "IGMP subscribed"),
    (201, "Multicast handled"),
    (202, "Host datapath not ready"),
    (203, "Endpoint policy program not available"),
    (204, "No Egress IP configured"),
    (205, "Punt to proxy"),
];

/// A table by code, built at compile time: the monitor looks a reason up per event, and a
/// search of the list was a tenth of decoding a drop. The first entry of a code wins, as a
/// search would have it.
pub const fn by_code(t: &[(u8, &'static str)]) -> [Option<&'static str>; 256] {
    let mut out = [None; 256];
    let mut i = t.len();
    while i > 0 {
        i -= 1;
        out[t[i].0 as usize] = Some(t[i].1);
    }
    out
}

static REASON_BY_CODE: [Option<&str>; 256] = by_code(REASONS);
static FILE_BY_ID: [Option<&str>; 256] = by_code(FILES);

/// The text for a reason code, or None (callers print the number).
pub fn reason_text(code: u8) -> Option<&'static str> {
    REASON_BY_CODE[usize::from(code)]
}

/// Hubble's names of the drop codes (`enum DropReason` of Cilium's `api/v1/flow/flow.proto`,
/// the v1.17 tree: 0 and 130-204), which `monitor -o hubble` writes as `drop_reason_desc`.
pub const HUBBLE_DROP_REASONS: &[(u8, &str)] = &[
    (0, "DROP_REASON_UNKNOWN"),
    (130, "INVALID_SOURCE_MAC"),
    (131, "INVALID_DESTINATION_MAC"),
    (132, "INVALID_SOURCE_IP"),
    (133, "POLICY_DENIED"),
    (134, "INVALID_PACKET_DROPPED"),
    (135, "CT_TRUNCATED_OR_INVALID_HEADER"),
    (136, "CT_MISSING_TCP_ACK_FLAG"),
    (137, "CT_UNKNOWN_L4_PROTOCOL"),
    (138, "CT_CANNOT_CREATE_ENTRY_FROM_PACKET"),
    (139, "UNSUPPORTED_L3_PROTOCOL"),
    (140, "MISSED_TAIL_CALL"),
    (141, "ERROR_WRITING_TO_PACKET"),
    (142, "UNKNOWN_L4_PROTOCOL"),
    (143, "UNKNOWN_ICMPV4_CODE"),
    (144, "UNKNOWN_ICMPV4_TYPE"),
    (145, "UNKNOWN_ICMPV6_CODE"),
    (146, "UNKNOWN_ICMPV6_TYPE"),
    (147, "ERROR_RETRIEVING_TUNNEL_KEY"),
    (148, "ERROR_RETRIEVING_TUNNEL_OPTIONS"),
    (149, "INVALID_GENEVE_OPTION"),
    (150, "UNKNOWN_L3_TARGET_ADDRESS"),
    (151, "STALE_OR_UNROUTABLE_IP"),
    (152, "NO_MATCHING_LOCAL_CONTAINER_FOUND"),
    (153, "ERROR_WHILE_CORRECTING_L3_CHECKSUM"),
    (154, "ERROR_WHILE_CORRECTING_L4_CHECKSUM"),
    (155, "CT_MAP_INSERTION_FAILED"),
    (156, "INVALID_IPV6_EXTENSION_HEADER"),
    (157, "IP_FRAGMENTATION_NOT_SUPPORTED"),
    (158, "SERVICE_BACKEND_NOT_FOUND"),
    (160, "NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT"),
    (161, "FAILED_TO_INSERT_INTO_PROXYMAP"),
    (162, "REACHED_EDT_RATE_LIMITING_DROP_HORIZON"),
    (163, "UNKNOWN_CONNECTION_TRACKING_STATE"),
    (164, "LOCAL_HOST_IS_UNREACHABLE"),
    (165, "NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION"),
    (166, "UNSUPPORTED_L2_PROTOCOL"),
    (167, "NO_MAPPING_FOR_NAT_MASQUERADE"),
    (168, "UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE"),
    (169, "FIB_LOOKUP_FAILED"),
    (170, "ENCAPSULATION_TRAFFIC_IS_PROHIBITED"),
    (171, "INVALID_IDENTITY"),
    (172, "UNKNOWN_SENDER"),
    (173, "NAT_NOT_NEEDED"),
    (174, "IS_A_CLUSTERIP"),
    (175, "FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND"),
    (176, "FORBIDDEN_ICMPV6_MESSAGE"),
    (177, "DENIED_BY_LB_SRC_RANGE_CHECK"),
    (178, "SOCKET_LOOKUP_FAILED"),
    (179, "SOCKET_ASSIGN_FAILED"),
    (180, "PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL"),
    (181, "POLICY_DENY"),
    (182, "VLAN_FILTERED"),
    (183, "INVALID_VNI"),
    (184, "INVALID_TC_BUFFER"),
    (185, "NO_SID"),
    (186, "MISSING_SRV6_STATE"),
    (187, "NAT46"),
    (188, "NAT64"),
    (189, "AUTH_REQUIRED"),
    (190, "CT_NO_MAP_FOUND"),
    (191, "SNAT_NO_MAP_FOUND"),
    (192, "INVALID_CLUSTER_ID"),
    (193, "UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP"),
    (194, "NO_EGRESS_GATEWAY"),
    (195, "UNENCRYPTED_TRAFFIC"),
    (196, "TTL_EXCEEDED"),
    (197, "NO_NODE_ID"),
    (198, "DROP_RATE_LIMITED"),
    (199, "IGMP_HANDLED"),
    (200, "IGMP_SUBSCRIBED"),
    (201, "MULTICAST_HANDLED"),
    (202, "DROP_HOST_NOT_READY"),
    (203, "DROP_EP_NOT_READY"),
    (204, "DROP_NO_EGRESS_IP"),
];

const HUBBLE_BY_CODE: [Option<&str>; 256] = by_code(HUBBLE_DROP_REASONS);

/// Hubble's `DropReason` name of a drop code, where flow.proto has one.
pub fn hubble_drop_reason(code: u8) -> Option<&'static str> {
    HUBBLE_BY_CODE[usize::from(code)]
}

/// Source file ids of Cilium v1.16 (`bpf/lib/source_info.h` at the v1.16 branch point) and
/// the two later trees add, 7 bpf_wireguard.c and 114 host_firewall.h
/// (`cilium-layout-v1.16.md`, "Source-file ids"). v1.10 sends no file ids.
pub const FILES: &[(u8, &str)] = &[
    (1, "bpf_host.c"),
    (2, "bpf_lxc.c"),
    (3, "bpf_overlay.c"),
    (4, "bpf_xdp.c"),
    (5, "bpf_sock.c"),
    (6, "bpf_network.c"),
    (7, "bpf_wireguard.c"),
    (101, "arp.h"),
    (102, "drop.h"),
    (103, "srv6.h"),
    (104, "icmp6.h"),
    (105, "nodeport.h"),
    (106, "lb.h"),
    (107, "mcast.h"),
    (108, "ipv4.h"),
    (109, "conntrack.h"),
    (110, "l3.h"),
    (111, "trace.h"),
    (112, "encap.h"),
    (113, "encrypt.h"),
    (114, "host_firewall.h"),
];

pub fn file_name(id: u8) -> Option<&'static str> {
    FILE_BY_ID[usize::from(id)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_by_code_answer_as_a_search() {
        for c in 0..=255u8 {
            assert_eq!(reason_text(c), REASONS.iter().find(|(x, _)| *x == c).map(|(_, t)| *t));
            assert_eq!(file_name(c), FILES.iter().find(|(x, _)| *x == c).map(|(_, t)| *t));
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(REASONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FILES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(reason_text(133), Some("Policy denied"));
        assert_eq!(reason_text(159), None);
        assert_eq!(file_name(5), Some("bpf_sock.c"));
    }

    /// Issue 11: ids 107-113 named the wrong files (another revision's order). v1.16's
    /// `bpf/lib/source_info.h` at the branch point: 107 mcast.h ... 113 encrypt.h; Cilium's
    /// own CLI prints file 111 as trace.h.
    #[test]
    fn issue_11_source_file_ids_follow_v1_16() {
        let want = [(107, "mcast.h"), (108, "ipv4.h"), (109, "conntrack.h"), (110, "l3.h"), (111, "trace.h")];
        for (id, name) in want {
            assert_eq!(file_name(id), Some(name), "file id {id}");
        }
        assert_eq!((file_name(112), file_name(113)), (Some("encap.h"), Some("encrypt.h")));
    }
}
