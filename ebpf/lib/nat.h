/* SPDX-License-Identifier: Apache-2.0 */
/* nat.h: source NAT for NodePort requests sent on to a remote backend. Defines struct
 * ipv4_nat_entry and the map cilium_snat_v4_external, whose keys are the packet's own
 * tuple (struct ipv4_ct_tuple, not reversed): the forward entry (flags TUPLE_F_OUT, the
 * request as it arrived: backend, client) names the source to write, the reverse entry
 * (TUPLE_F_IN, the reply as it comes back: node address, backend) the destination to
 * restore. A translation is always such a pair, written reverse first, as Cilium v1.16's
 * snat_v4_new_mapping. Provides snat_v4_mapping (the flow's pair, or a new one with a
 * port from the range: 128 tries, a NAT_FILL_UP signal after 64), snat_v4_rev_lookup,
 * snat_v4_rewrite. Rust peer: src/maps/nat.rs. */
#pragma once

#include "maps.h"
#include "flow.h"
#include "drop.h"
#include "csum.h"
#include "conntrack.h"
#include "signal.h"

struct ipv4_nat_entry {
	__u64 created; /* seconds, mono_now() */
	__u64 needs_ct;
	__u64 pad1;
	__u64 pad2;
	__be32 to_addr; /* forward: the new source; reverse: the original source */
	__be16 to_port;
	__u16 pad3;
};
_Static_assert(sizeof(struct ipv4_nat_entry) == 40, "ipv4_nat_entry");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_ct_tuple);
	__type(value, struct ipv4_nat_entry);
	__uint(max_entries, 524288);
	__uint(pinning, PIN_BY_NAME);
} cilium_snat_v4_external __section(".maps");

#define SNAT_COLLISION_RETRIES 128
#define SNAT_SIGNAL_THRES 64

/* A port of [min, max] (host order) from `x`; both ends can come out. */
static __always_inline __u16 snat_clamp(__u32 x, __u16 min, __u16 max)
{
	return min + (__u16)(x % ((__u32)max - min + 1));
}

/* The forward key of packet `f`: its own tuple. */
static __always_inline struct ipv4_ct_tuple snat_v4_out_key(const struct flow4 *f)
{
	struct ipv4_ct_tuple t = {
		.daddr = f->daddr,
		.saddr = f->saddr,
		.dport = f->dport,
		.sport = f->sport,
		.nexthdr = f->proto,
		.flags = TUPLE_F_OUT,
	};
	return t;
}

/* The reverse entry a reply `f` (to a translated address) matches, or 0. */
static __always_inline struct ipv4_nat_entry *snat_v4_rev_lookup(const struct flow4 *f)
{
	struct ipv4_ct_tuple t = snat_v4_out_key(f);
	t.flags = TUPLE_F_IN;
	return bpf_map_lookup_elem(&cilium_snat_v4_external, &t);
}

/* One search for a free NAT port: the reverse entry being tried (its dport is the port),
 * the range, and what the search found. */
struct snat_search {
	struct ipv4_ct_tuple in;
	struct ipv4_nat_entry rev;
	__u16 port; /* host order */
	__u16 min;
	__u16 max;
	__u8 found;
	__u8 crowded;
};

/* One try of bpf_loop: claim `port` with the reverse entry (NOEXIST), else move on. The
 * first retry jumps at random, the rest walk on (wrapping at max). NB: a callback of
 * bpf_loop is verified once, not once per try: the 128 tries used to cost the verifier
 * about 35 ms of every load of an object with this code (each attach lxc). */
static long snat_try_port(__u32 tries, void *ctx)
{
	struct snat_search *s = ctx;
	s->in.dport = bpf_htons(s->port);
	if (!bpf_map_update_elem(&cilium_snat_v4_external, &s->in, &s->rev, BPF_NOEXIST)) {
		s->found = 1;
		return 1;
	}
	if (tries == SNAT_SIGNAL_THRES)
		s->crowded = 1;
	__u32 next = tries == 0 ? bpf_get_prandom_u32() : (__u32)(s->port - s->min) + 1;
	s->port = snat_clamp(next, s->min, s->max);
	return 0;
}

/* The source port packet `f` leaves with from `nat_addr`: its pair's, else a new pair's.
 * The client's port is kept when it is inside [min, max] and free. 0 (with `*port`), or
 * DROP_NAT_NO_MAPPING when every try collided (the range is exhausted for this backend)
 * or the forward entry could not be written. */
static __always_inline int snat_v4_mapping(struct __sk_buff *skb, const struct flow4 *f, __be32 nat_addr,
					   __u16 min, __u16 max, __be16 *port)
{
	struct ipv4_ct_tuple out = snat_v4_out_key(f);
	struct ipv4_nat_entry *e = bpf_map_lookup_elem(&cilium_snat_v4_external, &out);
	if (e && e->to_addr == nat_addr) {
		*port = e->to_port;
		return 0;
	}
	__u32 now = mono_now();
	struct snat_search s = {
		.in = {
			.daddr = nat_addr,
			.saddr = f->daddr,
			.sport = f->dport,
			.nexthdr = f->proto,
			.flags = TUPLE_F_IN,
		},
		.rev = { .created = now, .to_addr = f->saddr, .to_port = f->sport },
		.port = bpf_ntohs(f->sport),
		.min = min,
		.max = max,
	};
	if (s.port < min || s.port > max)
		s.port = snat_clamp(bpf_get_prandom_u32(), min, max);
	bpf_loop(SNAT_COLLISION_RETRIES, snat_try_port, &s, 0);
	if (s.crowded)
		send_signal(skb, SIGNAL_NAT_FILL_UP);
	if (!s.found)
		return DROP_NAT_NO_MAPPING;
	struct ipv4_nat_entry fwd = { .created = now, .to_addr = nat_addr, .to_port = bpf_htons(s.port) };
	/* A forward entry towards another address (the node's changed) is replaced. */
	if (bpf_map_update_elem(&cilium_snat_v4_external, &out, &fwd, BPF_ANY)) {
		bpf_map_delete_elem(&cilium_snat_v4_external, &s.in);
		return DROP_NAT_NO_MAPPING;
	}
	*port = fwd.to_port;
	return 0;
}

/* The packet's source (`dst` 0) or destination (`dst` 1) becomes `addr`:`port`. 0, or a
 * DROP_* reason. */
static __always_inline int snat_v4_rewrite(struct __sk_buff *skb, struct flow4 *f, int dst, __be32 addr,
					   __be16 port)
{
	__be32 *a = dst ? &f->daddr : &f->saddr;
	__be16 *p = dst ? &f->dport : &f->sport;
	__u32 ip_off = dst ? __builtin_offsetof(struct iphdr, daddr) : __builtin_offsetof(struct iphdr, saddr);
	__u32 port_off = dst ? __builtin_offsetof(struct tcphdr, dest) : __builtin_offsetof(struct tcphdr, source);
	int ret = ipv4_rewrite_addr(skb, ETH_HLEN + ip_off, *a, addr, f->proto, f->l4_off);
	if (ret < 0)
		return ret;
	if (port != *p) {
		ret = l4_rewrite_port(skb, f->l4_off, port_off, *p, port, f->proto);
		if (ret < 0)
			return ret;
	}
	*a = addr;
	*p = port;
	return 0;
}
