/* SPDX-License-Identifier: Apache-2.0 */
/* fib.h: sending a translated packet on by the node's routing table without the stack
 * (fib_redirect4: the route's device, its MACs when the neighbour is known, else the
 * kernel resolves it), as NodePort replies leave for their client. Rust peer: none. */
#pragma once

#include "flow.h"
#include "drop.h"
#include "l3.h"

#define AF_INET 2

/* Routes `f`'s packet (TTL `ttl` before this hop) out of the device the FIB names. The
 * verdict, or a DROP_* reason (negative). */
static __always_inline int fib_redirect4(struct __sk_buff *skb, const struct flow4 *f, __u8 ttl)
{
	struct bpf_fib_lookup p = {
		.family = AF_INET,
		.l4_protocol = f->proto,
		.sport = f->sport,
		.dport = f->dport,
		.ipv4_src = f->saddr,
		.ipv4_dst = f->daddr,
		/* tot_len 0: the kernel checks the device MTU itself, GSO packets included. */
		.ifindex = skb->ingress_ifindex ? skb->ingress_ifindex : skb->ifindex,
	};
	long r = bpf_fib_lookup(skb, &p, sizeof(p), 0);
	if (r == BPF_FIB_LKUP_RET_SUCCESS) {
		int ret = ipv4_l3_forward(skb, p.smac, p.dmac, ttl);
		if (ret < 0)
			return ret;
		return bpf_redirect(p.ifindex, 0);
	}
	if (r == BPF_FIB_LKUP_RET_NO_NEIGH) {
		int ret = ipv4_dec_ttl(skb, ttl);
		if (ret < 0)
			return ret;
		return bpf_redirect_neigh(p.ifindex, 0, 0, 0);
	}
	return DROP_FIB_LOOKUP;
}
