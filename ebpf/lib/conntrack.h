/* SPDX-License-Identifier: Apache-2.0 */
/* conntrack.h: connection tracking. Defines struct ipv4_ct_tuple, struct ct_entry and
 * the maps cilium_ct4_global (TCP) and cilium_ct_any4_global (everything else); provides
 * ct_lookup4 and ct_create4 with Cilium's entry semantics. Stored tuples: daddr = original
 * source, saddr = original destination, dport = original destination port, sport =
 * original source port; flags OUT for flows an endpoint opened (egress), IN for flows
 * opened towards it (ingress). Rust peer: src/maps/ct.rs. */
#pragma once

#include "maps.h"
#include "flow.h"
#include "drop.h"

struct ipv4_ct_tuple {
	__be32 daddr;
	__be32 saddr;
	__be16 dport;
	__be16 sport;
	__u8 nexthdr;
	__u8 flags;
} __attribute__((packed));
_Static_assert(sizeof(struct ipv4_ct_tuple) == 14, "ipv4_ct_tuple");

#define TUPLE_F_OUT 0
#define TUPLE_F_IN 1
#define TUPLE_F_RELATED 2
#define TUPLE_F_SERVICE 4

struct ct_entry {
	__u64 reserved0;
	__u64 backend_id;
	__u64 packets;
	__u64 bytes;
	__u32 lifetime;
	__u16 flags; /* CT_F_* below, bit layout of v1.16's bitfield */
	__be16 rev_nat_index;
	__u16 ifindex;
	__u8 tx_flags_seen;
	__u8 rx_flags_seen;
	__u32 src_sec_id;
	__u32 last_tx_report;
	__u32 last_rx_report;
};
_Static_assert(sizeof(struct ct_entry) == 56, "ct_entry");
_Static_assert(__builtin_offsetof(struct ct_entry, lifetime) == 32, "ct_entry.lifetime");
_Static_assert(__builtin_offsetof(struct ct_entry, src_sec_id) == 44, "ct_entry.src_sec_id");

#define CT_F_RX_CLOSING 0x001
#define CT_F_TX_CLOSING 0x002
#define CT_F_SEEN_NON_SYN 0x010
#define CT_F_NODE_PORT 0x020 /* a flow that came in through a NodePort frontend */

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 524288);
	__uint(pinning, PIN_BY_NAME);
} cilium_ct4_global __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 262144);
	__uint(pinning, PIN_BY_NAME);
} cilium_ct_any4_global __section(".maps");

#define CT_EGRESS 0
#define CT_INGRESS 1

/* Lifetimes in seconds (Cilium's defaults). */
#define CT_LIFETIME_TCP 21600
#define CT_LIFETIME_NONTCP 60
#define CT_SYN_TIMEOUT 60
#define CT_CLOSE_TIMEOUT 10
/* Trace aggregation: an established flow is reported at most this often, or when it shows
 * TCP flags it had not shown before (Cilium's monitor aggregation, "medium"). */
#define CT_REPORT_INTERVAL 5

enum ct_status { CT_NEW, CT_ESTABLISHED, CT_REPLY };

/* A lookup's result: the state, whether this packet should be traced, the reverse-NAT
 * index of a load-balanced flow's entry (0: none) and whether it came in through a
 * NodePort frontend. */
struct ct_result {
	enum ct_status status;
	int report;
	__be16 rev_nat;
	__u8 node_port;
};

#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_ACK 0x10

static __always_inline struct ct_entry *ct_get(struct ipv4_ct_tuple *t)
{
	if (t->nexthdr == IPPROTO_TCP)
		return bpf_map_lookup_elem(&cilium_ct4_global, t);
	return bpf_map_lookup_elem(&cilium_ct_any4_global, t);
}

static __always_inline __u32 ct_lifetime(const struct flow4 *f, const struct ct_entry *e)
{
	if (f->proto != IPPROTO_TCP)
		return CT_LIFETIME_NONTCP;
	if ((e->flags & (CT_F_RX_CLOSING | CT_F_TX_CLOSING)) == (CT_F_RX_CLOSING | CT_F_TX_CLOSING) ||
	    (f->tcp_flags & TCP_FLAG_RST))
		return CT_CLOSE_TIMEOUT;
	if (!(e->flags & CT_F_SEEN_NON_SYN))
		return CT_SYN_TIMEOUT;
	return CT_LIFETIME_TCP;
}

/* Accounts a packet on its entry; returns whether a trace report is due. */
static __always_inline int ct_account(struct ct_entry *e, const struct flow4 *f, __u32 len, int reply)
{
	__u32 now = mono_now();
	int report = 0;
	__sync_fetch_and_add(&e->packets, 1);
	__sync_fetch_and_add(&e->bytes, len);
	__u32 *last = reply ? &e->last_rx_report : &e->last_tx_report;
	if (now - *last >= CT_REPORT_INTERVAL) {
		*last = now;
		report = 1;
	}
	if (f->proto == IPPROTO_TCP) {
		__u8 fl = f->tcp_flags;
		__u8 *seen = reply ? &e->rx_flags_seen : &e->tx_flags_seen;
		if ((*seen | fl) != *seen) {
			*seen |= fl;
			report = 1;
		}
		if (fl & ~TCP_FLAG_SYN)
			e->flags |= CT_F_SEEN_NON_SYN;
		if (fl & (TCP_FLAG_FIN | TCP_FLAG_RST))
			e->flags |= reply ? CT_F_RX_CLOSING : CT_F_TX_CLOSING;
		if ((fl & TCP_FLAG_SYN) && !(fl & TCP_FLAG_ACK) && !reply)
			e->flags &= ~(CT_F_RX_CLOSING | CT_F_TX_CLOSING); /* reopened */
	}
	__u32 lifetime = now + ct_lifetime(f, e);
	if (e->lifetime != lifetime)
		e->lifetime = lifetime;
	return report;
}

/* The stored tuple of the flow this packet opens (see the header comment): the packet's
 * source in `daddr`/`sport`, its destination in `saddr`/`dport`. */
static __always_inline struct ipv4_ct_tuple ct_forward_tuple(const struct flow4 *f, int dir)
{
	struct ipv4_ct_tuple t = {
		.daddr = f->saddr,
		.saddr = f->daddr,
		.dport = f->dport,
		.sport = f->sport,
		.nexthdr = f->proto,
		.flags = dir == CT_EGRESS ? TUPLE_F_OUT : TUPLE_F_IN,
	};
	return t;
}

/* Looks the packet up from the point of view `dir` (CT_EGRESS: leaving an endpoint,
 * CT_INGRESS: arriving at one). On a hit the entry is accounted. The flow's own direction
 * is tried first: most packets of a flow go that way. */
static __always_inline struct ct_result ct_lookup4(const struct flow4 *f, int dir, __u32 len)
{
	struct ct_result r = { .status = CT_NEW, .report = 1 };
	struct ipv4_ct_tuple t = ct_forward_tuple(f, dir);
	struct ct_entry *e = ct_get(&t);
	if (e) {
		r.status = CT_ESTABLISHED;
		r.report = ct_account(e, f, len, 0);
		r.rev_nat = e->rev_nat_index;
		r.node_port = !!(e->flags & CT_F_NODE_PORT);
		return r;
	}
	t.daddr = f->daddr;
	t.saddr = f->saddr;
	t.dport = f->sport;
	t.sport = f->dport;
	t.flags = dir == CT_EGRESS ? TUPLE_F_IN : TUPLE_F_OUT;
	e = ct_get(&t);
	if (e) {
		r.status = CT_REPLY;
		r.report = ct_account(e, f, len, 1);
		r.rev_nat = e->rev_nat_index;
		r.node_port = !!(e->flags & CT_F_NODE_PORT);
	}
	return r;
}

/* Creates the entry of a new flow; `rev_nat` is the reverse-NAT index of a flow to a
 * service (network order, 0: none), `flags` CT_F_* it starts with. 0 or
 * DROP_CT_CREATE_FAILED. */
static __always_inline int ct_create4(const struct flow4 *f, int dir, __u32 len, __u32 src_identity,
				      __u32 ifindex, __be16 rev_nat, __u16 flags)
{
	struct ipv4_ct_tuple t = ct_forward_tuple(f, dir);
	struct ct_entry e = {
		.flags = flags,
		.rev_nat_index = rev_nat,
		.packets = 1,
		.bytes = len,
		.src_sec_id = src_identity,
		.ifindex = (__u16)ifindex,
		.last_tx_report = mono_now(),
	};
	if (f->proto == IPPROTO_TCP) {
		e.tx_flags_seen = f->tcp_flags;
		if (f->tcp_flags & ~TCP_FLAG_SYN)
			e.flags |= CT_F_SEEN_NON_SYN;
	}
	e.lifetime = mono_now() + ct_lifetime(f, &e);
	long err;
	if (f->proto == IPPROTO_TCP)
		err = bpf_map_update_elem(&cilium_ct4_global, &t, &e, BPF_ANY);
	else
		err = bpf_map_update_elem(&cilium_ct_any4_global, &t, &e, BPF_ANY);
	return err ? DROP_CT_CREATE_FAILED : 0;
}
