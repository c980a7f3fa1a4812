/* SPDX-License-Identifier: Apache-2.0 */
/* events.h: the notification structs written to cilium_events (v1.16 layouts) and the
 * capture length. Rust peer: src/events (decoders come with `ciliumrs monitor`). */
#pragma once

#include "maps.h"

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

static __always_inline __u64 capture_len(const struct __sk_buff *skb)
{
	__u64 len = skb->len;
	return len < TRACE_PAYLOAD_LEN ? len : TRACE_PAYLOAD_LEN;
}
