/* SPDX-License-Identifier: Apache-2.0 */
/* xdp_drop.c: the floor of the BPF_PROG_TEST_RUN harness, the anchor of the datapath
 * benchmark (benches/datapath.rs): an XDP program that drops every packet and does nothing
 * else. Not part of the datapath. */

#include "lib/common.h"

char __license[] __section("license") = "Dual BSD/GPL";

__section("xdp")
int xdp_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}
