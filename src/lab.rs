//! The built-in lab: nodes and pods made of network namespaces on this machine, built by
//! the world builder ([`crate::world`]): an underlay bridge joins the nodes and an external
//! client, each node has its own bpffs mount and cgroup and is brought up by the node
//! datapath (`init`, `attach lxc`) running in its namespace; every node learns the other
//! nodes' pods in its ipcache and tunnel map. The plan and what was made are recorded in
//! `/run/ciliumrs-lab/<name>/lab.json`, so `lab down` removes exactly that.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::maps::Access;
use crate::maps::lb::{self, BackendSpec, LbMaps};
use crate::maps::lock::WriteLock;
use crate::netaddr::{Proto, SockAddr4};
use crate::output::{Record, Value, Visit};
use crate::world::{Made, Node, Plan};

const STATE_ROOT: &str = "/run/ciliumrs-lab";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Lab {
    pub name: String,
    pub plan: Plan,
    pub made: Made,
    #[serde(default)]
    pub services: Vec<LabService>,
}

/// A service of the lab, as `lab service add` wrote it on every node.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LabService {
    pub name: String,
    pub vip: String,
    pub proto: u8,
    /// `POD:PORT[@STATE]` as given.
    pub backends: Vec<String>,
    /// The NodePort every node serves at its underlay address (and 0.0.0.0), if any.
    #[serde(default)]
    pub nodeport: Option<u16>,
}

/// Where `lab exec` runs a member.
pub struct Place {
    pub netns: String,
    /// The node's bpffs (`CILIUMRS_BPFFS` there).
    pub bpffs: Option<PathBuf>,
    /// The cgroup the command joins.
    pub cgroup: Option<PathBuf>,
    /// The node's cgroup root, where its socket programs are (`CILIUMRS_CGROUP_ROOT`).
    pub cgroup_root: Option<PathBuf>,
}

fn state_dir(name: &str) -> PathBuf {
    Path::new(STATE_ROOT).join(name)
}

/// The machine's cgroup2 hierarchy, mounted under the lab's state directory (recorded, so
/// `lab down` unmounts it). Not the machine's own mount point: `ip netns exec` remounts
/// /sys, and node cgroups must be visible to `ciliumrs` run through `lab exec`.
fn cgroup2_root(name: &str, made: &mut Made) -> Result<PathBuf> {
    let dir = state_dir(name).join("cgroup2");
    crate::datapath::mount::mount_fs(c"cgroup2", &dir)?;
    made.items.push(crate::world::Item::Mount(dir.clone()));
    Ok(dir)
}

impl Lab {
    pub fn load(name: &str) -> Result<Lab> {
        let path = state_dir(name).join("lab.json");
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::runtime(format!("no lab '{name}' is up (try 'ciliumrs lab up')"))
            }
            _ => Error::sys("read", path.display(), &e),
        })?;
        serde_json::from_str(&text).map_err(|e| Error::runtime(format!("{}: {e}", path.display())))
    }

    fn save(&self) -> Result<()> {
        let dir = state_dir(&self.name);
        std::fs::create_dir_all(&dir).map_err(|e| Error::sys("create", dir.display(), &e))?;
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::runtime(e.to_string()))?;
        let path = dir.join("lab.json");
        std::fs::write(&path, text).map_err(|e| Error::sys("write", path.display(), &e))
    }

    /// The plan of a lab ([`Plan::cluster`]), each node with its cgroup under `cgroups`.
    fn plan(name: &str, nodes: u8, pods: u8, cgroups: &Path, socket_lb_pods: bool) -> Plan {
        let mut plan = Plan::cluster(name, nodes, pods, |n| state_dir(name).join(format!("n{n}-bpffs")));
        plan.socket_lb_pods = socket_lb_pods;
        for (node, n) in plan.nodes.iter_mut().zip(1u8..) {
            node.cgroup = Some(cgroups.join(format!("{name}-n{n}")));
        }
        plan
    }

    /// Builds the lab. On any failure everything built so far is removed again.
    pub fn up(name: &str, nodes: u8, pods: u8, socket_lb_pods: bool) -> Result<Lab> {
        if state_dir(name).join("lab.json").exists() {
            return Err(Error::usage(format!(
                "lab '{name}' is already up; 'ciliumrs lab down --name {name}' first"
            )));
        }
        if nodes == 0 || nodes > 50 || pods > 50 {
            return Err(Error::usage("a lab has 1-50 nodes and 0-50 pods per node"));
        }
        let mut made = Made::default();
        let cgroups = cgroup2_root(name, &mut made)?;
        let plan = Lab::plan(name, nodes, pods, &cgroups, socket_lb_pods);
        let built = match plan.build() {
            Ok(w) => w,
            Err(e) => {
                let _ = made.teardown();
                let _ = std::fs::remove_dir_all(state_dir(name));
                return Err(e);
            }
        };
        let plan = built.plan.clone();
        // The world's items after the lab's own (cgroup2 mount): torn down first.
        made.items.extend(built.keep().items);
        let lab = Lab { name: name.to_string(), plan, made, services: Vec::new() };
        if let Err(e) = lab.save() {
            let _ = lab.down();
            return Err(e);
        }
        Ok(lab)
    }

    /// Removes everything the lab made; carries on past failures and reports the first.
    pub fn down(&self) -> Result<()> {
        let mut made = self.made.clone();
        let res = made.teardown();
        let dir = state_dir(&self.name);
        let _ = std::fs::remove_file(dir.join("bin/ciliumrs"));
        let _ = std::fs::remove_dir(dir.join("bin"));
        let _ = std::fs::remove_file(dir.join("lab.json"));
        let _ = std::fs::remove_dir(&dir);
        let _ = std::fs::remove_dir(STATE_ROOT);
        res
    }

    /// Loads the lab `name` for a change of its services, holding the lab's own write lock
    /// (its state directory) and every node's, so that two changes at once never interleave
    /// between nodes or lose each other's record in lab.json. `waiting` hears of a wait.
    pub fn load_for_change(name: &str, waiting: &mut dyn FnMut(&str)) -> Result<(Lab, Vec<WriteLock>)> {
        let mut locks = vec![WriteLock::take(&state_dir(name), waiting)?];
        let lab = Lab::load(name)?;
        for node in &lab.plan.nodes {
            locks.push(WriteLock::take(&node.bpffs, waiting)?);
        }
        Ok((lab, locks))
    }

    /// A directory holding `ciliumrs` as the running binary `exe`, for the PATH of what a
    /// member runs (so `timeout 5 ciliumrs monitor` finds this very binary too): the
    /// binary's own directory when it is called `ciliumrs`, else a link in the lab's state
    /// directory (removed by `lab down`).
    pub fn bin_dir(&self, exe: &Path) -> Result<PathBuf> {
        if exe.file_name().is_some_and(|n| n == "ciliumrs") {
            if let Some(dir) = exe.parent() {
                return Ok(dir.to_path_buf());
            }
        }
        let dir = state_dir(&self.name).join("bin");
        std::fs::create_dir_all(&dir).map_err(|e| Error::sys("create", dir.display(), &e))?;
        let link = dir.join("ciliumrs");
        let tmp = dir.join(format!(".ciliumrs.{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(exe, &tmp).map_err(|e| Error::sys("link", tmp.display(), &e))?;
        std::fs::rename(&tmp, &link).map_err(|e| Error::sys("rename", link.display(), &e))?;
        Ok(dir)
    }

    /// Where a member runs: a node in its cgroup; a pod in its own cgroup under the node's
    /// with `--socket-lb-pods`, else outside node cgroups; the client outside them.
    pub fn place(&self, who: &str) -> Result<Place> {
        for node in &self.plan.nodes {
            let at = |netns: &str, cgroup: Option<PathBuf>| Place {
                netns: netns.to_string(),
                bpffs: Some(node.bpffs.clone()),
                cgroup,
                cgroup_root: node.cgroup.clone(),
            };
            if node.name == who {
                return Ok(at(&node.netns, node.cgroup.clone()));
            }
            if let Some(p) = node.pods.iter().find(|p| p.name == who) {
                return Ok(at(&p.netns, p.cgroup.clone()));
            }
        }
        if let Some(c) = self.plan.client.as_ref().filter(|c| c.name == who) {
            return Ok(Place { netns: c.netns.clone(), bpffs: None, cgroup: None, cgroup_root: None });
        }
        let mut names: Vec<String> = self
            .plan
            .nodes
            .iter()
            .flat_map(|n| std::iter::once(n.name.clone()).chain(n.pods.iter().map(|p| p.name.clone())))
            .collect();
        names.extend(self.plan.client.iter().map(|c| c.name.clone()));
        Err(Error::bad_value("lab member", who, format!("known: {}", names.join(", "))))
    }
}

impl Lab {
    /// The pod `member` (by its lab name) and the node it runs on.
    pub fn pod(&self, member: &str) -> Result<(&Node, &crate::world::Pod)> {
        for node in &self.plan.nodes {
            if let Some(p) = node.pods.iter().find(|p| p.name == member) {
                return Ok((node, p));
            }
        }
        let pods: Vec<&str> =
            self.plan.nodes.iter().flat_map(|n| n.pods.iter().map(|p| p.name.as_str())).collect();
        Err(Error::bad_value("pod", member, format!("explain starts at a pod; known: {}", pods.join(", "))))
    }

    /// `lab explain`: the flow `req` from pod `member`'s node, followed into the node its
    /// answer leaves for through the overlay (which sees the pod's identity in the VNI).
    /// One answer per node, in the order the packet meets them.
    pub fn explain(
        &self,
        member: &str,
        req: crate::explain::Request,
    ) -> Result<Vec<(String, crate::explain::Answer)>> {
        use crate::explain::maps::Live;
        let (node, pod) = self.pod(member)?;
        let req = crate::explain::Request { src: pod.ip, ..req };
        let first = crate::explain::explain(&mut Live::new(&node.bpffs), req)?;
        let mut out = vec![(node.name.clone(), first)];
        let hops: Vec<std::net::Ipv4Addr> = match &out[0].1.outcome {
            Some(_) => crate::explain::overlay::next_node(&out[0].1).into_iter().collect(),
            // A service: every backend's node.
            None => out[0].1.backends.iter().filter_map(|b| b.outcome.next_node).collect(),
        };
        for tep in hops {
            let Some(next) = self.plan.nodes.iter().find(|n| n.underlay_ip == Some(tep)) else { continue };
            let dst = out[0]
                .1
                .backends
                .iter()
                .find(|b| b.outcome.next_node == Some(tep))
                .and_then(|b| b.backend)
                .map_or((req.dst, req.dport), |a| (a.ip, a.port));
            let hop = crate::explain::Request { dst: dst.0, dport: dst.1, ..req };
            let answer =
                crate::explain::overlay::from_overlay(&mut Live::new(&next.bpffs), hop, pod.identity)?;
            out.push((next.name.clone(), answer));
        }
        Ok(out)
    }

    /// `POD:PORT[@STATE]` to a backend, the pod by its lab name.
    fn backend(&self, spec: &str) -> Result<BackendSpec> {
        let (who, rest) = spec
            .split_once(':')
            .ok_or_else(|| Error::bad_value("backend", spec, "expected POD:PORT, e.g. node2-pod1:8080"))?;
        let pod =
            self.plan.nodes.iter().flat_map(|n| n.pods.iter()).find(|p| p.name == who).ok_or_else(|| {
                Error::bad_value("backend", spec, format!("no pod {who} in lab '{}'", self.name))
            })?;
        format!("{}:{rest}", pod.ip).parse::<BackendSpec>().map_err(|e| Error::bad_value("backend", spec, e))
    }

    fn node_lb(node: &Node) -> Result<LbMaps> {
        LbMaps::open(&node.bpffs, Access::Write)
    }

    /// The frontends of a service on `node`: the ClusterIP, and with a NodePort the node's
    /// underlay address and the 0.0.0.0 surrogate (Cilium's agent writes these per node).
    fn frontends(node: &Node, vip: SockAddr4, nodeport: Option<u16>) -> Vec<(SockAddr4, lb::SvcType)> {
        let mut v = vec![(vip, lb::SvcType::ClusterIp)];
        if let Some(port) = nodeport {
            v.extend(node.underlay_ip.map(|ip| (SockAddr4 { ip, port }, lb::SvcType::NodePort)));
            v.push((SockAddr4 { ip: Ipv4Addr::UNSPECIFIED, port }, lb::SvcType::NodePort));
        }
        v
    }

    /// Writes service `name` on every node (replacing its frontends and backends when it
    /// exists: a backend left out leaves as Cilium removes one, a frontend left out goes).
    /// Every backend is checked before the first write.
    pub fn add_service(
        &mut self,
        name: &str,
        vip: SockAddr4,
        proto: Proto,
        backends: &[String],
        nodeport: Option<u16>,
    ) -> Result<()> {
        // `--backends ''` (or a bare `--backends`): a service without backends.
        let backends: Vec<String> =
            if backends.iter().all(String::is_empty) { Vec::new() } else { backends.to_vec() };
        let specs = backends.iter().map(|b| self.backend(b)).collect::<Result<Vec<_>>>()?;
        if let Some(port) = nodeport {
            if let Some(other) = self.services.iter().find(|s| s.name != name && s.nodeport == Some(port)) {
                return Err(Error::bad_value(
                    "--nodeport",
                    &port.to_string(),
                    format!("service {} has it", other.name),
                ));
            }
        }
        let old = self.services.iter().find(|s| s.name == name).cloned();
        for node in &self.plan.nodes {
            let m = Lab::node_lb(node)?;
            let new = Lab::frontends(node, vip, nodeport);
            for (fe, kind) in &new {
                let spec = crate::maps::lb::ServiceSpec {
                    vip: (*fe).into(),
                    proto,
                    backends: specs.clone(),
                    affinity_timeout: None,
                    kind: *kind,
                };
                lb::update(&m, &spec)?;
            }
            if let Some(old) = &old {
                let old_vip: SockAddr4 =
                    old.vip.parse().map_err(|e| Error::runtime(format!("lab state: {e}")))?;
                for (fe, _) in Lab::frontends(node, old_vip, old.nodeport) {
                    if !new.iter().any(|(n, _)| *n == fe) {
                        lb::delete_service(&m, fe.into())?;
                    }
                }
            }
        }
        self.services.retain(|s| s.name != name);
        self.services.push(LabService {
            name: name.into(),
            vip: vip.to_string(),
            proto: proto.0,
            backends,
            nodeport,
        });
        self.save()
    }

    pub fn delete_service(&mut self, name: &str) -> Result<()> {
        let svc = self
            .services
            .iter()
            .find(|s| s.name == name)
            .cloned()
            .ok_or_else(|| Error::runtime(format!("lab '{}' has no service {name}", self.name)))?;
        let vip: SockAddr4 = svc.vip.parse().map_err(|e| Error::runtime(format!("lab state: {e}")))?;
        for node in &self.plan.nodes {
            let m = Lab::node_lb(node)?;
            for (fe, _) in Lab::frontends(node, vip, svc.nodeport) {
                lb::delete_service(&m, fe.into())?;
            }
        }
        self.services.retain(|s| s.name != name);
        self.save()
    }
}

impl Record for LabService {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("name", "NAME", Value::Str(&self.name));
        v.field("vip", "FRONTEND", Value::Str(&self.vip));
        v.field("proto", "PROTO", Value::Disp(&Proto(self.proto)));
        v.field("nodeport", "NODEPORT", self.nodeport.map_or(Value::Null, |p| Value::U64(p.into())));
        let b = self.backends.join(", ");
        v.field("backends", "BACKENDS", Value::Str(&b));
    }
}

/// One row of `lab up` / `lab status`.
pub struct Member<'a> {
    pub kind: &'static str,
    pub name: &'a str,
    pub netns: &'a str,
    pub addr: String,
    pub detail: String,
}

impl Record for Member<'_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("kind", "KIND", Value::Str(self.kind));
        v.field("name", "NAME", Value::Str(self.name));
        v.field("netns", "NETNS", Value::Str(self.netns));
        v.field("address", "ADDRESS", Value::Str(&self.addr));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}

impl Lab {
    pub fn members(&self) -> Vec<Member<'_>> {
        let mut v = Vec::new();
        for n in &self.plan.nodes {
            let cgroup = n.cgroup.as_ref().map_or(String::new(), |c| format!(", cgroup {}", c.display()));
            v.push(Member {
                kind: "node",
                name: &n.name,
                netns: &n.netns,
                addr: n.underlay_ip.map_or(String::new(), |a| a.to_string()),
                detail: format!(
                    "pods {} via cilium_host {}, bpffs {}{cgroup}",
                    n.pod_cidr,
                    n.router_ip,
                    n.bpffs.display()
                ),
            });
            for p in &n.pods {
                v.push(Member {
                    kind: "pod",
                    name: &p.name,
                    netns: &p.netns,
                    addr: p.ip.to_string(),
                    detail: format!("endpoint {} identity {} on {}", p.id, p.identity, p.host_if),
                });
            }
        }
        if let Some(c) = &self.plan.client {
            v.push(Member {
                kind: "client",
                name: &c.name,
                netns: &c.netns,
                addr: c.ip.to_string(),
                detail: "outside every node, on the underlay".into(),
            });
        }
        v
    }
}
