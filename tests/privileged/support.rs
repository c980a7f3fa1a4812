//! Test worlds: a private bpffs mount, the binary run with a scrubbed environment, and
//! bpftool for an independent view of the maps.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

pub fn require_root() {
    // SAFETY: geteuid has no preconditions.
    let euid = unsafe { libc::geteuid() };
    assert_eq!(euid, 0, "privileged tests need root (CAP_BPF, CAP_SYS_ADMIN): run them as root");
}

/// A bpffs mounted on a fresh directory, unmounted and removed on drop.
pub struct Bpffs {
    pub dir: PathBuf,
}

impl Bpffs {
    pub fn new() -> Bpffs {
        require_root();
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ciliumrs-test-bpffs-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        ciliumrs::datapath::mount::mount_bpffs(&dir).unwrap_or_else(|e| panic!("{}", e.message()));
        Bpffs { dir }
    }

    pub fn globals(&self) -> PathBuf {
        self.dir.join("tc/globals")
    }

    pub fn pin(&self, name: &str) -> PathBuf {
        self.globals().join(name)
    }

    /// Runs ciliumrs against this bpffs.
    pub fn run(&self, args: &[&str]) -> Out {
        run_with(&self.dir, args)
    }

    /// Runs ciliumrs and asserts success.
    pub fn ok(&self, args: &[&str]) -> Out {
        let o = self.run(args);
        assert_eq!(o.code, 0, "ciliumrs {args:?} failed: {}", o.stderr);
        o
    }

    /// `init --maps-only` and checks it succeeded.
    pub fn init(&self) -> Out {
        self.ok(&["init", "--maps-only"])
    }
}

impl Drop for Bpffs {
    fn drop(&mut self) {
        ciliumrs::datapath::mount::unmount(&self.dir);
    }
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

pub fn from_output(o: Output) -> Out {
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ciliumrs")
}

/// Runs ciliumrs inside network namespace `netns` against `bpffs`.
pub fn run_in_netns(netns: &str, bpffs: &Path, args: &[&str]) -> Out {
    run_in_netns_env(netns, bpffs, args, &[])
}

/// [`run_in_netns`] with `env` added.
pub fn run_in_netns_env(netns: &str, bpffs: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
    let o = Command::new("ip")
        .args(["netns", "exec", netns, bin(), "--bpffs"])
        .arg(bpffs)
        .args(args)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run ciliumrs in a namespace");
    from_output(o)
}

/// Runs ciliumrs in network namespace `netns` only (nsenter --net), keeping this process's
/// mounts: the cgroup2 mounts stay visible, which `ip netns exec` hides by remounting /sys.
pub fn run_in_net_only(netns: &str, bpffs: &Path, args: &[&str]) -> Out {
    let o = Command::new("nsenter")
        .arg(format!("--net=/run/netns/{netns}"))
        .arg(bin())
        .arg("--bpffs")
        .arg(bpffs)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ciliumrs with nsenter");
    from_output(o)
}

pub fn run_with(bpffs: &Path, args: &[&str]) -> Out {
    run_env(bpffs, args, &[])
}

/// Runs ciliumrs with a scrubbed environment plus `env`.
pub fn run_env(bpffs: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
    let o = Command::new(bin())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .arg("--bpffs")
        .arg(bpffs)
        .args(args)
        .output()
        .expect("run ciliumrs");
    from_output(o)
}

pub fn bpftool_path() -> &'static str {
    for p in ["/usr/sbin/bpftool", "/usr/bin/bpftool", "/usr/local/sbin/bpftool"] {
        if Path::new(p).exists() {
            return p;
        }
    }
    panic!("bpftool is not installed: .ci/run installs it (apt-get install bpftool)");
}

/// Runs bpftool, asserting success.
pub fn bpftool(args: &[&str]) -> String {
    let o = Command::new(bpftool_path()).args(args).output().expect("run bpftool");
    assert!(o.status.success(), "bpftool {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn bpftool_json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["-j"];
    a.extend_from_slice(args);
    serde_json::from_str(&bpftool(&a)).unwrap()
}

/// Hex string ("0a 00 ..." or "0a00...") into bpftool's `hex` argument words.
pub fn hex_words(s: &str) -> Vec<String> {
    let s: String = s.split_whitespace().collect();
    (0..s.len()).step_by(2).map(|i| s[i..i + 2].to_string()).collect()
}

pub fn bytes(s: &str) -> Vec<u8> {
    hex_words(s).iter().map(|w| u8::from_str_radix(w, 16).unwrap()).collect()
}

/// Writes one entry with bpftool.
pub fn bpftool_update(pin: &Path, key: &str, value: &str) {
    let mut args: Vec<String> =
        vec!["map".into(), "update".into(), "pinned".into(), pin.display().to_string()];
    args.push("key".into());
    args.push("hex".into());
    args.extend(hex_words(key));
    args.push("value".into());
    args.push("hex".into());
    args.extend(hex_words(value));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    bpftool(&refs);
}

/// The service of `cilium-layout-v1.16.md`'s test vector: 10.96.0.10:53 (rev-NAT 7) with
/// one backend slot naming backend id 1, whose entry the caller writes in the backends map
/// of its version.
pub fn lb_test_vector(fs: &Bpffs) {
    let services = fs.pin("cilium_lb4_services_v2");
    bpftool_update(&services, "0a60000a 0035 0000 00 00 0000", "00000000 0100 0007 00 00 0000");
    bpftool_update(&services, "0a60000a 0035 0100 00 00 0000", "01000000 0000 0007 00 00 0000");
    bpftool_update(&fs.pin("cilium_lb4_reverse_nat"), "0007", "0a60000a 0035");
}

/// A map's entries as (key bytes, value bytes).
pub type Entries = Vec<(Vec<u8>, Vec<u8>)>;

/// Every entry of a map as (key bytes, value bytes), sorted, as bpftool reads it.
pub fn bpftool_dump(pin: &Path) -> Entries {
    let v = bpftool_json(&["map", "dump", "pinned", &pin.display().to_string()]);
    let parse = |a: &serde_json::Value| -> Vec<u8> {
        a.as_array()
            .unwrap()
            .iter()
            .map(|x| u8::from_str_radix(x.as_str().unwrap().trim_start_matches("0x"), 16).unwrap())
            .collect()
    };
    let mut out: Entries = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let val = if e.get("value").is_some() {
                parse(&e["value"])
            } else {
                // Per-CPU maps: concatenate every CPU's value.
                e["values"].as_array().unwrap().iter().flat_map(|c| parse(&c["value"])).collect()
            };
            (parse(&e["key"]), val)
        })
        .collect();
    out.sort();
    out
}

/// Every map under tc/globals with its entries: a snapshot to compare before/after.
pub fn snapshot(fs: &Bpffs) -> Vec<(String, Entries)> {
    snapshot_dir(&fs.dir)
}

/// [`snapshot`] of the bpffs mounted at `dir` (one this test does not own, as a lab node's).
pub fn snapshot_dir(dir: &std::path::Path) -> Vec<(String, Entries)> {
    let globals = dir.join("tc/globals");
    let mut names: Vec<String> =
        std::fs::read_dir(&globals).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
        .into_iter()
        .filter(|n| n.starts_with("cilium_"))
        // Not the perf rings, and not pinned programs (cilium_cgroups_*) or tail-call maps.
        .filter(|n| {
            !n.contains("events") && !n.contains("signals") && !n.contains("call") && !n.contains("cgroups")
        })
        .map(|n| {
            let d = bpftool_dump(&globals.join(&n));
            (n, d)
        })
        .collect()
}

/// Where this machine's cgroup v2 hierarchy is mounted: the first cgroup2 mount in
/// /proc/self/mountinfo (/sys/fs/cgroup/unified on a hybrid host like this one,
/// /sys/fs/cgroup on a unified one, as in the kernel-matrix guests).
pub fn cgroup2_root() -> PathBuf {
    let info = std::fs::read_to_string("/proc/self/mountinfo").expect("read /proc/self/mountinfo");
    info.lines()
        .find_map(|l| {
            let (left, right) = l.split_once(" - ")?;
            (right.split(' ').next()? == "cgroup2").then(|| left.split(' ').nth(4).map(PathBuf::from))?
        })
        .expect("no cgroup2 mount on this machine: mount one (mount -t cgroup2 none /sys/fs/cgroup)")
}

/// `ms` milliseconds stretched by CRS_TIMEOUT_SCALE (set in the kernel-matrix guests, which
/// run under software emulation), as the traffic helper stretches its timeouts.
pub fn scaled(ms: u64) -> std::time::Duration {
    let scale = std::env::var("CRS_TIMEOUT_SCALE").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(1.0);
    std::time::Duration::from_millis((ms as f64 * scale.max(1.0)) as u64)
}

/// How thoroughly a matrix test (every write made to fail, a long random sequence) runs:
/// `host` on this machine, where the whole matrix runs once, and `guest` in the kernel
/// matrix's emulated guests, which run every test again under software emulation and take
/// a sample of the same matrix (said on stderr), as `scripts/test` runs the slow matrices
/// once, not per kernel.
pub fn matrix<T>(host: T, guest: T, what: &str) -> T {
    if std::env::var_os("CRS_TIMEOUT_SCALE").is_some() {
        eprintln!("{what}: a sample of the matrix in this guest (the whole of it runs on the host)");
        guest
    } else {
        host
    }
}

/// Starts `tcpdump -n -l ARGS` in namespace `ns` (stdout piped) and returns once it
/// captures: tcpdump says "listening on" on stderr when its socket is bound, so no packet
/// sent after this returns is missed, however slow the machine.
pub fn tcpdump(ns: &str, args: &[&str]) -> std::process::Child {
    use std::io::BufRead;
    // tcpdump itself (ip netns exec execs it), so that kill ends it.
    let mut child = Command::new("ip")
        .args(["netns", "exec", ns, "tcpdump", "-n", "-l"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start tcpdump");
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        let n = err.read_line(&mut line).expect("read tcpdump's stderr");
        assert!(n > 0, "tcpdump ended before capturing");
        if line.contains("listening on") {
            break;
        }
    }
    // The rest of its stderr (the closing counts) is drained so tcpdump never blocks on it.
    std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
    child
}

/// Waits for a traffic helper to print `word` as its first line (`connected`, `ready`),
/// reading byte by byte so that nothing after it is consumed: `wait_with_output` still
/// gets the rest. Tests synchronise on this, never on a fixed sleep.
pub fn await_line(child: &mut std::process::Child, word: &str) {
    use std::io::Read;
    let out = child.stdout.as_mut().expect("stdout piped");
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    while out.read(&mut b).expect("read the helper's stdout") == 1 && b[0] != b'\n' {
        line.push(b[0]);
    }
    assert_eq!(String::from_utf8_lossy(&line), word, "the helper's first line");
}

/// A scratch directory of a test, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(what: &str) -> Scratch {
        static N: AtomicU32 = AtomicU32::new(0);
        let d = std::env::temp_dir().join(format!(
            "ciliumrs-{what}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// True when this machine shows no Cilium agent socket (the tests that fake one do it in
/// a mount namespace of their own).
pub fn no_agent_here() -> bool {
    !["/var/run/cilium/cilium.sock", "/var/run/cilium/monitor1_2.sock"].iter().any(|p| Path::new(p).exists())
}

/// The names pinned under tc/globals, sorted.
pub fn pins(fs: &Bpffs) -> Vec<String> {
    let mut pins: Vec<String> = std::fs::read_dir(fs.globals())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pins.sort();
    pins
}
