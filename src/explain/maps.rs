//! What the model reads of a node: the same point lookups the datapath makes, behind one
//! trait. [`Live`] reads the node's pinned maps through read-only descriptors (nothing is
//! created, no counter moves); [`Memory`] holds entries for unit tests.

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use crate::bpf::MapFd;
use crate::datapath::template::EpConfig;
use crate::error::{Error, Result};
use crate::maps::ct::{CtEntry, CtKey4};
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::lb::{Lb4AffinityKey, Lb4Backend, Lb4Key, Lb4Service, LbAffinityMatch, LbAffinityVal};
use crate::maps::lxc::{EndpointInfo, EndpointKey};
use crate::maps::policy::{PolicyEntry, PolicyKey};
use crate::maps::spec::{
    self, CALL_POLICY, CALLS_NETDEV, CT_ANY4_GLOBAL, CT4_GLOBAL, EP_CONFIG, IPCACHE, LB_AFFINITY_MATCH,
    LB4_AFFINITY, LB4_SERVICES, LXC, POLICY, TUNNEL,
};
use crate::maps::tunnel::{TunnelKey, TunnelValue};
use crate::maps::{self, Access};
use crate::netaddr::Cidr4;

/// The lookups of the datapath's decisions. Each `Err` is a map that could not be read.
pub trait NodeMaps {
    /// `cilium_lxc[ip]`.
    fn endpoint(&mut self, ip: Ipv4Addr) -> Result<Option<EndpointInfo>>;
    /// `ciliumrs_ep_config[ifindex]`; `Ok(None)` also when the node has no such map.
    fn ep_config(&mut self, ifindex: u32) -> Result<Option<EpConfig>>;
    /// Whether the node has `ciliumrs_ep_config` (our datapath) at all.
    fn has_ep_config(&mut self) -> Result<bool>;
    /// `cilium_lb4_services_v2[key]`.
    fn service(&mut self, key: Lb4Key) -> Result<Option<Lb4Service>>;
    /// `cilium_lb4_backends_v3[id]`.
    fn backend(&mut self, id: u32) -> Result<Option<Lb4Backend>>;
    /// The longest `cilium_ipcache` prefix holding `ip`, with its entry.
    fn ipcache(&mut self, ip: Ipv4Addr) -> Result<Option<(Cidr4, RemoteEndpointInfo)>>;
    /// `cilium_tunnel_map[ip]`.
    fn tunnel(&mut self, ip: Ipv4Addr) -> Result<Option<TunnelValue>>;
    /// `cilium_ct4_global` (TCP) or `cilium_ct_any4_global` (the rest) at `key`.
    fn ct(&mut self, key: CtKey4) -> Result<Option<CtEntry>>;
    /// Whether endpoint `id` has a policy map; then `cilium_policy_<id>[key]` (LPM).
    fn policy(&mut self, id: u16, key: PolicyKey) -> Result<Option<Option<PolicyEntry>>>;
    /// Whether `cilium_call_policy[id]` holds a program.
    fn policy_program(&mut self, id: u16) -> Result<bool>;
    /// `cilium_lb4_affinity[key]`.
    fn affinity(&mut self, key: Lb4AffinityKey) -> Result<Option<LbAffinityVal>>;
    /// Whether `cilium_lb_affinity_match` holds `key`.
    fn affinity_match(&mut self, key: LbAffinityMatch) -> Result<bool>;
    /// The datapath's clock: seconds on the kernel's monotonic clock (`bpf_mono_now`).
    fn now(&mut self) -> u64;
    /// Whether the tail-call map `name` holds a program in `slot`; None when it is not pinned.
    fn call_slot(&mut self, name: &str, slot: u32) -> Result<Option<bool>>;
    /// The socket load balancer's links pinned for this node (empty: it is not attached).
    fn socket_lb(&mut self) -> Result<Vec<String>>;
}

/// The node's pinned maps, opened read-only as they are first needed.
pub struct Live {
    bpffs: PathBuf,
    open: HashMap<String, Option<MapFd>>,
}

impl Live {
    pub fn new(bpffs: &Path) -> Live {
        Live { bpffs: bpffs.to_path_buf(), open: HashMap::new() }
    }

    /// The map `name` of `spec` (None when it is not pinned), opened once.
    fn map(&mut self, spec: &spec::MapSpec, name: &str, required: bool) -> Result<Option<&MapFd>> {
        if !self.open.contains_key(name) {
            let m = if maps::pin_path(&self.bpffs, name).exists() {
                Some(maps::open(&self.bpffs, spec, name, Access::Read)?)
            } else if required {
                return Err(Error::runtime(format!(
                    "{} is not pinned under {}: explain reads it (is the datapath up? try 'ciliumrs init')",
                    name,
                    maps::globals_dir(&self.bpffs).display()
                )));
            } else {
                None
            };
            self.open.insert(name.to_string(), m);
        }
        Ok(self.open[name].as_ref())
    }

    fn get<K: bytemuck::Pod, V: bytemuck::Pod>(
        &mut self,
        spec: &spec::MapSpec,
        key: &K,
    ) -> Result<Option<V>> {
        match self.map(spec, spec.name, true)? {
            Some(m) => maps::get(m, key),
            None => Ok(None),
        }
    }
}

impl NodeMaps for Live {
    fn endpoint(&mut self, ip: Ipv4Addr) -> Result<Option<EndpointInfo>> {
        self.get(&LXC, &EndpointKey::ipv4(ip))
    }
    fn ep_config(&mut self, ifindex: u32) -> Result<Option<EpConfig>> {
        match self.map(&EP_CONFIG, EP_CONFIG.name, false)? {
            Some(m) => maps::get(m, &ifindex),
            None => Ok(None),
        }
    }
    fn has_ep_config(&mut self) -> Result<bool> {
        Ok(self.map(&EP_CONFIG, EP_CONFIG.name, false)?.is_some())
    }
    fn service(&mut self, key: Lb4Key) -> Result<Option<Lb4Service>> {
        self.get(&LB4_SERVICES, &key)
    }
    fn backend(&mut self, id: u32) -> Result<Option<Lb4Backend>> {
        let name = crate::maps::spec::LB4_BACKENDS.name;
        match self.map(&crate::maps::spec::LB4_BACKENDS, name, true)? {
            Some(m) => maps::get(m, &id),
            None => Ok(None),
        }
    }
    fn ipcache(&mut self, ip: Ipv4Addr) -> Result<Option<(Cidr4, RemoteEndpointInfo)>> {
        let key = |len: u8| IpcacheKey::new(Prefix { cidr: Cidr4::of(ip, len), cluster_id: 0 });
        let Some(m) = self.map(&IPCACHE, IPCACHE.name, true)? else { return Ok(None) };
        // The datapath's lookup: the longest prefix holding the address.
        let Some(hit) = maps::get_longest::<_, RemoteEndpointInfo>(m, &key(32))? else { return Ok(None) };
        // The kernel does not say which prefix matched: the longest prefix of the address
        // with an entry of its own is that prefix.
        for len in (0..=32u8).rev() {
            if maps::get::<_, RemoteEndpointInfo>(m, &key(len))? == Some(hit) {
                return Ok(Some((Cidr4::of(ip, len), hit)));
            }
        }
        Ok(Some((Cidr4::of(ip, 32), hit)))
    }
    fn tunnel(&mut self, ip: Ipv4Addr) -> Result<Option<TunnelValue>> {
        self.get(&TUNNEL, &TunnelKey::ipv4(ip, 0))
    }
    fn ct(&mut self, key: CtKey4) -> Result<Option<CtEntry>> {
        if key.nexthdr == 6 { self.get(&CT4_GLOBAL, &key) } else { self.get(&CT_ANY4_GLOBAL, &key) }
    }
    fn policy(&mut self, id: u16, key: PolicyKey) -> Result<Option<Option<PolicyEntry>>> {
        let name = spec::per_endpoint_name(&POLICY, id.into());
        match self.map(&POLICY, &name, false)? {
            Some(m) => Ok(Some(maps::get_longest(m, &key)?)),
            None => Ok(None),
        }
    }
    fn policy_program(&mut self, id: u16) -> Result<bool> {
        match self.map(&CALL_POLICY, CALL_POLICY.name, true)? {
            Some(m) => m
                .slot_id(id.into())
                .map(|p| p.is_some())
                .map_err(|e| Error::sys("look up in", m.path().display(), &e)),
            None => Ok(false),
        }
    }
    fn affinity(&mut self, key: Lb4AffinityKey) -> Result<Option<LbAffinityVal>> {
        self.get(&LB4_AFFINITY, &key)
    }
    fn affinity_match(&mut self, key: LbAffinityMatch) -> Result<bool> {
        Ok(self.get::<_, u8>(&LB_AFFINITY_MATCH, &key)?.is_some())
    }
    fn now(&mut self) -> u64 {
        crate::maps::ct::mono_now_secs()
    }
    fn call_slot(&mut self, name: &str, slot: u32) -> Result<Option<bool>> {
        let spec = spec::for_pin_name(name).unwrap_or(&CALLS_NETDEV);
        match self.map(spec, name, false)? {
            Some(m) => m
                .slot_id(slot)
                .map(|p| Some(p.is_some()))
                .map_err(|e| Error::sys("look up in", m.path().display(), &e)),
            None => Ok(None),
        }
    }
    fn socket_lb(&mut self) -> Result<Vec<String>> {
        let dir = crate::datapath::cgroup::link_pin_dir(&self.bpffs);
        let mut names: Vec<String> = match std::fs::read_dir(&dir) {
            Ok(rd) => {
                rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::sys("read", dir.display(), &e)),
        };
        names.sort();
        Ok(names)
    }
}

/// Entries in memory, for tests of the model without a kernel.
#[derive(Default)]
pub struct Memory {
    pub endpoints: HashMap<Ipv4Addr, EndpointInfo>,
    pub ep_configs: Option<HashMap<u32, EpConfig>>,
    pub services: HashMap<(Ipv4Addr, u16, u16), Lb4Service>,
    pub backends: HashMap<u32, Lb4Backend>,
    pub ipcache: Vec<(Cidr4, RemoteEndpointInfo)>,
    pub tunnels: HashMap<Ipv4Addr, TunnelValue>,
    pub ct: HashMap<Vec<u8>, CtEntry>,
    /// Per endpoint: (prefix length, key) -> entry, matched longest prefix first.
    pub policies: HashMap<u16, Vec<(PolicyKey, PolicyEntry)>>,
    pub policy_programs: Vec<u16>,
    pub affinity: HashMap<Vec<u8>, LbAffinityVal>,
    pub affinity_matches: Vec<(u32, u16)>,
    pub now: u64,
    /// Tail-call maps: name -> filled slots.
    pub calls: HashMap<String, Vec<u32>>,
    pub socket_lb: Vec<String>,
}

impl NodeMaps for Memory {
    fn endpoint(&mut self, ip: Ipv4Addr) -> Result<Option<EndpointInfo>> {
        Ok(self.endpoints.get(&ip).copied())
    }
    fn ep_config(&mut self, ifindex: u32) -> Result<Option<EpConfig>> {
        Ok(self.ep_configs.as_ref().and_then(|m| m.get(&ifindex).copied()))
    }
    fn has_ep_config(&mut self) -> Result<bool> {
        Ok(self.ep_configs.is_some())
    }
    fn service(&mut self, key: Lb4Key) -> Result<Option<Lb4Service>> {
        Ok(self.services.get(&(key.address.addr(), key.dport.get(), key.backend_slot)).copied())
    }
    fn backend(&mut self, id: u32) -> Result<Option<Lb4Backend>> {
        Ok(self.backends.get(&id).copied())
    }
    fn ipcache(&mut self, ip: Ipv4Addr) -> Result<Option<(Cidr4, RemoteEndpointInfo)>> {
        Ok(self.ipcache.iter().filter(|(c, _)| c.contains(ip)).max_by_key(|(c, _)| c.len).copied())
    }
    fn tunnel(&mut self, ip: Ipv4Addr) -> Result<Option<TunnelValue>> {
        Ok(self.tunnels.get(&ip).copied())
    }
    fn ct(&mut self, key: CtKey4) -> Result<Option<CtEntry>> {
        Ok(self.ct.get(bytemuck::bytes_of(&key)).copied())
    }
    fn policy(&mut self, id: u16, key: PolicyKey) -> Result<Option<Option<PolicyEntry>>> {
        let Some(entries) = self.policies.get(&id) else { return Ok(None) };
        // LPM over the 64 bits after the prefix length: identity, direction, protocol, port.
        // The trie compares the key's bytes after the prefix length in memory order.
        let bits = |k: &PolicyKey| -> u64 {
            let b = bytemuck::bytes_of(k);
            u64::from_be_bytes(b[4..12].try_into().unwrap_or_default())
        };
        let want = bits(&key);
        let hit = entries
            .iter()
            .filter(|(k, _)| {
                let n = k.prefixlen.min(64);
                let mask = if n == 0 { 0 } else { u64::MAX << (64 - n) };
                bits(k) & mask == want & mask
            })
            .max_by_key(|(k, _)| k.prefixlen)
            .map(|(_, e)| *e);
        Ok(Some(hit))
    }
    fn policy_program(&mut self, id: u16) -> Result<bool> {
        Ok(self.policy_programs.contains(&id))
    }
    fn affinity(&mut self, key: Lb4AffinityKey) -> Result<Option<LbAffinityVal>> {
        Ok(self.affinity.get(bytemuck::bytes_of(&key)).copied())
    }
    fn affinity_match(&mut self, key: LbAffinityMatch) -> Result<bool> {
        Ok(self.affinity_matches.contains(&(key.backend_id, key.rev_nat_id.get())))
    }
    fn now(&mut self) -> u64 {
        self.now
    }
    fn call_slot(&mut self, name: &str, slot: u32) -> Result<Option<bool>> {
        Ok(self.calls.get(name).map(|s| s.contains(&slot)))
    }
    fn socket_lb(&mut self) -> Result<Vec<String>> {
        Ok(self.socket_lb.clone())
    }
}
