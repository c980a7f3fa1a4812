//! tc clsact filters as the seed attaches them: priority 1, handle 1, direct-action, so
//! `tc filter show` displays them. An existing filter at that place is replaced in place
//! (one netlink change, never a moment without a program), and the filter stays after
//! ciliumrs exits.

use aya::programs::tc::{NlOptions, SchedClassifierLink, TcAttachOptions, TcHandle};
use aya::programs::{SchedClassifier, TcAttachType};

use std::os::fd::BorrowedFd;

use super::netlink::Netlink;
use crate::error::{Error, Result};

pub const PRIORITY: u16 = 1;
pub const HANDLE: TcHandle = TcHandle::new(0, 1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Attached,
    Replaced,
}

impl Outcome {
    /// The word a step's detail uses.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Attached => "attached",
            Outcome::Replaced => "replaced",
        }
    }
}

fn hook_name(t: TcAttachType) -> &'static str {
    match t {
        TcAttachType::Ingress => "ingress",
        TcAttachType::Egress => "egress",
        TcAttachType::Custom(_) => "custom",
    }
}

fn add_clsact(iface: &str) -> Result<()> {
    if let Err(e) = aya::programs::tc::qdisc_add_clsact(iface) {
        // EEXIST: the qdisc is already there, which is what we want.
        let exists = matches!(&e, aya::programs::tc::TcError::NetlinkError(n) if n.raw_os_error() == Some(libc::EEXIST));
        if !exists {
            return Err(Error::runtime(format!("add clsact qdisc to {iface}: {e}")));
        }
    }
    Ok(())
}

/// Attaches the program `prog` (a loaded or pinned one; tc shows it as `name`) at
/// `iface`/`hook`, replacing what is there in one netlink change.
pub fn attach_fd(
    iface: &str,
    ifindex: u32,
    hook: TcAttachType,
    prog: BorrowedFd<'_>,
    name: &str,
) -> Result<Outcome> {
    add_clsact(iface)?;
    let ingress = matches!(hook, TcAttachType::Ingress);
    let what = format!("{iface} {}", hook_name(hook));
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let handle = u32::from(HANDLE);
    let there = nl
        .bpf_filters(ifindex, ingress)
        .map_err(|e| Error::sys("list tc filters of", &what, &e))?
        .iter()
        .any(|f| f.priority == PRIORITY && f.handle == handle);
    nl.replace_bpf_filter(ifindex, ingress, PRIORITY, handle, prog, name)
        .map_err(|e| Error::sys("attach tc filter on", &what, &e))?;
    Ok(if there { Outcome::Replaced } else { Outcome::Attached })
}

/// Attaches `prog` at `iface`/`hook`, replacing what is there.
pub fn attach(prog: &mut SchedClassifier, iface: &str, hook: TcAttachType) -> Result<Outcome> {
    let what = format!("{iface} {}", hook_name(hook));
    add_clsact(iface)?;
    let existing = SchedClassifierLink::attached(iface, hook, PRIORITY, HANDLE, None)
        .map_err(|e| Error::sys("look up interface", iface, &e))?;
    let (id, outcome) = match prog.attach_to_link(existing) {
        Ok(id) => (id, Outcome::Replaced),
        Err(_) => {
            let opts =
                TcAttachOptions::Netlink(NlOptions { priority: PRIORITY, handle: HANDLE, classid: None });
            let id = prog
                .attach_with_options(iface, hook, opts)
                .map_err(|e| Error::runtime(format!("attach tc filter on {what}: {}", chain(&e))))?;
            (id, Outcome::Attached)
        }
    };
    // The filter must outlive this process: take the link out of aya's bookkeeping and
    // never run its Drop, which would detach it.
    let link = prog.take_link(id).map_err(|e| Error::runtime(format!("keep tc filter on {what}: {e}")))?;
    std::mem::forget(link);
    Ok(outcome)
}

/// Removes our filter named `prog_name` from `iface`/`hook`; false if it was not there.
pub fn detach(iface: &str, hook: TcAttachType, prog_name: &str) -> Result<bool> {
    match aya::programs::tc::qdisc_detach_program(iface, hook, prog_name) {
        Ok(()) => Ok(true),
        Err(aya::programs::tc::TcError::IoError(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::runtime(format!("detach {prog_name} from {iface} {}: {e}", hook_name(hook)))),
    }
}

/// An error with its sources, on one line.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}
