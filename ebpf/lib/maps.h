/* SPDX-License-Identifier: Apache-2.0 */
/* maps.h: the conventions every map definition follows. Each concern's header defines its
 * own maps (conntrack.h, eps.h, encap.h, events.h, policy_map.h, tailcall.h), BTF-defined
 * with the Cilium v1.16 layouts; global maps are pinned by name under <bpffs>/tc/globals,
 * per-endpoint maps (cilium_calls, cilium_policy) get their pin names at load time.
 * Provides PIN_BY_NAME and NO_PREALLOC. Rust peer: the spec table src/maps/spec.rs;
 * tests/ebpf_objects.rs checks each object's definitions against it. */
#pragma once

#include "common.h"

#define PIN_BY_NAME 1 /* LIBBPF_PIN_BY_NAME */
#define NO_PREALLOC 1 /* BPF_F_NO_PREALLOC */
