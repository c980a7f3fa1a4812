//! `ciliumrs fleet [--nodes ... | --nodes-file FILE] [--via ssh|lab|TEMPLATE] -- ARGS`: the
//! arguments checked here (writes refused without `--allow-writes`), the nodes asked by
//! [`crate::fleet`], the answers merged: a table with a NODE column first, or one JSON
//! array whose rows carry `node`. `fleet ... -- explain SRC DST` follows the flow hop by hop.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Parser;
use serde_json::Value;

use crate::cli::{Cli, Command, FleetArgs};
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::fleet::{self, Answer, Via};
use crate::output::Format;

/// The nodes to ask, with the address each is reached at where the file names one.
fn nodes(a: &FleetArgs) -> Result<Vec<(String, Option<String>)>> {
    let mut out: Vec<(String, Option<String>)> =
        a.nodes.iter().filter(|n| !n.is_empty()).map(|n| (n.clone(), None)).collect();
    if let Some(f) = &a.nodes_file {
        let text = std::fs::read_to_string(f).map_err(|e| Error::sys("read", f.display(), &e))?;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut w = line.split_whitespace();
            if let Some(name) = w.next() {
                out.push((name.to_string(), w.next().map(str::to_string)));
            }
        }
    }
    if out.is_empty() && a.via == "lab" {
        let lab = crate::lab::Lab::load(&a.lab)?;
        out =
            lab.plan.nodes.iter().map(|n| (n.name.clone(), n.underlay_ip.map(|ip| ip.to_string()))).collect();
    }
    if out.is_empty() {
        return Err(Error::usage("no nodes: give --nodes N1,N2,... or --nodes-file FILE"));
    }
    Ok(out)
}

fn via(a: &FleetArgs) -> Result<Via> {
    Ok(match a.via.as_str() {
        "ssh" => Via::Ssh { config: a.ssh_config.clone(), remote_bin: a.remote_bin.clone() },
        "lab" => Via::Lab {
            name: a.lab.clone(),
            exe: std::env::current_exe().map_err(|e| Error::sys("find", "this program", &e))?,
        },
        t => Via::template(t, &a.remote_bin)?,
    })
}

pub fn run(ctx: &mut Ctx<'_>, a: &FleetArgs) -> Result<()> {
    // The arguments are checked here before any node is asked.
    let inner = Cli::try_parse_from(std::iter::once("ciliumrs".to_string()).chain(a.args.iter().cloned()))
        .map_err(|e| Error::usage(format!("the ciliumrs arguments after --: {}", e.kind())))?;
    if matches!(inner.command, Command::Fleet(_)) {
        return Err(Error::usage("fleet inside fleet: give the command the nodes should run"));
    }
    if super::writes(&inner.command) && !a.allow_writes {
        return Err(Error::usage(format!(
            "'{}' changes the nodes: fleet runs it on every node only with --allow-writes",
            a.args.join(" ")
        )));
    }
    let nodes = nodes(a)?;
    let via = via(a)?;
    let deadline = Duration::from_secs(a.timeout);
    if nodes.len() > 4 && std::io::stderr().is_terminal() {
        ctx.out.info(&format!("fleet: asking {} nodes, {} at a time", nodes.len(), a.parallel));
    }
    if let Command::Explain(e) = &inner.command {
        return explain(ctx, a, &nodes, &via, e, deadline);
    }
    let answers = fleet::ask(&targets(&nodes, &via), &via, &a.args, a.parallel.into(), deadline);
    show(ctx, &fleet::rows(&answers))?;
    failed(&answers)
}

/// Each node with its transport target: the address the file gives it for ssh and
/// templates; the lab reaches its members by name.
fn targets(nodes: &[(String, Option<String>)], via: &Via) -> Vec<fleet::Node> {
    nodes
        .iter()
        .map(|(name, addr)| fleet::Node {
            name: name.clone(),
            target: match (via, addr) {
                (Via::Lab { .. }, _) | (_, None) => name.clone(),
                (_, Some(a)) => a.clone(),
            },
        })
        .collect()
}

/// Exit 1 naming every node without an answer.
fn failed(answers: &[Answer]) -> Result<()> {
    let bad: Vec<&str> = answers.iter().filter(|a| a.result.is_err()).map(|a| a.node.as_str()).collect();
    if bad.is_empty() {
        return Ok(());
    }
    Err(Error::runtime(format!(
        "{} of {} nodes did not answer: {}",
        bad.len(),
        answers.len(),
        bad.join(", ")
    )))
}

/// The merged rows: a JSON array, or a table with the columns of the rows in order.
fn show(ctx: &mut Ctx<'_>, rows: &[serde_json::Map<String, Value>]) -> Result<()> {
    if ctx.out.format() == Format::Json {
        let text = Value::Array(rows.iter().cloned().map(Value::Object).collect()).to_string();
        ctx.out.append(|b| {
            b.extend_from_slice(text.as_bytes());
            b.push(b'\n');
        })?;
        // Out now: a failed node makes the command end with an error after this.
        ctx.out.flush()?;
        return Ok(());
    }
    let mut keys: Vec<String> = Vec::new();
    for r in rows {
        for k in r.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    // Nested details (an explain's steps) stay in the JSON.
    keys.retain(|k| {
        !rows.iter().any(|r| matches!(r.get(k), Some(Value::Array(a)) if a.iter().any(Value::is_object)))
    });
    let headers: Vec<String> = keys.iter().map(|k| k.to_uppercase()).collect();
    let cells: Vec<Vec<String>> =
        rows.iter().map(|r| keys.iter().map(|k| fleet::cell(r.get(k))).collect()).collect();
    ctx.out.grid(&headers, &cells)?;
    Ok(())
}

/// `fleet ... -- explain SRC DST`: the node that holds SRC first, then each next node (from
/// the overlay, with the sender's identity) until the flow is delivered or dropped.
fn explain(
    ctx: &mut Ctx<'_>,
    a: &FleetArgs,
    nodes: &[(String, Option<String>)],
    via: &Via,
    e: &crate::cli::ExplainArgs,
    deadline: Duration,
) -> Result<()> {
    let all = targets(nodes, via);
    let first = fleet::ask(&all, via, &a.args, a.parallel.into(), deadline);
    let Some(start) = first.iter().find(|x| x.result.is_ok()).cloned() else {
        let why: Vec<String> = first
            .iter()
            .map(|x| format!("{}: {}", x.node, x.result.as_ref().err().map_or("", String::as_str)))
            .collect();
        return Err(Error::runtime(format!(
            "no node holds {} as a local endpoint ({})",
            e.src,
            why.join("; ")
        )));
    };
    let mut hops = vec![start];
    while hops.len() < 8 {
        let Some(Ok(last)) = hops.last().map(|h| h.result.clone()) else { break };
        let Some(next) = last["next_node"].as_str().map(str::to_string) else { break };
        let identity = last["src_identity"].as_u64().unwrap_or(0).to_string();
        // The node reached at that address: by the file's or the lab's addresses, else the
        // address itself is the ssh target.
        let node = nodes
            .iter()
            .position(|(_, addr)| addr.as_deref() == Some(next.as_str()))
            .map_or(fleet::Node { name: next.clone(), target: next.clone() }, |i| all[i].clone());
        let mut args = a.args.clone();
        args.extend(["--ingress".into(), "cilium_vxlan".into(), "--src-identity".into(), identity]);
        hops.extend(fleet::ask(&[node], via, &args, 1, deadline));
    }
    let rows: Vec<serde_json::Map<String, Value>> = hops
        .iter()
        .map(|h| {
            let mut m = serde_json::Map::new();
            m.insert("node".into(), Value::String(h.node.clone()));
            match &h.result {
                Ok(v) => {
                    for k in ["verdict", "drop_reason", "drop_code", "observation_point", "next_node"] {
                        m.insert(k.into(), v[k].clone());
                    }
                    let decides = v["steps"]
                        .as_array()
                        .and_then(|s| s.iter().find(|s| s["decides"] == true))
                        .map(|s| {
                            format!(
                                "{}: {}",
                                s["step"].as_str().unwrap_or(""),
                                s["found"].as_str().unwrap_or("")
                            )
                        });
                    m.insert("deciding_step".into(), decides.map_or(Value::Null, Value::String));
                    m.insert("steps".into(), v["steps"].clone());
                }
                Err(err) => {
                    m.insert("error".into(), Value::String(err.clone()));
                }
            }
            m
        })
        .collect();
    show(ctx, &rows)?;
    failed(&hops)
}
