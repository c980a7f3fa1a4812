/* SPDX-License-Identifier: Apache-2.0 */
/* btf_anchors.c: never loaded. Declares one global of each notify struct so that the
 * object's BTF describes them exactly as the datapath's headers define them (locals leave
 * no BTF); tests/ebpf_objects.rs compares them with the offsets the monitor decodes. */

#include "lib/common.h"
#include "lib/events.h"
#include "lib/policy.h"

char __license[] __section("license") = "Dual BSD/GPL";

struct drop_notify btf_drop_notify;
struct trace_notify btf_trace_notify;
struct trace_sock_notify btf_trace_sock_notify;
struct policy_verdict_notify btf_policy_verdict_notify;
