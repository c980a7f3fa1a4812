/* SPDX-License-Identifier: Apache-2.0 */
/* events_flood.c: a test program, run through BPF_PROG_TEST_RUN by the monitor tests and
 * benchmark. Each run writes one drop_notify (Policy denied, source endpoint 4242,
 * identities 1 -> 2, file bpf_lxc.c line 7, ifindex 1) with the packet head to
 * cilium_events, so produced = runs, and the reader must account for every one as
 * received or lost. Not part of the datapath. */

#define THIS_FILE FILE_BPF_LXC

#include "lib/common.h"
#include "lib/events.h"
/* For their maps only: like the datapath objects, this one carries every global map. */
#include "lib/tailcall.h"
#include "lib/conntrack.h"
#include "lib/eps.h"
#include "lib/encap.h"

char __license[] __section("license") = "Dual BSD/GPL";

__section("classifier/flood")
int events_flood(struct __sk_buff *skb)
{
	struct drop_notify msg = {
		.type = CILIUM_NOTIFY_DROP,
		.subtype = 133,
		.source = 4242,
		.hash = 0x5eed,
		.len_orig = skb->len,
		.len_cap = (__u16)capture_len(skb),
		.version = NOTIFY_CAPTURE_VER,
		.src_label = 1,
		.dst_label = 2,
		.dst_id = 4242,
		.line = 7,
		.file = THIS_FILE,
		.ifindex = 1,
	};
	send_notify(skb, msg);
	return TC_ACT_SHOT;
}
