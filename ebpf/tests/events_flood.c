/* SPDX-License-Identifier: Apache-2.0 */
/* events_flood.c: a test program, run through BPF_PROG_TEST_RUN by the monitor tests and
 * benchmark. Each run writes one drop_notify (Policy denied, source endpoint 4242,
 * identities 1 -> 2, file bpf_lxc.c line 7, ifindex 1) with the packet head to
 * cilium_events, so produced = runs (less any output the kernel refused, counted in
 * flood_refused), and the reader must account for every one as received or lost. Not part
 * of the datapath. */

#define THIS_FILE FILE_BPF_LXC

#include "lib/common.h"
#include "lib/events.h"
/* For their maps only: like the datapath objects, this one carries every global map. */
#include "lib/tailcall.h"
#include "lib/conntrack.h"
#include "lib/eps.h"
#include "lib/encap.h"

char __license[] __section("license") = "Dual BSD/GPL";

/* Outputs the kernel refused without counting them lost: every error but -ENOSPC (a full
 * ring counts that one and reports it in a PERF_RECORD_LOST). [0] how many, [1] the last
 * error. Such a sample never reached a ring, so no reader can account for it; the tests
 * take it out of "produced" and say so. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __s64);
	__uint(max_entries, 2);
} flood_refused __section(".maps");

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
	long r = send_notify(skb, msg);
	if (r < 0 && r != -28 /* -ENOSPC */) {
		__u32 k = 0;
		__s64 *n = bpf_map_lookup_elem(&flood_refused, &k);
		if (n)
			__sync_fetch_and_add(n, 1);
		k = 1;
		__s64 *e = bpf_map_lookup_elem(&flood_refused, &k);
		if (e)
			*e = r;
	}
	return TC_ACT_SHOT;
}
