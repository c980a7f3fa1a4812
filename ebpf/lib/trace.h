/* SPDX-License-Identifier: Apache-2.0 */
/* trace.h: trace notifications at forwarding points (observation points and trace
 * reasons of cilium-abi-v1.10-and-newest.md §3.4), and forward metrics. */
#pragma once

#include "drop.h"

#define TRACE_TO_LXC 0
#define TRACE_TO_HOST 2
#define TRACE_TO_STACK 3
#define TRACE_TO_OVERLAY 4
#define TRACE_FROM_LXC 5
#define TRACE_FROM_HOST 7
#define TRACE_FROM_STACK 8
#define TRACE_FROM_OVERLAY 9
#define TRACE_FROM_NETWORK 10
#define TRACE_TO_NETWORK 11

/* Trace reasons = CT state. */
#define TRACE_REASON_NEW 0
#define TRACE_REASON_ESTABLISHED 1
#define TRACE_REASON_REPLY 2
#define TRACE_REASON_RELATED 3

static __always_inline void send_trace(struct __sk_buff *skb, __u8 point, __u16 source, __u32 src,
				       __u32 dst, __u16 dst_id, __u32 ifindex, __u8 reason)
{
	struct trace_notify msg = {
		NOTIFY_CAPTURE_INIT(skb, CILIUM_NOTIFY_TRACE, point, source),
		.src_label = src,
		.dst_label = dst,
		.dst_id = dst_id,
		.reason = reason,
		.ifindex = ifindex,
	};
	send_notify(skb, msg);
}

static __always_inline void count_forward(struct __sk_buff *skb, __u8 dir)
{
	update_metrics(skb->len, dir, 0, 0, 0);
}
