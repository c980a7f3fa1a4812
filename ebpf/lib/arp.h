/* SPDX-License-Identifier: Apache-2.0 */
/* arp.h: answers an endpoint's ARP requests with the host-side MAC (every address an
 * endpoint reaches goes through the node), except for the endpoint's own address. */
#pragma once

#include "drop.h"

#define ARPHRD_ETHER 1
#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2

struct arp_hdr {
	__be16 ar_hrd;
	__be16 ar_pro;
	__u8 ar_hln;
	__u8 ar_pln;
	__be16 ar_op;
};

struct arp_eth_ipv4 {
	struct arp_hdr hdr;
	__u8 sha[ETH_ALEN];
	__be32 sip;
	__u8 tha[ETH_ALEN];
	__be32 tip;
} __attribute__((packed));

/* TC_ACT_OK to let the kernel see it, a redirect for a reply we made, or a drop. */
static __always_inline int arp_respond(struct __sk_buff *skb, const volatile __u8 *node_mac, __be32 own_ip,
				       __u32 ifindex)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct arp_eth_ipv4 *arp = data + ETH_HLEN;
	if ((void *)(arp + 1) > end)
		return DROP_INVALID;
	if (arp->hdr.ar_op != bpf_htons(ARPOP_REQUEST) || arp->hdr.ar_hrd != bpf_htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != bpf_htons(ETH_P_IP) || arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4)
		return TC_ACT_OK;
	if (arp->tip == own_ip)
		return TC_ACT_OK; /* duplicate address detection: not ours to answer */
	struct arp_eth_ipv4 reply = *arp;
	__u8 eth_hdr[2 * ETH_ALEN];
	for (int i = 0; i < ETH_ALEN; i++) {
		eth_hdr[i] = eth->h_source[i];
		eth_hdr[ETH_ALEN + i] = node_mac[i];
		reply.tha[i] = arp->sha[i];
		reply.sha[i] = node_mac[i];
	}
	reply.hdr.ar_op = bpf_htons(ARPOP_REPLY);
	reply.sip = arp->tip;
	reply.tip = arp->sip;
	if (bpf_skb_store_bytes(skb, 0, eth_hdr, sizeof(eth_hdr), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &reply, sizeof(reply), 0) < 0)
		return DROP_WRITE_ERROR;
	return bpf_redirect(ifindex, 0);
}
