//! Random bytes through every decoder and renderer: nothing may panic. Map bytes and user
//! input are untrusted. The CLI value parsers get their random text from the fuzz runner
//! (`benches/fuzz.rs`, 10M inputs a family, run by scripts/test).

use proptest::prelude::*;

use ciliumrs::maps::{ct, ipcache, lb, lxc, metrics, nat, neigh, policy, tunnel};
use ciliumrs::output::{Format, Output, Record};

fn render(r: &dyn Record) {
    for format in [Format::Json, Format::Table] {
        let mut out = Output::new(Box::new(std::io::sink()), format, true);
        out.one(r).unwrap();
    }
    let mut line = Vec::new();
    r.line(&mut line);
}

fn take<T: bytemuck::Pod>(b: &[u8]) -> Option<T> {
    ciliumrs::maps::decode::<T>(b.get(..std::mem::size_of::<T>())?)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decoders_never_panic(k in proptest::collection::vec(any::<u8>(), 0..64), v in proptest::collection::vec(any::<u8>(), 0..128)) {
        // Wrong-size input is refused, not misread.
        if k.len() != 14 { prop_assert!(ciliumrs::maps::decode::<ct::CtKey4>(&k).is_none()); }
        if let (Some(key), Some(entry)) = (take::<ct::CtKey4>(&k), take::<ct::CtEntry>(&v)) {
            render(&ct::CtRecord { map: "m", key, entry, now: Some(u64::from(entry.lifetime) ^ 0x5555) });
            render(&ct::CtRecord { map: "m", key, entry, now: Some(u64::MAX) });
        }
        if k.len() != 38 { prop_assert!(ciliumrs::maps::decode::<ct::CtKey6>(&k).is_none()); }
        if let (Some(key), Some(entry)) = (take::<ct::CtKey6>(&k), take::<ct::CtEntry>(&v)) {
            render(&ct::CtRecord { map: "m", key, entry, now: Some(u64::from(entry.lifetime)) });
        }
        if let (Some(key), Some(entry)) = (take::<ct::CtKey6>(&k), take::<nat::NatEntry6>(&v)) {
            render(&nat::NatRecord::v6(key, entry, u64::from(k.first().copied().unwrap_or(0))));
        }
        if let (Some(ip), Some(mac)) = (take::<[u8; 16]>(&k), take::<neigh::NeighValue4>(&v)) {
            render(&neigh::NeighRecord { ip: std::net::Ipv6Addr::from(ip).into(), mac });
        }
        if let (Some(key), Some(info)) = (take::<ipcache::IpcacheKey>(&k), take::<ipcache::RemoteEndpointInfo>(&v)) {
            render(&ipcache::IpcacheRecord { key, info: info.into() });
        }
        if let (Some(key), Some(info)) = (take::<lxc::EndpointKey>(&k), take::<lxc::EndpointInfo>(&v)) {
            render(&lxc::LxcRecord { key, info });
        }
        if let (Some(key), Some(value)) = (take::<tunnel::TunnelKey>(&k), take::<tunnel::TunnelValue>(&v)) {
            render(&tunnel::TunnelRecord { key, value });
        }
        if let (Some(key), Some(svc), Some(b)) = (take::<lb::Lb4Key>(&k), take::<lb::Lb4Service>(&v), take::<lb::Lb4Backend>(&v[v.len().min(12)..])) {
            render(&lb::ServiceRecord { key: key.into(), svc, backend: Some(b.sock_addr()), frontends: false });
            render(&lb::ServiceRecord { key: key.into(), svc, backend: None, frontends: true });
            render(&lb::ServiceRecord { key: key.into(), svc, backend: None, frontends: false });
            render(&lb::BackendRecord::v4(svc.backend_id, b));
        }
        if let (Some(key), Some(svc), Some(b)) = (take::<lb::Lb6Key>(&k), take::<lb::Lb4Service>(&v), take::<lb::Lb6Backend>(&v[v.len().min(12)..])) {
            render(&lb::ServiceRecord { key: key.into(), svc, backend: Some(b.sock_addr()), frontends: false });
            render(&lb::ServiceRecord { key: key.into(), svc, backend: None, frontends: false });
            render(&lb::BackendRecord::v6(svc.backend_id, b));
        }
        if let (Some(id), Some(rnat)) = (take::<u16>(&k), take::<lb::Lb4ReverseNat>(&v)) {
            render(&lb::RevNatRecord::v4(id, rnat));
        }
        if let (Some(id), Some(rnat)) = (take::<u16>(&k), take::<lb::Lb6ReverseNat>(&v)) {
            render(&lb::RevNatRecord::v6(id, rnat));
        }
        if let (Some(key), Some(val)) = (take::<lb::Lb6AffinityKey>(&k), take::<lb::LbAffinityVal>(&v)) {
            let addr = |ip| Some(ciliumrs::netaddr::SockAddr { ip, port: key.rev_nat_id.get() });
            let ip = std::net::Ipv6Addr::from(key.client_id).into();
            render(&lb::AffinityRecord { client: key.client(), rev_nat_id: key.rev_nat_id.get(), val, service: addr(ip), backend: None, matched: true, age: val.last_used.checked_sub(7) });
        }
        if let (Some(key), Some(val)) = (take::<lb::Lb4AffinityKey>(&k), take::<lb::LbAffinityVal>(&v)) {
            render(&lb::AffinityRecord { client: key.client(), rev_nat_id: key.rev_nat_id.get(), val, service: None, backend: None, matched: false, age: None });
        }
        if let (Some(key), Some(val)) = (take::<lb::SockRevNat6Key>(&k), take::<lb::SockRevNat6Value>(&v)) {
            render(&lb::SockRevNatRecord::v6(key, val));
        }
        if let (Some(key), Some(val)) = (take::<lb::SockRevNat4Key>(&k), take::<lb::SockRevNat4Value>(&v)) {
            render(&lb::SockRevNatRecord::v4(key, val));
        }
        if let (Some(key), Some(entry)) = (take::<policy::PolicyKey>(&k), take::<policy::PolicyEntry>(&v)) {
            render(&policy::PolicyRecord::counted(key, entry));
        }
        if let Some(key) = take::<metrics::MetricsKey>(&k) {
            render(&metrics::MetricsRecord { key, value: metrics::sum_per_cpu(&v) });
        }
        if let (Some(key), Some(entry)) = (take::<ct::CtKey4>(&k), take::<nat::NatEntry4>(&v)) {
            render(&nat::NatRecord::v4(key, entry, u64::from(k.first().copied().unwrap_or(0))));
        }
        if let (Some(ip), Some(mac)) = (take::<ciliumrs::wire::Ip4>(&k), take::<neigh::NeighValue4>(&v)) {
            render(&neigh::NeighRecord { ip: ip.addr().into(), mac });
        }
        for data in [&v[..], &k[..]] {
            let signal = ciliumrs::events::signal::decode(data);
            render(&ciliumrs::events::signal::SignalRecord { cpu: u32::from(v.first().copied().unwrap_or(0)), signal });
        }
    }

    #[test]
    fn event_decoders_never_panic(b in proptest::collection::vec(any::<u8>(), 0..256), ty in 0u8..9) {
        let mut b = b;
        if let Some(first) = b.first_mut() {
            *first = ty; // steer most inputs to a known message type
        }
        for data in [&b[..], &b[..b.len() / 2]] {
            let ev = ciliumrs::events::decode::decode(data);
            let rec = ciliumrs::events::record::EventRecord::new(1, &ev);
            render(&rec);
            let mut out = Output::new(Box::new(std::io::sink()), Format::Json, false);
            out.event(ev.type_name(), &rec).unwrap();
            let _ = ciliumrs::events::packet::Summary::parse(data).to_string();
        }
    }

    #[test]
    fn cidr_round_trips(a in any::<u32>(), len in 0u8..=32) {
        let net = a & ciliumrs::netaddr::Cidr4::mask(len);
        let text = format!("{}/{len}", std::net::Ipv4Addr::from(net));
        let c: ciliumrs::netaddr::Cidr4 = text.parse().unwrap();
        prop_assert_eq!(c.to_string(), text);
        prop_assert!(c.contains(std::net::Ipv4Addr::from(a)));
    }
}
