//! The binary as users meet it, without privileges or maps: help, exit codes, one-line
//! errors that name the bad value, JSON errors, completions.

use std::process::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let o = Command::new(env!("CARGO_BIN_EXE_ciliumrs"))
        .env_clear()
        .env("CILIUMRS_BPFFS", "/nonexistent-ciliumrs-bpffs")
        .args(args)
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

#[test]
fn help_and_version_exit_zero() {
    for args in [&["--help"][..], &["bpf", "--help"], &["bpf", "ct", "list", "--help"], &["--version"]] {
        let o = run(args);
        assert_eq!(o.code, 0, "{args:?}");
        assert!(!o.stdout.is_empty());
    }
    let h = run(&["--help"]).stdout;
    assert!(
        h.contains("--bpffs")
            && h.contains("CILIUMRS_BPFFS")
            && h.contains("--output")
            && h.contains("--color")
    );
}

#[test]
fn missing_subcommand_shows_help_and_exits_two() {
    let o = run(&["bpf"]);
    assert_eq!(o.code, 2);
    // Bare `ciliumrs bpf` shows help; with CILIUMRS_BPFFS set clap reports the missing
    // subcommand in one line instead. Both go to stderr with exit 2.
    assert!(o.stderr.contains("Usage") || o.stderr.contains("requires a subcommand"), "{}", o.stderr);
    assert!(o.stdout.is_empty());
}

#[test]
fn usage_errors_are_one_line_naming_the_value() {
    let cases: &[(&[&str], &str)] = &[
        (&["bpf", "ipcache", "update", "10.0.0.0/33", "--identity", "1"], "'10.0.0.0/33'"),
        (&["bpf", "ipcache", "update", "10.0.0.1/8", "--identity", "1"], "did you mean 10.0.0.0/8"),
        (&["bpf", "ipcache", "get", "banana"], "'banana'"),
        (
            &[
                "bpf",
                "lxc",
                "update",
                "10.0.0.1",
                "--id",
                "1",
                "--ifindex",
                "1",
                "--mac",
                "zz:00:00:00:00:00",
                "--node-mac",
                "00:00:00:00:00:01",
            ],
            "'zz:00:00:00:00:00'",
        ),
        (
            &["bpf", "lb", "update", "10.0.0.1:70000", "--proto", "tcp", "--backends", "1.1.1.1:1"],
            "port 70000 is over 65535",
        ),
        (&["bpf", "policy", "get", "0"], "'0'"),
        (&["bpf", "policy", "add", "1", "ingress", "1", "80"], "needs its protocol"),
        (&["bpf", "nosuchmap", "list"], "nosuchmap"),
        (&["--color", "sometimes", "bpf", "maps"], "sometimes"),
        (&["reset", "--health-netns", "../../etc/x"], "'../../etc/x'"),
        (&["init", "--pod-cidr", "10.0.0.0/24", "--health-netns", "a/b"], "'a/b'"),
        (&["lab", "up", "--name", "-x"], "'-x'"),
    ];
    for (args, needle) in cases {
        let o = run(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert_eq!(o.stderr.trim().lines().count(), 1, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(needle), "{args:?}: {}", o.stderr);
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn init_names_what_it_needs() {
    let o = run(&["init"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stderr.trim().lines().count(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("--pod-cidr"), "{}", o.stderr);
    let o = run(&["init", "--pod-cidr", "10.0.0.1/24"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("did you mean 10.0.0.0/24"), "{}", o.stderr);
}

#[test]
fn runtime_errors_name_the_object_and_hint() {
    let o = run(&["bpf", "ct", "list"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stderr.trim().lines().count(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("/nonexistent-ciliumrs-bpffs/tc/globals/cilium_ct4_global"), "{}", o.stderr);
    assert!(o.stderr.contains("ciliumrs init"), "{}", o.stderr);
}

#[test]
fn json_errors_are_json() {
    let o = run(&["-o", "json", "bpf", "ipcache", "list"]);
    assert_eq!(o.code, 1);
    let v: serde_json::Value = serde_json::from_str(o.stderr.trim()).unwrap();
    assert_eq!(v["kind"], "runtime");
    assert!(v["error"].as_str().unwrap().contains("cilium_ipcache"));
    let o = run(&["-o", "json", "bpf", "ipcache", "update", "x", "--identity", "1"]);
    assert_eq!(o.code, 2);
    let v: serde_json::Value = serde_json::from_str(o.stderr.trim()).unwrap();
    assert_eq!(v["kind"], "usage");
}

#[test]
fn completions_are_printed() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.code, 0);
        assert!(o.stdout.contains("ciliumrs"), "{shell}");
    }
}

/// `--color` applies to error output too (issue 12): always colors a piped stderr, never
/// and the default (stderr is a pipe here) do not, and parse errors honour it as well.
#[test]
fn color_flag_applies_to_errors() {
    let esc = |o: &Out| o.stderr.contains('\u{1b}');
    let runtime = ["bpf", "ct", "list"];
    assert!(esc(&run(&[&["--color", "always"][..], &runtime].concat())));
    assert!(!esc(&run(&[&["--color", "never"][..], &runtime].concat())));
    assert!(!esc(&run(&runtime)));
    let usage = run(&["--color=always", "bpf", "ct", "list", "--no-such-flag"]);
    assert_eq!(usage.code, 2);
    assert!(esc(&usage), "{}", usage.stderr);
    assert!(!esc(&run(&["bpf", "ct", "list", "--no-such-flag"])));
}
