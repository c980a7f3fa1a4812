/* SPDX-License-Identifier: Apache-2.0 */
/* maps.h: every map our programs use, BTF-defined and pinned by name under
 * <bpffs>/tc/globals, with the Cilium v1.16 layouts. Rust peer: the modules of src/maps and the spec
 * table src/maps/spec.rs; tests/ebpf_objects.rs checks each definition against it.
 * Per-endpoint maps (cilium_calls, cilium_policy) get their pin names at load time. */
#pragma once

#include "common.h"
#include "tailcall.h"

#define PIN_BY_NAME 1 /* LIBBPF_PIN_BY_NAME */
#define NO_PREALLOC 1 /* BPF_F_NO_PREALLOC */

struct ipv4_ct_tuple {
	__be32 daddr;
	__be32 saddr;
	__be16 dport;
	__be16 sport;
	__u8 nexthdr;
	__u8 flags;
} __attribute__((packed));
_Static_assert(sizeof(struct ipv4_ct_tuple) == 14, "ipv4_ct_tuple");

#define TUPLE_F_OUT 0
#define TUPLE_F_IN 1
#define TUPLE_F_RELATED 2
#define TUPLE_F_SERVICE 4

struct ct_entry {
	__u64 reserved0;
	__u64 backend_id;
	__u64 packets;
	__u64 bytes;
	__u32 lifetime;
	__u16 flags; /* CT_F_* below, bit layout of v1.16's bitfield */
	__be16 rev_nat_index;
	__u16 ifindex;
	__u8 tx_flags_seen;
	__u8 rx_flags_seen;
	__u32 src_sec_id;
	__u32 last_tx_report;
	__u32 last_rx_report;
};
_Static_assert(sizeof(struct ct_entry) == 56, "ct_entry");
_Static_assert(__builtin_offsetof(struct ct_entry, lifetime) == 32, "ct_entry.lifetime");
_Static_assert(__builtin_offsetof(struct ct_entry, src_sec_id) == 44, "ct_entry.src_sec_id");

#define CT_F_RX_CLOSING 0x001
#define CT_F_TX_CLOSING 0x002
#define CT_F_SEEN_NON_SYN 0x010

struct ipcache_key {
	struct bpf_lpm_trie_key lpm_key; /* prefixlen = 32 + CIDR length */
	__u16 cluster_id;
	__u8 pad1;
	__u8 family;
	__u32 ip4;
	__u32 pad4;
	__u32 pad5;
	__u32 pad6;
};
_Static_assert(sizeof(struct ipcache_key) == 24, "ipcache_key");

struct remote_endpoint_info {
	__u32 sec_identity;
	__be32 tunnel_endpoint;
	__u16 pad;
	__u8 key;
	__u8 flags; /* bit 0: skip tunnel */
};
_Static_assert(sizeof(struct remote_endpoint_info) == 12, "remote_endpoint_info");

#define ENDPOINT_KEY_IPV4 1

struct endpoint_key {
	__be32 ip4;
	__u32 pad1;
	__u32 pad2;
	__u32 pad3;
	__u8 family;
	__u8 key;
	__u16 cluster_id;
};
_Static_assert(sizeof(struct endpoint_key) == 20, "endpoint_key");

#define ENDPOINT_F_HOST 1

struct endpoint_info {
	__u32 ifindex;
	__u16 unused;
	__u16 lxc_id;
	__u32 flags;
	__u32 pad0;
	mac_t mac;
	mac_t node_mac;
	__u32 sec_id;
	__u32 pad[3];
};
_Static_assert(sizeof(struct endpoint_info) == 48, "endpoint_info");
_Static_assert(__builtin_offsetof(struct endpoint_info, mac) == 16, "endpoint_info.mac");

struct tunnel_key {
	__be32 ip4;
	__u32 pad1;
	__u32 pad2;
	__u32 pad3;
	__u8 family;
	__u8 pad;
	__u16 cluster_id;
};
_Static_assert(sizeof(struct tunnel_key) == 20, "tunnel_key");

struct tunnel_value {
	__be32 ip4;
	__u32 pad1;
	__u32 pad2;
	__u32 pad3;
	__u8 family;
	__u8 key;
	__u16 pad;
};
_Static_assert(sizeof(struct tunnel_value) == 20, "tunnel_value");

struct policy_key {
	struct bpf_lpm_trie_key lpm_key; /* 40 static bits, +8 protocol, +16 port */
	__u32 sec_label;
	__u8 egress;
	__u8 protocol;
	__be16 dport;
};
_Static_assert(sizeof(struct policy_key) == 12, "policy_key");

#define POLICY_ENTRY_DENY 1

struct policy_entry {
	__be16 proxy_port;
	__u8 flags;
	__u8 auth_type;
	__u16 pad1;
	__u16 pad2;
	__u64 packets;
	__u64 bytes;
};
_Static_assert(sizeof(struct policy_entry) == 24, "policy_entry");

struct metrics_key {
	__u8 reason;
	__u8 dir; /* bits 0-1 */
	__u16 line;
	__u8 file;
	__u8 reserved[3];
};
_Static_assert(sizeof(struct metrics_key) == 8, "metrics_key");

struct metrics_value {
	__u64 count;
	__u64 bytes;
};
_Static_assert(sizeof(struct metrics_value) == 16, "metrics_value");

/* Global maps: v1.16 specs (cilium-layout-v1.16.md "Map specs"). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 524288);
	__uint(pinning, PIN_BY_NAME);
} cilium_ct4_global __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 262144);
	__uint(pinning, PIN_BY_NAME);
} cilium_ct_any4_global __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct ipcache_key);
	__type(value, struct remote_endpoint_info);
	__uint(max_entries, 512000);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_ipcache __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct endpoint_key);
	__type(value, struct endpoint_info);
	__uint(max_entries, 65535);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_lxc __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct tunnel_key);
	__type(value, struct tunnel_value);
	__uint(max_entries, 65536);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_tunnel_map __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, struct metrics_key);
	__type(value, struct metrics_value);
	__uint(max_entries, 1024);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_metrics __section(".maps");

/* max_entries is set to the number of possible CPUs at load. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(pinning, PIN_BY_NAME);
} cilium_events __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(max_entries, 65535);
	__uint(pinning, PIN_BY_NAME);
} cilium_call_policy __section(".maps");

/* Per-endpoint maps: the loader pins them as cilium_calls_<EPID> / cilium_policy_<EPID>
 * (or the hostns/netdev/overlay names). */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(max_entries, CILIUM_CALL_SIZE);
} cilium_calls __section(".maps");
