/* SPDX-License-Identifier: Apache-2.0 */
/* ct6_fill.c: a test program (issue 24), run through BPF_PROG_TEST_RUN by the IPv6 tests.
 * It does for an IPv6 packet what Cilium's datapath does for a new egress flow that it
 * translates: a conntrack entry in cilium_ct6_global (TCP) or cilium_ct_any6_global (the
 * rest, ICMPv6 included) in Cilium's orientation (the sender in daddr, its port in sport;
 * an ICMPv6 echo's identifier in dport), and a source-NAT pair in cilium_snat_v6_external
 * (OUT: the packet's own tuple -> [fd00::100]:33000; IN: the reply's tuple -> the original
 * source). The map specs are Cilium v1.16's, so the maps `init --maps-only --ipv6` made
 * are the ones it fills. Not part of the datapath: the datapath is IPv4. */

#include "lib/common.h"
#include "lib/maps.h"
/* struct ct_entry and TUPLE_F_*; its IPv4 maps come along, unused. */
#include "lib/conntrack.h"

char __license[] __section("license") = "Dual BSD/GPL";

struct ipv6_ct_tuple {
	__u8 daddr[16];
	__u8 saddr[16];
	__be16 dport;
	__be16 sport;
	__u8 nexthdr;
	__u8 flags;
} __attribute__((packed));
_Static_assert(sizeof(struct ipv6_ct_tuple) == 38, "ipv6_ct_tuple");

/* The value: conntrack.h's struct ct_entry, the same for both families. */

struct ipv6_nat_entry {
	__u64 created;
	__u64 needs_ct;
	__u64 pad1;
	__u64 pad2;
	__u8 to_addr[16];
	__be16 to_port;
	__u8 pad3[6];
};
_Static_assert(sizeof(struct ipv6_nat_entry) == 56, "ipv6_nat_entry");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv6_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 524288);
	__uint(pinning, PIN_BY_NAME);
} cilium_ct6_global __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv6_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 262144);
	__uint(pinning, PIN_BY_NAME);
} cilium_ct_any6_global __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv6_ct_tuple);
	__type(value, struct ipv6_nat_entry);
	__uint(max_entries, 524288);
	__uint(pinning, PIN_BY_NAME);
} cilium_snat_v6_external __section(".maps");

#define IPPROTO_ICMPV6_ 58
#define NAT_PORT 33000

struct ip6_hdr_ {
	__be32 vtc_flow;
	__be16 payload_len;
	__u8 nexthdr;
	__u8 hop_limit;
	__u8 saddr[16];
	__u8 daddr[16];
};

__section("classifier/ct6_fill")
int ct6_fill(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct ip6_hdr_ *ip6 = (void *)(eth + 1);
	if ((void *)(ip6 + 1) > end || eth->h_proto != bpf_htons(ETH_P_IPV6))
		return TC_ACT_SHOT;
	__u8 *l4 = (__u8 *)(ip6 + 1);
	if ((void *)(l4 + 4) > end)
		return TC_ACT_SHOT;
	struct ipv6_ct_tuple ct = {};
	__builtin_memcpy(ct.daddr, ip6->saddr, 16);
	__builtin_memcpy(ct.saddr, ip6->daddr, 16);
	ct.nexthdr = ip6->nexthdr;
	ct.flags = TUPLE_F_OUT;
	__be16 sport = 0, dport = 0;
	__u8 tcp_flags = 0;
	if (ip6->nexthdr == IPPROTO_TCP) {
		if ((void *)(l4 + 14) > end)
			return TC_ACT_SHOT;
		tcp_flags = l4[13];
	}
	if (ip6->nexthdr == IPPROTO_TCP || ip6->nexthdr == IPPROTO_UDP) {
		sport = *(__be16 *)l4;
		dport = *(__be16 *)(l4 + 2);
	} else if (ip6->nexthdr == IPPROTO_ICMPV6_) {
		if ((void *)(l4 + 6) > end)
			return TC_ACT_SHOT;
		dport = *(__be16 *)(l4 + 4); /* an echo request's identifier */
	} else {
		return TC_ACT_SHOT;
	}
	ct.sport = sport;
	ct.dport = dport;
	__u32 now = (__u32)(bpf_ktime_get_ns() / 1000000000ULL);
	struct ct_entry e = {
		.packets = 1,
		.bytes = skb->len,
		.lifetime = now + (ip6->nexthdr == IPPROTO_TCP ? 21600 : 60),
		.tx_flags_seen = tcp_flags,
		.src_sec_id = 1234,
		.last_tx_report = now,
	};
	void *map = ip6->nexthdr == IPPROTO_TCP ? (void *)&cilium_ct6_global : (void *)&cilium_ct_any6_global;
	if (bpf_map_update_elem(map, &ct, &e, BPF_ANY))
		return TC_ACT_SHOT;
	if (ip6->nexthdr == IPPROTO_ICMPV6_)
		return TC_ACT_OK;
	/* The NAT pair: OUT keyed by the packet's own tuple, IN by the reply's. */
	struct ipv6_ct_tuple out = {};
	__builtin_memcpy(out.daddr, ip6->daddr, 16);
	__builtin_memcpy(out.saddr, ip6->saddr, 16);
	out.dport = dport;
	out.sport = sport;
	out.nexthdr = ip6->nexthdr;
	out.flags = TUPLE_F_OUT;
	struct ipv6_nat_entry fwd = { .created = now, .to_port = bpf_htons(NAT_PORT) };
	fwd.to_addr[0] = 0xfd;
	fwd.to_addr[14] = 0x01;
	struct ipv6_ct_tuple in = {};
	__builtin_memcpy(in.daddr, fwd.to_addr, 16);
	__builtin_memcpy(in.saddr, ip6->daddr, 16);
	in.dport = bpf_htons(NAT_PORT);
	in.sport = dport;
	in.nexthdr = ip6->nexthdr;
	in.flags = TUPLE_F_IN;
	struct ipv6_nat_entry rev = { .created = now, .to_port = sport };
	__builtin_memcpy(rev.to_addr, ip6->saddr, 16);
	if (bpf_map_update_elem(&cilium_snat_v6_external, &out, &fwd, BPF_ANY) ||
	    bpf_map_update_elem(&cilium_snat_v6_external, &in, &rev, BPF_ANY))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
