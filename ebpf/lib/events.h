/* SPDX-License-Identifier: Apache-2.0 */
/* events.h: what the datapath reports. cilium_events (perf event array) with the
 * notification structs written to it (v1.16 layouts) and the capture length;
 * cilium_metrics (per-CPU counters by reason, direction, line and file) with its key and
 * value and the METRIC_* directions. Rust peers: src/events (the monitor's decoders),
 * src/maps/metrics.rs. */
#pragma once

#include "maps.h"

#define METRIC_INGRESS 1
#define METRIC_EGRESS 2

struct metrics_key {
	__u8 reason;
	__u8 dir; /* bits 0-1 */
	__u16 line;
	__u8 file;
	__u8 reserved[3];
};
_Static_assert(sizeof(struct metrics_key) == 8, "metrics_key");

struct metrics_value {
	__u64 count;
	__u64 bytes;
};
_Static_assert(sizeof(struct metrics_value) == 16, "metrics_value");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, struct metrics_key);
	__type(value, struct metrics_value);
	__uint(max_entries, 1024);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_metrics __section(".maps");

/* Counts one packet (or socket operation, bytes 0) under `reason` and `dir`. */
static __always_inline void update_metrics(__u64 bytes, __u8 dir, __u8 reason, __u16 line, __u8 file)
{
	struct metrics_key key = { .reason = reason, .dir = dir, .line = line, .file = file };
	struct metrics_value *v = bpf_map_lookup_elem(&cilium_metrics, &key);
	if (v) {
		v->count += 1; /* per-CPU value: no atomics needed */
		v->bytes += bytes;
	} else {
		struct metrics_value init = { .count = 1, .bytes = bytes };
		bpf_map_update_elem(&cilium_metrics, &key, &init, BPF_ANY);
	}
}

/* max_entries is set to the number of possible CPUs at load. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(pinning, PIN_BY_NAME);
} cilium_events __section(".maps");

#define CILIUM_NOTIFY_DROP 1
#define CILIUM_NOTIFY_TRACE 4
#define NOTIFY_CAPTURE_VER 1
#define TRACE_PAYLOAD_LEN 128ULL

#define NOTIFY_CAPTURE_HDR \
	__u8 type;         \
	__u8 subtype;      \
	__u16 source;      \
	__u32 hash;        \
	__u32 len_orig;    \
	__u16 len_cap;     \
	__u16 version;

struct drop_notify {
	NOTIFY_CAPTURE_HDR
	__u32 src_label;
	__u32 dst_label;
	__u32 dst_id;
	__u16 line;
	__u8 file;
	__s8 ext_error;
	__u32 ifindex;
};
_Static_assert(sizeof(struct drop_notify) == 36, "drop_notify");

struct trace_notify {
	NOTIFY_CAPTURE_HDR
	__u32 src_label;
	__u32 dst_label;
	__u16 dst_id;
	__u8 reason;
	__u8 flags; /* bit 0: ipv6 */
	__u32 ifindex;
	__be32 orig_ip4;
	__u32 orig_pad1;
	__u32 orig_pad2;
	__u32 orig_pad3;
};
_Static_assert(sizeof(struct trace_notify) == 48, "trace_notify");

/* What the socket load balancer reports of one translation (no packet): where in it
 * (XLATE_*), the address before or after, the socket, its cgroup. */
#define CILIUM_NOTIFY_TRACE_SOCK 7
#define XLATE_PRE_DIRECTION_FWD 1
#define XLATE_POST_DIRECTION_FWD 2
#define XLATE_PRE_DIRECTION_REV 3
#define XLATE_POST_DIRECTION_REV 4

struct trace_sock_notify {
	__u8 type;
	__u8 xlate_point;
	__be32 dst_ip[4]; /* an IPv4 address in the first word */
	__be16 dst_port;
	__u64 sock_cookie;
	__u64 cgroup_id;
	__u8 l4_proto;
	__u8 flags; /* bit 0: ipv6 */
} __attribute__((packed));
_Static_assert(sizeof(struct trace_sock_notify) == 38, "trace_sock_notify");

static __always_inline __u64 capture_len(const struct __sk_buff *skb)
{
	__u64 len = skb->len;
	return len < TRACE_PAYLOAD_LEN ? len : TRACE_PAYLOAD_LEN;
}

/* The capture header of a notification about `skb`, as designated initializers. */
#define NOTIFY_CAPTURE_INIT(skb, msg_type, msg_subtype, msg_source) \
	.type = (msg_type), .subtype = (msg_subtype), .source = (msg_source), \
	.hash = bpf_get_hash_recalc(skb), .len_orig = (skb)->len, \
	.len_cap = (__u16)capture_len(skb), .version = NOTIFY_CAPTURE_VER

/* Sends notification `msg` with the first capture_len(skb) bytes of the packet. */
#define send_notify(skb, msg) \
	bpf_perf_event_output(skb, &cilium_events, (capture_len(skb) << 32) | BPF_F_CURRENT_CPU, &(msg), \
			      sizeof(msg))
