/* SPDX-License-Identifier: Apache-2.0 */
/* l3.h: packet parsing shared by every program (parse_ipv4 fills a struct flow4), and the
 * L3 forwarding rewrite ipv4_l3_forward (TTL and checksum, MACs). Every parse re-checks
 * bounds: the verifier and malformed packets both demand it. Rust peer: none. */
#pragma once

#include "flow.h"
#include "drop.h"
#include "csum.h" /* the L3/L4 rewrites NAT will use, compile-checked with every object */
#include "frag.h"

#define IP_MF 0x2000
#define IP_OFFSET 0x1fff

/* Parses the IPv4 packet at ETH_HLEN into `f`. A first fragment's ports are remembered
 * (frag.h); a later fragment gets its datagram's ports and l4_off 0 (no L4 header: the
 * rewrites of csum.h then leave L4 alone). 0, or a DROP_* reason. */
static __always_inline int parse_ipv4(struct __sk_buff *skb, struct flow4 *f, __u8 *ttl)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct iphdr *ip = data + ETH_HLEN;
	if ((void *)(ip + 1) > end)
		return DROP_INVALID;
	if (ip->version != 4 || ip->ihl < 5)
		return DROP_INVALID;
	__u32 hlen = ip->ihl * 4;
	__u32 tot = bpf_ntohs(ip->tot_len);
	if (tot < hlen || tot > skb->len - ETH_HLEN)
		return DROP_INVALID;
	int first_frag = 0;
	if (ip->frag_off & bpf_htons(IP_OFFSET)) {
		struct ipv4_frag_id k = frag_id(ip);
		struct ipv4_frag_l4ports *ports = bpf_map_lookup_elem(&cilium_ipv4_frag_datagrams, &k);
		if (!ports)
			return DROP_FRAG_NOT_FOUND;
		f->saddr = ip->saddr;
		f->daddr = ip->daddr;
		f->proto = ip->protocol;
		f->sport = ports->sport;
		f->dport = ports->dport;
		f->tcp_flags = 0;
		f->l4_off = 0;
		*ttl = ip->ttl;
		return 0;
	}
	if (ip->frag_off & bpf_htons(IP_MF))
		first_frag = 1;
	f->saddr = ip->saddr;
	f->daddr = ip->daddr;
	f->proto = ip->protocol;
	f->sport = 0;
	f->dport = 0;
	f->tcp_flags = 0;
	*ttl = ip->ttl;
	void *l4 = (void *)ip + hlen;
	f->l4_off = (__u16)(ETH_HLEN + hlen);
	if (hlen > 60)
		return DROP_INVALID;
	switch (ip->protocol) {
	case IPPROTO_TCP: {
		struct tcphdr *tcp = l4;
		if ((void *)(tcp + 1) > end)
			return DROP_CT_INVALID_HDR;
		f->sport = tcp->source;
		f->dport = tcp->dest;
		f->tcp_flags = ((__u8 *)tcp)[13];
		break;
	}
	case IPPROTO_UDP: {
		struct udphdr *udp = l4;
		if ((void *)(udp + 1) > end)
			return DROP_CT_INVALID_HDR;
		f->sport = udp->source;
		f->dport = udp->dest;
		break;
	}
	case IPPROTO_ICMP: {
		struct icmp_echo_hdr *icmp = l4;
		if ((void *)(icmp + 1) > end)
			return DROP_CT_INVALID_HDR;
		/* Echo: the identifier stands in for the port, on the side that opened the flow. */
		if (icmp->type == ICMP_ECHO)
			f->sport = icmp->id;
		else if (icmp->type == ICMP_ECHOREPLY)
			f->dport = icmp->id;
		break;
	}
	default:
		break;
	}
	if (first_frag) {
		struct ipv4_frag_id k = frag_id(ip);
		struct ipv4_frag_l4ports ports = { .sport = f->sport, .dport = f->dport };
		bpf_map_update_elem(&cilium_ipv4_frag_datagrams, &k, &ports, BPF_ANY);
	}
	return 0;
}

/* Decrements the TTL for a routed hop. 0, or a DROP_* reason. */
static __always_inline int ipv4_dec_ttl(struct __sk_buff *skb, __u8 ttl)
{
	if (ttl <= 1)
		return DROP_INVALID;
	__u16 old = bpf_htons((__u16)ttl << 8);
	__u16 new = bpf_htons((__u16)(ttl - 1) << 8);
	__u8 nttl = ttl - 1;
	if (bpf_l3_csum_replace(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, check), old, new, 2) < 0)
		return DROP_CSUM_L3;
	if (bpf_skb_store_bytes(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, ttl), &nttl, 1, 0) < 0)
		return DROP_WRITE_ERROR;
	return 0;
}

/* Rewrites MACs and decrements the TTL for a routed hop. 0, or a DROP_* reason. */
static __always_inline int ipv4_l3_forward(struct __sk_buff *skb, const volatile __u8 *smac,
					   const volatile __u8 *dmac, __u8 ttl)
{
	int ret = ipv4_dec_ttl(skb, ttl);
	if (ret < 0)
		return ret;
	__u8 macs[12];
	for (int i = 0; i < 6; i++) {
		macs[i] = dmac[i];
		macs[6 + i] = smac[i];
	}
	if (bpf_skb_store_bytes(skb, 0, macs, sizeof(macs), 0) < 0)
		return DROP_WRITE_ERROR;
	return 0;
}
