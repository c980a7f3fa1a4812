//! `ciliumrs lab up|exec|status|down`.

use std::os::unix::process::CommandExt;

use crate::cli::{LabCmd, LabService};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::lab::Lab;
use crate::output::Human;

fn show(ctx: &mut Ctx<'_>, lab: &Lab) -> Result<()> {
    let mut out = ctx.out.list(Human::Table)?;
    for m in lab.members() {
        out.row(&m)?;
    }
    out.finish()?;
    Ok(())
}

pub fn run(ctx: &mut Ctx<'_>, cmd: &LabCmd) -> Result<()> {
    match cmd {
        LabCmd::Up { name, nodes, pods_per_node, socket_lb_pods } => {
            let start = std::time::Instant::now();
            let lab = Lab::up(&name.name, *nodes, *pods_per_node, *socket_lb_pods)?;
            show(ctx, &lab)?;
            let n = &name.name;
            // Every command names the lab unless it is the default one.
            let nm = if n == "crslab" { String::new() } else { format!(" --name {n}") };
            let first_pod = lab.plan.nodes.first().and_then(|n| n.pods.first());
            let far_pod = lab.plan.nodes.last().and_then(|n| n.pods.last());
            let mut tips = format!("lab '{n}' is up in {:.2} s. Try:", start.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (first_pod, far_pod) {
                tips.push_str(&format!("\n  ciliumrs lab exec{nm} {} -- ping -c 2 {}", a.name, b.ip));
                tips.push_str(&format!(
                    "\n  ciliumrs lab exec{nm} {} -- python3 -m http.server 8080 &   # a backend\
                     \n  ciliumrs lab service add{nm} web --vip 10.96.0.10:80 --backends {}:8080 --nodeport 30080   # ClusterIP + NodePort",
                    b.name, b.name
                ));
                if let Some(node) = lab.plan.nodes.first().and_then(|n| n.underlay_ip) {
                    tips.push_str(&format!(
                        "\n  ciliumrs lab exec{nm} client -- curl -s http://{node}:30080/   # from outside, through {}'s NodePort",
                        lab.plan.nodes[0].name
                    ));
                }
            }
            tips.push_str(&format!(
                "\n  ciliumrs lab exec{nm} node1 -- ciliumrs bpf nat list\
                 \n  ciliumrs lab exec{nm} node1 -- ciliumrs bpf ct list\
                 \n  ciliumrs lab exec{nm} node1 -- ciliumrs bpf tailcall list\
                 \n  ciliumrs lab exec{nm} node1 -- ciliumrs monitor\
                 \n  ciliumrs lab down{nm}"
            ));
            ctx.out.info(&tips);
            Ok(())
        }
        LabCmd::Explain { name, member, dst, proto, sport } => {
            let lab = Lab::load(&name.name)?;
            // The source address is the pod's: any placeholder parses here.
            let req = super::explain::request("0.0.0.0", dst, proto.as_deref(), *sport)?;
            let answers = lab.explain(member, req)?;
            let shown: Vec<(Option<&str>, &crate::explain::Answer)> =
                answers.iter().map(|(n, a)| (Some(n.as_str()), a)).collect();
            super::explain::show(ctx, &shown)
        }
        LabCmd::Service(LabService::Add { lab, service, vip, proto, backends, nodeport }) => {
            let (mut l, _locks) = Lab::load_for_change(&lab.name, &mut |m| ctx.out.warn(m))?;
            l.add_service(service, *vip, *proto, backends, *nodeport)?;
            let svc = l.services.iter().find(|s| s.name == *service).cloned();
            match svc {
                Some(s) => Ok(ctx.out.one(&s)?),
                None => Err(Error::runtime("service not recorded")),
            }
        }
        LabCmd::Service(LabService::List { lab }) => {
            let l = Lab::load(&lab.name)?;
            let mut out = ctx.out.list(Human::Table)?;
            for s in &l.services {
                out.row(s)?;
            }
            out.finish()?;
            Ok(())
        }
        LabCmd::Service(LabService::Delete { lab, service }) => {
            let (mut l, _locks) = Lab::load_for_change(&lab.name, &mut |m| ctx.out.warn(m))?;
            l.delete_service(service)?;
            ctx.out.info(&format!("service {service} deleted from every node"));
            Ok(())
        }
        LabCmd::Status { name } => {
            let lab = Lab::load(&name.name)?;
            show(ctx, &lab)
        }
        LabCmd::Down { name } => {
            let lab = Lab::load(&name.name)?;
            lab.down()?;
            ctx.out.info(&format!("lab '{}' is down", name.name));
            Ok(())
        }
        LabCmd::Exec { name, who, command } => {
            let lab = Lab::load(&name.name)?;
            let place = lab.place(who)?;
            let netns = place.netns;
            ctx.out.flush()?;
            // A node's processes run in its cgroup, so socket programs on it apply to them.
            if let Some(cg) = place.cgroup {
                let procs = cg.join("cgroup.procs");
                std::fs::write(&procs, std::process::id().to_string())
                    .map_err(|e| Error::sys("join cgroup", procs.display(), &e))?;
            }
            // `ciliumrs` inside means this very binary, whatever PATH says.
            let exe = std::env::current_exe().map_err(|e| Error::sys("find", "own executable", &e))?;
            let mut args: Vec<std::ffi::OsString> = command.iter().map(Into::into).collect();
            if command.first().is_some_and(|c| c == "ciliumrs") {
                args[0] = exe.clone().into_os_string();
            }
            // NB: `ip netns exec` also remounts /sys for the namespace, which tools in the
            // member read; our own setns would leave the host's /sys in view.
            let mut cmd = std::process::Command::new("ip");
            cmd.args(["netns", "exec", &netns]).args(&args);
            // ... and wherever the command names it (`timeout 5 ciliumrs monitor`, a script).
            let mut path = std::ffi::OsString::from(lab.bin_dir(&exe)?);
            if let Some(p) = std::env::var_os("PATH") {
                path.push(":");
                path.push(p);
            }
            cmd.env("PATH", path);
            if let Some(b) = place.bpffs {
                cmd.env("CILIUMRS_BPFFS", b);
            }
            if let Some(r) = place.cgroup_root {
                cmd.env("CILIUMRS_CGROUP_ROOT", r);
            }
            let err = cmd.exec();
            Err(Error::sys("run", format!("ip netns exec {netns}"), &err))
        }
    }
}
