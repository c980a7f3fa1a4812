/* SPDX-License-Identifier: Apache-2.0 */
/* neigh.h: cilium_nodeport_neigh4, the MAC a NodePort client's requests came from (its
 * address -> struct macaddr, the MAC in wire order then 2 zero bytes), written for
 * requests sent on to a remote backend, as Cilium's neigh_record_ip4. Rust peer:
 * src/maps/neigh.rs. */
#pragma once

#include "maps.h"

struct macaddr {
	__u8 addr[6];
	__u16 pad;
};
_Static_assert(sizeof(struct macaddr) == 8, "macaddr");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, __be32);
	__type(value, struct macaddr);
	__uint(max_entries, 524288);
	__uint(pinning, PIN_BY_NAME);
} cilium_nodeport_neigh4 __section(".maps");

/* Records the source MAC of the frame as `ip`'s, unless it is known already. */
static __always_inline void neigh_record_ip4(struct __sk_buff *skb, __be32 ip)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return;
	struct macaddr mac = {};
	int same = 1;
	struct macaddr *old = bpf_map_lookup_elem(&cilium_nodeport_neigh4, &ip);
	for (int i = 0; i < 6; i++) {
		mac.addr[i] = eth->h_source[i];
		if (!old || old->addr[i] != mac.addr[i])
			same = 0;
	}
	if (same)
		return;
	bpf_map_update_elem(&cilium_nodeport_neigh4, &ip, &mac, BPF_ANY);
}
