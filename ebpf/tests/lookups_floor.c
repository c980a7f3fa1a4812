/* SPDX-License-Identifier: Apache-2.0 */
/* lookups_floor.c: what cil_from_container's work is made of, step by step, for the
 * datapath benchmark (benches/datapath.rs). It parses the packet, then does only the map
 * operations the STEPS bits ask for, on the node's own pinned maps, with none of the
 * datapath's decisions between them, and passes the packet (TC_ACT_OK). Loaded with
 * growing STEPS, it measures what each operation adds: the floor under the per-packet
 * goals. Not part of the datapath. */

#define THIS_FILE FILE_BPF_LXC

#include "lib/common.h"
#include "lib/conntrack.h"
#include "lib/eps.h"
#include "lib/encap.h"
#include "lib/l3.h"
#include "lib/lb.h"
#include "lib/trace.h"
#include "lib/ep_config.h"

char __license[] __section("license") = "Dual BSD/GPL";

#define STEP_EP_CONFIG 0x001   /* the endpoint's configuration (hash, by ifindex) */
#define STEP_SERVICE 0x002     /* is the destination a service (hash, a miss here) */
#define STEP_ENDPOINT 0x004    /* is the destination a local endpoint (hash) */
#define STEP_IPCACHE 0x008     /* the destination's identity (LPM trie) */
#define STEP_CT 0x010          /* the flow's CT entry, found and accounted */
#define STEP_TUNNEL 0x020      /* the tunnel map (hash, by the destination's prefix) */
#define STEP_METRICS 0x040     /* the forward counter (per-CPU hash) */
#define STEP_SVC_FLOW 0x080    /* a ClusterIP's: its CT service entry and its backend */
#define STEP_SVC_REWRITE 0x100 /* a ClusterIP's: the destination rewritten (helpers) */
#define STEP_CT_CREATE 0x200   /* a new flow's: both CT entries written */
#define STEP_CT_NEW 0x400      /* a new flow's CT work on tuples never seen (random ports):
				* the four lookups that miss (forward and reverse, egress
				* and ingress) and the two entries written */
#define STEP_POLICY_SIDE 0x800 /* a local delivery's: the receiving endpoint's
				* configuration, its CT entry (ingress) and its forward counter */

CONFIG(__u32, STEPS) = 0;
CONFIG(__be32, IPV4_MASK) = 0;

__section("classifier/floor")
int lookups_floor(struct __sk_buff *skb)
{
	struct flow4 f = {};
	__u8 ttl = 0;
	__u32 seen = 0;
	if (parse_ipv4(skb, &f, &ttl) < 0)
		return TC_ACT_SHOT;
	if (STEPS & STEP_EP_CONFIG)
		seen += !!ep_config_of(skb->ifindex);
	if (STEPS & STEP_SERVICE)
		seen += !!lb4_lookup_service(&f);
	if (STEPS & STEP_ENDPOINT)
		seen += !!lookup_endpoint4(f.daddr);
	struct remote_endpoint_info *info = 0;
	if (STEPS & STEP_IPCACHE)
		seen += !!(info = ipcache_lookup4(f.daddr));
	if (STEPS & STEP_CT)
		seen += ct_lookup4(&f, CT_EGRESS, skb->len).status;
	if (STEPS & STEP_TUNNEL)
		seen += !!tunnel_endpoint4(info, f.daddr, IPV4_MASK);
	if (STEPS & STEP_METRICS)
		count_forward(skb, METRIC_EGRESS);
	if (STEPS & STEP_SVC_FLOW) {
		struct ipv4_ct_tuple t = lb4_svc_tuple(&f);
		__u32 id = 1;
		seen += !!ct_get(&t);
		seen += !!bpf_map_lookup_elem(&cilium_lb4_backends_v3, &id);
	}
	if ((STEPS & STEP_SVC_REWRITE) && f.l4_off) {
		/* To the address it has: the same helper work, and the packet stays the same for
		 * the next run. */
		if (ipv4_rewrite_addr(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, daddr), f.daddr, f.daddr,
				      f.proto, f.l4_off) < 0)
			return TC_ACT_SHOT;
	}
	if (STEPS & STEP_CT_CREATE) {
		seen += !!ct_create4(&f, CT_EGRESS, skb->len, 1, skb->ifindex, 0, 0);
		seen += !!ct_create4(&f, CT_INGRESS, skb->len, 1, skb->ifindex, 0, 0);
	}
	if (STEPS & STEP_CT_NEW) {
		struct flow4 n = f;
		__u32 r = bpf_get_prandom_u32();
		n.sport = (__be16)r;
		n.dport = (__be16)(r >> 16);
		seen += ct_lookup4(&n, CT_EGRESS, skb->len).status;
		seen += !!ct_create4(&n, CT_EGRESS, skb->len, 1, skb->ifindex, 0, 0);
		seen += ct_lookup4(&n, CT_INGRESS, skb->len).status;
		seen += !!ct_create4(&n, CT_INGRESS, skb->len, 1, skb->ifindex, 0, 0);
	}
	if (STEPS & STEP_POLICY_SIDE) {
		seen += !!ep_config_of(skb->ifindex);
		seen += ct_lookup4(&f, CT_INGRESS, skb->len).status;
		count_forward(skb, METRIC_INGRESS);
	}
	/* The answers are used (so nothing is optimised away) without changing the verdict. */
	skb->cb[CB_SRC_LABEL] = seen;
	return TC_ACT_OK;
}
