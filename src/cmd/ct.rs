//! `ciliumrs bpf ct list|delete|flush`.

use std::ops::ControlFlow;

use crate::cli::{Ct, CtFilterArgs};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::ct::{
    CtEntry, CtKey4, CtRecord, Filter, LAYOUTS, TUPLE_F_IN, TUPLE_F_RELATED, TUPLE_F_SERVICE, mono_now_secs,
};
use crate::maps::spec::{CT_ANY4_GLOBAL, CT4_GLOBAL, MapSpec};
use crate::maps::{self, Access};
use crate::netaddr::Proto;
use crate::output::Human;

const CT_MAPS: [&MapSpec; 2] = [&CT4_GLOBAL, &CT_ANY4_GLOBAL];

fn filter(a: &CtFilterArgs) -> Filter {
    Filter { src: a.src, dst: a.dst, proto: a.proto, flags: a.flags.unwrap_or(0) }
}

/// Opens both CT maps; a missing one is skipped with a warning, both missing is an error.
fn open_all(ctx: &mut Ctx<'_>, access: Access) -> Result<Vec<(&'static MapSpec, crate::bpf::MapFd)>> {
    let mut maps = Vec::new();
    let mut missing = Vec::new();
    for spec in CT_MAPS {
        match maps::open_global(ctx.bpffs, spec, access) {
            Ok(m) => maps.push((spec, m)),
            Err(e) if maps::pin_path(ctx.bpffs, spec.name).exists() => return Err(e),
            Err(e) => missing.push((spec.name, e)),
        }
    }
    if maps.is_empty() && !missing.is_empty() {
        return Err(missing.swap_remove(0).1);
    }
    for (name, _) in missing {
        ctx.out.warn(&format!("skipping {name}: not pinned"));
    }
    Ok(maps)
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Ct) -> Result<()> {
    match cmd {
        Ct::List { filter: f, list, .. } => {
            if list.raw {
                for spec in CT_MAPS {
                    super::raw_list(ctx, spec, spec.name)?;
                }
                return Ok(());
            }
            let maps = open_all(ctx, Access::Read)?;
            let layout = ctx.node()?.pick(CT4_GLOBAL.name, LAYOUTS)?;
            let f = filter(f);
            let now = Some(mono_now_secs());
            let mut out = ctx.out.list(Human::Lines)?;
            for (spec, map) in &maps {
                maps::for_each(map, |key: CtKey4, entry: CtEntry| {
                    let entry = entry.normalized(layout, &key);
                    if f.matches(&key, &entry) {
                        out.row(&CtRecord { map: spec.name, key, entry, now })?;
                    }
                    Ok(ControlFlow::Continue(()))
                })?;
            }
            out.finish()?;
            Ok(())
        }
        Ct::Delete { proto, src, dst, ingress, related, service } => {
            let mut flags = 0;
            if *ingress {
                flags |= TUPLE_F_IN;
            }
            if *related {
                flags |= TUPLE_F_RELATED;
            }
            if *service {
                flags |= TUPLE_F_SERVICE;
            }
            let key = CtKey4::for_flow(*proto, (src.ip, src.port), (dst.ip, dst.port), flags);
            let spec = if *proto == Proto::TCP { &CT4_GLOBAL } else { &CT_ANY4_GLOBAL };
            let map = maps::open_global(ctx.bpffs, spec, Access::Write)?;
            let flow = format!("{proto} {} {src} -> {dst}", key.direction());
            if !maps::remove(&map, &key)? {
                return Err(Error::runtime(format!("no flow {flow} in {}", spec.name)));
            }
            super::report(ctx, "deleted", spec.name, &flow)
        }
        Ct::Flush { filter: f, .. } => {
            let f = filter(f);
            let maps = open_all(ctx, Access::Write)?;
            let mut out = ctx.out.list(Human::Table)?;
            for (spec, map) in &maps {
                let deleted = maps::remove_where(map, |key: &CtKey4, entry: &CtEntry| f.matches(key, entry))?;
                out.row(&Flushed { map: spec.name, deleted })?;
            }
            out.finish()?;
            Ok(())
        }
    }
}

pub struct Flushed {
    pub map: &'static str,
    pub deleted: u64,
}

impl crate::output::Record for Flushed {
    fn visit(&self, v: &mut dyn crate::output::Visit) {
        v.field("map", "MAP", crate::output::Value::Str(self.map));
        v.field("deleted", "DELETED", crate::output::Value::U64(self.deleted));
    }
}
