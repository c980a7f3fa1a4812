/* SPDX-License-Identifier: Apache-2.0 */
/* deliver.h: handing a packet to a local endpoint (deliver_local: its handle_policy
 * program in cilium_call_policy, which applies its ingress policy and delivers) and to
 * another node (deliver_tunnel: the tunnel key of encap.h, then the VXLAN device). Used by
 * every object. Rust peer: none. */
#pragma once

#include "drop.h"
#include "trace.h"
#include "tailcall.h"
#include "eps.h"
#include "encap.h"

/* Tail-calls the endpoint's policy program; returns only when that slot is empty.
 * `at_egress`: the caller runs at a tc egress hook, where the policy program cannot hand
 * the packet straight to the pod's interface (bpf_redirect_peer works from ingress only).
 * `node_port`: the packet came in through a NodePort frontend (its replies go back
 * through slot 17). */
static __always_inline int __deliver_local(struct __sk_buff *skb, __u32 src_identity, __u32 dst_identity,
					   const struct endpoint_info *ep, __u8 dir, int at_egress, int node_port)
{
	__u32 dst_ep = ep->lxc_id;
	skb->cb[CB_SRC_LABEL] = src_identity;
	skb->cb[CB_FROM_EGRESS] = at_egress;
	skb->cb[CB_NODEPORT] = node_port;
	skb->cb[CB_DELIVER_IFINDEX] = ep->ifindex;
	bpf_tail_call(skb, &cilium_call_policy, dst_ep);
	return send_drop(skb, src_identity, dst_identity, dst_ep, DROP_MISSED_TAIL_CALL, dir);
}

#define deliver_local(skb, src, dst, ep, dir, at_egress) __deliver_local(skb, src, dst, ep, dir, at_egress, 0)

/* Sets the tunnel key towards `tep` (network order) and redirects to the VXLAN device. */
static __always_inline int deliver_tunnel(struct __sk_buff *skb, __be32 tep, __u32 src_identity,
					  __u32 dst_identity, __u32 vxlan_ifindex, __u8 dir)
{
	if (!vxlan_ifindex)
		return send_drop(skb, src_identity, dst_identity, 0, DROP_NO_TUNNEL_ENDPOINT, dir);
	int ret = set_tunnel_key4(skb, tep, src_identity);
	if (ret < 0)
		return send_drop(skb, src_identity, dst_identity, 0, ret, dir);
	skb->mark = (skb->mark & ~MARK_MAGIC_MASK) | MARK_MAGIC_ENCAP;
	count_forward(skb, dir);
	return bpf_redirect(vxlan_ifindex, 0);
}
