//! Benchmark of issue 22: `ciliumrs explain`, the whole command as a user runs it (output
//! into a pipe this process drains), on a node holding 1,000,000 CT entries, 5,000 services
//! x 10 backends, and 500 endpoints with 1,000 policy entries each, against the anchor of
//! the same run: one `ciliumrs bpf ipcache get`. explain makes point lookups only, so its
//! time must not grow with the maps.
//!
//! Run: `cargo bench --bench explain` (root).

use std::net::Ipv4Addr;
use std::process::{Command, Stdio};
use std::time::Instant;

use ciliumrs::bpf::map::CreateSpec;
use ciliumrs::bpf::{MapFd, MapType};
use ciliumrs::datapath::template::{EP_F_ENFORCE_EGRESS, EP_F_ENFORCE_INGRESS, EpConfig};
use ciliumrs::maps::ct::{CtEntry, CtKey4};
use ciliumrs::maps::lxc::{EndpointInfo, EndpointKey};
use ciliumrs::maps::policy::{Direction, PolicyEntry, PolicyKey};
use ciliumrs::maps::spec::{EP_CONFIG, LXC, POLICY, per_endpoint_name};
use ciliumrs::maps::{self, Access};
use ciliumrs::netaddr::{PortProto, Proto};
use ciliumrs::wire::Be16;

#[path = "common/drain.rs"]
mod drain;
#[path = "common/report.rs"]
mod report;
#[path = "common/services.rs"]
mod services;
use report::{Goal, median, report};

const CT_ENTRIES: u32 = 1_000_000;
const ENDPOINTS: u16 = 500;
const POLICY_ENTRIES: u32 = 1000;

fn run(args: &[&str]) -> f64 {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ciliumrs"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = drain::drain(child.stdout.take().unwrap());
    let o = child.wait_with_output().unwrap();
    let bytes = out.join().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    assert!(bytes > 0, "{args:?} wrote nothing");
    t.elapsed().as_secs_f64() * 1000.0
}

fn endpoint_ip(i: u16) -> Ipv4Addr {
    Ipv4Addr::new(10, 200, (i / 250) as u8, (i % 250) as u8 + 1)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("ciliumrs-bench-explain-{}", std::process::id()));
    let fs = ciliumrs::datapath::mount::BpffsMount::new(&dir)
        .unwrap_or_else(|e| panic!("run as root: {}", e.message()));
    let bpffs = fs.0.to_str().unwrap().to_string();
    let b = |args: &[&str]| -> Vec<String> {
        let mut v = vec!["--bpffs".to_string(), bpffs.clone()];
        v.extend(args.iter().map(|s| s.to_string()));
        v
    };
    let sh = |args: Vec<String>| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&a)
    };
    sh(b(&["init", "--maps-only"]));
    // The anchor's entry, and a prefix the service walks find for backends' peers.
    sh(b(&["bpf", "ipcache", "update", "10.200.0.0/16", "--identity", "6"]));
    let t = Instant::now();

    // 1,000,000 CT entries: the spec's TCP map holds 524,288, so a larger one of the same
    // type and layout takes its pin.
    let ct_pin = dir.join("tc/globals/cilium_ct4_global");
    std::fs::remove_file(&ct_pin).unwrap();
    let mut ct = MapFd::create(&CreateSpec {
        map_type: MapType::LRU_HASH,
        key_size: 14,
        value_size: 56,
        max_entries: CT_ENTRIES * 2,
        flags: 0,
        name: "cilium_ct4_global",
        inner_map: None,
    })
    .unwrap();
    ct.pin(&ct_pin).unwrap();
    let mut i = 0;
    while i < CT_ENTRIES {
        let n = 10_000.min(CT_ENTRIES - i);
        let (mut keys, mut vals) = (Vec::new(), Vec::new());
        for j in i..i + n {
            let k = CtKey4 {
                daddr: Ipv4Addr::from(0x0a64_0000u32 + j).into(),
                saddr: Ipv4Addr::new(10, 255, 0, 1).into(),
                dport: Be16::new(443),
                sport: Be16::new((j % 50_000) as u16 + 10_000),
                nexthdr: 6,
                flags: 0,
            };
            keys.extend_from_slice(bytemuck::bytes_of(&k));
            vals.extend_from_slice(bytemuck::bytes_of(&CtEntry { packets: 1, ..CtEntry::default() }));
        }
        ct.update_batch(&keys, &vals, n as usize).unwrap();
        i += n;
    }

    // 5,000 services x 10 backends on the endpoints' addresses.
    let file = services::file(5000, |s, k| format!("{}:80", endpoint_ip(((s * 10 + k) % 500) as u16)));
    let path = dir.with_extension("json");
    std::fs::write(&path, &file).unwrap();
    sh(b(&["bpf", "lb", "apply", path.to_str().unwrap()]));
    let _ = std::fs::remove_file(&path);

    // 500 endpoints enforcing both ways, 1,000 policy entries each.
    let lxc = maps::open_global(&dir, &LXC, Access::Write).unwrap();
    let cfgs = maps::open_global(&dir, &EP_CONFIG, Access::Write).unwrap();
    for e in 0..ENDPOINTS {
        let (id, ifindex, identity, ip) = (e + 1, 1000 + u32::from(e), 10_000 + u32::from(e), endpoint_ip(e));
        let info = EndpointInfo { ifindex, lxc_id: id, sec_id: identity, ..Default::default() };
        maps::put(&lxc, &EndpointKey::ipv4(ip), &info).unwrap();
        let cfg = EpConfig {
            ifindex,
            sec_label: identity,
            ipv4: ip.octets(),
            lxc_id: id,
            flags: EP_F_ENFORCE_INGRESS | EP_F_ENFORCE_EGRESS,
            ..Default::default()
        };
        maps::put(&cfgs, &ifindex, &cfg).unwrap();
        let name = per_endpoint_name(&POLICY, id.into());
        let pol = ciliumrs::maps::create::per_endpoint(&dir, &POLICY, &name).unwrap();
        for p in 0..POLICY_ENTRIES {
            let dir = if p % 2 == 0 { Direction::Egress } else { Direction::Ingress };
            let key = PolicyKey::new(dir, 10_000 + p, PortProto::PortProto(80, Proto::TCP));
            maps::put(&pol, &key, &PolicyEntry::default()).unwrap();
        }
    }
    println!("explain: node filled in {:.1} s", t.elapsed().as_secs_f64());

    // The flows: pod to pod (egress and ingress policy), pod to a service (ten backend
    // walks), an established flow (CT lookups in the 1M map), and the anchor.
    let (a, c) = (endpoint_ip(0).to_string(), endpoint_ip(3).to_string());
    let cases: [(&str, Vec<String>); 4] = [
        ("anchor: bpf ipcache get", b(&["bpf", "ipcache", "get", &c])),
        ("explain pod to pod, new flow", b(&["explain", &a, &format!("{c}:80"), "--proto", "tcp"])),
        ("explain pod to a service of 10 backends", b(&["explain", &a, "10.96.0.1:80", "--proto", "tcp"])),
        (
            "explain pod to pod, --sport (CT lookups)",
            b(&["explain", &a, &format!("{c}:80"), "--proto", "tcp", "--sport", "40000"]),
        ),
    ];
    let rounds = 30;
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for _ in 0..rounds {
        for (i, (_, args)) in cases.iter().enumerate() {
            times[i].push(sh(args.clone()));
        }
    }
    let anchor = median(&times[0]);
    println!("explain: medians of {rounds} runs, whole command into a drained pipe");
    println!("  {:<44} {anchor:>7.2} ms", cases[0].0);
    for (i, (what, _)) in cases.iter().enumerate().skip(1) {
        let ours = median(&times[i]);
        println!("  {what:<44} {ours:>7.2} ms");
        report(Goal {
            measure: &format!("{what}, 1M CT, 5000x10 services, 500 endpoints x 1000 policy entries"),
            ours,
            unit: "ms",
            anchor: Some(("one bpf ipcache get, same run", anchor)),
            goal: "<= 5 ms",
            met: ours <= 5.0,
        });
    }
}
