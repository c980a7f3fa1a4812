/* SPDX-License-Identifier: Apache-2.0 */
/* bpf_overlay.c: the VXLAN device cilium_vxlan (external, collect-metadata).
 * from-overlay (ingress: decapsulated packets) tail-calls slot 7, which takes the source
 * identity from the VNI and delivers to the local endpoint through its policy program.
 * to-overlay (egress) gives packets the host routes into the tunnel their tunnel key;
 * packets an endpoint redirected here already carry one.
 * NodePort requests and the replies of flows this node translated are handled before
 * delivery (lib/nodeport.h).
 * Calls map: cilium_calls_overlay_2 (1 __send_drop_notify, 7 tail_handle_ipv4,
 * 15 tail_nodeport_nat_ipv4, 17 tail_rev_nodeport_lb4). */

#define THIS_FILE FILE_BPF_OVERLAY

#include "lib/common.h"
#include "lib/l3.h"
#include "lib/conntrack.h" /* for its maps only: every object carries every global map */
#include "lib/deliver.h"

CONFIG(__u32, VXLAN_IFINDEX) = 0;  /* this device */
CONFIG(__be32, IPV4_MASK) = 0;     /* pod prefix mask, for cilium_tunnel_map keys */
CONFIG(__u8, TRACE_NOTIFY) = 1;

#include "lib/nodeport.h"

char __license[] __section("license") = "Dual BSD/GPL";

/* Events from this object name no endpoint (source 0), as in Cilium. */
__section("classifier/drop_notify")
int __send_drop_notify(struct __sk_buff *skb)
{
	return send_drop_notify_tail(skb, 0);
}

__section("classifier/ipv4")
int tail_handle_ipv4(struct __sk_buff *skb)
{
	struct bpf_tunnel_key key = {};
	if (bpf_skb_get_tunnel_key(skb, &key, sizeof(key), 0) < 0)
		return send_drop(skb, WORLD_ID, 0, 0, DROP_NO_TUNNEL_ENDPOINT, METRIC_INGRESS);
	__u32 src = key.tunnel_id;
	/* The other node's host speaks as "remote-node" here. */
	if (src == HOST_ID)
		src = REMOTE_NODE_ID;
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, src, 0, 0, ret, METRIC_INGRESS);
	if (ENABLE_NODEPORT) {
		int done = 0;
		ret = nodeport_lb4(skb, &f, src, 0, &done);
		if (done)
			return ret;
	}
	struct endpoint_info *ep = lookup_endpoint4(f.daddr);
	if (ep && !(ep->flags & ENDPOINT_F_HOST)) {
		if (TRACE_NOTIFY)
			send_trace(skb, TRACE_FROM_OVERLAY, 0, src, ep->sec_id, ep->lxc_id, VXLAN_IFINDEX, TRACE_REASON_NEW);
		return deliver_local(skb, src, ep->sec_id, ep, METRIC_INGRESS, 0);
	}
	/* To this node's host, or elsewhere through its stack. The inner frame is addressed
	 * to the sending node's router MAC, so the stack would take it for another host's:
	 * it is for this one. */
	bpf_skb_change_type(skb, 0 /* PACKET_HOST */);
	count_forward(skb, METRIC_INGRESS);
	if (TRACE_NOTIFY)
		send_trace(skb, TRACE_TO_STACK, 0, src, HOST_ID, 0, VXLAN_IFINDEX, TRACE_REASON_NEW);
	return TC_ACT_OK;
}

__section("classifier/from-overlay")
int cil_from_overlay(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return send_drop(skb, WORLD_ID, 0, 0, DROP_INVALID, METRIC_INGRESS);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return send_drop(skb, WORLD_ID, 0, 0, DROP_UNKNOWN_L3, METRIC_INGRESS);
	bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_FROM_LXC);
	return send_drop(skb, WORLD_ID, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_INGRESS);
}

__section("classifier/to-overlay")
int cil_to_overlay(struct __sk_buff *skb)
{
	/* Already keyed by an endpoint or host program that redirected it here. */
	if ((skb->mark & MARK_MAGIC_MASK) == MARK_MAGIC_ENCAP) {
		skb->mark &= ~MARK_MAGIC_MASK;
		return TC_ACT_OK;
	}
	struct flow4 f = {};
	__u8 ttl = 0;
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return send_drop(skb, HOST_ID, 0, 0, DROP_UNKNOWN_L3, METRIC_EGRESS);
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, HOST_ID, 0, 0, ret, METRIC_EGRESS);
	struct remote_endpoint_info *info = ipcache_lookup4(f.daddr);
	__u32 dst_id = info ? info->sec_identity : WORLD_ID;
	__be32 tep = tunnel_endpoint4(info, f.daddr, IPV4_MASK);
	if (!tep)
		return send_drop(skb, HOST_ID, dst_id, 0, DROP_NO_TUNNEL_ENDPOINT, METRIC_EGRESS);
	ret = set_tunnel_key4(skb, tep, HOST_ID);
	if (ret < 0)
		return send_drop(skb, HOST_ID, dst_id, 0, ret, METRIC_EGRESS);
	count_forward(skb, METRIC_EGRESS);
	if (TRACE_NOTIFY)
		send_trace(skb, TRACE_TO_OVERLAY, 0, HOST_ID, dst_id, 0, VXLAN_IFINDEX, TRACE_REASON_NEW);
	return TC_ACT_OK;
}
