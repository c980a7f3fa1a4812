/* SPDX-License-Identifier: Apache-2.0 */
/* frag.h: IPv4 fragments. Only a datagram's first fragment carries its ports; each hook
 * that parses it remembers them in cilium_ipv4_frag_datagrams (struct ipv4_frag_id: the
 * addresses as that hook sees them, the IP id, the protocol -> struct ipv4_frag_l4ports),
 * so the later fragments are looked up, load-balanced and translated as their flow (L3
 * only: they have no L4 header). As Cilium v1.16 with ENABLE_IPV4_FRAGMENTS, entries are
 * never deleted (LRU), and a later fragment seen before its first drops "First logical
 * datagram fragment not found". Rust peer: src/maps/frag.rs. */
#pragma once

#include "maps.h"

struct ipv4_frag_id {
	__be32 daddr;
	__be32 saddr;
	__be16 id;
	__u8 proto;
	__u8 pad;
} __attribute__((packed));
_Static_assert(sizeof(struct ipv4_frag_id) == 12, "ipv4_frag_id");

struct ipv4_frag_l4ports {
	__be16 sport;
	__be16 dport;
} __attribute__((packed));
_Static_assert(sizeof(struct ipv4_frag_l4ports) == 4, "ipv4_frag_l4ports");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_frag_id);
	__type(value, struct ipv4_frag_l4ports);
	__uint(max_entries, 8192);
	__uint(pinning, PIN_BY_NAME);
} cilium_ipv4_frag_datagrams __section(".maps");

static __always_inline struct ipv4_frag_id frag_id(const struct iphdr *ip)
{
	struct ipv4_frag_id k = { .daddr = ip->daddr, .saddr = ip->saddr, .id = ip->id, .proto = ip->protocol };
	return k;
}
