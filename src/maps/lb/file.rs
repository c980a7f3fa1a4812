//! The services file of `bpf lb apply`: a JSON array of services, each parsed and checked
//! before anything is written, so a bad entry changes no map:
//! `[{"frontend": "10.96.0.10:80", "proto": "tcp", "backends": ["10.0.1.5:8080",
//! "10.0.1.6:8080@terminating"], "affinity_timeout": 60}]` (`proto` defaults to tcp,
//! `affinity_timeout` to none, `type` — clusterip, nodeport, externalip, loadbalancer — to
//! clusterip). `bpf lb update` builds the same [`ServiceSpec`] from its flags.

use serde::Deserialize;

use super::backend::BackendSpec;
use super::service::SvcType;
use crate::error::{Error, Result};
use crate::netaddr::{Proto, SockAddr};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileService {
    frontend: String,
    #[serde(default)]
    proto: Option<String>,
    backends: Vec<String>,
    #[serde(default)]
    affinity_timeout: Option<u32>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

/// One service of a services file, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceSpec {
    pub vip: SockAddr,
    pub proto: Proto,
    pub backends: Vec<BackendSpec>,
    pub affinity_timeout: Option<u32>,
    pub kind: SvcType,
}

impl ServiceSpec {
    /// A service is of one family: its backends in its frontend's.
    pub fn check_families(&self) -> Result<()> {
        match self.backends.iter().find(|b| b.addr.ip.is_ipv4() != self.vip.ip.is_ipv4()) {
            Some(b) => Err(Error::usage(format!(
                "service {}: backend {} is {}, the frontend {} (a service is of one family)",
                self.vip,
                b.addr,
                family_name(&b.addr),
                family_name(&self.vip)
            ))),
            None => Ok(()),
        }
    }
}

fn family_name(a: &SockAddr) -> &'static str {
    if a.ip.is_ipv4() { "IPv4" } else { "IPv6" }
}

/// Parses and checks a services file; the first bad entry is a usage error naming it.
pub fn parse(text: &str) -> Result<Vec<ServiceSpec>> {
    let raw: Vec<FileService> =
        serde_json::from_str(text).map_err(|e| Error::usage(format!("services file: {e}")))?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(raw.len());
    for (i, s) in raw.into_iter().enumerate() {
        let at = |what: &str, v: &str, why: String| {
            Error::usage(format!("services file entry {i} ({}): bad {what} '{v}': {why}", s.frontend))
        };
        let vip: SockAddr = s.frontend.parse().map_err(|e| at("frontend", &s.frontend, format!("{e}")))?;
        let proto_text = s.proto.as_deref().unwrap_or("tcp");
        let proto: Proto = proto_text.parse().map_err(|e| at("proto", proto_text, format!("{e}")))?;
        if proto != Proto::TCP && proto != Proto::UDP {
            return Err(at("proto", proto_text, "a service is tcp or udp".into()));
        }
        if s.backends.len() > usize::from(u16::MAX) {
            return Err(at(
                "backends",
                "...",
                format!("{} is over the 65535 slots a service has", s.backends.len()),
            ));
        }
        let backends = s
            .backends
            .iter()
            .map(|b| b.parse::<BackendSpec>().map_err(|e| at("backend", b, e)))
            .collect::<Result<Vec<_>>>()?;
        if s.affinity_timeout == Some(0) {
            return Err(at("affinity_timeout", "0", "must be at least 1 second".into()));
        }
        if !seen.insert(vip) {
            return Err(at("frontend", &s.frontend, "appears twice in the file".into()));
        }
        let kind = match &s.kind {
            Some(k) => k.parse::<SvcType>().map_err(|e| at("type", k, e))?,
            None => SvcType::ClusterIp,
        };
        let spec = ServiceSpec { vip, proto, backends, affinity_timeout: s.affinity_timeout, kind };
        spec.check_families()
            .map_err(|e| Error::usage(format!("services file entry {i}: {}", e.message())))?;
        out.push(spec);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_checked_whole_and_names_the_bad_entry() {
        let good = r#"[{"frontend": "10.96.0.10:80", "backends": ["10.0.0.1:8080", "10.0.0.2:8080@terminating"]},
                       {"frontend": "10.96.0.10:53", "proto": "udp", "backends": [], "affinity_timeout": 30}]"#;
        let s = parse(good).unwrap();
        assert_eq!(
            (s.len(), s[0].proto, s[0].backends[1].state, s[1].affinity_timeout),
            (2, Proto::TCP, 1, Some(30))
        );
        let v6 =
            parse(r#"[{"frontend": "[fd00::10]:80", "backends": ["[fd00::1]:8080@terminating"]}]"#).unwrap();
        assert_eq!(
            (v6[0].vip.to_string(), v6[0].backends[0].addr.to_string()),
            ("[fd00::10]:80".into(), "[fd00::1]:8080".into())
        );
        for (bad, says) in [
            (r#"[{"frontend": "10.96.0.10", "backends": []}]"#, "entry 0 (10.96.0.10): bad frontend"),
            (
                r#"[{"frontend": "10.96.0.10:80", "backends": ["10.0.0.1:99999"]}]"#,
                "bad backend '10.0.0.1:99999'",
            ),
            (r#"[{"frontend": "10.96.0.10:80", "backends": ["10.0.0.1:80@gone"]}]"#, "backend state 'gone'"),
            (r#"[{"frontend": "10.96.0.10:80", "proto": "icmp", "backends": []}]"#, "bad proto 'icmp'"),
            (
                r#"[{"frontend": "10.96.0.1:1", "backends": []}, {"frontend": "10.96.0.1:1", "backends": []}]"#,
                "appears twice",
            ),
            (r#"[{"frontend": "10.96.0.1:1", "backends": [], "color": 1}]"#, "unknown field"),
            (r#"{"frontend": "10.96.0.1:1"}"#, "services file"),
            (
                r#"[{"frontend": "[fd00::10]:80", "backends": ["[fd00::1]:8080", "10.0.0.1:8080"]}]"#,
                "entry 0: service [fd00::10]:80: backend 10.0.0.1:8080 is IPv4, the frontend IPv6",
            ),
            (r#"[{"frontend": "[fd00::10]:99999", "backends": []}]"#, "bad frontend '[fd00::10]:99999'"),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.message().contains(says), "{bad}: {}", e.message());
            assert_eq!(e.exit_code(), 2);
        }
    }
}
