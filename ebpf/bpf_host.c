/* SPDX-License-Identifier: Apache-2.0 */
/* bpf_host.c: the host's devices. On cilium_host: to-host (ingress) and from-host
 * (egress); on cilium_net: to-host; on native devices: from-netdev (ingress) and to-netdev
 * (egress). Calls maps: cilium_calls_hostns_<HOST_EP_ID> (cilium_host) or
 * cilium_calls_netdev_<ifindex> (cilium_net, native devices), slots 1 __send_drop_notify,
 * 7 tail_handle_ipv4_from_netdev, 15 tail_nodeport_nat_ipv4, 17 tail_rev_nodeport_lb4,
 * 22 tail_handle_ipv4_from_host. NodePort frontends are served in from-netdev
 * (lib/nodeport.h).
 * The host endpoint's policy map cilium_policy_<HOST_EP_ID> is created with it; host
 * firewalling is not implemented yet. */

#define THIS_FILE FILE_BPF_HOST

#include "lib/common.h"
#include "lib/policy_map.h"
#include "lib/conntrack.h" /* for its maps only: every object carries every global map */
#include "lib/l3.h"
#include "lib/deliver.h"

/* The host endpoint's policy map, pinned as cilium_policy_<HOST_EP_ID>. */
struct {
	POLICY_MAP_DEF;
} cilium_policy __section(".maps");

CONFIG(__u32, HOST_EP_ID) = 0;     /* the host endpoint's id */
CONFIG(__u32, THIS_IFINDEX) = 0;   /* the device this copy is attached to */
CONFIG(__u32, VXLAN_IFINDEX) = 0;  /* cilium_vxlan, 0 in native mode */
CONFIG(__be32, IPV4_MASK) = 0;
CONFIG(__u8, TRACE_NOTIFY) = 1;

#include "lib/nodeport.h"

char __license[] __section("license") = "Dual BSD/GPL";

__section("classifier/drop_notify")
int __send_drop_notify(struct __sk_buff *skb)
{
	return send_drop_notify_tail(skb, (__u16)HOST_EP_ID);
}

static __always_inline int is_ipv4(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	return (void *)(eth + 1) <= end && eth->h_proto == bpf_htons(ETH_P_IP);
}

/* Packets the host sends into cilium_host: to a local endpoint through its policy
 * program, to another node's pods through the tunnel, else on through the stack. */
__section("classifier/ipv4_from_host")
int tail_handle_ipv4_from_host(struct __sk_buff *skb)
{
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, HOST_ID, 0, 0, ret, METRIC_EGRESS);
	struct endpoint_info *ep = lookup_endpoint4(f.daddr);
	if (ep && !(ep->flags & ENDPOINT_F_HOST))
		return deliver_local(skb, HOST_ID, ep->sec_id, ep, METRIC_EGRESS, 1);
	struct remote_endpoint_info *info = ipcache_lookup4(f.daddr);
	__u32 dst_id = info ? info->sec_identity : WORLD_ID;
	__be32 tep = tunnel_endpoint4(info, f.daddr, IPV4_MASK);
	if (tep)
		return deliver_tunnel(skb, tep, HOST_ID, dst_id, VXLAN_IFINDEX, METRIC_EGRESS);
	count_forward(skb, METRIC_EGRESS);
	return TC_ACT_OK;
}

/* Packets arriving on a native device (or cilium_net): local endpoints get them through
 * their policy program with the sender's identity from the ipcache; the rest is the
 * host's. */
__section("classifier/ipv4_from_netdev")
int tail_handle_ipv4_from_netdev(struct __sk_buff *skb)
{
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, WORLD_ID, 0, 0, ret, METRIC_INGRESS);
	struct remote_endpoint_info *src_info = ipcache_lookup4(f.saddr);
	__u32 src = src_info ? src_info->sec_identity : WORLD_ID;
	if (ENABLE_NODEPORT) {
		int done = 0;
		ret = nodeport_lb4(skb, &f, src, 1, &done);
		if (done)
			return ret;
	}
	struct endpoint_info *ep = lookup_endpoint4(f.daddr);
	if (ep && !(ep->flags & ENDPOINT_F_HOST))
		return deliver_local(skb, src, ep->sec_id, ep, METRIC_INGRESS, 0);
	count_forward(skb, METRIC_INGRESS);
	if (TRACE_NOTIFY)
		send_trace(skb, TRACE_TO_HOST, (__u16)HOST_EP_ID, src, HOST_ID, 0, THIS_IFINDEX, TRACE_REASON_NEW);
	return TC_ACT_OK;
}

__section("classifier/from-host")
int cil_from_host(struct __sk_buff *skb)
{
	if (!is_ipv4(skb))
		return TC_ACT_OK; /* ARP and IPv6 of the host itself */
	bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_FROM_HOST);
	return send_drop(skb, HOST_ID, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_EGRESS);
}

__section("classifier/to-host")
int cil_to_host(struct __sk_buff *skb)
{
	if (!is_ipv4(skb))
		return TC_ACT_OK;
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, WORLD_ID, HOST_ID, 0, ret, METRIC_INGRESS);
	struct remote_endpoint_info *src_info = ipcache_lookup4(f.saddr);
	__u32 src = src_info ? src_info->sec_identity : WORLD_ID;
	count_forward(skb, METRIC_INGRESS);
	if (TRACE_NOTIFY)
		send_trace(skb, TRACE_TO_HOST, (__u16)HOST_EP_ID, src, HOST_ID, 0, THIS_IFINDEX, TRACE_REASON_NEW);
	return TC_ACT_OK;
}

__section("classifier/from-netdev")
int cil_from_netdev(struct __sk_buff *skb)
{
	if (!is_ipv4(skb))
		return TC_ACT_OK;
	bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_FROM_LXC);
	return send_drop(skb, WORLD_ID, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_INGRESS);
}

__section("classifier/to-netdev")
int cil_to_netdev(struct __sk_buff *skb)
{
	if (!is_ipv4(skb))
		return TC_ACT_OK;
	struct flow4 f = {};
	__u8 ttl = 0;
	/* What leaves the node is counted and traced; malformed IPv4 never leaves. */
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0 && ret != DROP_FRAG_NOT_FOUND)
		return send_drop(skb, HOST_ID, 0, 0, ret, METRIC_EGRESS);
	if (ENABLE_NODEPORT && ret == 0) {
		ret = nodeport_rev_dnat_host(skb, &f);
		if (ret < 0)
			return send_drop(skb, HOST_ID, WORLD_ID, 0, ret, METRIC_EGRESS);
	}
	count_forward(skb, METRIC_EGRESS);
	if (TRACE_NOTIFY)
		send_trace(skb, TRACE_TO_NETWORK, (__u16)HOST_EP_ID, HOST_ID, WORLD_ID, 0, THIS_IFINDEX, TRACE_REASON_NEW);
	return TC_ACT_OK;
}
