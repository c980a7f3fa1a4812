/* SPDX-License-Identifier: Apache-2.0 */
/* bpf_lxc.c: the endpoints (pods). Loaded and verified once per node and shared by every
 * endpoint (src/datapath/template.rs): each endpoint's configuration is found at run time
 * (lib/ep_config.h). cil_from_container is attached at tc ingress of each endpoint's
 * host-side veth (packets leaving the pod). handle_policy sits in cilium_call_policy[EPID]
 * of every endpoint: every sender delivering to an endpoint tail-calls it, so ingress
 * policy and delivery run with that endpoint's configuration and policy map.
 * Packets to a service address are load-balanced here (ClusterIP, per packet: lib/lb.h)
 * and their replies translated back in handle_policy.
 * Replies of flows that came in through a NodePort frontend leave through slot 17.
 * Tail calls (the node's shared calls map): 1 __send_drop_notify, 6 tail_handle_arp,
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
#include "lib/ep_config.h"

/* Node-wide configuration, set at load (src/datapath/config.rs): a node configuration
 * change loads another copy. The endpoint's own is in ciliumrs_ep_config. */
CONFIG(__be32, IPV4_MASK) = 0;      /* pod prefix mask, for cilium_tunnel_map keys */
CONFIG(__u32, VXLAN_IFINDEX) = 0;   /* cilium_vxlan, 0 in native mode */
#include "lib/nodeport.h"

char __license[] __section("license") = "Dual BSD/GPL";

__section("classifier/drop_notify")
int __send_drop_notify(struct __sk_buff *skb)
{
	/* The endpoint whose program dropped: the receiver on ingress (its id is the drop's
	 * destination endpoint), the sender's veth on egress. */
	__u16 source = 0;
	if (drop_dir(skb) == METRIC_INGRESS) {
		source = (__u16)skb->cb[CB_DST_ID];
	} else {
		const struct ep_config *cfg = ep_config_of(skb->ifindex);
		if (cfg)
			source = cfg->lxc_id;
	}
	return send_drop_notify_tail(skb, source);
}

__section("classifier/arp")
int tail_handle_arp(struct __sk_buff *skb)
{
	const struct ep_config *cfg = ep_config_of(skb->ifindex);
	if (!cfg)
		return send_drop(skb, 0, 0, 0, DROP_UNKNOWN_TARGET, METRIC_EGRESS);
	int ret = arp_respond(skb, cfg->node_mac, cfg->ipv4, cfg->ifindex);
	if (ret < 0)
		return send_drop(skb, cfg->sec_label, 0, 0, ret, METRIC_EGRESS);
	return ret;
}

static __always_inline void trace(struct __sk_buff *skb, const struct ep_config *cfg, __u8 point, __u32 src,
				  __u32 dst, __u16 dst_id, __u32 ifindex, struct ct_result ct)
{
	if (!(cfg->flags & EP_F_TRACE) || !ct.report)
		return;
	__u8 reason = ct.status == CT_REPLY ? TRACE_REASON_REPLY :
		      ct.status == CT_ESTABLISHED ? TRACE_REASON_ESTABLISHED : TRACE_REASON_NEW;
	send_trace(skb, point, cfg->lxc_id, src, dst, dst_id, ifindex, reason);
}

/* The endpoint's policy map (NULL if it has none). */
static __always_inline void *ep_policy_map(const struct ep_config *cfg)
{
	__u32 id = cfg->lxc_id;
	return bpf_map_lookup_elem(&ciliumrs_ep_policy, &id);
}

/* Ingress policy and delivery into an endpoint. The sender put its identity in
 * cb[CB_SRC_LABEL] and the endpoint's host-side veth in cb[CB_DELIVER_IFINDEX]. */
__section("classifier/policy")
int handle_policy(struct __sk_buff *skb)
{
	__u32 src = skb->cb[CB_SRC_LABEL];
	int from_egress = skb->cb[CB_FROM_EGRESS];
	__u16 ct_flags = skb->cb[CB_NODEPORT] ? CT_F_NODE_PORT : 0;
	const struct ep_config *cfg = ep_config_of(skb->cb[CB_DELIVER_IFINDEX]);
	if (!cfg)
		return send_drop(skb, src, 0, 0, DROP_UNKNOWN_TARGET, METRIC_INGRESS);
	__u32 self = cfg->sec_label;
	__u16 id = cfg->lxc_id;
	__u32 ifindex = cfg->ifindex;
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, src, self, id, ret, METRIC_INGRESS);
	/* The sender named the endpoint; the packet must be for it (or a hairpin reply to its
	 * loopback address), so a sender that did not set cb[CB_DELIVER_IFINDEX] (a program
	 * of an older ciliumrs) can never hand a packet to another endpoint. */
	if (f.daddr != cfg->ipv4 && f.daddr != IPV4_LOOPBACK)
		return send_drop(skb, src, self, id, DROP_UNKNOWN_TARGET, METRIC_INGRESS);
	struct ct_result ct = ct_lookup4(&f, CT_INGRESS, skb->len);
	if (ct.status == CT_NEW) {
		/* A hairpin flow (this endpoint through its own service) skips ingress policy. */
		if ((cfg->flags & EP_F_ENFORCE_INGRESS) && f.saddr != IPV4_LOOPBACK) {
			ret = policy_verdict(skb, ep_policy_map(cfg), id, src, 0, f.proto, f.dport);
			if (ret < 0)
				return send_drop(skb, src, self, id, ret, METRIC_INGRESS);
		}
		ret = ct_create4(&f, CT_INGRESS, skb->len, src, ifindex, 0, ct_flags);
		if (ret < 0)
			return send_drop(skb, src, self, id, ret, METRIC_INGRESS);
	}
	/* A reply of a flow this endpoint opened to a service comes from the service. */
	if (ct.status == CT_REPLY && ct.rev_nat) {
		ret = lb4_rev_nat(skb, &f, ct.rev_nat);
		if (ret < 0)
			return send_drop(skb, src, self, id, ret, METRIC_INGRESS);
	}
	ret = ipv4_l3_forward(skb, cfg->node_mac, cfg->mac, ttl);
	if (ret < 0)
		return send_drop(skb, src, self, id, ret, METRIC_INGRESS);
	count_forward(skb, METRIC_INGRESS);
	trace(skb, cfg, TRACE_TO_LXC, src, self, id, ifindex, ct);
	/* From a tc ingress hook the packet can enter the pod's own interface directly,
	 * without a second pass through the veth's transmit path. */
	if (from_egress)
		return bpf_redirect(ifindex, 0);
	return bpf_redirect_peer(ifindex, 0);
}

static __always_inline int handle_ipv4_from_lxc(struct __sk_buff *skb, const struct ep_config *cfg)
{
	__u32 self = cfg->sec_label;
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return send_drop(skb, self, 0, 0, ret, METRIC_EGRESS);
	if (f.saddr != cfg->ipv4)
		return send_drop(skb, self, 0, 0, DROP_INVALID_SIP, METRIC_EGRESS);

	/* A service address: a backend is chosen (and kept by the flow's CT service entry)
	 * and the destination rewritten; policy and CT then see the translated flow. */
	__be16 rev_nat = 0;
	struct lb4_service *svc = lb4_lookup_service(&f);
	if (svc) {
		ret = lb4_local(skb, &f, svc, &rev_nat);
		if (ret < 0)
			return send_drop(skb, self, 0, 0, ret, METRIC_EGRESS);
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
		skb->cb[CB_SRC_LABEL] = self;
		bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_NODEPORT_REVNAT);
		return send_drop(skb, self, dst_id, 0, DROP_MISSED_TAIL_CALL, METRIC_EGRESS);
	}
	if (ct.status == CT_NEW) {
		if (cfg->flags & EP_F_ENFORCE_EGRESS) {
			ret = policy_verdict(skb, ep_policy_map(cfg), cfg->lxc_id, dst_id, 1, f.proto, f.dport);
			if (ret < 0)
				return send_drop(skb, self, dst_id, 0, ret, METRIC_EGRESS);
		}
		ret = ct_create4(&f, CT_EGRESS, skb->len, self, cfg->ifindex, rev_nat, 0);
		if (ret < 0)
			return send_drop(skb, self, dst_id, 0, ret, METRIC_EGRESS);
	}

	/* A local endpoint: its own policy program decides and delivers. */
	if (ep && !(ep->flags & ENDPOINT_F_HOST)) {
		count_forward(skb, METRIC_EGRESS);
		return deliver_local(skb, self, dst_id, ep, METRIC_EGRESS, 0);
	}

	/* Another node: VXLAN with our identity in the VNI. */
	__be32 tep = dst_id == HOST_ID ? 0 : tunnel_endpoint4(info, f.daddr, IPV4_MASK);
	if (tep) {
		trace(skb, cfg, TRACE_TO_OVERLAY, self, dst_id, 0, VXLAN_IFINDEX, ct);
		return deliver_tunnel(skb, tep, self, dst_id, VXLAN_IFINDEX, METRIC_EGRESS);
	}

	/* The host, or the world through the host's routing. */
	count_forward(skb, METRIC_EGRESS);
	trace(skb, cfg, TRACE_TO_STACK, self, dst_id, 0, cfg->ifindex, ct);
	return TC_ACT_OK;
}

__section("classifier/from-container")
int cil_from_container(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	const struct ep_config *cfg = ep_config_of(skb->ifindex);
	if (!cfg)
		return send_drop(skb, 0, 0, 0, DROP_UNKNOWN_TARGET, METRIC_EGRESS);
	if ((void *)(eth + 1) > end)
		return send_drop(skb, cfg->sec_label, 0, 0, DROP_INVALID, METRIC_EGRESS);
	switch (eth->h_proto) {
	case bpf_htons(ETH_P_IP):
		return handle_ipv4_from_lxc(skb, cfg);
	case bpf_htons(ETH_P_ARP):
		bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_ARP);
		return send_drop(skb, cfg->sec_label, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_EGRESS);
	default:
		return send_drop(skb, cfg->sec_label, 0, 0, DROP_UNKNOWN_L3, METRIC_EGRESS);
	}
}
