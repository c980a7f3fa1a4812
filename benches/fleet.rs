//! Benchmark of issue 25: `ciliumrs fleet --via ssh -- bpf ct list --dst IP` over the 16
//! nodes of a lab (a real sshd in each node's namespace, throwaway keys), against the
//! slowest of the same command asked of one node at a time through the same ssh, in the
//! same run: fanning out must cost little more than the slowest node.
//!
//! Run: `cargo bench --bench fleet` (root; sshd from openssh-server).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "common/report.rs"]
mod report;
use report::{Goal, median, not_measured, report};
#[path = "../tests/shared/sshd.rs"]
mod sshd;

const NODES: u8 = 16;
const MEASURE: &str = "fleet --via ssh -- bpf ct list --dst IP, 16 lab nodes, whole command";
const GOAL: &str = "<= 1.5x the slowest single node";

/// A command in the lab's client namespace; its wall time in ms. It must succeed.
fn timed(lab: &str, args: &[&str]) -> f64 {
    let t = Instant::now();
    let o = Command::new("ip")
        .args(["netns", "exec", &format!("{lab}-client")])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    assert!(!o.stdout.is_empty(), "{args:?} wrote nothing");
    t.elapsed().as_secs_f64() * 1000.0
}

/// Takes the lab down on drop.
struct Lab(String);

impl Drop for Lab {
    fn drop(&mut self) {
        let _ =
            Command::new(env!("CARGO_BIN_EXE_ciliumrs")).args(["lab", "down", "--name", &self.0]).status();
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // Without an ssh server or client the row says why instead of vanishing.
    let have = |p: &str| std::path::Path::new(p).exists();
    if !(have("/usr/sbin/sshd") || have("/usr/bin/sshd")) || !have("/usr/bin/ssh") {
        not_measured(
            MEASURE,
            "ms",
            GOAL,
            "sshd or ssh missing (Debian's openssh-server, as scripts/test installs it)",
        );
        return;
    }
    let bin = env!("CARGO_BIN_EXE_ciliumrs");
    let name = format!("fb{}", std::process::id() % 100000);
    let t = Instant::now();
    let st = Command::new(bin)
        .args(["lab", "up", "--name", &name, "--nodes", &NODES.to_string(), "--pods-per-node", "0"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    let _lab = Lab(name.clone());
    assert!(st.success(), "lab up (root?)");
    let keys = sshd::Keys::new(std::env::temp_dir().join(format!("ciliumrs-bench-fleet-{name}")));
    let _run = sshd::RunSshd::take();
    let _servers: Vec<sshd::Sshd> = (1..=NODES)
        .map(|n| {
            let bpffs = PathBuf::from(format!("/run/ciliumrs-lab/{name}/n{n}-bpffs"));
            keys.sshd(&format!("{name}-n{n}"), &format!("10.100.0.{n}"), &bpffs)
        })
        .collect();
    let cfg = keys.ssh_config();
    let cfg = cfg.to_str().unwrap();
    let addrs: Vec<String> = (1..=NODES).map(|n| format!("10.100.0.{n}")).collect();
    // Every server answers before anything is timed.
    for a in &addrs {
        let deadline = Instant::now() + std::time::Duration::from_secs(30);
        while Command::new("ip")
            .args(["netns", "exec", &format!("{name}-client"), "ssh", "-F", cfg, a, "true"])
            .stderr(Stdio::null())
            .status()
            .map_or(true, |s| !s.success())
        {
            assert!(Instant::now() < deadline, "sshd on {a} never answered");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    println!("fleet: {NODES} lab nodes with sshd up in {:.1} s", t.elapsed().as_secs_f64());
    let remote = format!("{bin} -o json bpf ct list --dst 10.200.1.11");
    let nodes = addrs.join(",");
    let fleet_args = [
        "-o",
        "json",
        "fleet",
        "--via",
        "ssh",
        "--ssh-config",
        cfg,
        "--remote-bin",
        bin,
        "--nodes",
        &nodes,
        "--",
        "bpf",
        "ct",
        "list",
        "--dst",
        "10.200.1.11",
    ];
    let (mut singles, mut fleets) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let slowest = addrs
            .iter()
            .map(|a| timed(&name, &["ssh", "-o", "BatchMode=yes", "-F", cfg, a, "--", &remote]))
            .fold(0.0, f64::max);
        singles.push(slowest);
        let mut args = vec![bin];
        args.extend_from_slice(&fleet_args);
        fleets.push(timed(&name, &args));
    }
    let (single, fleet) = (median(&singles), median(&fleets));
    println!(
        "fleet: medians of 5 rounds: slowest single node {single:.1} ms, fleet over {NODES} nodes {fleet:.1} ms"
    );
    report(Goal {
        measure: MEASURE,
        ours: fleet,
        unit: "ms",
        anchor: Some(("the slowest single node through the same ssh, same run", single)),
        goal: GOAL,
        met: fleet <= 1.5 * single,
    });
}
