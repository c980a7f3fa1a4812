/* SPDX-License-Identifier: Apache-2.0 */
/* bpf_sock.c: the socket load balancer (seed §2.2.5), attached to the cgroup v2 root.
 * A socket of a process in that cgroup that connects or sends to a service frontend is
 * given a backend once, at connect() or sendmsg(): no packet of it ever carries the
 * service address. What the socket was given is kept in cilium_lb4_reverse_sk, keyed by
 * its cookie and the backend, so that recvmsg() and getpeername() can show the service
 * address again. post_bind refuses binds of host sockets to NodePort, ExternalIP and
 * LoadBalancer frontends (another socket would steal the service's packets).
 *
 * The IPv6 hooks handle v4-mapped addresses (::ffff:a.b.c.d, a dual-stack socket reaching
 * an IPv4 service) through the same IPv4 logic; native IPv6 is not load-balanced (the
 * datapath is IPv4-only).
 *
 * Rust peers: src/datapath/socklb.rs (load, attach, configuration), src/maps/lb.rs
 * (SockRevNat4Key/Value). */

#include <linux/errno.h>

#include "lib/common.h"
#include "lib/events.h"
#include "lib/eps.h"
#include "lib/lb_svc.h"

#define THIS_FILE FILE_BPF_SOCK

char __license[] __section("license") = "Dual BSD/GPL";

/* Load-time configuration. */
CONFIG(__u64, HOST_NETNS_COOKIE) = 0; /* the node's network namespace (post_bind protects it) */
CONFIG(__u8, SOCK_LB_UDP) = 0;        /* translate UDP (connect and sendmsg) too */
CONFIG(__u8, TRACE_SOCK_NOTIFY) = 0;  /* trace-sock events to cilium_events */
CONFIG(__u16, NODEPORT_MIN) = 0;      /* NodePort range, host order */
CONFIG(__u16, NODEPORT_MAX) = 0;

/* Metric reasons of the socket LB (Cilium's common.h). */
#define REASON_LB_NO_BACKEND_SLOT 5
#define REASON_LB_NO_BACKEND 6
#define REASON_LB_REVNAT_UPDATE 7
#define REASON_LB_REVNAT_STALE 8

struct ipv4_revnat_tuple {
	__u64 cookie;    /* the socket's cookie */
	__be32 address;  /* backend */
	__be16 port;     /* backend port */
	__u16 pad;
};
_Static_assert(sizeof(struct ipv4_revnat_tuple) == 16, "ipv4_revnat_tuple");

struct ipv4_revnat_entry {
	__be32 address;       /* what the application dialled */
	__be16 port;
	__be16 rev_nat_index; /* the service's, as its master entry holds it */
};
_Static_assert(sizeof(struct ipv4_revnat_entry) == 8, "ipv4_revnat_entry");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_revnat_tuple);
	__type(value, struct ipv4_revnat_entry);
	__uint(max_entries, 262144);
	__uint(pinning, PIN_BY_NAME);
} cilium_lb4_reverse_sk __section(".maps");

/* One socket address being translated, whichever family the hook's context has. */
struct sock4_addr {
	__be32 ip;
	__be16 port;
	__u8 proto;
};

static __always_inline int sock_proto_enabled(__u8 proto)
{
	return proto == IPPROTO_TCP || (proto == IPPROTO_UDP && SOCK_LB_UDP);
}

static __always_inline void sock_metric(__u8 reason)
{
	update_metrics(0, METRIC_EGRESS, reason, 0, THIS_FILE);
}

static __always_inline void sock_trace(void *ctx, __u8 point, const struct sock4_addr *a, __u64 cookie)
{
	if (!TRACE_SOCK_NOTIFY)
		return;
	struct trace_sock_notify msg = {
		.type = CILIUM_NOTIFY_TRACE_SOCK,
		.xlate_point = point,
		.dst_port = a->port,
		.sock_cookie = cookie,
		.cgroup_id = bpf_get_current_cgroup_id(),
		.l4_proto = a->proto,
	};
	msg.dst_ip[0] = a->ip;
	bpf_perf_event_output(ctx, &cilium_events, BPF_F_CURRENT_CPU, &msg, sizeof(msg));
}

static __always_inline int is_v4_loopback(__be32 ip)
{
	return (bpf_ntohl(ip) >> 24) == 127;
}

/* An address of this node: loopback (from the node's namespace), or one the ipcache gives
 * the host identity (and, for connect, another node's). */
static __always_inline int sock4_node_address(__be32 ip, int hostns, int remote_ok)
{
	if (is_v4_loopback(ip))
		return hostns;
	struct remote_endpoint_info *info = ipcache_lookup4(ip);
	if (!info)
		return 0;
	return info->sec_identity == HOST_ID || (remote_ok && info->sec_identity == REMOTE_NODE_ID);
}

/* The service of frontend `a`: its own entry, else for a NodePort-range port at an
 * address of a node the 0.0.0.0 NodePort surrogate. `key_ip` gets the address the
 * service's slots are under. */
static __always_inline struct lb4_service *sock4_service(const struct sock4_addr *a, int hostns, int remote_ok,
							 __be32 *key_ip)
{
	struct lb4_service *svc = lb4_service_lookup(a->ip, a->port);
	*key_ip = a->ip;
	if (svc)
		return svc;
	__u16 port = bpf_ntohs(a->port);
	if (port < NODEPORT_MIN || port > NODEPORT_MAX || !sock4_node_address(a->ip, hostns, remote_ok))
		return 0;
	svc = lb4_service_lookup(0, a->port);
	if (!svc || !(svc->flags & SVC_FLAG_NODEPORT))
		return 0;
	*key_ip = 0;
	return svc;
}

/* connect() and sendmsg(): `a` becomes a backend of the service it names. 0 (translated
 * or not a service), or -EHOSTUNREACH (no backend) / -ENOMEM (no room to remember the
 * translation), which fail the call. */
static __always_inline int sock4_xlate_fwd(void *ctx, struct sock4_addr *a)
{
	if (!sock_proto_enabled(a->proto))
		return 0;
	__u64 netns = bpf_get_netns_cookie(ctx);
	int hostns = netns == HOST_NETNS_COOKIE;
	__be32 key_ip = 0;
	struct lb4_service *svc = sock4_service(a, hostns, 1, &key_ip);
	if (!svc)
		return 0;
	/* An ExternalIP or HostPort frontend is only ours when it is this node's address:
	 * otherwise a process could not reach the real owner of that address. */
	if ((svc->flags & (SVC_FLAG_EXTERNAL_IP | SVC_FLAG_HOSTPORT)) && !sock4_node_address(a->ip, hostns, 0))
		return 0;
	__u64 cookie = bpf_get_socket_cookie(ctx);
	sock_trace(ctx, XLATE_PRE_DIRECTION_FWD, a, cookie);
	if (!svc->count)
		return -EHOSTUNREACH;
	struct lb4_affinity_key aff = {};
	aff.client_cookie = netns;
	aff.rev_nat_id = svc->rev_nat_index;
	aff.netns_cookie = 1;
	/* TCP: any backend; UDP: one per socket, so its datagrams stay together. */
	__u32 x = a->proto == IPPROTO_TCP ? bpf_get_prandom_u32() : (__u32)cookie;
	__u32 id = 0;
	struct lb4_backend *be = lb4_pick_backend(key_ip, a->port, svc, &aff, x, &id);
	if (!be) {
		sock_metric(id ? REASON_LB_NO_BACKEND : REASON_LB_NO_BACKEND_SLOT);
		return -EHOSTUNREACH;
	}
	__be16 port = be->port ? be->port : a->port;
	struct ipv4_revnat_tuple key = { .cookie = cookie, .address = be->address, .port = port };
	struct ipv4_revnat_entry val = { .address = a->ip, .port = a->port, .rev_nat_index = svc->rev_nat_index };
	struct ipv4_revnat_entry *old = bpf_map_lookup_elem(&cilium_lb4_reverse_sk, &key);
	if (!old || old->address != val.address || old->port != val.port || old->rev_nat_index != val.rev_nat_index) {
		if (bpf_map_update_elem(&cilium_lb4_reverse_sk, &key, &val, BPF_ANY)) {
			sock_metric(REASON_LB_REVNAT_UPDATE);
			return -ENOMEM;
		}
	}
	a->ip = be->address;
	a->port = port;
	sock_trace(ctx, XLATE_POST_DIRECTION_FWD, a, cookie);
	return 0;
}

/* recvmsg() and getpeername(): a backend this socket was given shows as the service it
 * dialled, while that service still exists as it was; a stale entry is removed. Returns
 * whether `a` changed. */
static __always_inline int sock4_xlate_rev(void *ctx, struct sock4_addr *a)
{
	__u64 cookie = bpf_get_socket_cookie(ctx);
	struct ipv4_revnat_tuple key = { .cookie = cookie, .address = a->ip, .port = a->port };
	struct ipv4_revnat_entry *e = bpf_map_lookup_elem(&cilium_lb4_reverse_sk, &key);
	if (!e)
		return 0;
	sock_trace(ctx, XLATE_PRE_DIRECTION_REV, a, cookie);
	struct sock4_addr front = { .ip = e->address, .port = e->port, .proto = a->proto };
	int hostns = bpf_get_netns_cookie(ctx) == HOST_NETNS_COOKIE;
	__be32 key_ip = 0;
	struct lb4_service *svc = sock4_service(&front, hostns, 1, &key_ip);
	if (!svc || svc->rev_nat_index != e->rev_nat_index || !svc->count) {
		bpf_map_delete_elem(&cilium_lb4_reverse_sk, &key);
		sock_metric(REASON_LB_REVNAT_STALE);
		return 0;
	}
	a->ip = front.ip;
	a->port = front.port;
	sock_trace(ctx, XLATE_POST_DIRECTION_REV, a, cookie);
	return 1;
}

/* post_bind: whether a socket of the node's namespace may keep address `a`; not when it
 * is a NodePort, ExternalIP or LoadBalancer frontend. */
static __always_inline int sock4_bind_allowed(void *ctx, const struct sock4_addr *a)
{
	if (a->proto != IPPROTO_TCP && a->proto != IPPROTO_UDP)
		return 1;
	if (bpf_get_netns_cookie(ctx) != HOST_NETNS_COOKIE)
		return 1;
	__be32 key_ip = 0;
	struct lb4_service *svc = sock4_service(a, 1, 0, &key_ip);
	return !svc || !(svc->flags & (SVC_FLAG_NODEPORT | SVC_FLAG_EXTERNAL_IP | SVC_FLAG_LOADBALANCER));
}

/* The result of a forward hook: proceed, or fail the call with `err`. */
static __always_inline int sock_verdict(int err)
{
	if (!err)
		return 1;
	bpf_set_retval(err);
	return 0;
}

static __always_inline int sock4_fwd_hook(struct bpf_sock_addr *ctx)
{
	struct sock4_addr a = { .ip = ctx->user_ip4, .port = (__be16)ctx->user_port, .proto = (__u8)ctx->protocol };
	int err = sock4_xlate_fwd(ctx, &a);
	if (!err) {
		ctx->user_ip4 = a.ip;
		ctx->user_port = a.port;
	}
	return sock_verdict(err);
}

static __always_inline int sock4_rev_hook(struct bpf_sock_addr *ctx)
{
	struct sock4_addr a = { .ip = ctx->user_ip4, .port = (__be16)ctx->user_port, .proto = (__u8)ctx->protocol };
	if (sock4_xlate_rev(ctx, &a)) {
		ctx->user_ip4 = a.ip;
		ctx->user_port = a.port;
	}
	return 1;
}

SEC("cgroup/connect4")
int cil_sock4_connect(struct bpf_sock_addr *ctx)
{
	return sock4_fwd_hook(ctx);
}

SEC("cgroup/sendmsg4")
int cil_sock4_sendmsg(struct bpf_sock_addr *ctx)
{
	return sock4_fwd_hook(ctx);
}

SEC("cgroup/recvmsg4")
int cil_sock4_recvmsg(struct bpf_sock_addr *ctx)
{
	return sock4_rev_hook(ctx);
}

SEC("cgroup/getpeername4")
int cil_sock4_getpeername(struct bpf_sock_addr *ctx)
{
	return sock4_rev_hook(ctx);
}

SEC("cgroup/post_bind4")
int cil_sock4_post_bind(struct bpf_sock *ctx)
{
	struct sock4_addr a = { .ip = ctx->src_ip4, .port = bpf_htons((__u16)ctx->src_port), .proto = (__u8)ctx->protocol };
	return sock_verdict(sock4_bind_allowed(ctx, &a) ? 0 : -EADDRINUSE);
}

/* IPv6 hooks: only v4-mapped addresses (::ffff:a.b.c.d) are services. */
static __always_inline int v4_mapped(__u32 w0, __u32 w1, __u32 w2)
{
	return w0 == 0 && w1 == 0 && w2 == bpf_htonl(0xffff);
}

static __always_inline int sock6_fwd_hook(struct bpf_sock_addr *ctx)
{
	if (!v4_mapped(ctx->user_ip6[0], ctx->user_ip6[1], ctx->user_ip6[2]))
		return 1;
	struct sock4_addr a = { .ip = ctx->user_ip6[3], .port = (__be16)ctx->user_port, .proto = (__u8)ctx->protocol };
	int err = sock4_xlate_fwd(ctx, &a);
	if (!err) {
		ctx->user_ip6[3] = a.ip;
		ctx->user_port = a.port;
	}
	return sock_verdict(err);
}

static __always_inline int sock6_rev_hook(struct bpf_sock_addr *ctx)
{
	if (!v4_mapped(ctx->user_ip6[0], ctx->user_ip6[1], ctx->user_ip6[2]))
		return 1;
	struct sock4_addr a = { .ip = ctx->user_ip6[3], .port = (__be16)ctx->user_port, .proto = (__u8)ctx->protocol };
	if (sock4_xlate_rev(ctx, &a)) {
		ctx->user_ip6[3] = a.ip;
		ctx->user_port = a.port;
	}
	return 1;
}

SEC("cgroup/connect6")
int cil_sock6_connect(struct bpf_sock_addr *ctx)
{
	return sock6_fwd_hook(ctx);
}

SEC("cgroup/sendmsg6")
int cil_sock6_sendmsg(struct bpf_sock_addr *ctx)
{
	return sock6_fwd_hook(ctx);
}

SEC("cgroup/recvmsg6")
int cil_sock6_recvmsg(struct bpf_sock_addr *ctx)
{
	return sock6_rev_hook(ctx);
}

SEC("cgroup/getpeername6")
int cil_sock6_getpeername(struct bpf_sock_addr *ctx)
{
	return sock6_rev_hook(ctx);
}

/* A v4-mapped bind, or the any address [::] of a dual-stack socket (which also takes
 * IPv4 packets for 0.0.0.0). */
SEC("cgroup/post_bind6")
int cil_sock6_post_bind(struct bpf_sock *ctx)
{
	__u32 w0 = ctx->src_ip6[0], w1 = ctx->src_ip6[1], w2 = ctx->src_ip6[2], w3 = ctx->src_ip6[3];
	int any = !(w0 | w1 | w2 | w3);
	if (!any && !v4_mapped(w0, w1, w2))
		return 1;
	struct sock4_addr a = { .ip = any ? 0 : w3, .port = bpf_htons((__u16)ctx->src_port), .proto = (__u8)ctx->protocol };
	return sock_verdict(sock4_bind_allowed(ctx, &a) ? 0 : -EADDRINUSE);
}
