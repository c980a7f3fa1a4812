/* SPDX-License-Identifier: Apache-2.0 */
/* encap.h: the VXLAN tunnel. Defines the map cilium_tunnel_map (remote pod prefix:
 * struct tunnel_key -> struct tunnel_value, the remote node) and the MARK_MAGIC_ENCAP
 * skb->mark; provides tunnel_endpoint4 (which node an address is behind) and
 * set_tunnel_key4 (the one place a tunnel key is written: remote node, source identity in
 * the VNI). Rust peer: src/maps/tunnel.rs. */
#pragma once

#include "maps.h"
#include "eps.h"
#include "drop.h"

/* skb->mark value of a packet an endpoint program already gave its tunnel key; the
 * overlay's egress program must not replace it (a TX key cannot be read back). */
#define MARK_MAGIC_MASK 0x0f00
#define MARK_MAGIC_ENCAP 0x0e00

struct tunnel_key {
	__be32 ip4;
	__u32 pad1;
	__u32 pad2;
	__u32 pad3;
	__u8 family;
	__u8 pad;
	__u16 cluster_id;
};
_Static_assert(sizeof(struct tunnel_key) == 20, "tunnel_key");

struct tunnel_value {
	__be32 ip4;
	__u32 pad1;
	__u32 pad2;
	__u32 pad3;
	__u8 family;
	__u8 key;
	__u16 pad;
};
_Static_assert(sizeof(struct tunnel_value) == 20, "tunnel_value");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct tunnel_key);
	__type(value, struct tunnel_value);
	__uint(max_entries, 65536);
	__uint(map_flags, NO_PREALLOC);
	__uint(pinning, PIN_BY_NAME);
} cilium_tunnel_map __section(".maps");

/* Tunnel endpoint of a remote address: the ipcache's, else the tunnel map's entry for the
 * address's pod prefix (`ip & mask`). 0 when unknown. */
static __always_inline __be32 tunnel_endpoint4(const struct remote_endpoint_info *info, __be32 ip, __be32 mask)
{
	if (info && info->tunnel_endpoint && !(info->flags & REMOTE_ENDPOINT_F_SKIP_TUNNEL))
		return info->tunnel_endpoint;
	if (!mask)
		return 0;
	struct tunnel_key key = { .ip4 = ip & mask, .family = ENDPOINT_KEY_IPV4 };
	struct tunnel_value *v = bpf_map_lookup_elem(&cilium_tunnel_map, &key);
	return v ? v->ip4 : 0;
}

/* Gives the packet its tunnel key: towards `tep` (network order), `src_identity` in the
 * VNI. 0, or DROP_WRITE_ERROR. */
static __always_inline int set_tunnel_key4(struct __sk_buff *skb, __be32 tep, __u32 src_identity)
{
	struct bpf_tunnel_key key = {
		.remote_ipv4 = bpf_ntohl(tep),
		.tunnel_id = src_identity,
		.tunnel_ttl = 64,
	};
	if (bpf_skb_set_tunnel_key(skb, &key, sizeof(key), BPF_F_ZERO_CSUM_TX) < 0)
		return DROP_WRITE_ERROR;
	return 0;
}
