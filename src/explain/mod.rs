//! `ciliumrs explain`: what the datapath does with a flow, and why, read from the node's
//! live maps before any packet is sent. A model of the datapath's decisions in their own
//! order, one step per decision, each naming the map, the key looked up and what was found;
//! it reads the maps only through point lookups ([`maps::NodeMaps`]: read-only descriptors,
//! or entries in memory for tests).
//!
//! - [`lxc`]: a packet leaving a local endpoint (`bpf_lxc.c`'s from-container, then the
//!   destination endpoint's policy program, the tunnel or the stack);
//! - [`host`]: a packet of the node's own processes (the socket LB of `bpf_sock.c`, then
//!   `bpf_host.c`'s from-host);
//! - [`netdev`]: a packet arriving on a native device (`bpf_host.c`'s from-netdev) and the
//!   NodePort step of `lib/nodeport.h`;
//! - [`overlay`]: a packet from another node (`bpf_overlay.c`'s from-overlay);
//! - [`service`]: the per-packet load balancer's decision (`lib/lb.h`), affinity included;
//! - [`policy`]: the policy decision (`lib/policy.h`, Cilium v1.16's LPM layout);
//! - [`ipv6`]: IPv6 flows on a datapath without IPv6 (each entry's EtherType check).
//!
//! The differential test (tests/privileged/explain.rs) sends every flow it explains for
//! real and compares the verdict and drop reason with what the datapath reported.

mod flow;
pub mod host;
pub mod ipv6;
pub mod lxc;
pub mod maps;
pub mod netdev;
pub mod overlay;
pub mod policy;
pub mod service;

use std::net::{IpAddr, Ipv4Addr};

use serde_json::{Value, json};

use crate::codes::reasons::reason_text;
use crate::netaddr::SockAddr4;
use crate::output::{Record, Tone, Visit};

/// The flow to explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    /// Destination port (0 for ICMP).
    pub dport: u16,
    /// IP protocol: 6 TCP, 17 UDP, 1 ICMP.
    pub proto: u8,
    /// The source port (ICMP: the echo id) that picks the flow's CT entries; None: a new flow.
    pub sport: Option<u16>,
}

/// The flow an answer is about, in either family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlowId {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub dport: u16,
    pub proto: u8,
    pub sport: Option<u16>,
}

impl From<Request> for FlowId {
    fn from(r: Request) -> FlowId {
        FlowId { src: r.src.into(), dst: r.dst.into(), dport: r.dport, proto: r.proto, sport: r.sport }
    }
}

/// One decision of the walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub what: String,
    pub map: String,
    pub key: String,
    pub found: String,
    /// This step decided the verdict.
    pub decides: bool,
}

impl Step {
    pub fn new(what: &str, map: &str, key: &str, found: &str) -> Step {
        Step { what: what.into(), map: map.into(), key: key.into(), found: found.into(), decides: false }
    }

    fn json(&self) -> Value {
        json!({"step": self.what, "map": self.map, "key": self.key, "found": self.found, "decides": self.decides})
    }
}

/// Where a walk ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Leaves at this observation point (Cilium's words: to-endpoint, to-overlay, to-stack).
    Forwarded(&'static str),
    /// Dropped with this code, counted in this direction.
    Dropped(u8, &'static str),
    /// No packet is sent: the socket LB fails the call with this reason.
    Refused(&'static str),
}

impl Verdict {
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Forwarded(_) => "FORWARDED",
            Verdict::Dropped(..) | Verdict::Refused(_) => "DROPPED",
        }
    }
    pub fn drop_code(&self) -> Option<u8> {
        match self {
            Verdict::Dropped(c, _) => Some(*c),
            Verdict::Forwarded(_) | Verdict::Refused(_) => None,
        }
    }
    pub fn drop_reason(&self) -> Option<&'static str> {
        match self {
            Verdict::Refused(why) => Some(why),
            _ => self.drop_code().map(|c| reason_text(c).unwrap_or("unknown reason")),
        }
    }
}

/// The end of one walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// The node behind the tunnel, when the packet leaves through the overlay.
    pub next_node: Option<Ipv4Addr>,
    /// The `cilium_metrics` counter that moves.
    pub counter: String,
}

impl Outcome {
    fn json(&self) -> Value {
        let (point, code) = match self.verdict {
            Verdict::Forwarded(p) => (Some(p), None),
            Verdict::Dropped(c, _) => (None, Some(c)),
            Verdict::Refused(_) => (None, None),
        };
        json!({
            "verdict": self.verdict.word(),
            "drop_reason": self.verdict.drop_reason(),
            "drop_code": code,
            "observation_point": point,
            "next_node": self.next_node.map(|n| n.to_string()),
            "counter": self.counter,
        })
    }
}

/// A backend a service flow may reach, walked on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendWalk {
    /// None: a slot whose backend is missing.
    pub backend: Option<SockAddr4>,
    pub slot: u16,
    pub steps: Vec<Step>,
    pub outcome: Outcome,
}

/// What explain answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub flow: FlowId,
    /// The steps before a service splits the walk (all of them without a service).
    pub steps: Vec<Step>,
    /// The outcome when every path agrees; None when it depends on the backend picked.
    pub outcome: Option<Outcome>,
    pub backends: Vec<BackendWalk>,
    /// No `--sport`: the answer is for a new flow.
    pub new_flow: bool,
    /// The sender's identity as this node's datapath sees it (what the next node gets in
    /// the VNI), when the walk got that far.
    pub src_identity: Option<u32>,
}

/// How a walk ended: one outcome, or one walk per backend a service may pick.
pub enum Decision {
    Outcome(Outcome),
    Backends(Vec<BackendWalk>),
}

impl From<service::Balanced> for Decision {
    fn from(b: service::Balanced) -> Decision {
        match b {
            service::Balanced::Decided(o) => Decision::Outcome(o),
            service::Balanced::Backends(bs) => Decision::Backends(bs),
        }
    }
}

impl Answer {
    /// The answer of a walk: with backends, one outcome where every backend agrees.
    pub fn new(flow: impl Into<FlowId>, steps: Vec<Step>, d: Decision, src_identity: Option<u32>) -> Answer {
        let flow = flow.into();
        let (outcome, backends) = match d {
            Decision::Outcome(o) => (Some(o), Vec::new()),
            Decision::Backends(bs) => {
                let first = bs.first().map(|b| b.outcome.clone());
                let agree = bs.iter().all(|b| Some(&b.outcome) == first.as_ref());
                (if agree { first } else { None }, bs)
            }
        };
        Answer { flow, steps, outcome, backends, new_flow: flow.sport.is_none(), src_identity }
    }

    /// The answer as `-o json` gives it.
    pub fn json(&self) -> Value {
        let r = &self.flow;
        let mut v = match &self.outcome {
            Some(o) => o.json(),
            None => json!({"verdict": "DEPENDS_ON_BACKEND", "drop_reason": null, "drop_code": null,
                           "observation_point": null, "next_node": null, "counter": null}),
        };
        let obj = v.as_object_mut().expect("an object");
        obj.insert("src".into(), json!(r.src.to_string()));
        obj.insert("dst".into(), json!(r.dst.to_string()));
        obj.insert("dport".into(), json!(r.dport));
        obj.insert("proto".into(), json!(proto_name(r.proto)));
        obj.insert("sport".into(), json!(r.sport));
        obj.insert("new_flow".into(), json!(self.new_flow));
        obj.insert("src_identity".into(), json!(self.src_identity));
        obj.insert("steps".into(), Value::Array(self.steps.iter().map(Step::json).collect()));
        let backends = self
            .backends
            .iter()
            .map(|b| {
                let mut o = b.outcome.json();
                let m = o.as_object_mut().expect("an object");
                m.insert("backend".into(), json!(b.backend.map(|a| a.to_string())));
                m.insert("slot".into(), json!(b.slot));
                m.insert("steps".into(), Value::Array(b.steps.iter().map(Step::json).collect()));
                o
            })
            .collect();
        obj.insert("backends".into(), Value::Array(backends));
        v
    }

    /// The rows of the table for people: every step, then the verdict.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self.steps.iter().map(|s| Row::step("", s)).collect();
        for b in &self.backends {
            let via = match b.backend {
                Some(a) => format!("backend {a}"),
                None => format!("slot {}", b.slot),
            };
            rows.extend(b.steps.iter().map(|s| Row::step(&via, s)));
            rows.push(Row::verdict(&via, &b.outcome));
        }
        match &self.outcome {
            Some(o) => rows.push(Row::verdict("", o)),
            None => rows.push(Row {
                path: String::new(),
                step: "verdict".into(),
                map: String::new(),
                key: String::new(),
                found: "depends on the backend the service picks (each is above)".into(),
                tone: Tone::Warn,
                mark: "=>".into(),
            }),
        }
        if self.new_flow {
            rows.push(Row {
                path: String::new(),
                step: "note".into(),
                map: String::new(),
                key: String::new(),
                found: "for a new flow (no --sport: no conntrack entry was looked up)".into(),
                tone: Tone::Good,
                mark: String::new(),
            });
        }
        rows
    }
}

/// A protocol's name as the CLI takes it.
pub fn proto_name(p: u8) -> &'static str {
    match p {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        58 => "icmpv6",
        _ => "other",
    }
}

/// One line of the table.
pub struct Row {
    path: String,
    step: String,
    map: String,
    key: String,
    found: String,
    tone: Tone,
    mark: String,
}

impl Row {
    /// Names the node the row's step runs on (`lab explain`).
    pub fn on_node(&mut self, node: &str) {
        self.path = if self.path.is_empty() { node.to_string() } else { format!("{node}: {}", self.path) };
    }

    fn step(path: &str, s: &Step) -> Row {
        Row {
            path: path.into(),
            step: s.what.clone(),
            map: s.map.clone(),
            key: s.key.clone(),
            found: s.found.clone(),
            tone: if s.decides { Tone::Warn } else { Tone::Good },
            mark: if s.decides { "*".into() } else { String::new() },
        }
    }

    fn verdict(path: &str, o: &Outcome) -> Row {
        let found = match o.verdict {
            Verdict::Forwarded(p) => match o.next_node {
                Some(n) => format!("FORWARDED {p}: node {n} (ask there: ciliumrs explain on that node)"),
                None => format!("FORWARDED {p}"),
            },
            Verdict::Dropped(c, _) => format!("DROPPED: {} ({c})", o.verdict.drop_reason().unwrap_or("")),
            Verdict::Refused(why) => format!("DROPPED: {why}"),
        };
        let tone = if matches!(o.verdict, Verdict::Forwarded(_)) { Tone::Good } else { Tone::Bad };
        Row {
            path: path.into(),
            step: "verdict".into(),
            map: "cilium_metrics".into(),
            key: o.counter.clone(),
            found,
            tone,
            mark: "=>".into(),
        }
    }
}

impl Record for Row {
    fn visit(&self, v: &mut dyn Visit) {
        use crate::output::Value as V;
        v.field("mark", " ", V::Str(&self.mark));
        v.field("path", "PATH", V::Str(&self.path));
        v.field("step", "STEP", V::Str(&self.step));
        v.field("map", "MAP", V::Str(&self.map));
        v.field("key", "KEY", V::Str(&self.key));
        v.field("found", "FOUND", V::Status(self.tone, &self.found));
    }
}

/// The state of a walk: what it reads, and its steps so far.
pub struct Walk<'m> {
    pub maps: &'m mut dyn maps::NodeMaps,
    pub steps: Vec<Step>,
}

impl Walk<'_> {
    /// Marks the last step as the deciding one.
    pub fn decided(&mut self) {
        if let Some(s) = self.steps.last_mut() {
            s.decides = true;
        }
    }
}

/// Explains `req` from the maps `m`: from the endpoint that owns `req.src`, or from the
/// host when it is the node's own address.
pub fn explain(m: &mut dyn maps::NodeMaps, req: Request) -> crate::error::Result<Answer> {
    match m.endpoint(req.src)? {
        Some(ep) if ep.flags & crate::maps::lxc::ENDPOINT_F_HOST != 0 => host::from_host(m, req),
        _ => lxc::from_container(m, req),
    }
}
