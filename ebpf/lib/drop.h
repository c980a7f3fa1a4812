/* SPDX-License-Identifier: Apache-2.0 */
/* drop.h: drop reasons, metrics, and the drop path: bump cilium_metrics, then tail call
 * slot 1 (__send_drop_notify) which writes a drop_notify with the packet head to
 * cilium_events and drops. Reason numbers and the texts in the comments are checked
 * against src/codes/reasons.rs by tests/ebpf_objects.rs. */
#pragma once

#include "events.h"
#include "tailcall.h"

#define DROP_INVALID_SIP -132      /* Invalid source ip */
#define DROP_POLICY -133           /* Policy denied */
#define DROP_INVALID -134          /* Invalid packet */
#define DROP_CT_INVALID_HDR -135   /* CT: Truncated or invalid header */
#define DROP_CT_UNKNOWN_PROTO -137 /* CT: Unknown L4 protocol */
#define DROP_UNKNOWN_L3 -139       /* Unsupported L3 protocol */
#define DROP_MISSED_TAIL_CALL -140 /* Missed tail call */
#define DROP_WRITE_ERROR -141      /* Error writing to packet */
#define DROP_UNKNOWN_TARGET -150   /* Unknown L3 target address */
#define DROP_CSUM_L3 -153          /* Error while correcting L3 checksum */
#define DROP_CSUM_L4 -154          /* Error while correcting L4 checksum */
#define DROP_CT_CREATE_FAILED -155 /* CT: Map insertion failed */
#define DROP_FRAG_NOSUPPORT -157   /* IP fragmentation not supported */
#define DROP_NO_SERVICE -158       /* Service backend not found */
#define DROP_NO_TUNNEL_ENDPOINT -160 /* No tunnel/encapsulation endpoint (datapath BUG!) */
#define DROP_NAT_NO_MAPPING -167   /* No mapping for NAT masquerade */
#define DROP_FIB_LOOKUP -169       /* FIB lookup failed */
#define DROP_IS_CLUSTER_IP -174    /* Is a ClusterIP */
#define DROP_FRAG_NOT_FOUND -175   /* First logical datagram fragment not found */
#define DROP_POLICY_DENY -181      /* Policy denied by denylist */

/* Drops the packet: metrics now, notification from the tail call. Returns the verdict. */
static __always_inline int __drop(struct __sk_buff *skb, __u32 src, __u32 dst, __u32 dst_id,
				  int reason, __u8 dir, __u16 line, __u8 file)
{
	__u8 r = (__u8)(-reason);
	update_metrics(skb->len, dir, r, line, file);
	skb->cb[CB_SRC_LABEL] = src;
	skb->cb[CB_DST_LABEL] = dst;
	skb->cb[CB_REASON] = r | ((__u32)dir << 8); /* the direction: see drop_dir() */
	skb->cb[CB_DST_ID] = dst_id;
	skb->cb[CB_LINE_FILE] = ((__u32)line << 8) | file;
	bpf_tail_call(skb, &cilium_calls, CILIUM_CALL_DROP_NOTIFY);
	return TC_ACT_SHOT;
}

#define send_drop(skb, src, dst, dst_id, reason, dir) \
	__drop(skb, src, dst, dst_id, reason, dir, __LINE__, THIS_FILE)

/* The metrics direction of the drop slot 1 reports (METRIC_INGRESS, METRIC_EGRESS). */
static __always_inline __u8 drop_dir(const struct __sk_buff *skb)
{
	return (__u8)(skb->cb[CB_REASON] >> 8);
}

/* Slot 1: writes the drop_notify; `source` is this object's endpoint id. */
static __always_inline int send_drop_notify_tail(struct __sk_buff *skb, __u16 source)
{
	struct drop_notify msg = {
		NOTIFY_CAPTURE_INIT(skb, CILIUM_NOTIFY_DROP, (__u8)skb->cb[CB_REASON], source),
		.src_label = skb->cb[CB_SRC_LABEL],
		.dst_label = skb->cb[CB_DST_LABEL],
		.dst_id = skb->cb[CB_DST_ID],
		.line = (__u16)(skb->cb[CB_LINE_FILE] >> 8),
		.file = (__u8)skb->cb[CB_LINE_FILE],
		.ifindex = skb->ingress_ifindex ? skb->ingress_ifindex : skb->ifindex,
	};
	send_notify(skb, msg);
	return TC_ACT_SHOT;
}
