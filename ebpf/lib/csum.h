/* SPDX-License-Identifier: Apache-2.0 */
/* csum.h: header rewrites with their checksum updates, for NAT. l4_off 0 means the packet
 * has no L4 header (a later fragment): only L3 is rewritten.
 * ipv4_rewrite_addr changes an IPv4 source or destination address and fixes the IP header
 * checksum and the TCP/UDP checksum over the pseudo header; l4_rewrite_port changes a
 * TCP/UDP port (or the ICMP echo identifier) and fixes the L4 checksum. A UDP checksum of
 * 0 (none) stays 0, a result of 0 is written as 0xffff (BPF_F_MARK_MANGLED_0), as in
 * Cilium's lib/csum.h and lib/l4.h. Rust peer: none (packet rewrites only; the SNAT table
 * is src/maps/nat.rs). */
#pragma once

#include "common.h"
#include "drop.h"

/* Where a protocol's checksum sits in its L4 header, and the extra replace flags it
 * needs. offset 0: no checksum we maintain. */
struct csum_offset {
	__u16 offset;
	__u16 flags;
};

static __always_inline struct csum_offset csum_l4_offset_and_flags(__u8 proto)
{
	struct csum_offset c = {};
	switch (proto) {
	case IPPROTO_TCP:
		c.offset = __builtin_offsetof(struct tcphdr, check);
		break;
	case IPPROTO_UDP:
		c.offset = __builtin_offsetof(struct udphdr, check);
		c.flags = BPF_F_MARK_MANGLED_0;
		break;
	case IPPROTO_ICMP:
		c.offset = __builtin_offsetof(struct icmp_echo_hdr, checksum);
		break;
	}
	return c;
}

/* `l4_off`: offset of the L4 header in the packet. `flags`: the size of the changed field,
 * | BPF_F_PSEUDO_HDR when it is part of the pseudo header. 0, or DROP_CSUM_L4. */
static __always_inline int csum_l4_replace(struct __sk_buff *skb, __u32 l4_off, struct csum_offset csum,
					   __be32 from, __be32 to, __u64 flags)
{
	if (!csum.offset || !l4_off)
		return 0; /* no checksum we keep, or no L4 header (a later fragment) */
	if (bpf_l4_csum_replace(skb, l4_off + csum.offset, from, to, flags | csum.flags) < 0)
		return DROP_CSUM_L4;
	return 0;
}

/* Rewrites the address at `addr_off` (ETH_HLEN + offsetof(struct iphdr, saddr or daddr))
 * from `old` to `new`. ICMP has no pseudo header: its checksum stays. 0, or a DROP_*
 * reason. */
static __always_inline int ipv4_rewrite_addr(struct __sk_buff *skb, __u32 addr_off, __be32 old, __be32 new,
					     __u8 proto, __u32 l4_off)
{
	if (bpf_skb_store_bytes(skb, addr_off, &new, sizeof(new), 0) < 0)
		return DROP_WRITE_ERROR;
	if (bpf_l3_csum_replace(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, check), old, new, sizeof(new)) < 0)
		return DROP_CSUM_L3;
	if (proto == IPPROTO_ICMP)
		return 0;
	return csum_l4_replace(skb, l4_off, csum_l4_offset_and_flags(proto), old, new,
			       BPF_F_PSEUDO_HDR | sizeof(new));
}

/* Rewrites the port at `port_off` in the L4 header (offsetof(struct tcphdr, source or
 * dest); UDP's are the same, ICMP echo's identifier is offsetof(struct icmp_echo_hdr, id))
 * from `old` to `new`. 0, or a DROP_* reason. */
static __always_inline int l4_rewrite_port(struct __sk_buff *skb, __u32 l4_off, __u32 port_off, __be16 old,
					   __be16 new, __u8 proto)
{
	if (!l4_off)
		return 0; /* a later fragment: its first carried the port */
	if (bpf_skb_store_bytes(skb, l4_off + port_off, &new, sizeof(new), 0) < 0)
		return DROP_WRITE_ERROR;
	return csum_l4_replace(skb, l4_off, csum_l4_offset_and_flags(proto), old, new, sizeof(new));
}
