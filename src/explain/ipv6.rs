//! IPv6 flows on a datapath without IPv6: ciliumrs's own (IPv4 only: `ciliumrs_ep_config`
//! is pinned, whatever IPv6 maps `init --maps-only --ipv6` made beside it), or a Cilium built
//! without `ENABLE_IPV6` (no `cilium_ct6_global`). Every entry program switches on the
//! EtherType first:
//! - from-container (`bpf_lxc.c`): after the endpoint's configuration, anything but IPv4 and
//!   ARP is dropped as "Unknown L3 target" (139), counted egress;
//! - from-overlay (`bpf_overlay.c`): IPv6 is dropped as Unknown L3, counted ingress;
//! - from-netdev (`bpf_host.c`): what is not IPv4 goes to the stack untouched (no host
//!   firewall), counted nowhere.
//!
//! A dual-stack Cilium's IPv6 path (its `cilium_lxc` IPv6 keys, `cilium_lb6_*`,
//! `cilium_ct6_*`, the IPv6 ipcache prefixes) is not modelled: refused, naming the map that
//! says the node has one. The differential test sends each of these flows for real.

use std::net::IpAddr;

use super::flow::{dropped, forwarded};
use super::lxc::DROP_UNKNOWN_TARGET;
use super::maps::NodeMaps;
use super::{Answer, Decision, FlowId, Step, Walk};
use crate::error::{Error, Result};
use crate::maps::lxc::ENDPOINT_F_HOST;
use crate::maps::spec::CT6_GLOBAL;

/// "Unknown L3 target".
pub const DROP_UNKNOWN_L3: u8 = 139;

/// Where the packet enters: its source's endpoint (by address), or a device (`--ingress`).
#[derive(Clone, Copy, Debug)]
pub enum Entry6<'a> {
    Source,
    Overlay,
    Device { name: &'a str, ifindex: u32 },
}

/// The step that says this datapath has no IPv6; an error on a dual-stack Cilium.
fn no_ipv6(w: &mut Walk<'_>) -> Result<()> {
    if w.maps.has_ep_config()? {
        w.steps.push(Step::new(
            "IPv6 datapath",
            "ciliumrs_ep_config",
            "-",
            "pinned: ciliumrs's datapath, IPv4 only (its programs take IPv4 and ARP; IPv6 maps, where pinned, are for reading)",
        ));
        return Ok(());
    }
    if w.maps.is_pinned(CT6_GLOBAL.name)? {
        return Err(Error::runtime(format!(
            "{} is pinned: this Cilium datapath handles IPv6, and explain does not model its IPv6 path yet (it models the IPv4 one, and IPv6 on datapaths without IPv6)",
            CT6_GLOBAL.name
        )));
    }
    w.steps.push(Step::new(
        "IPv6 datapath",
        CT6_GLOBAL.name,
        "-",
        "not pinned: a Cilium built without ENABLE_IPV6",
    ));
    Ok(())
}

/// Explains an IPv6 flow (`req`'s addresses are IPv6) entering at `entry`.
pub fn explain6(m: &mut dyn NodeMaps, req: FlowId, entry: Entry6<'_>) -> Result<Answer> {
    let IpAddr::V6(src) = req.src else {
        return Err(Error::usage(format!("{}: not an IPv6 address", req.src)));
    };
    let mut w = Walk { maps: m, steps: Vec::new() };
    no_ipv6(&mut w)?;
    let outcome = match entry {
        Entry6::Source => {
            let Some(ep) = w.maps.endpoint6(src)? else {
                return Err(Error::usage(format!(
                    "{}: not a local endpoint's address (no IPv6 key in cilium_lxc: this datapath has no IPv6); name where the packet enters with --ingress DEV (an endpoint's device, a native device, or cilium_vxlan)",
                    req.src
                )));
            };
            if ep.flags & ENDPOINT_F_HOST != 0 {
                return Err(Error::usage(format!(
                    "{}: the node's own address: its IPv6 packets leave through the host's stack, which this datapath does not see",
                    req.src
                )));
            }
            w.steps.push(Step::new(
                "source endpoint",
                "cilium_lxc",
                &req.src.to_string(),
                &format!("endpoint {}, identity {}, ifindex {}", ep.lxc_id, ep.sec_id, ep.ifindex),
            ));
            from_container(&mut w, ep.ifindex)?
        }
        Entry6::Overlay => {
            w.steps.push(Step::new(
                "from-overlay",
                "-",
                "EtherType 0x86dd (IPv6)",
                "bpf_overlay.c takes IPv4 only here: IPv6 is an unknown L3 protocol",
            ));
            dropped(&mut w, DROP_UNKNOWN_L3, "INGRESS")
        }
        Entry6::Device { name, ifindex } => match w.maps.endpoint_on(ifindex)? {
            Some(ep) if ep.flags & ENDPOINT_F_HOST == 0 => {
                w.steps.push(Step::new(
                    "source endpoint",
                    "cilium_lxc",
                    &format!("ifindex {ifindex} ({name})"),
                    &format!("endpoint {}, identity {}", ep.lxc_id, ep.sec_id),
                ));
                from_container(&mut w, ifindex)?
            }
            _ => {
                w.steps.push(Step::new(
                    "from-netdev",
                    "-",
                    &format!("{name}: EtherType 0x86dd (IPv6)"),
                    "bpf_host.c's from-netdev takes IPv4 only here: anything else goes to the stack untouched (no host firewall)",
                ));
                w.decided();
                let mut o = forwarded("to-stack", None, "INGRESS");
                o.counter = "none: the program returns before it counts".into();
                o
            }
        },
    };
    Ok(Answer::new(req, w.steps, Decision::Outcome(outcome), None))
}

/// bpf_lxc.c's from-container for a non-IPv4 packet: the endpoint's configuration (on
/// ciliumrs's datapath), then the EtherType.
fn from_container(w: &mut Walk<'_>, ifindex: u32) -> Result<super::Outcome> {
    if w.maps.has_ep_config()? {
        let key = format!("ifindex {ifindex}");
        let Some(cfg) = w.maps.ep_config(ifindex)? else {
            w.steps.push(Step::new(
                "endpoint configuration",
                "ciliumrs_ep_config",
                &key,
                "none: from-container knows no endpoint on this interface",
            ));
            return Ok(dropped(w, DROP_UNKNOWN_TARGET, "EGRESS"));
        };
        w.steps.push(Step::new(
            "endpoint configuration",
            "ciliumrs_ep_config",
            &key,
            &format!("endpoint {}, identity {}", cfg.lxc_id, cfg.sec_label),
        ));
    }
    w.steps.push(Step::new(
        "from-container",
        "-",
        "EtherType 0x86dd (IPv6)",
        "bpf_lxc.c takes IPv4 and ARP only here: IPv6 is an unknown L3 protocol",
    ));
    Ok(dropped(w, DROP_UNKNOWN_L3, "EGRESS"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::Verdict;
    use crate::explain::maps::Memory;
    use crate::maps::lxc::EndpointInfo;

    fn req() -> FlowId {
        FlowId {
            src: "fd00::1".parse().unwrap(),
            dst: "fd00::2".parse().unwrap(),
            dport: 80,
            proto: 6,
            sport: None,
        }
    }

    #[test]
    fn every_entry_of_a_datapath_without_ipv6() {
        let cfg = crate::datapath::template::EpConfig { lxc_id: 11, sec_label: 1011, ..Default::default() };
        let mut m = Memory { ep_configs: Some([(7, cfg)].into()), ..Default::default() };
        m.endpoints.insert(
            "10.0.0.11".parse().unwrap(),
            EndpointInfo { ifindex: 7, lxc_id: 11, sec_id: 1011, ..Default::default() },
        );
        let dev = |ifindex| Entry6::Device { name: "dev", ifindex };
        let v = |a: Answer| a.outcome.unwrap().verdict;
        assert_eq!(v(explain6(&mut m, req(), dev(7)).unwrap()), Verdict::Dropped(139, "EGRESS"));
        assert_eq!(v(explain6(&mut m, req(), Entry6::Overlay).unwrap()), Verdict::Dropped(139, "INGRESS"));
        assert_eq!(v(explain6(&mut m, req(), dev(8)).unwrap()), Verdict::Forwarded("to-stack"));
        assert_eq!(explain6(&mut m, req(), Entry6::Source).unwrap_err().exit_code(), 2);
        // An endpoint's device without configuration: Unknown target first, as bpf_lxc.c.
        m.ep_configs = Some(Default::default());
        assert_eq!(
            v(explain6(&mut m, req(), dev(7)).unwrap()),
            Verdict::Dropped(DROP_UNKNOWN_TARGET, "EGRESS")
        );
        // A Cilium node: without cilium_ct6_global, its IPv6 endpoint keys; with it, refused.
        m.ep_configs = None;
        m.endpoints6.insert(
            "fd00::1".parse().unwrap(),
            EndpointInfo { ifindex: 9, lxc_id: 12, sec_id: 1012, ..Default::default() },
        );
        let a = explain6(&mut m, req(), Entry6::Source).unwrap();
        assert_eq!(a.outcome.unwrap().verdict, Verdict::Dropped(139, "EGRESS"));
        assert!(a.steps[0].found.contains("ENABLE_IPV6"), "{:?}", a.steps);
        m.pinned.push("cilium_ct6_global".into());
        let e = explain6(&mut m, req(), Entry6::Source).unwrap_err();
        assert!(e.message().contains("cilium_ct6_global is pinned") && e.exit_code() == 1, "{}", e.message());
    }
}
