/* SPDX-License-Identifier: Apache-2.0 */
/* eps.h: where an address lives. Defines the maps cilium_lxc (local endpoints: struct
 * endpoint_key -> struct endpoint_info) and cilium_ipcache (longest prefix: struct
 * ipcache_key -> struct remote_endpoint_info, identity and tunnel endpoint); provides
 * lookup_endpoint4 and ipcache_lookup4. Rust peers: src/maps/lxc.rs, src/maps/ipcache.rs. */
#pragma once

#include "maps.h"

#define ENDPOINT_KEY_IPV4 1

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
/* remote_endpoint_info.flags bit 0: do not use the tunnel endpoint (v1.16 skip-tunnel). */
#define REMOTE_ENDPOINT_F_SKIP_TUNNEL 1
_Static_assert(sizeof(struct remote_endpoint_info) == 12, "remote_endpoint_info");

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

static __always_inline struct endpoint_info *lookup_endpoint4(__be32 ip)
{
	struct endpoint_key key = { .ip4 = ip, .family = ENDPOINT_KEY_IPV4 };
	return bpf_map_lookup_elem(&cilium_lxc, &key);
}

static __always_inline struct remote_endpoint_info *ipcache_lookup4(__be32 ip)
{
	struct ipcache_key key = {
		.lpm_key = { .prefixlen = 64 },
		.family = ENDPOINT_KEY_IPV4,
		.ip4 = ip,
	};
	return bpf_map_lookup_elem(&cilium_ipcache, &key);
}
