//! What the model reads of a node: the same point lookups the datapath makes, behind one
//! trait. [`Live`] reads the node's pinned maps through read-only descriptors (nothing is
//! created, no counter moves), in the layouts of the Cilium version the maps show
//! ([`crate::maps::abi`]: v1.10 to the newest; `--cilium-version` where they leave it
//! open); [`Memory`] holds entries for unit tests.

use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use crate::bpf::MapFd;
use crate::datapath::template::EpConfig;
use crate::error::{Error, Result};
use crate::maps::abi;
use crate::maps::ct::{CtEntry, CtKey4};
use crate::maps::ipcache::{self, Info, IpcacheKey, Layout as IpcacheLayout, Prefix, RemoteEndpointInfo};
use crate::maps::lb::{
    Lb4AffinityKey, Lb4Backend, Lb4BackendV1, Lb4Key, Lb4Service, LbAffinityMatch, LbAffinityVal,
};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo, EndpointKey};
use crate::maps::nat::NatEntry4;
use crate::maps::policy::{PolicyEntry, PolicyEntryV2, PolicyKey, PolicyKeyHash};
use crate::maps::spec::{
    self, CALL_POLICY, CALLS_NETDEV, CT_ANY4_GLOBAL, CT4_GLOBAL, EP_CONFIG, IPCACHE, IPCACHE_V2,
    LB_AFFINITY_MATCH, LB4_AFFINITY, LB4_SERVICES, LXC, POLICY, POLICY_HASH, POLICY_V2, SNAT4, TUNNEL,
};

/// The IP cache's names, newest first.
const IPCACHES: &[&spec::MapSpec] = &[&IPCACHE_V2, &IPCACHE];

impl From<PolicyEntryV2> for PolicyHit {
    fn from(e: PolicyEntryV2) -> PolicyHit {
        PolicyHit {
            entry: PolicyEntry {
                proxy_port: e.proxy_port,
                flags: e.flags & 1,
                auth_type: e.auth_type & 0x7f,
                ..Default::default()
            },
            v2: Some((e.precedence, e.flags >> 3)),
        }
    }
}
use crate::maps::tunnel::{TunnelKey, TunnelValue};
use crate::maps::{self, Access};
use crate::netaddr::Cidr4;

pub use crate::maps::policy::Layout as PolicyLayout;

/// A policy entry in the fields every layout's precedence needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PolicyHit {
    /// Deny in bit 0 of `flags` (v1.16 adds its wildcard bits 1 and 2).
    pub entry: PolicyEntry,
    /// v1.17 on: the entry's precedence and the LPM prefix length of its port/protocol part.
    pub v2: Option<(u32, u8)>,
}

/// The lookups of the datapath's decisions. Each `Err` is a map that could not be read.
pub trait NodeMaps {
    /// `cilium_lxc[ip]`.
    fn endpoint(&mut self, ip: Ipv4Addr) -> Result<Option<EndpointInfo>>;
    /// `cilium_lxc[ip]` for an IPv6 address (a dual-stack Cilium's endpoints have them).
    fn endpoint6(&mut self, ip: Ipv6Addr) -> Result<Option<EndpointInfo>>;
    /// The endpoint on interface `ifindex`: `ciliumrs_ep_config`'s (a point lookup), else
    /// the `cilium_lxc` entry with that ifindex (a walk of the map).
    fn endpoint_on(&mut self, ifindex: u32) -> Result<Option<EndpointInfo>>;
    /// Whether a map of this name is pinned.
    fn is_pinned(&mut self, name: &str) -> Result<bool>;
    /// `ciliumrs_ep_config[ifindex]`; `Ok(None)` also when the node has no such map.
    fn ep_config(&mut self, ifindex: u32) -> Result<Option<EpConfig>>;
    /// Whether the node has `ciliumrs_ep_config` (our datapath) at all.
    fn has_ep_config(&mut self) -> Result<bool>;
    /// `cilium_lb4_services_v2[key]`.
    fn service(&mut self, key: Lb4Key) -> Result<Option<Lb4Service>>;
    /// `cilium_lb4_backends_v3[id]` (or the v1.10-1.12 backends map, in v3's fields).
    fn backend(&mut self, id: u32) -> Result<Option<Lb4Backend>>;
    /// The longest `cilium_ipcache` (or `_v2`) prefix holding `ip`, with its entry.
    fn ipcache(&mut self, ip: Ipv4Addr) -> Result<Option<(Cidr4, RemoteEndpointInfo)>>;
    /// `cilium_tunnel_map[ip]`; None also where the node has no such map (the newest).
    fn tunnel(&mut self, ip: Ipv4Addr) -> Result<Option<TunnelValue>>;
    /// `cilium_ct4_global` (TCP) or `cilium_ct_any4_global` (the rest) at `key`, in the
    /// fields of v1.16's single counters whatever the version.
    fn ct(&mut self, key: CtKey4) -> Result<Option<CtEntry>>;
    /// The layout of endpoint `id`'s policy map; None when it has none.
    fn policy_layout(&mut self, id: u16) -> Result<Option<PolicyLayout>>;
    /// What endpoint `id`'s policy map answers for `key` (full prefix): the longest prefix
    /// in the LPM layouts, the exact key in the hash layout of v1.15 and before.
    fn policy(&mut self, id: u16, key: PolicyKey) -> Result<Option<PolicyHit>>;
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
    /// The pin name of the host endpoint's calls map (`cilium_calls_hostns_<EPID>`), if any.
    fn host_calls(&mut self) -> Result<Option<String>>;
    /// `cilium_snat_v4_external[key]`; None also where the node has no such map.
    fn snat(&mut self, key: CtKey4) -> Result<Option<NatEntry4>>;
}

/// The node's pinned maps, opened read-only as they are first needed, decoded in the
/// layouts of the Cilium version they show.
pub struct Live {
    bpffs: PathBuf,
    open: HashMap<String, Option<MapFd>>,
    /// `--cilium-version`.
    forced: Option<u8>,
    node: Option<abi::Node>,
    policy_layouts: HashMap<u16, Option<(PolicyLayout, String)>>,
    /// Which of a map's names is pinned, by its newest name: looked for once.
    pinned: HashMap<&'static str, &'static spec::MapSpec>,
    ipcache_layout: Option<IpcacheLayout>,
}

impl Live {
    pub fn new(bpffs: &Path) -> Live {
        Live::with_version(bpffs, None)
    }

    /// Reads the maps as those of Cilium v1.`forced` where the maps leave it open.
    pub fn with_version(bpffs: &Path, forced: Option<u8>) -> Live {
        Live {
            bpffs: bpffs.to_path_buf(),
            open: HashMap::new(),
            forced,
            node: None,
            policy_layouts: HashMap::new(),
            pinned: HashMap::new(),
            ipcache_layout: None,
        }
    }

    /// The versions the node's maps show, read once.
    fn node(&mut self) -> Result<&abi::Node> {
        if self.node.is_none() {
            self.node = Some(abi::Node::detect(&self.bpffs, self.forced)?);
        }
        Ok(self.node.as_ref().expect("just set"))
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

    /// The pinned one of a map's names (newest first), opened.
    fn any(&mut self, specs: &[&'static spec::MapSpec]) -> Result<(&'static spec::MapSpec, Option<&MapFd>)> {
        let s = match self.pinned.get(specs[0].name) {
            Some(s) => *s,
            None => {
                let s = maps::pinned_spec(&self.bpffs, specs).unwrap_or(specs[0]);
                self.pinned.insert(specs[0].name, s);
                s
            }
        };
        Ok((s, self.map(s, s.name, true)?))
    }

    /// The IP cache's value layout: `_v2`'s by name, else the 12-byte one of the version.
    fn ipcache_layout(&mut self) -> Result<IpcacheLayout> {
        if let Some(l) = self.ipcache_layout {
            return Ok(l);
        }
        let (spec, _) = self.any(IPCACHES)?;
        let l = if spec.name == IPCACHE_V2.name {
            IpcacheLayout::V2
        } else {
            self.node()?.pick(IPCACHE.name, ipcache::LAYOUTS_12)?
        };
        self.ipcache_layout = Some(l);
        Ok(l)
    }
}

impl NodeMaps for Live {
    fn endpoint(&mut self, ip: Ipv4Addr) -> Result<Option<EndpointInfo>> {
        let Some(mut ep) = self.get::<_, EndpointInfo>(&LXC, &EndpointKey::ipv4(ip))? else {
            return Ok(None);
        };
        // Before the identity moved into the entry (v1.10: offset 32 is padding), the
        // program carried it, and the agent put it in the IP cache: take it from there.
        if ep.sec_id == 0 && ep.flags & ENDPOINT_F_HOST == 0 {
            if let Some((_, i)) = self.ipcache(ip)? {
                ep.sec_id = i.sec_identity;
            }
        }
        Ok(Some(ep))
    }
    fn endpoint6(&mut self, ip: Ipv6Addr) -> Result<Option<EndpointInfo>> {
        self.get::<_, EndpointInfo>(&LXC, &EndpointKey::of(ip.into()))
    }
    fn endpoint_on(&mut self, ifindex: u32) -> Result<Option<EndpointInfo>> {
        if let Some(c) = self.ep_config(ifindex)? {
            return Ok(Some(EndpointInfo {
                ifindex,
                lxc_id: c.lxc_id,
                sec_id: c.sec_label,
                ..Default::default()
            }));
        }
        let Some(m) = self.map(&LXC, LXC.name, true)? else { return Ok(None) };
        let mut found = None;
        maps::for_each(m, |_: EndpointKey, v: EndpointInfo| {
            if v.ifindex == ifindex {
                found = Some(v);
                return Ok(std::ops::ControlFlow::Break(()));
            }
            Ok(std::ops::ControlFlow::Continue(()))
        })?;
        Ok(found)
    }
    fn is_pinned(&mut self, name: &str) -> Result<bool> {
        Ok(maps::pin_path(&self.bpffs, name).exists())
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
        let Some(m) = self.any(crate::maps::lb::BACKENDS)?.1 else { return Ok(None) };
        // v1.10: u16 ids (a slot's u32 id beyond them names no backend); v1.10-1.12: 8 B.
        Ok(match (m.key_len(), m.value_len()) {
            (2, _) => match u16::try_from(id) {
                Ok(k) => maps::get::<_, Lb4BackendV1>(m, &k)?.map(Lb4Backend::from),
                Err(_) => None,
            },
            (_, 8) => maps::get::<_, Lb4BackendV1>(m, &id)?.map(Lb4Backend::from),
            _ => maps::get(m, &id)?,
        })
    }
    fn ipcache(&mut self, ip: Ipv4Addr) -> Result<Option<(Cidr4, RemoteEndpointInfo)>> {
        let layout = self.ipcache_layout()?;
        let Some(m) = self.any(IPCACHES)?.1 else { return Ok(None) };
        let key = |len: u8| IpcacheKey::new(Prefix { cidr: Cidr4::of(ip, len), cluster_id: 0 });
        let read = |exact: bool, len: u8| -> Result<Option<Info>> {
            let k = key(len);
            let mut v = vec![0u8; m.value_len()];
            let hit = if exact {
                m.lookup_exact(bytemuck::bytes_of(&k), &mut v)
            } else {
                m.lookup(bytemuck::bytes_of(&k), &mut v)
            };
            let hit = hit.map_err(|e| Error::sys("look up in", m.path().display(), &e))?;
            Ok(if hit { Info::decode(layout, &v) } else { None })
        };
        // The datapath's lookup: the longest prefix holding the address.
        let Some(hit) = read(false, 32)? else { return Ok(None) };
        // The kernel does not say which prefix matched: the longest prefix of the address
        // with an entry of its own is that prefix.
        let mut len = 32u8;
        while len > 0 && read(true, len)? != Some(hit) {
            len -= 1;
        }
        // An IPv6 tunnel endpoint (v2) is no route for an IPv4 datapath: none.
        let tunnel_endpoint = match hit.tunnel_endpoint {
            std::net::IpAddr::V4(a) => a.into(),
            std::net::IpAddr::V6(_) => Ipv4Addr::UNSPECIFIED.into(),
        };
        let info = RemoteEndpointInfo {
            sec_identity: hit.identity,
            tunnel_endpoint,
            pad: 0,
            key: hit.encrypt_key,
            flags: hit.flags,
        };
        Ok(Some((Cidr4::of(ip, len), info)))
    }
    fn tunnel(&mut self, ip: Ipv4Addr) -> Result<Option<TunnelValue>> {
        match self.map(&TUNNEL, TUNNEL.name, false)? {
            Some(m) => maps::get(m, &TunnelKey::ipv4(ip, 0)),
            None => Ok(None),
        }
    }
    fn ct(&mut self, key: CtKey4) -> Result<Option<CtEntry>> {
        let layout = self.node()?.pick(CT4_GLOBAL.name, crate::maps::ct::LAYOUTS)?;
        let e: Option<CtEntry> =
            if key.nexthdr == 6 { self.get(&CT4_GLOBAL, &key)? } else { self.get(&CT_ANY4_GLOBAL, &key)? };
        Ok(e.map(|e| e.normalized(layout, &key)))
    }
    fn policy_layout(&mut self, id: u16) -> Result<Option<PolicyLayout>> {
        if !self.policy_layouts.contains_key(&id) {
            let v2 = spec::per_endpoint_name(&POLICY_V2, id.into());
            let old = spec::per_endpoint_name(&POLICY, id.into());
            let found = if maps::pin_path(&self.bpffs, &v2).exists() {
                Some((PolicyLayout::V2, v2))
            } else if maps::pin_path(&self.bpffs, &old).exists() {
                // The hash map of v1.15 and before, or v1.16's trie: its shape says which.
                let m = maps::open(&self.bpffs, &POLICY, &old, Access::Raw)?;
                let hash = matches!(spec::for_pin(&old, m.info()), Ok(Some(s)) if *s == POLICY_HASH);
                Some((if hash { PolicyLayout::Hash } else { PolicyLayout::Lpm }, old))
            } else {
                None
            };
            self.policy_layouts.insert(id, found);
        }
        Ok(self.policy_layouts[&id].as_ref().map(|(l, _)| *l))
    }
    fn policy(&mut self, id: u16, key: PolicyKey) -> Result<Option<PolicyHit>> {
        let Some(layout) = self.policy_layout(id)? else { return Ok(None) };
        let name = self.policy_layouts[&id].as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
        Ok(match layout {
            PolicyLayout::Lpm => self
                .map(&POLICY, &name, true)?
                .map(|m| maps::get_longest::<_, PolicyEntry>(m, &key))
                .transpose()?
                .flatten()
                .map(|entry| PolicyHit { entry, v2: None }),
            PolicyLayout::Hash => {
                let k = PolicyKeyHash {
                    sec_label: key.sec_label,
                    dport: key.dport,
                    protocol: key.protocol,
                    egress: key.egress,
                };
                self.map(&POLICY_HASH, &name, true)?
                    .map(|m| maps::get::<_, PolicyEntry>(m, &k))
                    .transpose()?
                    .flatten()
                    .map(|entry| PolicyHit { entry, v2: None })
            }
            PolicyLayout::V2 => self
                .map(&POLICY_V2, &name, true)?
                .map(|m| maps::get_longest::<_, PolicyEntryV2>(m, &key))
                .transpose()?
                .flatten()
                .map(PolicyHit::from),
        })
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
    fn host_calls(&mut self) -> Result<Option<String>> {
        let dir = maps::globals_dir(&self.bpffs);
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::sys("read", dir.display(), &e)),
        };
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(spec::CALLS_HOSTNS.name))
            .collect();
        names.sort();
        Ok(names.into_iter().next())
    }
    fn snat(&mut self, key: CtKey4) -> Result<Option<NatEntry4>> {
        match self.map(&SNAT4, SNAT4.name, false)? {
            Some(m) => maps::get(m, &key),
            None => Ok(None),
        }
    }
}

/// Entries in memory, for tests of the model without a kernel.
#[derive(Default)]
pub struct Memory {
    pub endpoints: HashMap<Ipv4Addr, EndpointInfo>,
    pub endpoints6: HashMap<Ipv6Addr, EndpointInfo>,
    /// Names of maps pinned beside those above (`is_pinned`).
    pub pinned: Vec<String>,
    pub ep_configs: Option<HashMap<u32, EpConfig>>,
    pub services: HashMap<(Ipv4Addr, u16, u16), Lb4Service>,
    pub backends: HashMap<u32, Lb4Backend>,
    pub ipcache: Vec<(Cidr4, RemoteEndpointInfo)>,
    pub tunnels: HashMap<Ipv4Addr, TunnelValue>,
    pub ct: HashMap<Vec<u8>, CtEntry>,
    /// Per endpoint: (prefix length, key) -> entry, matched longest prefix first (the hash
    /// layout: keys in their LPM form, matched exactly).
    pub policies: HashMap<u16, Vec<(PolicyKey, PolicyEntry)>>,
    /// Per endpoint, where not v1.16's LPM.
    pub policy_layouts: HashMap<u16, PolicyLayout>,
    pub policies_v2: HashMap<u16, Vec<(PolicyKey, PolicyEntryV2)>>,
    pub policy_programs: Vec<u16>,
    pub affinity: HashMap<Vec<u8>, LbAffinityVal>,
    pub affinity_matches: Vec<(u32, u16)>,
    pub now: u64,
    /// Tail-call maps: name -> filled slots.
    pub calls: HashMap<String, Vec<u32>>,
    pub socket_lb: Vec<String>,
    pub host_calls: Option<String>,
    pub snat: HashMap<Vec<u8>, NatEntry4>,
}

impl NodeMaps for Memory {
    fn endpoint(&mut self, ip: Ipv4Addr) -> Result<Option<EndpointInfo>> {
        Ok(self.endpoints.get(&ip).copied())
    }
    fn endpoint6(&mut self, ip: Ipv6Addr) -> Result<Option<EndpointInfo>> {
        Ok(self.endpoints6.get(&ip).copied())
    }
    fn endpoint_on(&mut self, ifindex: u32) -> Result<Option<EndpointInfo>> {
        if let Some(c) = self.ep_configs.as_ref().and_then(|m| m.get(&ifindex)) {
            return Ok(Some(EndpointInfo {
                ifindex,
                lxc_id: c.lxc_id,
                sec_id: c.sec_label,
                ..Default::default()
            }));
        }
        Ok(self.endpoints.values().chain(self.endpoints6.values()).find(|e| e.ifindex == ifindex).copied())
    }
    fn is_pinned(&mut self, name: &str) -> Result<bool> {
        Ok(self.pinned.iter().any(|p| p == name))
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
    fn policy_layout(&mut self, id: u16) -> Result<Option<PolicyLayout>> {
        Ok(match self.policy_layouts.get(&id) {
            Some(l) => Some(*l),
            None => self.policies.contains_key(&id).then_some(PolicyLayout::Lpm),
        })
    }
    fn policy(&mut self, id: u16, key: PolicyKey) -> Result<Option<PolicyHit>> {
        // LPM over the 64 bits after the prefix length: identity, direction, protocol, port.
        // The trie compares the key's bytes after the prefix length in memory order.
        fn longest<'a, V>(entries: &'a [(PolicyKey, V)], key: &PolicyKey) -> Option<&'a V> {
            let bits = |k: &PolicyKey| -> u64 {
                let b = bytemuck::bytes_of(k);
                u64::from_be_bytes(b[4..12].try_into().unwrap_or_default())
            };
            let want = bits(key);
            entries
                .iter()
                .filter(|(k, _)| {
                    let n = k.prefixlen.min(64);
                    let mask = if n == 0 { 0 } else { u64::MAX << (64 - n) };
                    bits(k) & mask == want & mask
                })
                .max_by_key(|(k, _)| k.prefixlen)
                .map(|(_, v)| v)
        }
        let hit = |e: &PolicyEntry| PolicyHit { entry: *e, v2: None };
        Ok(match self.policy_layout(id)? {
            None => None,
            Some(PolicyLayout::Lpm) => self.policies.get(&id).and_then(|es| longest(es, &key)).map(hit),
            Some(PolicyLayout::Hash) => {
                let exact = PolicyKeyHash {
                    sec_label: key.sec_label,
                    dport: key.dport,
                    protocol: key.protocol,
                    egress: key.egress,
                }
                .to_lpm();
                let es = self.policies.get(&id).map(Vec::as_slice).unwrap_or_default();
                es.iter().find(|(k, _)| *k == exact).map(|(_, e)| hit(e))
            }
            Some(PolicyLayout::V2) => {
                self.policies_v2.get(&id).and_then(|es| longest(es, &key)).map(|e| PolicyHit::from(*e))
            }
        })
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
    fn host_calls(&mut self) -> Result<Option<String>> {
        Ok(self.host_calls.clone())
    }
    fn snat(&mut self, key: CtKey4) -> Result<Option<NatEntry4>> {
        Ok(self.snat.get(bytemuck::bytes_of(&key)).copied())
    }
}
