//! `ciliumrs service list`: Cilium's `service list` (ID, frontend, type, backends with
//! their state), rebuilt from the BPF maps, since there is no agent to ask: the ID is the
//! service's reverse-NAT id, the backends are its slots in order (active ones first).

use std::collections::BTreeMap;

use crate::cmd::Ctx;
use crate::error::Result;
use crate::maps::Access;
use crate::maps::lb::{
    Lb4Key, Lb4Service, LbMaps, backend_state, read_backends, read_services, service_type,
};
use crate::netaddr::SockAddr4;
use crate::output::{Human, Record, Value, Visit};

struct Row {
    id: u16,
    frontend: SockAddr4,
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

pub fn list(ctx: &mut Ctx<'_>) -> Result<()> {
    let m = LbMaps::open(ctx.bpffs, Access::Read)?;
    let services = read_services(&m.services)?;
    let backends = read_backends(&m.backends)?;
    let mut masters: BTreeMap<(u32, u16), (Lb4Key, Lb4Service)> = BTreeMap::new();
    let mut slots: BTreeMap<(u32, u16), Vec<(u16, u32)>> = BTreeMap::new();
    for (k, s) in &services {
        let f = (u32::from_be_bytes(k.address.octets()), k.dport.get());
        if k.backend_slot == 0 {
            masters.insert(f, (*k, *s));
        } else {
            slots.entry(f).or_default().push((k.backend_slot, s.backend_id));
        }
    }
    let mut rows: Vec<Row> = masters
        .iter()
        .map(|(f, (k, s))| {
            let mut own = slots.get(f).cloned().unwrap_or_default();
            own.sort();
            let list = own
                .iter()
                .map(|(slot, id)| match backends.get(id) {
                    Some(b) => format!(
                        "{slot} => {}:{} ({})",
                        b.address.addr(),
                        b.port.get(),
                        backend_state(b.flags)
                    ),
                    None => format!("{slot} => backend {id} not found"),
                })
                .collect();
            Row {
                id: s.rev_nat_index.get(),
                frontend: SockAddr4 { ip: k.address.addr(), port: k.dport.get() },
                kind: service_type(s.flags, s.flags2),
                backends: list,
            }
        })
        .collect();
    rows.sort_by_key(|r| r.id);
    ctx.out.info("rebuilt from the BPF maps (no agent): ID is the reverse-NAT id");
    let mut out = ctx.out.list(Human::Table)?;
    for r in &rows {
        out.row(r)?;
    }
    out.finish()?;
    Ok(())
}
