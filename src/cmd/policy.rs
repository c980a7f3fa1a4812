//! `ciliumrs bpf policy get|add|delete`.

use std::ops::ControlFlow;

use crate::bpf::MapFd;
use crate::cli::{Policy, PolicyEntryArgs};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::maps::policy::{
    ENTRY_DENY, ENTRY_WILDCARD_DPORT, ENTRY_WILDCARD_PROTO, Layout, PolicyEntry, PolicyKey, PolicyRecord,
};
use crate::maps::spec::{self, MapSpec, POLICY, POLICY_HASH, POLICY_V2, per_endpoint_name};
use crate::maps::{self, Access};
use crate::netaddr::PortProto;
use crate::output::Human;

fn key_of(e: &PolicyEntryArgs) -> PolicyKey {
    PolicyKey::new(e.direction.into(), e.identity, e.l4)
}

fn describe(e: &PolicyEntryArgs) -> String {
    let l4 = match e.l4 {
        PortProto::Any => "any".to_string(),
        PortProto::Proto(p) => format!("/{p}"),
        PortProto::PortProto(port, p) => format!("{port}/{p}"),
    };
    format!("{:?} identity {} {l4}", e.direction, e.identity).to_lowercase()
}

/// The endpoint's policy map as pinned: v1.17's new name first.
fn pinned(ctx: &Ctx<'_>, endpoint: u16) -> (&'static MapSpec, String) {
    let v2 = per_endpoint_name(&POLICY_V2, u32::from(endpoint));
    if maps::pin_path(ctx.bpffs, &v2).exists() {
        return (&POLICY_V2, v2);
    }
    (&POLICY, per_endpoint_name(&POLICY, u32::from(endpoint)))
}

/// Opens it for reading with the layout its name and shape say.
fn open_read(ctx: &Ctx<'_>, spec: &'static MapSpec, name: &str) -> Result<(MapFd, Layout)> {
    if spec.name == POLICY_V2.name {
        return Ok((maps::open(ctx.bpffs, spec, name, Access::Read)?, Layout::V2));
    }
    // One open; the layout check is for_pin's (the hash map of v1.15 and before, or ours).
    let map = maps::open(ctx.bpffs, spec, name, Access::Raw)?;
    match spec::for_pin(name, map.info()) {
        Ok(Some(s)) if *s == POLICY_HASH => Ok((map, Layout::Hash)),
        Ok(Some(s)) if *s == POLICY => Ok((map, Layout::Lpm)),
        // Another shape: the checked open says how it differs from ours.
        _ => maps::open(ctx.bpffs, spec, name, Access::Read).map(|m| (m, Layout::Lpm)),
    }
}

/// Writes go only to the v1.16 layout (ours): a v1.17+ map is refused by name, and any
/// node whose maps are not v1.16's (where a new map would be one the datapath never reads)
/// by its version.
fn name_for_write(ctx: &Ctx<'_>, endpoint: u16) -> Result<String> {
    match pinned(ctx, endpoint) {
        (s, name) if s.name == POLICY_V2.name => Err(Error::runtime(format!(
            "{name} (Cilium v1.17 or newer): ciliumrs writes only the v1.16 policy layout; refusing (nothing was changed)"
        ))),
        (_, name) => {
            ctx.node()?.require(&name, POLICY.versions)?;
            Ok(name)
        }
    }
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &Policy) -> Result<()> {
    match cmd {
        Policy::Get { endpoint, list } => {
            let (spec, name) = pinned(ctx, *endpoint);
            if list.raw {
                return super::raw_list(ctx, spec, &name);
            }
            let (map, layout) = open_read(ctx, spec, &name)?;
            let mut rows = Vec::new();
            maps::for_each_raw(&map, |k, v| {
                rows.extend(PolicyRecord::decode(layout, k, v));
                Ok(ControlFlow::Continue(()))
            })?;
            // At most 16384 entries: sorted like Cilium's output.
            rows.sort_by_key(|r| {
                (r.key.egress, r.key.sec_label, r.key.protocol, r.key.dport.get(), r.key.prefixlen)
            });
            let mut out = ctx.out.list(Human::Table)?;
            for r in &rows {
                out.row(r)?;
            }
            if out.finish()? == 0 {
                ctx.out.warn(&format!("{name} is empty: this endpoint allows nothing if it enforces policy"));
            }
            Ok(())
        }
        Policy::Add { entry, deny, create: want_create } => {
            let name = name_for_write(ctx, entry.endpoint)?;
            let path = maps::pin_path(ctx.bpffs, &name);
            let map = if *want_create && !path.exists() {
                crate::maps::create::per_endpoint(ctx.bpffs, &POLICY, &name)?
            } else {
                maps::open(ctx.bpffs, &POLICY, &name, Access::Write)?
            };
            let key = key_of(entry);
            let mut flags = if *deny { ENTRY_DENY } else { 0 };
            match entry.l4 {
                PortProto::Any => flags |= ENTRY_WILDCARD_PROTO | ENTRY_WILDCARD_DPORT,
                PortProto::Proto(_) => flags |= ENTRY_WILDCARD_DPORT,
                PortProto::PortProto(..) => {}
            }
            // Keep the counters of an entry that is being replaced.
            let old = maps::get::<_, PolicyEntry>(&map, &key)?;
            let value = PolicyEntry {
                flags,
                packets: old.map_or(0, |o| o.packets),
                bytes: old.map_or(0, |o| o.bytes),
                ..PolicyEntry::default()
            };
            // What the entry changes under the precedence of the node's layout (v1.16).
            let mut existing = Vec::new();
            maps::for_each(&map, |k: PolicyKey, v: PolicyEntry| {
                existing.push((k, v));
                Ok(ControlFlow::Continue(()))
            })?;
            let warnings = crate::explain::policy::shadowing((&key, &value), &existing);
            maps::put(&map, &key, &value)?;
            for w in &warnings {
                ctx.out.warn(w);
            }
            let what = format!("{} {}", if *deny { "deny" } else { "allow" }, describe(entry));
            super::report(ctx, if old.is_some() { "replaced" } else { "created" }, &name, &what)
        }
        Policy::Delete { entry } => {
            let name = name_for_write(ctx, entry.endpoint)?;
            let map = maps::open(ctx.bpffs, &POLICY, &name, Access::Write)?;
            if !maps::remove(&map, &key_of(entry))? {
                return Err(Error::runtime(format!("no entry {} in {name}", describe(entry))));
            }
            super::report(ctx, "deleted", &name, &describe(entry))
        }
    }
}
