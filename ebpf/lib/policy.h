/* SPDX-License-Identifier: Apache-2.0 */
/* policy.h: the endpoint's policy verdict from its own cilium_policy_<EPID> (LPM trie,
 * v1.16 keys: identity + direction, then protocol and port by prefix), and the
 * policy_verdict_notify it reports to cilium_events.
 *
 * Two lookups, as Cilium v1.16: one for the remote identity, one for any identity (0).
 * Each returns the longest prefix of its identity; the wildcard bits of the entry say how
 * much of the packet it matched. The most specific match wins in Cilium's order:
 * id/proto/port (L3-L4), any/proto/port (L4-Only), id/proto (L3-Proto), any/proto
 * (Proto-Only), id (L3-Only), any (all). The matching entry counts the packet; a deny
 * entry drops with DROP_POLICY_DENY; no entry drops with DROP_POLICY. Every verdict
 * (allowed or not) is reported with its match type; only endpoints that enforce policy in
 * that direction decide (Cilium's per-endpoint verdict filter). Rust peers: src/maps/policy.rs (entries), src/events/decode.rs (the notify). */
#pragma once

#include "policy_map.h"
#include "drop.h"

#define CILIUM_NOTIFY_POLICY_VERDICT 5

#define POLICY_INGRESS 1
#define POLICY_EGRESS 2

#define POLICY_MATCH_NONE 0
#define POLICY_MATCH_L3_ONLY 1
#define POLICY_MATCH_L3_L4 2
#define POLICY_MATCH_L4_ONLY 3
#define POLICY_MATCH_ALL 4
#define POLICY_MATCH_L3_PROTO 5
#define POLICY_MATCH_PROTO_ONLY 6

struct policy_verdict_notify {
	NOTIFY_CAPTURE_HDR
	__u32 remote_label;
	__s32 verdict;
	__u16 dst_port; /* host order */
	__u8 proto;
	__u8 dir:2, ipv6:1, match_type:3, audited:1, pad0:1;
	__u8 auth_type;
	__u8 pad1;
	__u16 pad2;
};
_Static_assert(sizeof(struct policy_verdict_notify) == 32, "policy_verdict_notify");

static __always_inline void send_policy_verdict(struct __sk_buff *skb, __u16 source, __u32 remote_id,
						 __be16 dport, __u8 proto, __u8 dir, __u8 match_type,
						 int verdict, __u8 auth_type)
{
	struct policy_verdict_notify msg = {
		NOTIFY_CAPTURE_INIT(skb, CILIUM_NOTIFY_POLICY_VERDICT, 0, source),
		.remote_label = remote_id,
		.verdict = verdict,
		.dst_port = bpf_ntohs(dport),
		.proto = proto,
		.dir = dir,
		.match_type = match_type,
		.auth_type = auth_type,
	};
	send_notify(skb, msg);
}

/* Which entry decides, and how it matched; NULL when none does. */
static __always_inline struct policy_entry *policy_match(struct policy_entry *id, struct policy_entry *any,
							 __u8 *match_type)
{
	if (id && !(id->flags & POLICY_ENTRY_WILDCARD_DPORT)) {
		*match_type = POLICY_MATCH_L3_L4;
		return id;
	}
	if (any && !(any->flags & POLICY_ENTRY_WILDCARD_DPORT)) {
		*match_type = POLICY_MATCH_L4_ONLY;
		return any;
	}
	if (id && !(id->flags & POLICY_ENTRY_WILDCARD_PROTO)) {
		*match_type = POLICY_MATCH_L3_PROTO;
		return id;
	}
	if (any && !(any->flags & POLICY_ENTRY_WILDCARD_PROTO)) {
		*match_type = POLICY_MATCH_PROTO_ONLY;
		return any;
	}
	if (id) {
		*match_type = POLICY_MATCH_L3_ONLY;
		return id;
	}
	*match_type = any ? POLICY_MATCH_ALL : POLICY_MATCH_NONE;
	return any;
}

/* The verdict for a new flow of endpoint `source` by its policy map `policy` (NULL: the
 * endpoint has none, which allows nothing): 0 allowed, or a drop reason. */
static __always_inline int policy_verdict(struct __sk_buff *skb, void *policy, __u16 source, __u32 remote_id,
					  __u8 egress, __u8 proto, __be16 dport)
{
	struct policy_key key = {
		.lpm_key = { .prefixlen = 64 },
		.sec_label = remote_id,
		.egress = egress,
		.protocol = proto,
		.dport = dport,
	};
	struct policy_entry *id = 0, *any = 0;
	if (policy) {
		id = bpf_map_lookup_elem(policy, &key);
		key.sec_label = 0;
		any = bpf_map_lookup_elem(policy, &key);
	}
	__u8 match_type = POLICY_MATCH_NONE;
	struct policy_entry *e = policy_match(id, any, &match_type);
	__u8 dir = egress ? POLICY_EGRESS : POLICY_INGRESS;
	int ret = 0;
	__u8 auth_type = 0;
	if (!e) {
		ret = DROP_POLICY;
	} else {
		/* As Cilium: the matching entry counts the packet, deny entries included. */
		__sync_fetch_and_add(&e->packets, 1);
		__sync_fetch_and_add(&e->bytes, skb->len);
		if (e->flags & POLICY_ENTRY_DENY)
			ret = DROP_POLICY_DENY;
		else
			auth_type = e->auth_type;
	}
	send_policy_verdict(skb, source, remote_id, dport, proto, dir, match_type, ret, auth_type);
	return ret;
}
