/* SPDX-License-Identifier: Apache-2.0 */
/* sock_probe.c: a test object for the loader's cgroup program types, until bpf_sock.c
 * exists. connect4 (sock_addr) refuses connect() to DENY_PORT with EPERM and counts every
 * connect it sees; post_bind4 (sock) refuses bind() to DENY_PORT. Its program names carry
 * our socket-program prefix, so status and reset treat it as ours. Not part of the datapath. */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char __license[] SEC("license") = "Dual BSD/GPL";

/* Load-time configuration: the port to refuse (host order). */
volatile const __u16 DENY_PORT = 0;
/* connect() calls seen. */
__u64 connects = 0;

SEC("cgroup/connect4")
int cil_sock4_connect(struct bpf_sock_addr *ctx)
{
	__sync_fetch_and_add(&connects, 1);
	if (ctx->user_port == bpf_htons(DENY_PORT))
		return 0; /* EPERM */
	return 1;
}

SEC("cgroup/post_bind4")
int cil_sock4_post_bind(struct bpf_sock *ctx)
{
	if (ctx->src_port == DENY_PORT)
		return 0; /* EPERM */
	return 1;
}
