/* SPDX-License-Identifier: Apache-2.0 */
/* lb_svc.h: the service maps and the choice of a backend, shared by the per-packet load
 * balancer (lb.h, tc programs) and the socket load balancer (bpf_sock.c). Defines struct
 * lb4_key, lb4_service, lb4_backend, lb4_reverse_nat and the maps cilium_lb4_services_v2,
 * cilium_lb4_backends_v3, cilium_lb4_reverse_nat; for session affinity struct
 * lb4_affinity_key, lb_affinity_val, lb_affinity_match with the maps cilium_lb4_affinity
 * and cilium_lb_affinity_match. Provides lb4_service_lookup and lb4_pick_backend (the
 * client's affine backend, else the slot a caller-given number picks). Nothing here reads
 * a packet. Rust peer: src/maps/lb.rs. */
#pragma once

#include "maps.h"

struct lb4_key {
	__be32 address;     /* service address */
	__be16 dport;       /* service port */
	__u16 backend_slot; /* 0: the master entry, 1..count: backend slots */
	__u8 proto;         /* 0: any (v1.16 keys carry no protocol) */
	__u8 scope;         /* 0: external, 1: internal */
	__u8 pad[2];
};
_Static_assert(sizeof(struct lb4_key) == 12, "lb4_key");

struct lb4_service {
	__u32 backend_id;     /* slots: the backend; master: affinity timeout */
	__u16 count;          /* master: active backends, in slots 1..count */
	__be16 rev_nat_index; /* network order */
	__u8 flags;
	__u8 flags2;
	__u16 qcount;
};
_Static_assert(sizeof(struct lb4_service) == 12, "lb4_service");

#define BACKEND_STATE_ACTIVE 0


struct lb4_backend {
	__be32 address;
	__be16 port;
	__u8 proto;
	__u8 flags; /* state: 0 active, 1 terminating, 2 quarantined, 3 maintenance */
	__u16 cluster_id;
	__u8 zone;
	__u8 pad;
};
_Static_assert(sizeof(struct lb4_backend) == 12, "lb4_backend");

struct lb4_reverse_nat {
	__be32 address;
	__be16 port;
} __attribute__((packed));
_Static_assert(sizeof(struct lb4_reverse_nat) == 6, "lb4_reverse_nat");

/* lb4_service.flags of the master entry (Cilium's SVC_FLAG_*). */
#define SVC_FLAG_EXTERNAL_IP (1 << 0)
#define SVC_FLAG_NODEPORT (1 << 1)
#define SVC_FLAG_HOSTPORT (1 << 3)
#define SVC_FLAG_AFFINITY (1 << 4)
#define SVC_FLAG_LOADBALANCER (1 << 5)
#define SVC_FLAG_ROUTABLE (1 << 6)

/* Session affinity: the client (its address on the tc path; bit netns_cookie says a
 * socket's netns cookie instead) and the service's reverse-NAT id. */
struct lb4_affinity_key {
	union {
		__u64 client_cookie;
		__be32 client_ip;
	};
	__be16 rev_nat_id;
	__u8 netns_cookie : 1, reserved : 7;
	__u8 pad1;
	__u32 pad2;
};
_Static_assert(sizeof(struct lb4_affinity_key) == 16, "lb4_affinity_key");

struct lb_affinity_val {
	__u64 last_used; /* seconds, bpf_mono_now */
	__u32 backend_id;
	__u32 pad;
};
_Static_assert(sizeof(struct lb_affinity_val) == 16, "lb_affinity_val");

/* Present while `backend_id` belongs to the service `rev_nat_id` (written by the agent). */
struct lb_affinity_match {
	__u32 backend_id;
	__be16 rev_nat_id;
	__u16 pad;
};
_Static_assert(sizeof(struct lb_affinity_match) == 8, "lb_affinity_match");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct lb4_affinity_key);
	__type(value, struct lb_affinity_val);
	__uint(max_entries, 65536);
	__uint(pinning, PIN_BY_NAME);
} cilium_lb4_affinity __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct lb_affinity_match);
	__type(value, __u8);
	__uint(max_entries, 65536);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_lb_affinity_match __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct lb4_key);
	__type(value, struct lb4_service);
	__uint(max_entries, 65536);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_lb4_services_v2 __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct lb4_backend);
	__uint(max_entries, 65536);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_lb4_backends_v3 __section(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __be16);
	__type(value, struct lb4_reverse_nat);
	__uint(max_entries, 65536);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_lb4_reverse_nat __section(".maps");

/* The master entry of frontend `addr`:`port` (scope external, any protocol, as v1.16). */
static __always_inline struct lb4_service *lb4_service_lookup(__be32 addr, __be16 port)
{
	struct lb4_key key = { .address = addr, .dport = port };
	return bpf_map_lookup_elem(&cilium_lb4_services_v2, &key);
}

/* The backend in slot (x % count) + 1 of frontend `addr`:`port`, or 0. */
static __always_inline struct lb4_backend *lb4_slot_backend(__be32 addr, __be16 port,
							    const struct lb4_service *svc, __u32 x, __u32 *id)
{
	if (!svc->count)
		return 0;
	struct lb4_key key = {
		.address = addr,
		.dport = port,
		.backend_slot = (__u16)(x % svc->count) + 1,
	};
	struct lb4_service *slot = bpf_map_lookup_elem(&cilium_lb4_services_v2, &key);
	if (!slot)
		return 0;
	*id = slot->backend_id;
	return bpf_map_lookup_elem(&cilium_lb4_backends_v3, id);
}

/* With session affinity, the backend client `key` had while it is still in time and still
 * the service's (its match entry exists) and active; else 0 (and the stale entry goes). */
static __always_inline struct lb4_backend *lb4_affinity_backend(const struct lb4_affinity_key *key,
								const struct lb4_service *svc, __u32 *id)
{
	struct lb_affinity_val *val = bpf_map_lookup_elem(&cilium_lb4_affinity, key);
	if (!val)
		return 0;
	struct lb_affinity_match m = { .backend_id = val->backend_id, .rev_nat_id = svc->rev_nat_index };
	struct lb4_backend *be = 0;
	if (val->last_used + svc->backend_id > mono_now() && bpf_map_lookup_elem(&cilium_lb_affinity_match, &m)) {
		*id = val->backend_id;
		be = bpf_map_lookup_elem(&cilium_lb4_backends_v3, id);
	}
	if (!be || be->flags != BACKEND_STATE_ACTIVE) {
		bpf_map_delete_elem(&cilium_lb4_affinity, key);
		return 0;
	}
	return be;
}

/* A backend for a new flow or socket of frontend `addr`:`port`: with affinity the one
 * client `aff` had, else the active backend in slot (x % count) + 1; 0 when there is
 * none. With affinity the choice is remembered for the client. */
static __always_inline struct lb4_backend *lb4_pick_backend(__be32 addr, __be16 port,
							    const struct lb4_service *svc,
							    const struct lb4_affinity_key *aff, __u32 x, __u32 *id)
{
	if (!svc->count)
		return 0;
	int affinity = svc->flags & SVC_FLAG_AFFINITY;
	struct lb4_backend *be = affinity ? lb4_affinity_backend(aff, svc, id) : 0;
	if (!be)
		be = lb4_slot_backend(addr, port, svc, x, id);
	if (be && affinity) {
		struct lb_affinity_val val = { .last_used = mono_now(), .backend_id = *id };
		bpf_map_update_elem(&cilium_lb4_affinity, aff, &val, BPF_ANY);
	}
	return be;
}
