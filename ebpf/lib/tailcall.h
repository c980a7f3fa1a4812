/* SPDX-License-Identifier: Apache-2.0 */
/* tailcall.h: tail-call slot numbers of our calls maps (the seed's: 1 drop notify,
 * 6 ARP, 7 IPv4 from netdev/overlay, 15 NodePort NAT, 17 NodePort rev-NAT, 22 IPv4 from
 * host). Rust peer: src/datapath/slots.rs, checked by a test. */
#pragma once

#define CILIUM_CALL_DROP_NOTIFY 1
#define CILIUM_CALL_ARP 6
#define CILIUM_CALL_IPV4_FROM_LXC 7
#define CILIUM_CALL_IPV4_NODEPORT_NAT 15
#define CILIUM_CALL_IPV4_NODEPORT_REVNAT 17
#define CILIUM_CALL_IPV4_FROM_HOST 22
#define CILIUM_CALL_SIZE 25
