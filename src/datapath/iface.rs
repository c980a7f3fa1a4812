//! Network interfaces of the current network namespace: index, name, MAC.

use std::ffi::{CStr, CString};

use crate::error::{Error, Result};
use crate::netaddr::Mac;

/// The index of interface `name`; a usage error naming it when there is none.
pub fn index(name: &str) -> Result<u32> {
    let c = CString::new(name).map_err(|_| Error::bad_value("interface", name, "contains a NUL byte"))?;
    // SAFETY: c is a valid NUL-terminated string.
    let idx = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if idx == 0 {
        return Err(Error::bad_value("interface", name, "no such interface in this network namespace"));
    }
    Ok(idx)
}

/// The name of interface `index`, if it exists.
pub fn name(index: u32) -> Option<String> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: buf has IF_NAMESIZE bytes as if_indextoname requires.
    let p = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: on success buf holds a NUL-terminated name.
    Some(unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned())
}

/// The MAC of interface `name`, asked over netlink (so it is right in a thread that entered
/// another network namespace, where sysfs would still show the mount's namespace).
pub fn mac(name: &str) -> Result<Mac> {
    let mut nl = super::netlink::Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let link = nl.link(name).map_err(|e| Error::sys("look up", name, &e))?;
    let link = link
        .ok_or_else(|| Error::bad_value("interface", name, "no such interface in this network namespace"))?;
    super::netlink::Netlink::mac(&link)
        .map(Mac::new)
        .ok_or_else(|| Error::runtime(format!("{name} has no MAC address")))
}

/// Every interface of the current network namespace: (index, name).
pub fn all() -> Vec<(u32, String)> {
    let mut out = Vec::new();
    // SAFETY: if_nameindex returns an array terminated by a zero entry, freed below.
    unsafe {
        let list = libc::if_nameindex();
        if list.is_null() {
            return out;
        }
        let mut p = list;
        while (*p).if_index != 0 {
            out.push(((*p).if_index, CStr::from_ptr((*p).if_name).to_string_lossy().into_owned()));
            p = p.add(1);
        }
        libc::if_freenameindex(list);
    }
    out
}
