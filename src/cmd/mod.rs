//! Command handlers: argv (already typed by clap) → maps → records. The single dispatch
//! `match` is [`run`]; each `bpf <map>` path has its own file. Handlers hand records to the
//! output layer and return errors; they neither print directly nor exit.

mod attach;
mod ct;
mod detach;
mod explain;
mod fleet;
mod init;
mod ipcache;
mod lab;
mod lb;
mod lxc;
mod maps;
mod metrics;
mod monitor;
mod nat;
mod policy;
mod service;
mod status;
mod tailcall;
mod tunnel;

use std::ops::ControlFlow;
use std::path::Path;

use crate::cli::{Bpf, Cli, Command, ListOnly, Nat};
use crate::error::{Error, Result};
use crate::maps::spec::MapSpec;
use crate::maps::{Access, RawEntry};
use crate::output::{Human, Output, Record, Value, Visit};

/// What every handler gets.
pub struct Ctx<'a> {
    pub bpffs: &'a Path,
    pub out: &'a mut Output,
    /// `--cilium-version`: decides the layout where the node's maps do not.
    pub cilium_version: Option<u8>,
    /// `-o` as given (the output layer knows only table and JSON).
    pub format: crate::cli::Format,
}

impl Ctx<'_> {
    /// The Cilium version range the node's maps show (or the one forced).
    pub fn node(&self) -> Result<crate::maps::abi::Node> {
        crate::maps::abi::Node::detect(self.bpffs, self.cilium_version)
    }
}

/// Whether a command changes the node's shared state, and so holds the node's write lock
/// ([`crate::maps::lock`]) for its whole run: reads, id allocation and writes of one
/// writer never interleave with another's. The lab's service commands take each node's
/// lock themselves.
pub(crate) fn writes(cmd: &Command) -> bool {
    use crate::cli::{Ct, Ipcache, Lb, Lxc, Policy, Tunnel};
    match cmd {
        Command::Init(_) | Command::Attach(_) | Command::Detach(_) | Command::Reset { .. } => true,
        Command::Bpf(b) => match b {
            Bpf::Ct(c) => matches!(c, Ct::Delete { .. } | Ct::Flush { .. }),
            Bpf::Ipcache(c) => matches!(c, Ipcache::Update { .. } | Ipcache::Delete { .. }),
            Bpf::Lxc(c) => matches!(c, Lxc::Update { .. } | Lxc::Delete { .. }),
            // `lb apply` takes the lock itself once its file is read (a slow `-` must not
            // hold every writer of the node).
            Bpf::Lb(c) => matches!(c, Lb::Update { .. } | Lb::Delete { .. }),
            Bpf::Tunnel(c) => matches!(c, Tunnel::Update { .. } | Tunnel::Delete { .. }),
            Bpf::Policy(c) => matches!(c, Policy::Add { .. } | Policy::Delete { .. }),
            Bpf::Nat(n) => matches!(n, Nat::Flush { .. }),
            Bpf::Maps | Bpf::Metrics(_) | Bpf::Neigh(_) | Bpf::Tailcall(_) => false,
        },
        Command::Status { .. }
        | Command::Explain(_)
        | Command::Fleet(_)
        | Command::Monitor(_)
        | Command::Lab(_)
        | Command::Service(_)
        | Command::Completions { .. } => false,
    }
}

/// The map a write changes when a Cilium agent reconciles that map from its own state
/// (services, the IP cache, policy, the tunnel map); CT and NAT are the datapath's own.
fn reconciled(cmd: &Command) -> Option<&'static str> {
    use crate::cli::{Ipcache, Lb, Policy, Tunnel};
    use crate::maps::spec::{IPCACHE, LB4_SERVICES, TUNNEL};
    match cmd {
        Command::Bpf(Bpf::Lb(Lb::Update { .. } | Lb::Apply { .. } | Lb::Delete { .. })) => {
            Some(LB4_SERVICES.name)
        }
        Command::Bpf(Bpf::Ipcache(Ipcache::Update { .. } | Ipcache::Delete { .. })) => Some(IPCACHE.name),
        Command::Bpf(Bpf::Tunnel(Tunnel::Update { .. } | Tunnel::Delete { .. })) => Some(TUNNEL.name),
        Command::Bpf(Bpf::Policy(Policy::Add { .. } | Policy::Delete { .. })) => Some("cilium_policy_<EPID>"),
        _ => None,
    }
}

/// Which commands take `-o hubble` and `-o prometheus`: a usage error for any other.
fn check_format(cli: &Cli) -> Result<()> {
    use crate::cli::Format;
    let ok = match cli.output {
        Format::Table | Format::Json => true,
        Format::Hubble => matches!(&cli.command, Command::Monitor(m) if !m.signals),
        Format::Prometheus => match &cli.command {
            Command::Bpf(Bpf::Maps) => true,
            Command::Bpf(Bpf::Metrics(ListOnly::List(o))) => !o.raw,
            _ => false,
        },
    };
    if ok {
        return Ok(());
    }
    Err(Error::usage(match cli.output {
        Format::Hubble => "-o hubble is for 'monitor' (events, not --signals) only",
        _ => "-o prometheus is for 'bpf metrics list' and 'bpf maps' only (there is nothing to count here)",
    }))
}

pub fn run(cli: &Cli, out: &mut Output) -> Result<()> {
    check_format(cli)?;
    crate::maps::lock::set_wait(std::time::Duration::from_secs(cli.wait));
    let _lock = if writes(&cli.command) {
        Some(crate::maps::lock::WriteLock::take(&cli.bpffs, &mut |msg| out.warn(msg))?)
    } else {
        None
    };
    if let (Some(map), Some(sock)) = (reconciled(&cli.command), crate::agent::socket()) {
        out.warn(&crate::agent::overwrite_warning(sock, map));
    }
    let mut ctx = Ctx { bpffs: &cli.bpffs, out, cilium_version: cli.cilium_version, format: cli.output };
    let ctx = &mut ctx;
    match &cli.command {
        Command::Init(a) => init::run(ctx, a),
        Command::Attach(a) => attach::attach(ctx, a),
        Command::Detach(d) => detach::run(ctx, d),
        Command::Bpf(b) => match b {
            Bpf::Maps => maps::run(ctx),
            Bpf::Ct(c) => ct::run(ctx, c),
            Bpf::Ipcache(c) => ipcache::run(ctx, c),
            Bpf::Lxc(c) => lxc::run(ctx, c),
            Bpf::Lb(c) => lb::run(ctx, c),
            Bpf::Tunnel(c) => tunnel::run(ctx, c),
            Bpf::Policy(c) => policy::run(ctx, c),
            Bpf::Metrics(ListOnly::List(o)) => metrics::list(ctx, *o),
            Bpf::Nat(Nat::List { list, family }) => nat::list(ctx, *list, *family),
            Bpf::Nat(Nat::Flush { family }) => nat::flush(ctx, *family),
            Bpf::Neigh(crate::cli::Neigh::List { list, family }) => nat::neigh_list(ctx, *list, *family),
            Bpf::Tailcall(t) => tailcall::run(ctx, t),
        },
        Command::Monitor(m) => monitor::run(ctx, m),
        Command::Explain(e) => explain::run(ctx, e),
        Command::Fleet(f) => fleet::run(ctx, f),
        Command::Status { cgroup } => status::run(ctx, &cgroup.path),
        Command::Reset { force, health_netns, cgroup } => {
            let steps = crate::datapath::reset::reset(ctx.bpffs, *force, health_netns, &cgroup.path)?;
            attach::steps(ctx, &steps)
        }
        Command::Lab(l) => lab::run(ctx, l),
        Command::Service(crate::cli::ServiceCmd::List { family }) => service::list(ctx, *family),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            crate::docs::completion(*shell, &mut buf);
            ctx.out.write_raw(&buf).map_err(Error::from)
        }
    }
}

/// `--raw`: every entry of a pinned map as hex, whatever its layout.
pub fn raw_list(ctx: &mut Ctx<'_>, spec: &MapSpec, name: &str) -> Result<()> {
    let map = crate::maps::open(ctx.bpffs, spec, name, Access::Raw)?;
    let (kl, vl) = (map.key_len(), map.value_len());
    let mut list = ctx.out.list(Human::Table)?;
    map.for_each_chunk(crate::maps::BATCH, |keys, values, n| {
        for i in 0..n {
            let e = RawEntry { key: &keys[i * kl..(i + 1) * kl], value: &values[i * vl..(i + 1) * vl] };
            list.row(&e)?;
        }
        Ok(ControlFlow::Continue(()))
    })
    .map_err(|e| Error::sys("read", map.path().display(), &e))?;
    list.finish()?;
    Ok(())
}

/// The result of a change, reported as a record.
pub struct Change<'a> {
    pub action: &'static str,
    pub map: &'a str,
    pub key: &'a dyn std::fmt::Display,
}

impl Record for Change<'_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("action", "ACTION", Value::Str(self.action));
        v.field("map", "MAP", Value::Str(self.map));
        v.field("key", "KEY", Value::Disp(self.key));
    }
}

/// Reports a change.
pub fn report(ctx: &mut Ctx<'_>, action: &'static str, map: &str, key: &dyn std::fmt::Display) -> Result<()> {
    ctx.out.one(&Change { action, map, key })?;
    Ok(())
}

/// Opens the maps of each family in `fams` ((4 or 6, its maps)). A family none of whose
/// maps is pinned is skipped quietly unless asked for by name (`named`: an IPv4-only node
/// has no IPv6 maps); a family half there is skipped with a warning for the missing map;
/// nothing at all is an error naming the first missing map.
pub(crate) fn open_families(
    ctx: &mut Ctx<'_>,
    access: Access,
    fams: &[(u8, &'static [&'static MapSpec])],
    named: bool,
) -> Result<Vec<(u8, &'static MapSpec, crate::bpf::MapFd)>> {
    let mut maps = Vec::new();
    let mut first_missing = None;
    for (fam, specs) in fams {
        let mut missing = Vec::new();
        let before = maps.len();
        for spec in specs.iter() {
            match crate::maps::open_global(ctx.bpffs, spec, access) {
                Ok(m) => maps.push((*fam, *spec, m)),
                Err(e) if crate::maps::pin_path(ctx.bpffs, spec.name).exists() => return Err(e),
                Err(e) => missing.push((spec.name, e)),
            }
        }
        if maps.len() > before || named {
            for (name, _) in &missing {
                ctx.out.warn(&format!("skipping {name}: not pinned"));
            }
        }
        if first_missing.is_none() {
            first_missing = missing.into_iter().next().map(|(_, e)| e);
        }
    }
    match (maps.is_empty(), first_missing) {
        (true, Some(e)) => Err(e),
        _ => Ok(maps),
    }
}
