//! rtnetlink, synchronously (netlink-packet-route + netlink-sys; aya attaches tc programs
//! but makes no links, addresses or routes): the links, addresses and routes a node
//! needs. Creating is idempotent: what exists with the same shape is kept.

use std::io;
use std::net::Ipv4Addr;

use netlink_packet_core::{
    NLM_F_ACK, NLM_F_CREATE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_REQUEST, NetlinkHeader,
    NetlinkMessage, NetlinkPayload,
};
use netlink_packet_route::address::{AddressAttribute, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVeth, InfoVxlan, LinkAttribute, LinkFlags, LinkInfo, LinkMessage,
};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteMetric, RouteProtocol, RouteScope,
    RouteType,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{Socket, SocketAddr, protocols::NETLINK_ROUTE};

pub struct Netlink {
    sock: Socket,
    seq: u32,
}

fn nl_err(code: i32) -> io::Error {
    io::Error::from_raw_os_error(code.abs())
}

impl Netlink {
    pub fn open() -> io::Result<Netlink> {
        let mut sock = Socket::new(NETLINK_ROUTE)?;
        sock.bind_auto()?;
        sock.connect(&SocketAddr::new(0, 0))?;
        Ok(Netlink { sock, seq: 1 })
    }

    /// Sends one request and collects the replies until the ACK (or the end of a dump).
    fn request(&mut self, msg: RouteNetlinkMessage, flags: u16) -> io::Result<Vec<RouteNetlinkMessage>> {
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | flags;
        self.seq += 1;
        header.sequence_number = self.seq;
        let mut req = NetlinkMessage::new(header, NetlinkPayload::from(msg));
        req.finalize();
        let mut buf = vec![0u8; req.buffer_len()];
        req.serialize(&mut buf);
        self.sock.send(&buf, 0)?;
        let mut out = Vec::new();
        let mut rbuf = vec![0u8; 64 * 1024];
        loop {
            let n = self.sock.recv(&mut &mut rbuf[..], 0)?;
            let mut off = 0;
            while off < n {
                let msg = NetlinkMessage::<RouteNetlinkMessage>::deserialize(&rbuf[off..n])
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
                let len = msg.header.length as usize;
                if msg.header.sequence_number == self.seq {
                    match msg.payload {
                        NetlinkPayload::Error(e) => {
                            return match e.code {
                                Some(code) => Err(nl_err(code.get())),
                                None => Ok(out),
                            };
                        }
                        NetlinkPayload::Done(_) => return Ok(out),
                        NetlinkPayload::InnerMessage(m) => out.push(m),
                        _ => {}
                    }
                }
                if len == 0 {
                    break;
                }
                off += len;
            }
        }
    }

    /// The link named `name`, if it exists.
    pub fn link(&mut self, name: &str) -> io::Result<Option<LinkMessage>> {
        let mut m = LinkMessage::default();
        m.attributes.push(LinkAttribute::IfName(name.to_string()));
        match self.request(RouteNetlinkMessage::GetLink(m), NLM_F_ACK) {
            Ok(v) => Ok(v.into_iter().find_map(|m| match m {
                RouteNetlinkMessage::NewLink(l) => Some(l),
                _ => None,
            })),
            Err(e) if e.raw_os_error() == Some(libc::ENODEV) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The kind of a link (`veth`, `vxlan`, ...).
    pub fn kind(link: &LinkMessage) -> Option<String> {
        link.attributes.iter().find_map(|a| match a {
            LinkAttribute::LinkInfo(infos) => infos.iter().find_map(|i| match i {
                LinkInfo::Kind(k) => Some(k.to_string()),
                _ => None,
            }),
            _ => None,
        })
    }

    fn new_link(&mut self, m: LinkMessage) -> io::Result<()> {
        self.request(RouteNetlinkMessage::NewLink(m), NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL).map(drop)
    }

    /// Creates the veth pair `name` <-> `peer` with `mtu`.
    pub fn create_veth(&mut self, name: &str, peer: &str, mtu: u32) -> io::Result<()> {
        self.veth(name, peer, None, mtu)
    }

    /// Creates the veth pair `name` <-> `peer` with the peer in the network namespace
    /// open at `netns_fd`.
    pub fn create_veth_into(
        &mut self,
        name: &str,
        peer: &str,
        netns_fd: std::os::fd::RawFd,
        mtu: u32,
    ) -> io::Result<()> {
        self.veth(name, peer, Some(netns_fd), mtu)
    }

    fn veth(
        &mut self,
        name: &str,
        peer: &str,
        netns_fd: Option<std::os::fd::RawFd>,
        mtu: u32,
    ) -> io::Result<()> {
        let mut p = LinkMessage::default();
        p.attributes.push(LinkAttribute::IfName(peer.to_string()));
        p.attributes.push(LinkAttribute::Mtu(mtu));
        if let Some(fd) = netns_fd {
            p.attributes.push(LinkAttribute::NetNsFd(fd));
        }
        let mut m = LinkMessage::default();
        m.attributes.push(LinkAttribute::IfName(name.to_string()));
        m.attributes.push(LinkAttribute::Mtu(mtu));
        m.attributes.push(LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Veth),
            LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(p))),
        ]));
        self.new_link(m)
    }

    /// The MAC of a veth's peer, which may live in another network namespace: the peer's
    /// index and namespace id come with the link, then the peer is asked for in that
    /// namespace (IFLA_TARGET_NETNSID).
    pub fn veth_peer_mac(&mut self, name: &str) -> io::Result<Option<[u8; 6]>> {
        let Some(link) = self.link(name)? else { return Ok(None) };
        let peer = link.attributes.iter().find_map(|a| match a {
            LinkAttribute::Link(i) => Some(*i),
            _ => None,
        });
        let nsid = link.attributes.iter().find_map(|a| match a {
            LinkAttribute::LinkNetNsId(i) => Some(*i),
            _ => None,
        });
        let Some(peer) = peer else { return Ok(None) };
        let mut m = LinkMessage::default();
        m.header.index = peer;
        if let Some(id) = nsid {
            m.attributes.push(LinkAttribute::IfNetnsId(id));
        }
        let replies = self.request(RouteNetlinkMessage::GetLink(m), NLM_F_ACK)?;
        Ok(replies.into_iter().find_map(|r| match r {
            RouteNetlinkMessage::NewLink(l) => Self::mac(&l),
            _ => None,
        }))
    }

    /// The MAC address of a link.
    pub fn mac(link: &LinkMessage) -> Option<[u8; 6]> {
        link.attributes.iter().find_map(|a| match a {
            LinkAttribute::Address(b) if b.len() == 6 => b.as_slice().try_into().ok(),
            _ => None,
        })
    }

    /// Creates an external (collect-metadata) VXLAN device on `port`, without learning.
    pub fn create_vxlan_external(&mut self, name: &str, port: u16, mtu: u32) -> io::Result<()> {
        let mut m = LinkMessage::default();
        m.attributes.push(LinkAttribute::IfName(name.to_string()));
        m.attributes.push(LinkAttribute::Mtu(mtu));
        m.attributes.push(LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Vxlan),
            LinkInfo::Data(InfoData::Vxlan(vec![
                InfoVxlan::CollectMetadata(true),
                InfoVxlan::Port(port),
                InfoVxlan::Learning(false),
            ])),
        ]));
        self.new_link(m)
    }

    /// A pod's side of its veth, as Cilium configures one: `ip/32` on `dev` with `mtu`, the
    /// router as an on-link host route and the default route through it; `lo` up too.
    /// Returns the MAC of `dev`. Run on a socket inside the pod's namespace.
    pub fn configure_pod_side(
        &mut self,
        dev: &str,
        ip: Ipv4Addr,
        router: Ipv4Addr,
        mtu: u32,
    ) -> io::Result<[u8; 6]> {
        self.set_up(1, 65536, false)?; // lo
        let link = self.link(dev)?.ok_or_else(|| io::Error::other(format!("no {dev}")))?;
        let idx = link.header.index;
        self.add_address(idx, ip, 32)?;
        self.set_up(idx, mtu, false)?;
        self.replace_route(&Route {
            dst: router,
            dst_len: 32,
            oif: idx,
            gateway: None,
            src: None,
            mtu: None,
        })?;
        let default = Route {
            dst: Ipv4Addr::UNSPECIFIED,
            dst_len: 0,
            oif: idx,
            gateway: Some(router),
            src: None,
            mtu: None,
        };
        self.replace_route(&default)?;
        Netlink::mac(&link).ok_or_else(|| io::Error::other(format!("{dev} has no MAC")))
    }

    /// Creates a bridge (the lab's underlay).
    pub fn create_bridge(&mut self, name: &str) -> io::Result<()> {
        let mut m = LinkMessage::default();
        m.attributes.push(LinkAttribute::IfName(name.to_string()));
        m.attributes.push(LinkAttribute::LinkInfo(vec![LinkInfo::Kind(InfoKind::Bridge)]));
        self.new_link(m)
    }

    /// Makes link `index` a port of bridge `master`.
    pub fn set_master(&mut self, index: u32, master: u32) -> io::Result<()> {
        let mut m = LinkMessage::default();
        m.header.index = index;
        m.attributes.push(LinkAttribute::Controller(master));
        self.request(RouteNetlinkMessage::SetLink(m), NLM_F_ACK).map(drop)
    }

    /// The index of link `name` in this namespace, or an error naming it.
    pub fn index(&mut self, name: &str) -> io::Result<u32> {
        self.link(name)?.map(|l| l.header.index).ok_or_else(|| io::Error::other(format!("no link {name}")))
    }

    /// Sets a link up with `mtu`; `noarp` turns ARP off (frames then carry the device's
    /// own MAC, which our programs rewrite).
    pub fn set_up(&mut self, index: u32, mtu: u32, noarp: bool) -> io::Result<()> {
        let mut m = LinkMessage::default();
        m.header.index = index;
        m.header.flags = if noarp { LinkFlags::Up | LinkFlags::Noarp } else { LinkFlags::Up };
        m.header.change_mask = LinkFlags::Up | LinkFlags::Noarp;
        m.attributes.push(LinkAttribute::Mtu(mtu));
        self.request(RouteNetlinkMessage::SetLink(m), NLM_F_ACK).map(drop)
    }

    pub fn delete_link(&mut self, index: u32) -> io::Result<()> {
        let mut m = LinkMessage::default();
        m.header.index = index;
        self.request(RouteNetlinkMessage::DelLink(m), NLM_F_ACK).map(drop)
    }

    /// Adds `ip/len` to a link; an address already there is fine.
    pub fn add_address(&mut self, index: u32, ip: Ipv4Addr, len: u8) -> io::Result<()> {
        let mut m = AddressMessage::default();
        m.header.family = AddressFamily::Inet;
        m.header.prefix_len = len;
        m.header.index = index;
        m.attributes.push(AddressAttribute::Local(ip.into()));
        m.attributes.push(AddressAttribute::Address(ip.into()));
        match self.request(RouteNetlinkMessage::NewAddress(m), NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL) {
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => Ok(()),
            r => r.map(drop),
        }
    }

    /// The IPv4 addresses of link `index`, in the kernel's order (primary first).
    pub fn ipv4_addresses(&mut self, index: u32) -> io::Result<Vec<Ipv4Addr>> {
        let mut m = AddressMessage::default();
        m.header.family = AddressFamily::Inet;
        let all = self.request(RouteNetlinkMessage::GetAddress(m), NLM_F_DUMP)?;
        Ok(all
            .into_iter()
            .filter_map(|r| match r {
                RouteNetlinkMessage::NewAddress(a) if a.header.index == index => {
                    a.attributes.iter().find_map(|at| match at {
                        AddressAttribute::Local(std::net::IpAddr::V4(ip)) => Some(*ip),
                        _ => None,
                    })
                }
                _ => None,
            })
            .collect())
    }

    /// Adds or replaces a route in the main table.
    pub fn replace_route(&mut self, r: &Route) -> io::Result<()> {
        let mut m = RouteMessage::default();
        m.header = RouteHeader {
            address_family: AddressFamily::Inet,
            destination_prefix_length: r.dst_len,
            table: RouteHeader::RT_TABLE_MAIN,
            protocol: RouteProtocol::Static,
            scope: if r.gateway.is_some() { RouteScope::Universe } else { RouteScope::Link },
            kind: RouteType::Unicast,
            ..Default::default()
        };
        m.attributes.push(RouteAttribute::Destination(RouteAddress::Inet(r.dst)));
        m.attributes.push(RouteAttribute::Oif(r.oif));
        if let Some(g) = r.gateway {
            m.attributes.push(RouteAttribute::Gateway(RouteAddress::Inet(g)));
        }
        if let Some(s) = r.src {
            m.attributes.push(RouteAttribute::PrefSource(RouteAddress::Inet(s)));
        }
        if let Some(mtu) = r.mtu {
            m.attributes.push(RouteAttribute::Metrics(vec![RouteMetric::Mtu(mtu)]));
        }
        self.request(RouteNetlinkMessage::NewRoute(m), NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE).map(drop)
    }

    /// The output interface of the IPv4 default route in the main table, if any.
    pub fn default_route_oif(&mut self) -> io::Result<Option<u32>> {
        let mut m = RouteMessage::default();
        m.header.address_family = AddressFamily::Inet;
        let routes = self.request(RouteNetlinkMessage::GetRoute(m), NLM_F_DUMP)?;
        Ok(routes.into_iter().find_map(|r| match r {
            RouteNetlinkMessage::NewRoute(r)
                if r.header.destination_prefix_length == 0
                    && r.header.table == RouteHeader::RT_TABLE_MAIN =>
            {
                r.attributes.iter().find_map(|a| match a {
                    RouteAttribute::Oif(i) => Some(*i),
                    _ => None,
                })
            }
            _ => None,
        }))
    }
}

/// A tc BPF filter on a clsact hook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BpfFilter {
    pub priority: u16,
    pub handle: u32,
    pub name: String,
    pub prog_id: u32,
}

impl Netlink {
    /// The BPF filters on the ingress or egress clsact hook of `ifindex`.
    pub fn bpf_filters(&mut self, ifindex: u32, ingress: bool) -> io::Result<Vec<BpfFilter>> {
        use netlink_packet_route::tc::{TcAttribute, TcFilterBpfOption, TcHandle, TcMessage, TcOption};
        let mut m = TcMessage::default();
        m.header.index = ifindex as i32;
        m.header.parent = TcHandle { major: 0xffff, minor: if ingress { 0xfff2 } else { 0xfff3 } };
        let replies = match self.request(RouteNetlinkMessage::GetTrafficFilter(m), NLM_F_DUMP) {
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) || e.raw_os_error() == Some(libc::ENOENT) => {
                return Ok(Vec::new()); // no clsact qdisc
            }
            r => r?,
        };
        let mut out = Vec::new();
        for r in replies {
            let RouteNetlinkMessage::NewTrafficFilter(f) = r else { continue };
            let handle = (u32::from(f.header.handle.major) << 16) | u32::from(f.header.handle.minor);
            let mut filt =
                BpfFilter { priority: (f.header.info >> 16) as u16, handle, name: String::new(), prog_id: 0 };
            let mut is_bpf = false;
            for a in &f.attributes {
                match a {
                    TcAttribute::Kind(k) => is_bpf = k == "bpf",
                    TcAttribute::Options(opts) => {
                        for o in opts {
                            match o {
                                TcOption::Bpf(TcFilterBpfOption::ProgName(n)) => filt.name = n.clone(),
                                TcOption::Bpf(TcFilterBpfOption::ProgId(i)) => filt.prog_id = *i,
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            if is_bpf && filt.prog_id != 0 {
                out.push(filt);
            }
        }
        Ok(out)
    }
}

impl Netlink {
    /// Puts the program `prog_fd` as a direct-action BPF filter named `name` at
    /// (`priority`, `handle`) of a clsact hook, replacing the filter there in one change.
    pub fn replace_bpf_filter(
        &mut self,
        ifindex: u32,
        ingress: bool,
        priority: u16,
        handle: u32,
        prog_fd: std::os::fd::BorrowedFd<'_>,
        name: &str,
    ) -> io::Result<()> {
        use std::os::fd::AsRawFd;

        use netlink_packet_route::tc::{
            TcAttribute, TcBpfFlags, TcFilterBpfOption, TcHandle, TcMessage, TcOption,
        };
        let mut m = TcMessage::default();
        m.header.index = ifindex as i32;
        m.header.parent = TcHandle { major: 0xffff, minor: if ingress { 0xfff2 } else { 0xfff3 } };
        m.header.handle = TcHandle { major: (handle >> 16) as u16, minor: handle as u16 };
        m.header.info = (u32::from(priority) << 16) | u32::from(0x0003u16.to_be());
        m.attributes.push(TcAttribute::Kind("bpf".into()));
        m.attributes.push(TcAttribute::Options(vec![
            TcOption::Bpf(TcFilterBpfOption::ProgFd(prog_fd.as_raw_fd() as u32)),
            TcOption::Bpf(TcFilterBpfOption::ProgName(name.to_string())),
            TcOption::Bpf(TcFilterBpfOption::Flags(TcBpfFlags::DirectAction)),
        ]));
        self.request(RouteNetlinkMessage::NewTrafficFilter(m), NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE)
            .map(drop)
    }

    /// Deletes one filter of a clsact hook.
    pub fn delete_filter(&mut self, ifindex: u32, ingress: bool, f: &BpfFilter) -> io::Result<()> {
        use netlink_packet_route::tc::{TcHandle, TcMessage};
        let mut m = TcMessage::default();
        m.header.index = ifindex as i32;
        m.header.parent = TcHandle { major: 0xffff, minor: if ingress { 0xfff2 } else { 0xfff3 } };
        m.header.handle = TcHandle { major: (f.handle >> 16) as u16, minor: f.handle as u16 };
        // info: priority in the upper half, protocol (ETH_P_ALL, network order) below.
        m.header.info = (u32::from(f.priority) << 16) | u32::from(0x0003u16.to_be());
        self.request(RouteNetlinkMessage::DelTrafficFilter(m), NLM_F_ACK).map(drop)
    }
}

/// An IPv4 route.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    pub dst: Ipv4Addr,
    pub dst_len: u8,
    pub oif: u32,
    pub gateway: Option<Ipv4Addr>,
    pub src: Option<Ipv4Addr>,
    pub mtu: Option<u32>,
}
