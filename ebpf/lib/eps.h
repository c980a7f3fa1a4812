/* SPDX-License-Identifier: Apache-2.0 */
/* eps.h: where an address lives: local endpoints (cilium_lxc), identities and tunnel
 * endpoints (cilium_ipcache, longest prefix), remote pod prefixes (cilium_tunnel_map). */
#pragma once

#include "maps.h"

static __always_inline struct endpoint_info *lookup_endpoint4(__be32 ip)
{
	struct endpoint_key key = { .ip4 = ip, .family = ENDPOINT_KEY_IPV4 };
	return bpf_map_lookup_elem(&cilium_lxc, &key);
}

static __always_inline struct remote_endpoint_info *ipcache_lookup4(__be32 ip)
{
	struct ipcache_key key = {
		.lpm_key = { .prefixlen = 64 },
		.family = ENDPOINT_KEY_IPV4,
		.ip4 = ip,
	};
	return bpf_map_lookup_elem(&cilium_ipcache, &key);
}

/* Tunnel endpoint of a remote address: the ipcache's, else the tunnel map's entry for the
 * address's pod prefix (`ip & mask`). 0 when unknown. */
static __always_inline __be32 tunnel_endpoint4(const struct remote_endpoint_info *info, __be32 ip, __be32 mask)
{
	if (info && info->tunnel_endpoint && !(info->flags & 1))
		return info->tunnel_endpoint;
	if (!mask)
		return 0;
	struct tunnel_key key = { .ip4 = ip & mask, .family = ENDPOINT_KEY_IPV4 };
	struct tunnel_value *v = bpf_map_lookup_elem(&cilium_tunnel_map, &key);
	return v ? v->ip4 : 0;
}
