/* SPDX-License-Identifier: Apache-2.0 */
/* deliver.h: handing a packet to a local endpoint (its handle_policy program in
 * cilium_call_policy, which applies its ingress policy and delivers) and to another node
 * (the VXLAN tunnel key, the source identity in the VNI). Used by every object. */
#pragma once

#include "drop.h"
#include "trace.h"
#include "eps.h"

/* Tail-calls the endpoint's policy program; returns only when that slot is empty.
 * `at_egress`: the caller runs at a tc egress hook, where the policy program cannot hand
 * the packet straight to the pod's interface (bpf_redirect_peer works from ingress only). */
static __always_inline int deliver_local(struct __sk_buff *skb, __u32 src_identity, __u32 dst_identity,
					 const struct endpoint_info *ep, __u8 dir, int at_egress)
{
	__u32 dst_ep = ep->lxc_id;
	skb->cb[CB_SRC_LABEL] = src_identity;
	skb->cb[CB_FROM_EGRESS] = at_egress;
	bpf_tail_call(skb, &cilium_call_policy, dst_ep);
	return send_drop(skb, src_identity, dst_identity, dst_ep, DROP_MISSED_TAIL_CALL, dir);
}

/* Sets the tunnel key towards `tep` (network order) and redirects to the VXLAN device. */
static __always_inline int deliver_tunnel(struct __sk_buff *skb, __be32 tep, __u32 src_identity,
					  __u32 dst_identity, __u32 vxlan_ifindex, __u8 dir)
{
	if (!vxlan_ifindex)
		return send_drop(skb, src_identity, dst_identity, 0, DROP_NO_TUNNEL_ENDPOINT, dir);
	struct bpf_tunnel_key key = {
		.remote_ipv4 = bpf_ntohl(tep),
		.tunnel_id = src_identity,
		.tunnel_ttl = 64,
	};
	if (bpf_skb_set_tunnel_key(skb, &key, sizeof(key), BPF_F_ZERO_CSUM_TX) < 0)
		return send_drop(skb, src_identity, dst_identity, 0, DROP_WRITE_ERROR, dir);
	skb->mark = (skb->mark & ~MARK_MAGIC_MASK) | MARK_MAGIC_ENCAP;
	count_forward(skb, dir);
	return bpf_redirect(vxlan_ifindex, 0);
}
