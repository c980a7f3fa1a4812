/* SPDX-License-Identifier: Apache-2.0 */
/* flow.h: struct flow4, what the datapath knows of a packet's flow (filled by parse_ipv4
 * in l3.h, read by conntrack.h and the programs). Rust peer: none, it never leaves the
 * datapath. */
#pragma once

#include "common.h"

struct flow4 {
	__be32 saddr;
	__be32 daddr;
	__be16 sport;
	__be16 dport;
	__u8 proto;
	__u8 tcp_flags;
	__u16 l4_off; /* offset of the L4 header in the packet; 0: none (a later fragment) */
};
