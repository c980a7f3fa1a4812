/* SPDX-License-Identifier: Apache-2.0 */
/* bpf_lxc.c: one endpoint (pod). Attached at tc ingress of the endpoint's host-side veth
 * (packets leaving the pod): from-container. Its handle_policy program sits in
 * cilium_call_policy[EPID]: every sender delivering to this endpoint tail-calls it, so
 * ingress policy and delivery run with this endpoint's configuration and policy map.
 * Packets to a service address are load-balanced here (ClusterIP, per packet: lib/lb.h)
 * and their replies translated back in handle_policy.
 * Replies of flows that came in through a NodePort frontend leave through slot 17.
 * Tail calls (cilium_calls_<EPID>): 1 __send_drop_notify, 6 tail_handle_arp,
 * 15 tail_nodeport_nat_ipv4, 17 tail_rev_nodeport_lb4 (lib/nodeport.h). */

#define THIS_FILE FILE_BPF_LXC

#include "lib/common.h"
#include "lib/tailcall.h"
#include "lib/drop.h"
#include "lib/trace.h"
#include "lib/conntrack.h"
#include "lib/policy.h"
#include "lib/eps.h"
#include "lib/encap.h"
#include "lib/l3.h"
#include "lib/lb.h"
#include "lib/arp.h"
#include "lib/deliver.h"

/* Per-endpoint configuration, set at load (src/datapath/config.rs). */
CONFIG(__u32, LXC_ID) = 0;          /* endpoint id */
CONFIG(__u32, SECLABEL) = 0;        /* endpoint identity */
CONFIG(__be32, LXC_IPV4) = 0;       /* endpoint address */
CONFIG(__u32, LXC_IFINDEX) = 0;     /* host-side veth */
CONFIG(__u8, LXC_MAC[6]) = {};      /* endpoint (pod-side) MAC */
CONFIG(__u8, NODE_MAC[6]) = {};     /* host-side veth MAC */
CONFIG(__be32, IPV4_MASK) = 0;      /* pod prefix mask, for cilium_tunnel_map keys */
CONFIG(__u32, VXLAN_IFINDEX) = 0;   /* cilium_vxlan, 0 in native mode */
CONFIG(__u8, ENFORCE_INGRESS) = 0;  /* 1: ingress allows only what the policy map allows */
CONFIG(__u8, ENFORCE_EGRESS) = 0;   /* 1: egress likewise */
CONFIG(__u8, TRACE_NOTIFY) = 1;     /* 1: trace notifications at forwarding points */

#include "lib/nodeport.h"

char __license[] __section("license") = "Dual BSD/GPL";

__section("classifier/drop_notify")
int __send_drop_notify(struct __sk_buff *skb)
{
	return send_drop_notify_tail(skb, (__u16)LXC_ID);
}

__section("classifier/arp")
int tail_handle_arp(struct __sk_buff *skb)
{
	int ret = arp_respond(skb, NODE_MAC, LXC_IPV4, LXC_IFINDEX);
	if (ret < 0)
		return send_drop(skb, SECLABEL, 0, 0, ret, METRIC_EGRESS);
	return ret;
}

static __always_inline void trace(struct __sk_buff *skb, __u8 point, __u32 src, __u32 dst, __u16 dst_id,
				  __u32 ifindex, struct ct_result ct)
{
	if (!TRACE_NOTIFY || !ct.report)
		return;
	__u8 reason = ct.status == CT_REPLY ? TRACE_REASON_REPLY :
		      ct.status == CT_ESTABLISHED ? TRACE_REASON_ESTABLISHED : TRACE_REASON_NEW;
	send_trace(skb, point, (__u16)LXC_ID, src, dst, dst_id, ifindex, reason);
}

/* Ingress policy and delivery into this endpoint. The sender put its identity in
 * cb[CB_SRC_LABEL]. */
__section("classifier/policy")
int handle_policy(struct __sk_buff *skb)
{
	__u32 src = skb->cb[CB_SRC_LABEL];
	int from_egress = skb->cb[CB_FROM_EGRESS];
	__u16 ct_flags = skb->cb[CB_NODEPORT] ? CT_F_NODE_PORT : 0;
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, src, SECLABEL, LXC_ID, ret, METRIC_INGRESS);
	struct ct_result ct = ct_lookup4(&f, CT_INGRESS, skb->len);
	if (ct.status == CT_NEW) {
		/* A hairpin flow (this endpoint through its own service) skips ingress policy. */
		if (ENFORCE_INGRESS && f.saddr != IPV4_LOOPBACK) {
			ret = policy_verdict(skb, (__u16)LXC_ID, src, 0, f.proto, f.dport);
			if (ret < 0)
				return send_drop(skb, src, SECLABEL, LXC_ID, ret, METRIC_INGRESS);
		}
		ret = ct_create4(&f, CT_INGRESS, skb->len, src, LXC_IFINDEX, 0, ct_flags);
		if (ret < 0)
			return send_drop(skb, src, SECLABEL, LXC_ID, ret, METRIC_INGRESS);
	}
	/* A reply of a flow this endpoint opened to a service comes from the service. */
	if (ct.status == CT_REPLY && ct.rev_nat) {
		ret = lb4_rev_nat(skb, &f, ct.rev_nat);
		if (ret < 0)
			return send_drop(skb, src, SECLABEL, LXC_ID, ret, METRIC_INGRESS);
	}
	ret = ipv4_l3_forward(skb, NODE_MAC, LXC_MAC, ttl);
	if (ret < 0)
		return send_drop(skb, src, SECLABEL, LXC_ID, ret, METRIC_INGRESS);
	count_forward(skb, METRIC_INGRESS);
	trace(skb, TRACE_TO_LXC, src, SECLABEL, (__u16)LXC_ID, LXC_IFINDEX, ct);
	/* From a tc ingress hook the packet can enter the pod's own interface directly,
	 * without a second pass through the veth's transmit path. */
	if (from_egress)
		return bpf_redirect(LXC_IFINDEX, 0);
	return bpf_redirect_peer(LXC_IFINDEX, 0);
}

static __always_inline int handle_ipv4_from_lxc(struct __sk_buff *skb)
{
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, SECLABEL, 0, 0, ret, METRIC_EGRESS);
	if (f.saddr != LXC_IPV4)
		return send_drop(skb, SECLABEL, 0, 0, DROP_INVALID_SIP, METRIC_EGRESS);

	/* A service address: a backend is chosen (and kept by the flow's CT service entry)
	 * and the destination rewritten; policy and CT then see the translated flow. */
	__be16 rev_nat = 0;
	struct lb4_service *svc = lb4_lookup_service(&f);
	if (svc) {
		ret = lb4_local(skb, &f, svc, &rev_nat);
		if (ret < 0)
			return send_drop(skb, SECLABEL, 0, 0, ret, METRIC_EGRESS);
	}

	/* A local endpoint's identity is in its cilium_lxc entry: the LPM trie lookup is
	 * only needed for everything else. */
	struct remote_endpoint_info *info = 0;
	__u32 dst_id;
	/* A hairpin reply (to the loopback address) goes back to this very endpoint. */
	struct endpoint_info *ep = lookup_endpoint4(f.daddr == IPV4_LOOPBACK ? f.saddr : f.daddr);
	if (ep) {
		dst_id = (ep->flags & ENDPOINT_F_HOST) ? HOST_ID : ep->sec_id;
	} else {
		info = ipcache_lookup4(f.daddr);
		dst_id = info ? info->sec_identity : WORLD_ID;
	}

	struct ct_result ct = ct_lookup4(&f, CT_EGRESS, skb->len);
	/* The reply of a flow that came in through a NodePort frontend leaves as the frontend. */
	if (ct.status == CT_REPLY && ct.node_port) {
		skb->cb[CB_SRC_LABEL] = SECLABEL;
		bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_NODEPORT_REVNAT);
		return send_drop(skb, SECLABEL, dst_id, 0, DROP_MISSED_TAIL_CALL, METRIC_EGRESS);
	}
	if (ct.status == CT_NEW) {
		if (ENFORCE_EGRESS) {
			ret = policy_verdict(skb, (__u16)LXC_ID, dst_id, 1, f.proto, f.dport);
			if (ret < 0)
				return send_drop(skb, SECLABEL, dst_id, 0, ret, METRIC_EGRESS);
		}
		ret = ct_create4(&f, CT_EGRESS, skb->len, SECLABEL, LXC_IFINDEX, rev_nat, 0);
		if (ret < 0)
			return send_drop(skb, SECLABEL, dst_id, 0, ret, METRIC_EGRESS);
	}

	/* A local endpoint: its own policy program decides and delivers. */
	if (ep && !(ep->flags & ENDPOINT_F_HOST)) {
		count_forward(skb, METRIC_EGRESS);
		return deliver_local(skb, SECLABEL, dst_id, ep, METRIC_EGRESS, 0);
	}

	/* Another node: VXLAN with our identity in the VNI. */
	__be32 tep = dst_id == HOST_ID ? 0 : tunnel_endpoint4(info, f.daddr, IPV4_MASK);
	if (tep) {
		trace(skb, TRACE_TO_OVERLAY, SECLABEL, dst_id, 0, VXLAN_IFINDEX, ct);
		return deliver_tunnel(skb, tep, SECLABEL, dst_id, VXLAN_IFINDEX, METRIC_EGRESS);
	}

	/* The host, or the world through the host's routing. */
	count_forward(skb, METRIC_EGRESS);
	trace(skb, TRACE_TO_STACK, SECLABEL, dst_id, 0, LXC_IFINDEX, ct);
	return TC_ACT_OK;
}

__section("classifier/from-container")
int cil_from_container(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return send_drop(skb, SECLABEL, 0, 0, DROP_INVALID, METRIC_EGRESS);
	switch (eth->h_proto) {
	case bpf_htons(ETH_P_IP):
		return handle_ipv4_from_lxc(skb);
	case bpf_htons(ETH_P_ARP):
		bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_ARP);
		return send_drop(skb, SECLABEL, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_EGRESS);
	default:
		return send_drop(skb, SECLABEL, 0, 0, DROP_UNKNOWN_L3, METRIC_EGRESS);
	}
}
