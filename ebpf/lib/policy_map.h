/* SPDX-License-Identifier: Apache-2.0 */
/* policy_map.h: an endpoint's own policy map (pinned as cilium_policy_<EPID>): struct
 * policy_key, struct policy_entry and POLICY_MAP_DEF, the map's definition. bpf_host.o
 * defines the host endpoint's with it; the endpoints' are reached through
 * ciliumrs_ep_policy (ep_config.h). The verdict is policy.h's. Rust peer:
 * src/maps/policy.rs. */
#pragma once

#include "maps.h"

struct policy_key {
	struct bpf_lpm_trie_key lpm_key; /* 40 static bits, +8 protocol, +16 port */
	__u32 sec_label;
	__u8 egress;
	__u8 protocol;
	__be16 dport;
};
_Static_assert(sizeof(struct policy_key) == 12, "policy_key");

#define POLICY_ENTRY_DENY 1
#define POLICY_ENTRY_WILDCARD_PROTO 2
#define POLICY_ENTRY_WILDCARD_DPORT 4

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

#define POLICY_MAP_DEF                                  \
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);            \
	__uint(key_size, sizeof(struct policy_key));    \
	__uint(value_size, sizeof(struct policy_entry)); \
	__uint(max_entries, 16384);                     \
	__uint(map_flags, NO_PREALLOC)

/* The inner map of ciliumrs_ep_policy. */
struct policy_map_def {
	POLICY_MAP_DEF;
};
