//! Issue 25: `ciliumrs fleet` through real transports: a real OpenSSH server in each lab
//! node's network namespace (a throwaway host key and client key made for the test, nothing
//! under ~/.ssh touched; the servers are stopped by PID and the keys removed after), and
//! the lab transport. Merged tables and JSON, a node that is down answered for while the
//! others answer, writes refused without --allow-writes, and `fleet explain` of a flow into
//! the next node, compared with what real packets do there.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::lab::{Down, lab};
use crate::monitor::Monitor;
use crate::support::*;
use crate::world::HELPER;

#[path = "../shared/sshd.rs"]
mod sshd;
use sshd::{Keys, RunSshd, Sshd};

/// A lab of two nodes with one pod each, an sshd on each node's underlay address, and an
/// ssh client configuration for them. Field order is drop order: the servers stop first.
struct SshLab {
    _servers: Vec<Sshd>,
    name: String,
    keys: Keys,
    _down: Down,
    _run_sshd: RunSshd,
}

impl SshLab {
    /// `tag`: one letter per test, so that tests running at once have labs of their own.
    fn new(tag: &str) -> SshLab {
        require_root();
        let name = format!("f{tag}{}", std::process::id() % 100000);
        let up = lab(&["lab", "up", "--name", &name, "--nodes", "2", "--pods-per-node", "1"]);
        let down = Down(name.clone());
        assert_eq!(up.code, 0, "{}", up.stderr);
        let keys = Keys::new(std::env::temp_dir().join(format!("ciliumrs-fleet-{name}")));
        let run_sshd = RunSshd::take();
        let servers = (1..=2)
            .map(|n| {
                let bpffs = PathBuf::from(format!("/run/ciliumrs-lab/{name}/n{n}-bpffs"));
                keys.sshd(&format!("{name}-n{n}"), &format!("10.100.0.{n}"), &bpffs)
            })
            .collect();
        let l = SshLab { name, keys, _servers: servers, _down: down, _run_sshd: run_sshd };
        // Both servers answer before the tests start.
        let deadline = Instant::now() + scaled(20_000);
        for n in 1..=2 {
            loop {
                let o = l.in_client(&[
                    "ssh",
                    "-F",
                    l.ssh_config().to_str().unwrap(),
                    &format!("10.100.0.{n}"),
                    "true",
                ]);
                if o.code == 0 {
                    break;
                }
                assert!(Instant::now() < deadline, "sshd on node {n} never answered: {}", o.stderr);
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        l
    }

    fn ssh_config(&self) -> PathBuf {
        self.keys.ssh_config()
    }

    /// A command in the lab's client namespace, on the underlay.
    fn in_client(&self, args: &[&str]) -> Out {
        let mut a = vec!["lab", "exec", "--name", &self.name, "client", "--"];
        a.extend_from_slice(args);
        lab(&a)
    }

    /// `ciliumrs fleet --via ssh` from the client namespace, `extra` before `--`.
    fn fleet(&self, nodes: &str, extra: &[&str], args: &[&str]) -> Out {
        let cfg = self.ssh_config();
        let mut a = vec![
            bin(),
            "fleet",
            "--via",
            "ssh",
            "--ssh-config",
            cfg.to_str().unwrap(),
            "--remote-bin",
            bin(),
            "--timeout",
            "20",
        ];
        if !nodes.is_empty() {
            a.extend(["--nodes", nodes]);
        }
        a.extend_from_slice(extra);
        a.push("--");
        a.extend_from_slice(args);
        self.in_client(&a)
    }
}

#[test]
fn fleet_merges_answers_through_ssh_and_the_lab() {
    let l = SshLab::new("m");
    // JSON: every row carries its node; node1 knows node2's pod through the ipcache.
    let o = l.fleet("10.100.0.1,10.100.0.2", &["-o", "json"], &["bpf", "ipcache", "list"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let rows: Vec<Value> =
        serde_json::from_str::<Value>(o.stdout.trim()).unwrap().as_array().unwrap().clone();
    for (node, pod) in [("10.100.0.1", "10.200.2.11/32"), ("10.100.0.2", "10.200.1.11/32")] {
        assert!(rows.iter().any(|r| r["node"] == node && r["prefix"] == pod), "{node} -> {pod}: {rows:?}");
    }
    // The table: NODE first.
    let o = l.fleet("10.100.0.1,10.100.0.2", &[], &["bpf", "ipcache", "list"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.lines().next().unwrap().trim_start().starts_with("NODE"), "{}", o.stdout);
    assert_eq!(o.stdout.lines().filter(|l| l.trim_start().starts_with("10.100.0.")).count(), rows.len());
    // A node that is down is a row of its own; the others still answer; exit 1 naming it.
    let o = l.fleet("10.100.0.1,10.100.0.9,10.100.0.2", &["-o", "json"], &["status"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("1 of 3 nodes did not answer: 10.100.0.9"), "{}", o.stderr);
    let rows: Vec<Value> =
        serde_json::from_str::<Value>(o.stdout.trim()).unwrap().as_array().unwrap().clone();
    assert!(rows.iter().any(|r| r["node"] == "10.100.0.9" && r["error"].is_string()), "{rows:?}");
    assert!(rows.iter().filter(|r| r["node"] == "10.100.0.2" && r["kind"] == "map").count() > 10);
    // Writes need --allow-writes; bad input is one line, exit 2.
    for (extra, args, says) in [
        (&[][..], &["bpf", "ct", "flush"][..], "--allow-writes"),
        (&["--parallel", "0"][..], &["status"][..], "--parallel"),
        (&[][..], &["bpf", "nosuch"][..], "the ciliumrs arguments"),
    ] {
        let o = l.fleet("10.100.0.1", extra, args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{args:?}: {}", o.stderr);
    }
    // A template transport: here ssh again, written out.
    let via = format!("ssh -F {} {{node}} --", l.ssh_config().display());
    let o = l.in_client(&[
        bin(),
        "-o",
        "json",
        "fleet",
        "--via",
        &via,
        "--remote-bin",
        bin(),
        "--nodes",
        "10.100.0.2",
        "--",
        "bpf",
        "endpoint",
        "list",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.json().as_array().unwrap().iter().all(|r| r["node"] == "10.100.0.2"), "{}", o.stdout);
    let o = lab(&["fleet", "--via", "kubectl exec -c x --", "--nodes", "a", "--", "status"]);
    assert_eq!((o.code, o.stderr.contains("{node}")), (2, true), "{}", o.stderr);
    let o = lab(&["fleet", "--", "status"]);
    assert_eq!((o.code, o.stderr.contains("no nodes")), (2, true), "{}", o.stderr);
    // The lab transport: every node of the lab when none is named.
    let o = lab(&["-o", "json", "fleet", "--via", "lab", "--lab", &l.name, "--", "bpf", "endpoint", "list"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let rows = o.json();
    for node in ["node1", "node2"] {
        assert!(rows.as_array().unwrap().iter().any(|r| r["node"] == node), "{node}: {rows}");
    }
}

#[test]
fn fleet_explain_follows_a_flow_into_the_next_node_as_packets_go() {
    let l = SshLab::new("e");
    let n2 = |args: &[&str]| {
        let mut a = vec!["lab", "exec", "--name", &l.name, "node2", "--", "ciliumrs"];
        a.extend_from_slice(args);
        let o = lab(&a);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    };
    n2(&"attach lxc lxc201 --id 201 --ipv4 10.200.2.11 --identity 2001 --enforce ingress"
        .split(' ')
        .collect::<Vec<_>>());
    n2(&["bpf", "policy", "add", "201", "ingress", "1001", "80/tcp"]);
    // The nodes file names each node by the address the flow meets it at.
    let nodes = l.keys.dir.join("nodes");
    std::fs::write(&nodes, "node1 10.100.0.1 # the first\nnode2 10.100.0.2\n").unwrap();
    let hops = |port: &str| -> Vec<Value> {
        let dst = format!("10.200.2.11:{port}");
        let o = l.fleet(
            "",
            &["-o", "json", "--nodes-file", nodes.to_str().unwrap()],
            &["explain", "10.200.1.11", &dst, "--proto", "tcp"],
        );
        assert_eq!(o.code, 0, "{}", o.stderr);
        serde_json::from_str::<Value>(o.stdout.trim()).unwrap().as_array().unwrap().clone()
    };
    let (open, shut) = (hops("80"), hops("81"));
    for h in [&open, &shut] {
        assert_eq!(h.len(), 2, "two hops: {h:?}");
        assert_eq!((h[0]["node"].as_str(), h[0]["next_node"].as_str()), (Some("node1"), Some("10.100.0.2")));
        assert_eq!(h[1]["node"], "node2", "the file names the address it meets: {h:?}");
    }
    assert_eq!(
        (open[1]["verdict"].as_str(), open[1]["observation_point"].as_str()),
        (Some("FORWARDED"), Some("to-endpoint"))
    );
    assert_eq!((shut[1]["verdict"].as_str(), shut[1]["drop_code"].as_u64()), (Some("DROPPED"), Some(133)));
    // Real packets: node2's events say the same.
    let bpffs = PathBuf::from(format!("/run/ciliumrs-lab/{}/n2-bpffs", l.name));
    let mon = Monitor::start(&bpffs, &[]);
    let o = lab(&[
        "lab",
        "exec",
        "--name",
        &l.name,
        "node1-pod1",
        "--",
        "python3",
        HELPER,
        "probes",
        "tcp 10.200.2.11 80 31001;tcp 10.200.2.11 81 31002",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    std::thread::sleep(Duration::from_millis(500));
    let events = mon.stop();
    let of = |sport: u64| events.iter().filter(|e| e["data"]["src_port"] == sport).collect::<Vec<_>>();
    assert!(
        of(31001).iter().any(|e| e["type"] == "trace" && e["data"]["observation_point"] == "to-endpoint"),
        "{events:?}"
    );
    assert!(of(31001).iter().all(|e| e["type"] != "drop"));
    assert!(of(31002).iter().any(|e| e["type"] == "drop" && e["data"]["reason_code"] == 133), "{events:?}");
}
