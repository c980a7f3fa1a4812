/* SPDX-License-Identifier: Apache-2.0 */
/* lb.h: per-packet service load balancing (ClusterIP from a pod, as Cilium v1.16 does with
 * socket LB off), over the service maps of lb_svc.h. Provides lb4_lookup_service, lb4_local
 * (backend choice kept in a CT service entry and, with affinity, per client address, then
 * DNAT) and lb4_rev_nat (the reply's source back to the service). Rust peer:
 * src/maps/lb.rs. */
#pragma once

#include "maps.h"
#include "flow.h"
#include "drop.h"
#include "csum.h"
#include "conntrack.h"
#include "lb_svc.h"

/* The source a pod's packets to its own service carry after translation (hairpin), so
 * that its replies come back through the datapath: Cilium's IPV4_LOOPBACK default,
 * 169.254.42.1 (--ipv4-service-loopback-address). */
#define IPV4_LOOPBACK bpf_htonl(0xa9fe2a01)

/* The master entry of the service the packet is addressed to; TCP and UDP only (ICMP to a
 * service address is not load-balanced, as in Cilium). */
static __always_inline struct lb4_service *lb4_lookup_service(const struct flow4 *f)
{
	if (f->proto != IPPROTO_TCP && f->proto != IPPROTO_UDP)
		return 0;
	return lb4_service_lookup(f->daddr, f->dport);
}

/* The affinity key of the packet's client. NB: the union is zeroed whole first: a
 * designated initializer of its 4-byte member would leave the other 4 bytes undefined. */
static __always_inline struct lb4_affinity_key lb4_affinity_key_of(const struct flow4 *f,
								   const struct lb4_service *svc)
{
	struct lb4_affinity_key key = {};
	key.client_cookie = 0;
	key.client_ip = f->saddr;
	key.rev_nat_id = svc->rev_nat_index;
	return key;
}

/* A backend for a new flow of `svc`: the client's affine one, else a random active one. */
static __always_inline struct lb4_backend *lb4_select_backend(const struct flow4 *f,
							      const struct lb4_service *svc, __u32 *id)
{
	struct lb4_affinity_key aff = lb4_affinity_key_of(f, svc);
	return lb4_pick_backend(f->daddr, f->dport, svc, &aff, bpf_get_prandom_u32(), id);
}

/* The CT service entry's key: the packet's tuple with TUPLE_F_SERVICE, service in daddr. */
static __always_inline struct ipv4_ct_tuple lb4_svc_tuple(const struct flow4 *f)
{
	struct ipv4_ct_tuple t = {
		.daddr = f->daddr,
		.saddr = f->saddr,
		.dport = f->sport,
		.sport = f->dport,
		.nexthdr = f->proto,
		.flags = TUPLE_F_SERVICE,
	};
	return t;
}

/* Sends the packet of `f` to a backend of `svc`: the flow keeps the backend its CT service
 * entry names (a new flow, or one whose backend is gone or no longer active on a SYN,
 * gets a random active one); then the destination is rewritten with its checksums and
 * `f` follows. `rev_nat` gets the service's reverse-NAT index. 0, or a DROP_* reason. */
static __always_inline int lb4_local(struct __sk_buff *skb, struct flow4 *f, const struct lb4_service *svc,
				     __be16 *rev_nat)
{
	struct ipv4_ct_tuple t = lb4_svc_tuple(f);
	struct ct_entry *e = ct_get(&t);
	struct lb4_backend *be = 0;
	__u32 id = 0;
	*rev_nat = svc->rev_nat_index;
	if (e && e->rev_nat_index == svc->rev_nat_index) {
		id = (__u32)e->backend_id;
		be = bpf_map_lookup_elem(&cilium_lb4_backends_v3, &id);
		/* Flows on a backend that is leaving keep going; a new connection does not. */
		int syn = (f->tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN;
		if (be && be->flags != BACKEND_STATE_ACTIVE && syn)
			be = 0;
		if (be) {
			/* No counters here: the translated flow's own entry counts the packets.
			 * The service entry only lives as long as the flow, and ends with the
			 * client's FIN or RST (it sees only that side). */
			__u32 now = mono_now();
			__u32 lifetime;
			if (f->tcp_flags & (TCP_FLAG_FIN | TCP_FLAG_RST))
				e->flags |= CT_F_TX_CLOSING;
			else if ((f->tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN)
				e->flags &= ~CT_F_TX_CLOSING; /* the client port opens a new connection */
			if (f->proto == IPPROTO_TCP && !(f->tcp_flags & TCP_FLAG_SYN) &&
			    !(e->flags & CT_F_SEEN_NON_SYN))
				e->flags |= CT_F_SEEN_NON_SYN;
			/* A connection that never got past its SYNs keeps the SYN timeout (as
			 * Cilium's service entries): retransmitted SYNs do not buy it 6 hours. */
			if (e->flags & CT_F_TX_CLOSING)
				lifetime = now + CT_CLOSE_TIMEOUT;
			else if (f->proto != IPPROTO_TCP)
				lifetime = now + CT_LIFETIME_NONTCP;
			else if (!(e->flags & CT_F_SEEN_NON_SYN))
				lifetime = now + CT_SYN_TIMEOUT;
			else
				lifetime = now + CT_LIFETIME_TCP;
			if (e->lifetime != lifetime)
				e->lifetime = lifetime;
		} else {
			be = lb4_select_backend(f, svc, &id);
			if (!be)
				return DROP_NO_SERVICE;
			e->backend_id = id;
		}
	} else {
		be = lb4_select_backend(f, svc, &id);
		if (!be)
			return DROP_NO_SERVICE;
		struct ct_entry n = {
			.backend_id = id,
			.packets = 1,
			.bytes = skb->len,
			.rev_nat_index = svc->rev_nat_index,
			.last_tx_report = mono_now(),
		};
		n.lifetime = mono_now() + ct_lifetime(f, &n);
		long err = f->proto == IPPROTO_TCP ? bpf_map_update_elem(&cilium_ct4_global, &t, &n, BPF_ANY)
						   : bpf_map_update_elem(&cilium_ct_any4_global, &t, &n, BPF_ANY);
		if (err)
			return DROP_CT_CREATE_FAILED;
	}
	__u32 l4 = f->l4_off;
	__be32 daddr = be->address;
	__be16 dport = be->port ? be->port : f->dport;
	int ret = ipv4_rewrite_addr(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, daddr), f->daddr, daddr,
				    f->proto, l4);
	if (ret < 0)
		return ret;
	/* Hairpin: the client is the backend. It would answer itself directly and never see
	 * the service; from the loopback address its replies come back through us. */
	if (daddr == f->saddr) {
		ret = ipv4_rewrite_addr(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, saddr), f->saddr,
					IPV4_LOOPBACK, f->proto, l4);
		if (ret < 0)
			return ret;
		f->saddr = IPV4_LOOPBACK;
	}
	if (dport != f->dport) {
		ret = l4_rewrite_port(skb, l4, __builtin_offsetof(struct tcphdr, dest), f->dport, dport, f->proto);
		if (ret < 0)
			return ret;
	}
	f->daddr = daddr;
	f->dport = dport;
	return 0;
}

/* A reply of a load-balanced flow leaves the backend as the service: its source becomes
 * the service address and port of reverse-NAT entry `rev_nat`. A missing entry changes
 * nothing (as in Cilium). 0, or a DROP_* reason. */
static __always_inline int lb4_rev_nat(struct __sk_buff *skb, struct flow4 *f, __be16 rev_nat)
{
	struct lb4_reverse_nat *nat = bpf_map_lookup_elem(&cilium_lb4_reverse_nat, &rev_nat);
	if (!nat)
		return 0;
	__u32 l4 = f->l4_off;
	__be32 saddr = nat->address;
	__be16 sport = nat->port;
	/* A hairpin reply goes to the loopback address: its destination is the pod itself. */
	if (f->daddr == IPV4_LOOPBACK) {
		int r = ipv4_rewrite_addr(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, daddr), f->daddr,
					  f->saddr, f->proto, l4);
		if (r < 0)
			return r;
		f->daddr = f->saddr;
	}
	int ret = ipv4_rewrite_addr(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, saddr), f->saddr, saddr,
				    f->proto, l4);
	if (ret < 0)
		return ret;
	if (sport && sport != f->sport) {
		ret = l4_rewrite_port(skb, l4, __builtin_offsetof(struct tcphdr, source), f->sport, sport, f->proto);
		if (ret < 0)
			return ret;
	}
	f->saddr = saddr;
	f->sport = sport ? sport : f->sport;
	return 0;
}
