/* SPDX-License-Identifier: Apache-2.0 */
/* signal.h: datapath -> agent signals. Defines the perf event array cilium_signals and
 * struct signal_msg (v1.16: signal number, then the protocol; 8 bytes a sample); provides
 * send_signal_nat_fill_up. Rust peer: src/events/signal.rs (`monitor --signals`). */
#pragma once

#include "maps.h"

#define SIGNAL_NAT_FILL_UP 0
#define SIGNAL_CT_FILL_UP 1
#define SIGNAL_PROTO_V4 0

struct signal_msg {
	__u32 signal_nr;
	__u32 proto;
};
_Static_assert(sizeof(struct signal_msg) == 8, "signal_msg");

/* max_entries is set to the number of possible CPUs at load. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(pinning, PIN_BY_NAME);
} cilium_signals __section(".maps");

static __always_inline void send_signal(struct __sk_buff *skb, __u32 nr)
{
	struct signal_msg msg = { .signal_nr = nr, .proto = SIGNAL_PROTO_V4 };
	bpf_perf_event_output(skb, &cilium_signals, BPF_F_CURRENT_CPU, &msg, sizeof(msg));
}
