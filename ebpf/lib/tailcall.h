/* SPDX-License-Identifier: Apache-2.0 */
/* tailcall.h: the tail-call maps and slots. cilium_calls is the object's own calls map
 * (pinned per device at load; the endpoints' shared copy keeps one beside its programs,
 * <bpffs>/ciliumrs/bpf_lxc_<hash>/cilium_calls), sized as Cilium v1.16 (CILIUM_CALL_SIZE);
 * cilium_call_policy holds every endpoint's handle_policy program by endpoint id. Slot
 * numbers are the seed's: 1 drop notify, 6 ARP, 7 IPv4 from netdev/overlay, 15 NodePort
 * NAT, 17 NodePort rev-NAT, 22 IPv4 from host. Rust peer: src/datapath/slots.rs and the
 * CALLS specs of src/maps/spec.rs, checked by tests/ebpf_objects.rs. */
#pragma once

#include "maps.h"

#define CILIUM_CALL_DROP_NOTIFY 1
#define CILIUM_CALL_ARP 6
#define CILIUM_CALL_IPV4_FROM_LXC 7
#define CILIUM_CALL_IPV4_NODEPORT_NAT 15
#define CILIUM_CALL_IPV4_NODEPORT_REVNAT 17
#define CILIUM_CALL_IPV4_FROM_HOST 22
#define CILIUM_CALL_SIZE 50

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(max_entries, 65535);
	__uint(pinning, PIN_BY_NAME);
} cilium_call_policy __section(".maps");

/* Pinned by the loader as cilium_calls_hostns_<EPID>, _netdev_<ifindex>, _overlay_2, or in
 * the endpoints' shared copy's directory. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(max_entries, CILIUM_CALL_SIZE);
} cilium_calls __section(".maps");
