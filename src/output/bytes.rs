//! Appending text to a byte buffer without `fmt`: the event hot path (monitor lines and
//! JSON, packet summaries) writes numbers, addresses and words straight into the output
//! buffer. `fmt` costs an indirect call per piece; at a million events a second it was a
//! third of the monitor's time.

use std::net::Ipv4Addr;

/// A byte sink the fast writers append to: the output buffer, or a fixed stack buffer.
pub trait Sink {
    fn put(&mut self, b: &[u8]);

    fn str(&mut self, s: &str) {
        self.put(s.as_bytes());
    }

    fn u64(&mut self, n: u64) {
        self.put(itoa::Buffer::new().format(n).as_bytes());
    }

    fn i64(&mut self, n: i64) {
        self.put(itoa::Buffer::new().format(n).as_bytes());
    }

    /// `0x` and lower-case hex digits, as `{:#x}` prints.
    fn hex(&mut self, n: u64) {
        let mut out = [0u8; 18];
        let mut i = out.len();
        let mut v = n;
        loop {
            i -= 1;
            out[i] = b"0123456789abcdef"[(v & 0xf) as usize];
            v >>= 4;
            if v == 0 {
                break;
            }
        }
        i -= 2;
        out[i] = b'0';
        out[i + 1] = b'x';
        self.put(&out[i..]);
    }

    fn ip(&mut self, ip: Ipv4Addr) {
        for (i, x) in ip.octets().iter().enumerate() {
            if i > 0 {
                self.put(b".");
            }
            self.put(itoa::Buffer::new().format(*x).as_bytes());
        }
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, b: &[u8]) {
        self.extend_from_slice(b);
    }
}

/// A fixed buffer on the stack (a packet summary is at most about 100 bytes); what does not
/// fit is cut.
pub struct Stack<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Stack<N> {
    pub fn new() -> Self {
        Stack { buf: [0; N], len: 0 }
    }

    pub fn as_str(&self) -> &str {
        // Only whole `str`s are put, but a cut may split a character: keep the valid part.
        let b = &self.buf[..self.len];
        match std::str::from_utf8(b) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).unwrap_or(""),
        }
    }
}

impl<const N: usize> Default for Stack<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Sink for Stack<N> {
    fn put(&mut self, b: &[u8]) {
        let n = b.len().min(N - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&b[..n]);
        self.len += n;
    }
}

impl<const N: usize> std::fmt::Write for Stack<N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.put(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_print_as_fmt_does() {
        for n in [0u64, 1, 9, 10, 255, 0xdead_beef, u64::MAX] {
            let mut v = Vec::new();
            v.hex(n);
            assert_eq!(String::from_utf8(v).unwrap(), format!("{n:#x}"));
            let mut v = Vec::new();
            v.u64(n);
            assert_eq!(String::from_utf8(v).unwrap(), n.to_string());
        }
        let mut v = Vec::new();
        v.ip(Ipv4Addr::new(10, 200, 0, 1));
        v.i64(-5);
        assert_eq!(String::from_utf8(v).unwrap(), "10.200.0.1-5");
        let mut s = Stack::<4>::new();
        s.str("abcdef");
        assert_eq!(s.as_str(), "abcd", "cut, never past the end");
    }
}
