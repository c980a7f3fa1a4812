//! `ciliumrs service list`: Cilium's `service list` (ID, frontend, type, backends with
//! their state), rebuilt from the BPF maps, since there is no agent to ask: the ID is the
//! service's reverse-NAT id, the backends are its slots in order (active ones first). IPv6
//! services (`cilium_lb6_*`) follow the IPv4 ones where the node has them.

use std::collections::BTreeMap;

use crate::cmd::Ctx;
use crate::error::Result;
use crate::maps::lb::{
    LbFrontend, LbMaps, backend_state, read_backends, read_backends6, read_services, read_services6,
    service_type,
};
use crate::maps::spec::LB6_SERVICES;
use crate::maps::{self, Access};
use crate::netaddr::SockAddr;
use crate::output::{Human, Record, Value, Visit};

struct Row {
    id: u16,
    frontend: SockAddr,
    kind: &'static str,
    backends: Vec<String>,
}

impl Record for Row {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("id", "ID", Value::U64(self.id.into()));
        v.field("frontend", "FRONTEND", Value::Disp(&self.frontend));
        v.field("type", "SERVICE TYPE", Value::Str(self.kind));
        let b: Vec<&str> = self.backends.iter().map(String::as_str).collect();
        v.field("backends", "BACKEND", Value::Lines(&b));
    }
}

/// One row per frontend of `entries` (master and slots), its slots' backends from `backends`
/// (address and state flags by id).
fn rows(
    entries: &[(LbFrontend, crate::maps::lb::Lb4Service)],
    backends: &BTreeMap<u32, (SockAddr, u8)>,
) -> Vec<Row> {
    let mut masters = BTreeMap::new();
    let mut slots: BTreeMap<SockAddr, Vec<(u16, u32)>> = BTreeMap::new();
    for (k, s) in entries {
        if k.slot == 0 {
            masters.insert(k.addr, *s);
        } else {
            slots.entry(k.addr).or_default().push((k.slot, s.backend_id));
        }
    }
    masters
        .iter()
        .map(|(f, s)| {
            let mut own = slots.get(f).cloned().unwrap_or_default();
            own.sort();
            let list = own
                .iter()
                .map(|(slot, id)| match backends.get(id) {
                    Some((a, flags)) => format!("{slot} => {a} ({})", backend_state(*flags)),
                    None => format!("{slot} => backend {id} not found"),
                })
                .collect();
            Row {
                id: s.rev_nat_index.get(),
                frontend: *f,
                kind: service_type(s.flags, s.flags2),
                backends: list,
            }
        })
        .collect()
}

pub fn list(ctx: &mut Ctx<'_>, family: Option<crate::cli::Family>) -> Result<()> {
    let wants = |f: u8| family.is_none_or(|w| u8::from(w) == f);
    let mut all = Vec::new();
    if wants(4) {
        let m = LbMaps::open(ctx.bpffs, Access::Read)?;
        let v4: Vec<_> = read_services(&m.services)?.into_iter().map(|(k, s)| (k.into(), s)).collect();
        let b4 =
            read_backends(&m.backends)?.into_iter().map(|(id, b)| (id, (b.sock_addr(), b.flags))).collect();
        all = rows(&v4, &b4);
        all.sort_by_key(|r| r.id);
    }
    // The IPv6 maps where pinned; asked for with --family 6, their absence is an error.
    if wants(6) && (family.is_some() || maps::pin_path(ctx.bpffs, LB6_SERVICES.name).exists()) {
        let services = maps::open_global(ctx.bpffs, &LB6_SERVICES, Access::Read)?;
        let backends = crate::maps::lb::open_backends6(ctx.bpffs, Access::Read)?;
        let v6: Vec<_> = read_services6(&services)?.into_iter().map(|(k, s)| (k.into(), s)).collect();
        let b6 =
            read_backends6(&backends)?.into_iter().map(|(id, b)| (id, (b.sock_addr(), b.flags))).collect();
        let mut rows6 = rows(&v6, &b6);
        rows6.sort_by_key(|r| r.id);
        all.extend(rows6);
    }
    ctx.out.info("rebuilt from the BPF maps (no agent): ID is the reverse-NAT id");
    let mut out = ctx.out.list(Human::Table)?;
    for r in &all {
        out.row(r)?;
    }
    out.finish()?;
    Ok(())
}
