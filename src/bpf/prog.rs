//! Programs by id: what `bpf tailcall list` shows for a slot. The kernel cuts program names
//! to 15 bytes; the full name comes from the first `func_info` record and the program's
//! BTF, as bpftool does.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};

use super::sys::{bpf, bpf_cmd, bpf_fd, ptr, zeroed_attr};
use aya_obj::generated::{bpf_btf_info, bpf_prog_info};

/// What a slot points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgInfo {
    pub id: u32,
    /// The kernel's (15-byte) name.
    pub kernel_name: String,
    /// The full function name from BTF, when the program has BTF.
    pub btf_name: Option<String>,
    pub tag: [u8; 8],
    pub xlated_len: u32,
}

impl ProgInfo {
    pub fn name(&self) -> &str {
        self.btf_name.as_deref().unwrap_or(&self.kernel_name)
    }
}

fn obj_info<T>(fd: &OwnedFd, info: &mut T) -> io::Result<()> {
    let mut attr = zeroed_attr();
    attr.info.bpf_fd = fd.as_raw_fd() as u32;
    attr.info.info_len = std::mem::size_of::<T>() as u32;
    attr.info.info = ptr(info as *mut T);
    bpf(bpf_cmd::BPF_OBJ_GET_INFO_BY_FD, &mut attr).map(drop)
}

/// A file descriptor of program `id` (it keeps the program alive while held).
pub fn prog_fd(id: u32) -> io::Result<OwnedFd> {
    let mut attr = zeroed_attr();
    attr.__bindgen_anon_6.__bindgen_anon_1.prog_id = id;
    bpf_fd(bpf_cmd::BPF_PROG_GET_FD_BY_ID, &mut attr)
}

/// The id of the program `fd` refers to.
pub fn prog_id(fd: &OwnedFd) -> io::Result<u32> {
    // SAFETY: plain integers and arrays; zero is valid.
    let mut info: bpf_prog_info = unsafe { std::mem::zeroed() };
    obj_info(fd, &mut info)?;
    Ok(info.id)
}

/// Reads a program's info by id.
pub fn prog_info(id: u32) -> io::Result<ProgInfo> {
    let fd = prog_fd(id)?;
    // SAFETY: plain integers and arrays; zero is valid.
    let mut info: bpf_prog_info = unsafe { std::mem::zeroed() };
    obj_info(&fd, &mut info)?;
    let name: Vec<u8> = info.name.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    let btf_name = if info.btf_id != 0 && info.nr_func_info > 0 {
        first_func_name(&fd, info.btf_id).ok().flatten()
    } else {
        None
    };
    Ok(ProgInfo {
        id: info.id,
        kernel_name: String::from_utf8_lossy(&name).into_owned(),
        btf_name,
        tag: info.tag,
        xlated_len: info.xlated_prog_len,
    })
}

/// The name of the program's entry function from its BTF.
fn first_func_name(fd: &OwnedFd, btf_id: u32) -> io::Result<Option<String>> {
    let mut rec = [0u32; 2]; // struct bpf_func_info { insn_off, type_id }
    // SAFETY: zero is valid for this plain struct.
    let mut info: bpf_prog_info = unsafe { std::mem::zeroed() };
    info.nr_func_info = 1;
    info.func_info_rec_size = 8;
    info.func_info = ptr(rec.as_mut_ptr());
    obj_info(fd, &mut info)?;
    let type_id = rec[1];
    let btf = read_btf(btf_id)?;
    Ok(btf_type_name(&btf, type_id))
}

fn read_btf(btf_id: u32) -> io::Result<Vec<u8>> {
    let mut attr = zeroed_attr();
    attr.__bindgen_anon_6.__bindgen_anon_1.btf_id = btf_id;
    let fd = bpf_fd(bpf_cmd::BPF_BTF_GET_FD_BY_ID, &mut attr)?;
    // SAFETY: zero is valid for this plain struct.
    let mut info: bpf_btf_info = unsafe { std::mem::zeroed() };
    obj_info(&fd, &mut info)?;
    let mut buf = vec![0u8; info.btf_size as usize];
    // SAFETY: as above.
    let mut info2: bpf_btf_info = unsafe { std::mem::zeroed() };
    info2.btf = ptr(buf.as_mut_ptr());
    info2.btf_size = buf.len() as u32;
    obj_info(&fd, &mut info2)?;
    Ok(buf)
}

/// The name of BTF type `id` in a raw BTF blob; None when the blob does not parse or the
/// type has no name.
pub fn btf_type_name(btf: &[u8], id: u32) -> Option<String> {
    super::btf::Btf::parse(btf).ok()?.name(id).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn btf_walk() {
        // header (24 bytes) + INT "int" (12 + 4) + FUNC "handle_policy" (12); strings.
        let strings = b"\0int\0handle_policy\0";
        let mut types = Vec::new();
        for w in [1u32, 1 << 24, 4, 32] {
            types.extend_from_slice(&w.to_ne_bytes());
        }
        for w in [5u32, 12 << 24, 0] {
            types.extend_from_slice(&w.to_ne_bytes());
        }
        let mut btf = vec![0x9f, 0xeb, 1, 0];
        for w in [24u32, 0, types.len() as u32, types.len() as u32, strings.len() as u32] {
            btf.extend_from_slice(&w.to_ne_bytes());
        }
        btf.extend_from_slice(&types);
        btf.extend_from_slice(strings);
        assert_eq!(btf_type_name(&btf, 2).as_deref(), Some("handle_policy"));
        assert_eq!(btf_type_name(&btf, 1).as_deref(), Some("int"));
        assert_eq!(btf_type_name(&btf, 3), None);
        assert_eq!(btf_type_name(&btf[..30], 2), None);
        assert_eq!(btf_type_name(b"nope", 1), None);
    }
}
