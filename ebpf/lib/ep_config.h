/* SPDX-License-Identifier: Apache-2.0 */
/* ep_config.h: how the shared bpf_lxc programs know which endpoint a packet belongs to.
 * bpf_lxc.o is loaded and verified once per node; every endpoint runs the same programs
 * and finds its own configuration at run time:
 * - ciliumrs_ep_config: host-side veth ifindex -> struct ep_config (id, identity, address,
 *   MACs, enforcement, tracing). from-container keys it by skb->ifindex; the policy program by the
 *   ifindex the sender put in cb[CB_DELIVER_IFINDEX] (from the endpoint's cilium_lxc entry).
 * - ciliumrs_ep_policy: endpoint id -> the endpoint's own cilium_policy_<EPID> (Cilium
 *   v1.16's LPM layout), an array of maps, so per-endpoint policy maps stay as Cilium's.
 * Both are ours (Cilium compiles this configuration into each endpoint's object), pinned
 * under <bpffs>/tc/globals. Rust peers: src/datapath/template.rs, src/maps/spec.rs. */
#pragma once

#include "maps.h"
#include "policy_map.h"

#define EP_F_ENFORCE_INGRESS 1 /* ingress allows only what the policy map allows */
#define EP_F_ENFORCE_EGRESS 2  /* egress likewise */
#define EP_F_TRACE 4           /* trace notifications at forwarding points */

struct ep_config {
	__u32 ifindex;       /* host-side veth */
	__u32 sec_label;     /* endpoint identity */
	__be32 ipv4;         /* endpoint address */
	__u16 lxc_id;        /* endpoint id */
	__u8 flags;          /* EP_F_* */
	__u8 pad0;
	__u8 mac[6];         /* endpoint (pod-side) MAC */
	__u8 node_mac[6];    /* host-side veth MAC */
	__u32 pad1;
};
_Static_assert(sizeof(struct ep_config) == 32, "ep_config");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct ep_config);
	__uint(max_entries, 65535);
	__uint(pinning, PIN_BY_NAME);
} ciliumrs_ep_config __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(key_size, 4);
	__uint(max_entries, 65536);
	__uint(pinning, PIN_BY_NAME);
	__array(values, struct policy_map_def);
} ciliumrs_ep_policy __section(".maps");

static __always_inline const struct ep_config *ep_config_of(__u32 ifindex)
{
	return bpf_map_lookup_elem(&ciliumrs_ep_config, &ifindex);
}
