/* SPDX-License-Identifier: Apache-2.0 */
/* policy.h: the endpoint's policy verdict from its own cilium_policy_<EPID> (LPM trie,
 * v1.16 keys: identity + direction, then protocol and port by prefix). A rule for the
 * remote identity wins over a rule for any identity (0); a deny entry drops with
 * DROP_POLICY_DENY; no entry drops with DROP_POLICY. Rust peer: src/maps/policy.rs. */
#pragma once

#include "policy_map.h"
#include "drop.h"

static __always_inline int policy_verdict(__u32 remote_id, __u8 egress, __u8 proto, __be16 dport, __u32 len)
{
	struct policy_key key = {
		.lpm_key = { .prefixlen = 64 },
		.sec_label = remote_id,
		.egress = egress,
		.protocol = proto,
		.dport = dport,
	};
	struct policy_entry *e = bpf_map_lookup_elem(&cilium_policy, &key);
	if (!e) {
		key.sec_label = 0;
		e = bpf_map_lookup_elem(&cilium_policy, &key);
	}
	if (!e)
		return DROP_POLICY;
	if (e->flags & POLICY_ENTRY_DENY)
		return DROP_POLICY_DENY;
	__sync_fetch_and_add(&e->packets, 1);
	__sync_fetch_and_add(&e->bytes, len);
	return 0;
}
