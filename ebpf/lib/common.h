/* SPDX-License-Identifier: Apache-2.0 */
/* common.h: includes, basic types, reserved identities, the skb->cb slots our programs
 * share, source file ids, CONFIG() globals. Rust peers: src/datapath/loader.rs (config
 * globals), src/codes/reasons.rs (file ids). */
#pragma once

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* The ICMP header part we read (linux/icmp.h pulls in libc headers). */
#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8
struct icmp_echo_hdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
	__be16 id;
	__be16 sequence;
};

typedef __u64 mac_t; /* first 6 bytes in memory are the MAC in wire order */

/* Reserved identities (cilium-abi-v1.10-and-newest.md §4.1). */
#define HOST_ID 1
#define WORLD_ID 2
#define REMOTE_NODE_ID 6

/* skb->cb slots across tail calls. */
#define CB_SRC_LABEL 0   /* source identity, for the policy program and drop notify */
#define CB_DST_LABEL 1   /* destination identity, drop notify */
#define CB_REASON 2      /* positive drop reason, drop notify */
#define CB_DST_ID 3      /* destination endpoint id, drop notify */
#define CB_LINE_FILE 4   /* line << 8 | file id, drop notify */
#define CB_FROM_EGRESS 3 /* delivery: set when the sender runs at a tc egress hook (shares
			  * the slot with CB_DST_ID, which only the drop path uses) */
#define CB_NODEPORT 2    /* delivery: the flow came in through a NodePort frontend (shares
			  * the slot with CB_REASON, which only the drop path uses) */
#define CB_DELIVER_IFINDEX 4 /* delivery: the receiving endpoint's host-side veth, which keys
			      * its ciliumrs_ep_config (shares the slot with CB_LINE_FILE) */

/* Source file ids for drop notifications and metrics (cilium v1.16 numbering;
 * Rust peer: src/codes/reasons.rs FILES). */
#define FILE_BPF_HOST 1
#define FILE_BPF_LXC 2
#define FILE_BPF_OVERLAY 3
#define FILE_BPF_SOCK 5
#define FILE_NODEPORT_H 105 /* drops of lib/nodeport.h, wherever it is compiled in */

#ifndef __section
#define __section(x) __attribute__((section(x), used))
#endif

#define CONFIG(type, name) volatile const type name

/* Seconds of CLOCK_MONOTONIC, for CT and NAT lifetimes. The coarse clock (the tick's
 * value, no clock source read: Linux 5.11) is the same clock at tick resolution, which
 * second-granular lifetimes do not notice; reading the clock source cost tens of ns per
 * packet in a VM. */
static __always_inline __u32 mono_now(void)
{
	return (__u32)(bpf_ktime_get_coarse_ns() / 1000000000ULL);
}
