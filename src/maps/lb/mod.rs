//! The load balancer's maps, both families (Cilium v1.16 layouts, older ones read): one
//! module per map and the writer that keeps them consistent.
//! - [`service`]: `cilium_lb4_services_v2`, masters and slots, the service flags;
//! - [`backend`]: `cilium_lb4_backends_v3` (and the v1/v2 names it reads);
//! - [`revnat`]: `cilium_lb4_reverse_nat` and the socket LB's `cilium_lb4_reverse_sk`;
//! - [`affinity`]: `cilium_lb4_affinity` and `cilium_lb_affinity_match`;
//! - [`family`]: what the writer needs of IPv4's and IPv6's maps, one trait;
//! - [`file`]: the services file of `bpf lb apply` (and one service of `bpf lb update`);
//! - [`state`]: what a write knows of the maps before it writes, and what it wrote;
//! - [`write`]: the one writer: write order, id allocation, garbage collection, rollback;
//! - [`index`]: the writer's index, so that one service's write reads only what it needs.
//!
//! [`LbMaps`] opens the maps a write touches (and takes the node's write lock).

use std::hash::{BuildHasherDefault, Hasher};

use bytemuck::Pod;

use crate::bpf::MapFd;
use crate::error::Result;

pub mod affinity;
pub mod backend;
pub mod family;
pub mod file;
pub mod index;
pub mod revnat;
pub mod service;
pub mod state;
pub mod write;

pub use affinity::{
    AffinityClient, AffinityMaps, AffinityRecord, Lb4AffinityKey, Lb6AffinityKey, LbAffinityMatch,
    LbAffinityVal, read_affinity, read_affinity6,
};
pub use backend::{
    BACKENDS, BACKENDS6, BackendRecord, BackendSpec, Lb4Backend, Lb4BackendV1, Lb6Backend, Lb6BackendV1,
    backend_state, open_backends, open_backends6, read_backends, read_backends6,
};
pub use file::ServiceSpec;
pub use revnat::{
    Lb4ReverseNat, Lb6ReverseNat, RevNatRecord, SockRevNat4Key, SockRevNat4Value, SockRevNat6Key,
    SockRevNat6Value, SockRevNatRecord, read_reverse_sk, read_reverse_sk6, read_revnat, read_revnat6,
};
pub use service::{
    Lb4Key, Lb4Service, Lb6Key, LbFrontend, SVC_FLAG_AFFINITY, SVC_FLAG_ROUTABLE, ServiceRecord, SvcType,
    read_services, read_services_unsorted, read_services6, service_flags_text, service_type,
};
pub use state::{Applied, ServiceWrite};
pub use write::{apply, delete_service, update};

/// A multiplicative hasher for the writer's tables of ids and addresses (tens of thousands
/// of small integer keys per run, from maps root wrote; SipHash's flooding resistance buys
/// nothing here and was a tenth of `lb update`'s time).
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n.into());
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(n.into());
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n.into());
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fx>>;

pub(super) fn all<K: Pod, V: Pod>(map: &MapFd) -> Result<Vec<(K, V)>> {
    let mut out = Vec::new();
    crate::maps::for_each(map, |k: K, v: V| {
        out.push((k, v));
        Ok(std::ops::ControlFlow::Continue(()))
    })?;
    Ok(out)
}

/// The LB maps a service write touches. Opened for writing, they hold the node's write
/// lock (re-entered when the command already holds it), so no other ciliumrs allocates ids
/// or slots from the same maps until they are closed.
pub struct LbMaps {
    pub services: MapFd,
    pub backends: MapFd,
    pub revnat: MapFd,
    pub affinity_match: MapFd,
    /// The IPv6 services, backends and reverse-NAT maps, when the node has them.
    pub v6: Option<family::V6Maps>,
    /// The bpffs they are pinned under (where the writer's index lives).
    pub bpffs: std::path::PathBuf,
    _lock: Option<crate::maps::lock::WriteLock>,
}

impl LbMaps {
    pub fn open(bpffs: &std::path::Path, access: crate::maps::Access) -> Result<LbMaps> {
        use crate::maps::spec::{LB_AFFINITY_MATCH, LB4_REVERSE_NAT, LB4_SERVICES};
        let _lock = match access {
            crate::maps::Access::Write => Some(crate::maps::lock::WriteLock::take(bpffs, &mut |_| {})?),
            crate::maps::Access::Read | crate::maps::Access::Raw => None,
        };
        Ok(LbMaps {
            bpffs: bpffs.to_path_buf(),
            _lock,
            services: crate::maps::open_global(bpffs, &LB4_SERVICES, access)?,
            backends: open_backends(bpffs, access)?,
            revnat: crate::maps::open_global(bpffs, &LB4_REVERSE_NAT, access)?,
            affinity_match: crate::maps::open_global(bpffs, &LB_AFFINITY_MATCH, access)?,
            v6: family::V6Maps::open(bpffs, access)?,
        })
    }
}

impl LbMaps {
    /// Whether writes keep the writer's index ([`index`]): not beside a Cilium
    /// agent, which writes these maps without it, nor with `CILIUMRS_LB_INDEX=off` (every
    /// write then reads every map, as the differential test's reference does).
    pub fn keeps_index(&self) -> bool {
        crate::agent::socket().is_none() && std::env::var_os("CILIUMRS_LB_INDEX").is_none_or(|v| v != "off")
    }
}
