//! `ciliumrs fleet`: one ciliumrs command on many nodes at once, through the transport the
//! cluster already has (ssh, the built-in lab, or any command template such as `kubectl
//! exec`), at most K at a time, each with a deadline; the answers merged with the node they
//! came from. A node that fails, answers something that is not ciliumrs's JSON, or runs out
//! of time is an answer of its own: the others still count.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::error::{Error, Result};

/// How a node is reached.
#[derive(Clone, Debug)]
pub enum Via {
    /// `ssh -o BatchMode=yes [-F CONFIG] NODE REMOTE_BIN -o json ARGS` (arguments quoted for
    /// the remote shell).
    Ssh { config: Option<PathBuf>, remote_bin: String },
    /// A member of the built-in lab, through `ciliumrs lab exec` (this very binary).
    Lab { name: String, exe: PathBuf },
    /// Words with `{node}` replaced, then `REMOTE_BIN -o json ARGS` appended.
    Template { words: Vec<String>, remote_bin: String },
}

/// Quotes `s` for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,%+".contains(&b)) {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Via {
    /// A template as the user gave it: words split on white space, `{node}` in one of them.
    pub fn template(text: &str, remote_bin: &str) -> Result<Via> {
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if words.is_empty() || !words.iter().any(|w| w.contains("{node}")) {
            return Err(Error::bad_value(
                "--via",
                text,
                "a template needs {node} where the node's name goes",
            ));
        }
        Ok(Via::Template { words, remote_bin: remote_bin.to_string() })
    }

    /// The command that runs `ciliumrs -o json ARGS` on `node`.
    pub fn command(&self, node: &str, args: &[String]) -> Command {
        match self {
            Via::Ssh { config, remote_bin } => {
                let mut c = Command::new("ssh");
                c.args(["-o", "BatchMode=yes"]);
                if let Some(f) = config {
                    c.arg("-F").arg(f);
                }
                let remote: Vec<String> = std::iter::once(remote_bin.as_str())
                    .chain(["-o", "json"])
                    .chain(args.iter().map(String::as_str))
                    .map(shell_quote)
                    .collect();
                c.arg(node).arg("--").arg(remote.join(" "));
                c
            }
            Via::Lab { name, exe } => {
                let mut c = Command::new(exe);
                c.args(["lab", "exec", "--name", name, node, "--", "ciliumrs", "-o", "json"]).args(args);
                c
            }
            Via::Template { words, remote_bin } => {
                let mut w = words.iter().map(|w| w.replace("{node}", node));
                let mut c = Command::new(w.next().unwrap_or_default());
                c.args(w).args([remote_bin.as_str(), "-o", "json"]).args(args);
                c
            }
        }
    }
}

/// What one node answered: its JSON, or why there is none.
#[derive(Clone, Debug)]
pub struct Answer {
    pub node: String,
    pub result: std::result::Result<Value, String>,
    pub secs: f64,
}

/// Runs `cmd` to its end or its deadline; (exit success, stdout, stderr) or why not.
fn run_one(mut cmd: Command, deadline: Duration) -> std::result::Result<(bool, Vec<u8>, String), String> {
    let start = Instant::now();
    let mut child: Child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let (mut out, mut err) = (child.stdout.take().expect("piped"), child.stderr.take().expect("piped"));
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() >= deadline => {
                // Our own child, by its PID.
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting: {e}")),
        }
    };
    let (stdout, stderr) = (out_t.join().unwrap_or_default(), err_t.join().unwrap_or_default());
    match status {
        None => Err(format!("no answer within {} s", deadline.as_secs_f64())),
        Some(s) => Ok((s.success(), stdout, stderr)),
    }
}

/// The last line of a command's stderr, without ciliumrs's JSON error wrapping.
fn why(stderr: &str, fallback: &str) -> String {
    let line = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(fallback).trim();
    serde_json::from_str::<Value>(line)
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_string))
        .unwrap_or_else(|| line.trim_start_matches("ciliumrs: ").to_string())
}

/// A node: the name its answers carry, and the target the transport reaches it at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub target: String,
}

/// Asks every node, at most `parallel` at a time; answers in the nodes' order.
pub fn ask(nodes: &[Node], via: &Via, args: &[String], parallel: usize, deadline: Duration) -> Vec<Answer> {
    let next = AtomicUsize::new(0);
    let answers: Mutex<Vec<Option<Answer>>> = Mutex::new(vec![None; nodes.len()]);
    std::thread::scope(|s| {
        for _ in 0..parallel.clamp(1, nodes.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(node) = nodes.get(i) else { break };
                    let start = Instant::now();
                    let result = match run_one(via.command(&node.target, args), deadline) {
                        Err(e) => Err(e),
                        Ok((true, out, _)) => serde_json::from_slice::<Value>(&out)
                            .map_err(|e| format!("not ciliumrs's JSON ({e})")),
                        Ok((false, _, err)) => Err(why(&err, "failed without a word")),
                    };
                    let a = Answer { node: node.name.clone(), result, secs: start.elapsed().as_secs_f64() };
                    if let Ok(mut v) = answers.lock() {
                        v[i] = Some(a);
                    }
                }
            });
        }
    });
    answers.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

/// The answers as rows: each row of a node's list (or its one object) with `node` first;
/// a node without an answer is a row with its `error`.
pub fn rows(answers: &[Answer]) -> Vec<serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    for a in answers {
        let with_node = |v: Value| {
            let mut m = serde_json::Map::new();
            m.insert("node".into(), Value::String(a.node.clone()));
            match v {
                Value::Object(o) => m.extend(o),
                other => {
                    m.insert("value".into(), other);
                }
            }
            m
        };
        match &a.result {
            Ok(Value::Array(items)) => out.extend(items.iter().cloned().map(with_node)),
            Ok(v) => out.push(with_node(v.clone())),
            Err(e) => {
                let mut m = serde_json::Map::new();
                m.insert("node".into(), Value::String(a.node.clone()));
                m.insert("error".into(), Value::String(e.clone()));
                out.push(m);
            }
        }
    }
    out
}

/// A cell of the merged table.
pub fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.iter().map(|x| cell(Some(x))).collect::<Vec<_>>().join(" "),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_arguments_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("10.0.0.0/8"), "10.0.0.0/8");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
        let c = Via::Ssh { config: None, remote_bin: "ciliumrs".into() }
            .command("n1", &["bpf".into(), "x y".into()]);
        let args: Vec<_> = c.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(args, ["-o", "BatchMode=yes", "n1", "--", "ciliumrs -o json bpf 'x y'"]);
    }

    #[test]
    fn templates_need_their_node_and_rows_carry_it() {
        assert!(Via::template("kubectl exec -c ciliumrs --", "ciliumrs").is_err());
        let v = Via::template("kubectl exec {node} -c ciliumrs --", "ciliumrs").unwrap();
        let args: Vec<_> = v
            .command("n2", &["status".into()])
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(args, ["exec", "n2", "-c", "ciliumrs", "--", "ciliumrs", "-o", "json", "status"]);
        let answers = [
            Answer { node: "a".into(), result: Ok(serde_json::json!([{"x": 1}, {"x": 2}])), secs: 0.0 },
            Answer { node: "b".into(), result: Err("down".into()), secs: 0.0 },
        ];
        let r = rows(&answers);
        assert_eq!((r.len(), r[1]["node"].as_str(), r[2]["error"].as_str()), (3, Some("a"), Some("down")));
        assert_eq!(r[0].keys().next().map(String::as_str), Some("node"));
    }
}
