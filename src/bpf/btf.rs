//! A reader for raw BTF (the `.BTF` section of an object, or a program's BTF from the
//! kernel): types with their names, sizes, struct members and data-section variables. Used
//! to name programs (`bpf tailcall list`) and by the unprivileged test that compares our C
//! structs, load-time globals and map definitions with the Rust side. Bytes are untrusted:
//! every read is bounds-checked and a malformed blob is an error, never a panic.

/// BTF kinds (`BTF_KIND_*`), as numbered in linux/btf.h.
pub mod kind {
    pub const INT: u32 = 1;
    pub const PTR: u32 = 2;
    pub const ARRAY: u32 = 3;
    pub const STRUCT: u32 = 4;
    pub const UNION: u32 = 5;
    pub const ENUM: u32 = 6;
    pub const TYPEDEF: u32 = 8;
    pub const VOLATILE: u32 = 9;
    pub const CONST: u32 = 10;
    pub const RESTRICT: u32 = 11;
    pub const FUNC: u32 = 12;
    pub const FUNC_PROTO: u32 = 13;
    pub const VAR: u32 = 14;
    pub const DATASEC: u32 = 15;
    pub const DECL_TAG: u32 = 17;
    pub const TYPE_TAG: u32 = 18;
    pub const ENUM64: u32 = 19;
}

/// One type. `size_or_type` is a size for INT, STRUCT, UNION, ENUM, DATASEC and a type id
/// for the rest (BTF's own union).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Type {
    pub name_off: u32,
    pub kind: u32,
    pub vlen: u32,
    pub kind_flag: bool,
    pub size_or_type: u32,
    /// Offset of the kind-specific data in the type section.
    extra: usize,
}

/// A struct or union member: name, type id, offset in bytes (bitfields: the byte it starts in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub type_id: u32,
    pub offset_bits: u32,
}

/// A variable of a data section (`.rodata`, `.maps`): name, type id, offset and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecVar {
    pub name: String,
    pub type_id: u32,
    pub offset: u32,
    pub size: u32,
}

pub struct Btf {
    types: Vec<Type>,
    type_data: Vec<u8>,
    strings: Vec<u8>,
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(off..off.checked_add(4)?)?.try_into().ok()?))
}

fn section(btf: &[u8], hdr_len: usize, off: usize, len: usize) -> Option<&[u8]> {
    let start = hdr_len.checked_add(off)?;
    btf.get(start..start.checked_add(len)?)
}

impl Btf {
    /// Parses a raw BTF blob in this machine's byte order.
    pub fn parse(btf: &[u8]) -> Result<Btf, String> {
        if btf.get(0..2) != Some(&[0x9f, 0xeb]) {
            return Err("not BTF (bad magic, or another byte order)".into());
        }
        let field = |o: usize| u32_at(btf, o).map(|v| v as usize).ok_or("truncated BTF header");
        let hdr_len = field(4)?;
        let types = section(btf, hdr_len, field(8)?, field(12)?).ok_or("type section out of bounds")?;
        let strings = section(btf, hdr_len, field(16)?, field(20)?).ok_or("string section out of bounds")?;
        let mut out = Vec::new();
        let mut off = 0usize;
        while off < types.len() {
            let (Some(name_off), Some(info), Some(size_or_type)) =
                (u32_at(types, off), u32_at(types, off + 4), u32_at(types, off + 8))
            else {
                return Err(format!("type {} truncated", out.len() + 1));
            };
            let kind = (info >> 24) & 0x1f;
            let vlen = info & 0xffff;
            let n = vlen as usize;
            let extra = match kind {
                kind::INT | kind::VAR | kind::DECL_TAG => 4,
                kind::ARRAY => 12,
                kind::STRUCT | kind::UNION | kind::DATASEC | kind::ENUM64 => n * 12,
                kind::ENUM | kind::FUNC_PROTO => n * 8,
                0..=19 => 0,
                k => return Err(format!("type {}: unknown kind {k}", out.len() + 1)),
            };
            out.push(Type {
                name_off,
                kind,
                vlen,
                kind_flag: info >> 31 != 0,
                size_or_type,
                extra: off + 12,
            });
            off += 12 + extra;
        }
        if off != types.len() {
            return Err("type section ends inside a type".into());
        }
        Ok(Btf { types: out, type_data: types.to_vec(), strings: strings.to_vec() })
    }

    /// The string at `off` of the string section.
    pub fn string(&self, off: u32) -> Option<&str> {
        let s = self.strings.get(off as usize..)?;
        let end = s.iter().position(|&c| c == 0)?;
        std::str::from_utf8(&s[..end]).ok()
    }

    /// Type `id` (1-based; 0 is void).
    pub fn get(&self, id: u32) -> Option<&Type> {
        self.types.get((id as usize).checked_sub(1)?)
    }

    /// The name of type `id`, if it has one.
    pub fn name(&self, id: u32) -> Option<&str> {
        self.string(self.get(id)?.name_off).filter(|s| !s.is_empty())
    }

    /// The id of the first type with this name and kind.
    pub fn find(&self, name: &str, kind: u32) -> Option<u32> {
        let i = self.types.iter().position(|t| t.kind == kind && self.string(t.name_off) == Some(name))?;
        Some(i as u32 + 1)
    }

    /// Follows typedefs, qualifiers and type tags to the type they name.
    pub fn resolve(&self, mut id: u32) -> Option<u32> {
        for _ in 0..32 {
            let t = self.get(id)?;
            match t.kind {
                kind::TYPEDEF | kind::VOLATILE | kind::CONST | kind::RESTRICT | kind::TYPE_TAG => {
                    id = t.size_or_type;
                }
                _ => return Some(id),
            }
        }
        None
    }

    /// The size in bytes of type `id`.
    pub fn size(&self, id: u32) -> Option<u32> {
        let id = self.resolve(id)?;
        let t = self.get(id)?;
        match t.kind {
            kind::INT | kind::STRUCT | kind::UNION | kind::ENUM | kind::ENUM64 | kind::DATASEC => {
                Some(t.size_or_type)
            }
            kind::PTR => Some(8),
            kind::ARRAY => {
                let elem = u32_at(&self.type_data, t.extra)?;
                let n = u32_at(&self.type_data, t.extra + 8)?;
                self.size(elem)?.checked_mul(n)
            }
            _ => None,
        }
    }

    /// The elements of an array type: (element type id, count).
    pub fn array(&self, id: u32) -> Option<(u32, u32)> {
        let t = self.get(self.resolve(id)?)?;
        (t.kind == kind::ARRAY)
            .then(|| Some((u32_at(&self.type_data, t.extra)?, u32_at(&self.type_data, t.extra + 8)?)))?
    }

    /// The members of a struct or union.
    pub fn members(&self, id: u32) -> Option<Vec<Member>> {
        let t = self.get(self.resolve(id)?)?;
        if t.kind != kind::STRUCT && t.kind != kind::UNION {
            return None;
        }
        (0..t.vlen as usize)
            .map(|i| {
                let o = t.extra + i * 12;
                let raw = u32_at(&self.type_data, o + 8)?;
                Some(Member {
                    name: self.string(u32_at(&self.type_data, o)?)?.to_string(),
                    type_id: u32_at(&self.type_data, o + 4)?,
                    offset_bits: if t.kind_flag { raw & 0xff_ffff } else { raw },
                })
            })
            .collect()
    }

    /// The variables of the data section `name` (`.rodata`, `.maps`, ...).
    pub fn section_vars(&self, name: &str) -> Option<Vec<SecVar>> {
        let t = self.get(self.find(name, kind::DATASEC)?)?;
        (0..t.vlen as usize)
            .map(|i| {
                let o = t.extra + i * 12;
                let var = u32_at(&self.type_data, o)?;
                let v = self.get(var)?;
                Some(SecVar {
                    name: self.string(v.name_off)?.to_string(),
                    type_id: v.size_or_type,
                    offset: u32_at(&self.type_data, o + 4)?,
                    size: u32_at(&self.type_data, o + 8)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// header + INT "int" (4 bytes) + STRUCT "pair" {int a @0; int b @32} + FUNC "f".
    pub fn sample() -> Vec<u8> {
        let strings = b"\0int\0pair\0a\0b\0f\0";
        let mut types = Vec::new();
        let mut w = |v: u32| types.extend_from_slice(&v.to_ne_bytes());
        for v in [1, kind::INT << 24, 4, 32] {
            w(v);
        }
        for v in [5, kind::STRUCT << 24 | 2, 8, 10, 1, 0, 12, 1, 32] {
            w(v);
        }
        for v in [14, kind::FUNC << 24, 0] {
            w(v);
        }
        let mut btf = vec![0x9f, 0xeb, 1, 0];
        for v in [24u32, 0, types.len() as u32, types.len() as u32, strings.len() as u32] {
            btf.extend_from_slice(&v.to_ne_bytes());
        }
        btf.extend_from_slice(&types);
        btf.extend_from_slice(strings);
        btf
    }

    #[test]
    fn reads_types_members_and_sizes() {
        let b = Btf::parse(&sample()).unwrap();
        let pair = b.find("pair", kind::STRUCT).unwrap();
        assert_eq!(b.size(pair), Some(8));
        let m = b.members(pair).unwrap();
        assert_eq!((m[1].name.as_str(), m[1].offset_bits, b.size(m[1].type_id)), ("b", 32, Some(4)));
        assert_eq!(b.name(3), Some("f"));
        assert_eq!(b.name(4), None);
    }

    #[test]
    fn malformed_blobs_are_errors() {
        let good = sample();
        for n in [0, 2, 10, 24, 30, good.len() - 1] {
            assert!(Btf::parse(&good[..n]).is_err(), "{n} bytes");
        }
        assert!(Btf::parse(b"nope").is_err());
    }
}
