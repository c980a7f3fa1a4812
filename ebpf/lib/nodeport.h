/* SPDX-License-Identifier: Apache-2.0 */
/* nodeport.h: NodePort, ExternalIP and LoadBalancer frontends reached from outside the
 * node (from-netdev, from-overlay), in SNAT mode as Cilium v1.16 runs with VXLAN (no DSR).
 * nodeport_lb4 load-balances a request to a routable frontend (a ClusterIP reached from
 * outside is dropped "Is a ClusterIP"): the node keeps a CT entry of the translated flow
 * (client -> backend, CT_F_NODE_PORT, the service's reverse-NAT index); a local backend
 * gets the packet through its policy program, a remote one through slot 15
 * (tail_nodeport_nat_ipv4): source NAT to the node (cilium_host's address towards a
 * backend behind the tunnel, else this device's NodePort address), then the tunnel or
 * the route. Replies come back through slot 17 (tail_rev_nodeport_lb4): reverse SNAT if
 * the node translated the source, reverse DNAT by the CT entry (source := frontend), then
 * out by the FIB to the client. A local backend's replies enter slot 17 from its
 * from-container. Each object defines VXLAN_IFINDEX and IPV4_MASK before including this.
 * Rust peer: the NodePort fields of HostConfig, OverlayConfig and LxcConfig
 * (src/datapath/config.rs), filled from src/datapath/node.rs NodePort::globals. */
#pragma once

#include "common.h"
#include "tailcall.h"
#include "drop.h"
#include "l3.h"
#include "lb.h"
#include "nat.h"
#include "neigh.h"
#include "fib.h"
#include "deliver.h"

/* Drops here name this header (as Cilium's do), not the object it is compiled into. */
#define np_drop(skb, src, dst, dst_id, reason, dir) \
	__drop(skb, src, dst, dst_id, reason, dir, __LINE__, FILE_NODEPORT_H)

CONFIG(__u8, ENABLE_NODEPORT) = 0;  /* 1: frontends reached from outside are load-balanced */
CONFIG(__be32, IPV4_GATEWAY) = 0;   /* cilium_host's address: SNAT source towards the tunnel */
CONFIG(__be32, IPV4_NODEPORT) = 0;  /* this device's NodePort address: SNAT source on routes */
CONFIG(__u16, NAT_MIN) = 32768;     /* SNAT port range, host order */
CONFIG(__u16, NAT_MAX) = 65535;

/* A reply to an address and port this node translated a source to. */
static __always_inline int nodeport_is_nat_reply(const struct flow4 *f)
{
	if (f->proto != IPPROTO_TCP && f->proto != IPPROTO_UDP)
		return 0;
	if (f->daddr != IPV4_GATEWAY && f->daddr != IPV4_NODEPORT)
		return 0;
	__u16 port = bpf_ntohs(f->dport);
	return port >= NAT_MIN && port <= NAT_MAX;
}

/* A packet from outside the node (`src`: its identity): load-balanced when it is for a
 * routable frontend, sent back to its client through slot 17 when it is the reply of a
 * flow the node translated. Sets `*done` and returns the verdict when it took the packet;
 * else the caller goes on with it. `from_netdev`: it arrived on a native device (its
 * source MAC is the client's). */
static __always_inline int nodeport_lb4(struct __sk_buff *skb, struct flow4 *f, __u32 src, int from_netdev,
					int *done)
{
	*done = 1;
	struct lb4_service *svc = lb4_lookup_service(f);
	if (!svc) {
		if (nodeport_is_nat_reply(f) && snat_v4_rev_lookup(f)) {
			skb->cb[CB_SRC_LABEL] = src;
			bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_NODEPORT_REVNAT);
			return np_drop(skb, src, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_INGRESS);
		}
		*done = 0;
		return TC_ACT_OK;
	}
	if (!(svc->flags & SVC_FLAG_ROUTABLE))
		return np_drop(skb, src, 0, 0, DROP_IS_CLUSTER_IP, METRIC_INGRESS);
	__be16 rev_nat = 0;
	int ret = lb4_local(skb, f, svc, &rev_nat);
	if (ret < 0)
		return np_drop(skb, src, 0, 0, ret, METRIC_INGRESS);
	/* The node's entry of the translated flow: replies find their service by it. */
	struct ct_result ct = ct_lookup4(f, CT_EGRESS, skb->len);
	if (ct.status != CT_ESTABLISHED || ct.rev_nat != rev_nat || !ct.node_port) {
		ret = ct_create4(f, CT_EGRESS, skb->len, src, 0, rev_nat, CT_F_NODE_PORT);
		if (ret < 0)
			return np_drop(skb, src, 0, 0, ret, METRIC_INGRESS);
	}
	struct endpoint_info *ep = lookup_endpoint4(f->daddr);
	if (ep && !(ep->flags & ENDPOINT_F_HOST))
		return __deliver_local(skb, src, ep->sec_id, ep, METRIC_INGRESS, 0, 1);
	if (ep || f->daddr == IPV4_NODEPORT || f->daddr == IPV4_GATEWAY) {
		/* A backend in the host's own namespace: its stack takes the request; the reply
		 * leaves as the frontend in to-netdev (nodeport_rev_dnat_host). */
		count_forward(skb, METRIC_INGRESS);
		return TC_ACT_OK;
	}
	if (from_netdev)
		neigh_record_ip4(skb, f->saddr);
	skb->cb[CB_SRC_LABEL] = src;
	bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_IPV4_NODEPORT_NAT);
	return np_drop(skb, src, 0, 0, DROP_MISSED_TAIL_CALL, METRIC_INGRESS);
}

/* The reply `f` of a NodePort flow (by the node's CT entry of it) gets the frontend as its
 * source. 1 when it did, 0 when `f` is no such reply, or a DROP_* reason. */
static __always_inline int nodeport_rev_dnat(struct __sk_buff *skb, struct flow4 *f)
{
	struct ct_result ct = ct_lookup4(f, CT_INGRESS, skb->len);
	if (ct.status != CT_REPLY || !ct.node_port || !ct.rev_nat)
		return 0;
	int ret = lb4_rev_nat(skb, f, ct.rev_nat);
	return ret < 0 ? ret : 1;
}

/* A reply the node's own stack sends (a NodePort backend in the host namespace) leaves
 * as the frontend. Called on the way out of a native device; replies of other flows pass
 * untouched. 0, or a DROP_* reason. */
static __always_inline int nodeport_rev_dnat_host(struct __sk_buff *skb, struct flow4 *f)
{
	if (f->proto != IPPROTO_TCP && f->proto != IPPROTO_UDP)
		return 0;
	if (f->saddr != IPV4_NODEPORT && f->saddr != IPV4_GATEWAY)
		return 0;
	int ret = nodeport_rev_dnat(skb, f);
	return ret < 0 ? ret : 0;
}

/* Slot 15: a NodePort request translated to a remote backend leaves with the node's
 * address as its source. The sender's identity is in cb[CB_SRC_LABEL]. */
__section("classifier/nodeport_nat")
int tail_nodeport_nat_ipv4(struct __sk_buff *skb)
{
	__u32 src = skb->cb[CB_SRC_LABEL];
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return np_drop(skb, src, 0, 0, ret, METRIC_INGRESS);
	struct remote_endpoint_info *info = ipcache_lookup4(f.daddr);
	__u32 dst_id = info ? info->sec_identity : WORLD_ID;
	__be32 tep = tunnel_endpoint4(info, f.daddr, IPV4_MASK);
	__be32 nat_addr = tep ? IPV4_GATEWAY : IPV4_NODEPORT;
	if (!nat_addr)
		return np_drop(skb, src, dst_id, 0, DROP_NAT_NO_MAPPING, METRIC_INGRESS);
	__be16 port = 0;
	ret = snat_v4_mapping(skb, &f, nat_addr, NAT_MIN, NAT_MAX, &port);
	if (ret < 0)
		return np_drop(skb, src, dst_id, 0, ret, METRIC_INGRESS);
	ret = snat_v4_rewrite(skb, &f, 0, nat_addr, port);
	if (ret < 0)
		return np_drop(skb, src, dst_id, 0, ret, METRIC_INGRESS);
	if (tep)
		return deliver_tunnel(skb, tep, src, dst_id, VXLAN_IFINDEX, METRIC_INGRESS);
	ret = fib_redirect4(skb, &f, ttl);
	if (ret < 0)
		return np_drop(skb, src, dst_id, 0, ret, METRIC_INGRESS);
	count_forward(skb, METRIC_INGRESS);
	return ret;
}

/* Slot 17: the reply of a NodePort flow goes back to its client from the frontend. The
 * sender's identity is in cb[CB_SRC_LABEL]. */
__section("classifier/rev_nodeport_lb")
int tail_rev_nodeport_lb4(struct __sk_buff *skb)
{
	__u32 src = skb->cb[CB_SRC_LABEL];
	struct flow4 f = {};
	__u8 ttl = 0;
	int ret = parse_ipv4(skb, &f, &ttl);
	if (ret < 0)
		return np_drop(skb, src, WORLD_ID, 0, ret, METRIC_EGRESS);
	struct ipv4_nat_entry *nat = nodeport_is_nat_reply(&f) ? snat_v4_rev_lookup(&f) : 0;
	if (nat) {
		ret = snat_v4_rewrite(skb, &f, 1, nat->to_addr, nat->to_port);
		if (ret < 0)
			return np_drop(skb, src, WORLD_ID, 0, ret, METRIC_EGRESS);
	}
	ret = nodeport_rev_dnat(skb, &f);
	if (ret <= 0)
		return np_drop(skb, src, WORLD_ID, 0, ret < 0 ? ret : DROP_NAT_NO_MAPPING, METRIC_EGRESS);
	ret = fib_redirect4(skb, &f, ttl);
	if (ret < 0)
		return np_drop(skb, src, WORLD_ID, 0, ret, METRIC_EGRESS);
	count_forward(skb, METRIC_EGRESS);
	return ret;
}
