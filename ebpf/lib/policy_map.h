/* SPDX-License-Identifier: Apache-2.0 */
/* policy_map.h: the endpoint's own policy map (pinned as cilium_policy_<EPID>). Only
 * objects of endpoints with policy include it. Rust peer: src/maps/policy.rs. */
#pragma once

#include "maps.h"

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct policy_key);
	__type(value, struct policy_entry);
	__uint(max_entries, 16384);
	__uint(map_flags, NO_PREALLOC);
} cilium_policy __section(".maps");
