/* SPDX-License-Identifier: Apache-2.0 */
/* foreign_tc.c: a tc program of "another loader", for the test that init clears the native
 * devices' hooks of what others left there (seed 2.2.2 step 4; tests/privileged/cluster.rs).
 * It passes every packet and does nothing else. Not part of the datapath. */

#include "lib/common.h"

char __license[] __section("license") = "Dual BSD/GPL";

__section("tc")
int foreign_tc(struct __sk_buff *skb)
{
	return TC_ACT_OK;
}
