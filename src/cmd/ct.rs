//! `ciliumrs bpf ct list|delete|flush`, over the IPv4 and the IPv6 conntrack maps.

use std::net::IpAddr;
use std::ops::ControlFlow;

use crate::cli::{Ct, CtFilterArgs};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::ct::{
    CtEntry, CtKey4, CtKey6, CtRecord, CtTuple, Filter, LAYOUTS, Layout, TUPLE_F_IN, TUPLE_F_RELATED,
    TUPLE_F_SERVICE, mono_now_secs,
};
use crate::maps::spec::{CT_ANY4_GLOBAL, CT_ANY6_GLOBAL, CT4_GLOBAL, CT6_GLOBAL, MapSpec};
use crate::maps::{self, Access};
use crate::netaddr::Proto;
use crate::output::{Human, List};

/// The maps of each family: TCP, then the rest.
const CT4_MAPS: [&MapSpec; 2] = [&CT4_GLOBAL, &CT_ANY4_GLOBAL];
const CT6_MAPS: [&MapSpec; 2] = [&CT6_GLOBAL, &CT_ANY6_GLOBAL];

fn filter(a: &CtFilterArgs) -> Filter {
    Filter { src: a.src, dst: a.dst, proto: a.proto, flags: a.flags.unwrap_or(0) }
}

/// The families asked for (both by default), each with its maps.
fn families(a: &CtFilterArgs) -> Result<Vec<(u8, &'static [&'static MapSpec])>> {
    let both: [(u8, &'static [&'static MapSpec]); 2] = [(4, &CT4_MAPS), (6, &CT6_MAPS)];
    let asked = a.family.map(u8::from);
    // A filter of one family narrows the listing to it.
    let of_filters: Vec<u8> = [a.src, a.dst].iter().flatten().map(|c| c.cidr.family()).collect();
    if of_filters.windows(2).any(|w| w[0] != w[1]) {
        return Err(Error::usage("--src and --dst are of different address families"));
    }
    if let (Some(f), Some(g)) = (asked, of_filters.first()) {
        if f != *g {
            return Err(Error::usage(format!("--family {f} with an IPv{g} filter: nothing could match")));
        }
    }
    let want = asked.or(of_filters.first().copied());
    Ok(both.into_iter().filter(|(f, _)| want.is_none_or(|w| w == *f)).collect())
}

/// Every entry of one map that `f` keeps, as rows.
fn list_map<K: CtTuple>(
    out: &mut List<'_>,
    spec: &'static MapSpec,
    map: &crate::bpf::MapFd,
    layout: Layout,
    f: &Filter,
) -> Result<()> {
    let now = Some(mono_now_secs());
    maps::for_each(map, |key: K, entry: CtEntry| {
        let entry = entry.normalized(layout, &key);
        if f.matches(&key, &entry) {
            out.row(&CtRecord { map: spec.name, key, entry, now })?;
        }
        Ok(ControlFlow::Continue(()))
    })
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Ct) -> Result<()> {
    match cmd {
        Ct::List { filter: f, list, .. } => {
            let fams = families(f)?;
            if list.raw {
                for (fam, specs) in &fams {
                    for spec in specs.iter() {
                        // An IPv4-only node has no IPv6 maps: listed only where pinned or asked for.
                        if *fam == 6 && f.family.is_none() && !maps::pin_path(ctx.bpffs, spec.name).exists() {
                            continue;
                        }
                        super::raw_list(ctx, spec, spec.name)?;
                    }
                }
                return Ok(());
            }
            let maps = super::open_families(ctx, Access::Read, &fams, f.family.is_some())?;
            let layout = ctx.node()?.pick(CT4_GLOBAL.name, LAYOUTS)?;
            let flt = filter(f);
            let mut out = ctx.out.list(Human::Lines)?;
            for (fam, spec, map) in &maps {
                if *fam == 4 {
                    list_map::<CtKey4>(&mut out, spec, map, layout, &flt)?;
                } else {
                    list_map::<CtKey6>(&mut out, spec, map, layout, &flt)?;
                }
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
            let tcp = *proto == Proto::TCP;
            let (spec, deleted, dir) = match (src.ip, dst.ip) {
                (IpAddr::V4(s), IpAddr::V4(d)) => {
                    let key = CtKey4::for_flow(*proto, (s, src.port), (d, dst.port), flags);
                    let spec = if tcp { &CT4_GLOBAL } else { &CT_ANY4_GLOBAL };
                    let map = maps::open_global(ctx.bpffs, spec, Access::Write)?;
                    (spec, maps::remove(&map, &key)?, key.direction())
                }
                (IpAddr::V6(s), IpAddr::V6(d)) => {
                    let key = CtKey6::for_flow(*proto, (s, src.port), (d, dst.port), flags);
                    let spec = if tcp { &CT6_GLOBAL } else { &CT_ANY6_GLOBAL };
                    let map = maps::open_global(ctx.bpffs, spec, Access::Write)?;
                    (spec, maps::remove(&map, &key)?, key.direction())
                }
                _ => {
                    return Err(Error::usage(format!("{src} and {dst} are of different address families")));
                }
            };
            let flow = format!("{proto} {dir} {src} -> {dst}");
            if !deleted {
                return Err(Error::runtime(format!("no flow {flow} in {}", spec.name)));
            }
            super::report(ctx, "deleted", spec.name, &flow)
        }
        Ct::Flush { filter: f, .. } => {
            let fams = families(f)?;
            let flt = filter(f);
            let maps = super::open_families(ctx, Access::Write, &fams, f.family.is_some())?;
            let mut out = ctx.out.list(Human::Table)?;
            for (fam, spec, map) in &maps {
                let deleted = if *fam == 4 {
                    maps::remove_where(map, |key: &CtKey4, entry: &CtEntry| flt.matches(key, entry))?
                } else {
                    maps::remove_where(map, |key: &CtKey6, entry: &CtEntry| flt.matches(key, entry))?
                };
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
