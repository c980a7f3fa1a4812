//! Appending text to a byte buffer without `fmt`: the event hot path (monitor lines and
//! JSON, packet summaries) writes numbers, addresses and words straight into the output
//! buffer. `fmt` costs an indirect call per piece; at a million events a second it was a
//! third of the monitor's time.

use std::mem::MaybeUninit;
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
        self.hex_width(n, 1);
    }

    /// `0x` and at least `width` (at most 16) lower-case hex digits, like Go's `%#0Nx` in
    /// Cilium's output.
    fn hex_width(&mut self, n: u64, width: usize) {
        let mut out = [0u8; 18];
        let mut i = out.len();
        let last = out.len() - width.clamp(1, 16);
        let mut v = n;
        loop {
            i -= 1;
            out[i] = HEX_DIGITS[(v & 0xf) as usize];
            v >>= 4;
            if v == 0 && i <= last {
                break;
            }
        }
        i -= 2;
        out[i] = b'0';
        out[i + 1] = b'x';
        self.put(&out[i..]);
    }

    /// Each byte of `b` as two lower-case hex digits.
    fn hex_bytes(&mut self, b: &[u8]) {
        for x in b {
            self.put(&[HEX_DIGITS[usize::from(x >> 4)], HEX_DIGITS[usize::from(x & 0xf)]]);
        }
    }

    /// `key` as it is (a JSON key with its quotes, colon and comma), then `n`.
    fn kv(&mut self, key: &[u8], n: u64) {
        self.put(key);
        self.u64(n);
    }

    /// Formatted text, for the rare pieces that need `fmt`.
    fn fmt(&mut self, args: std::fmt::Arguments<'_>) {
        struct Adapter<'s, S: ?Sized>(&'s mut S);
        impl<S: Sink + ?Sized> std::fmt::Write for Adapter<'_, S> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0.put(s.as_bytes());
                Ok(())
            }
        }
        let _ = std::fmt::Write::write_fmt(&mut Adapter(self), args);
    }

    /// An IPv6 address in its RFC 5952 text, exactly as `Ipv6Addr`'s Display prints it
    /// (the longest run of two or more zero groups, the first of equal ones, as `::`;
    /// IPv4-mapped ones as `::ffff:a.b.c.d`), without `fmt`: listings print millions.
    fn ip6(&mut self, ip: std::net::Ipv6Addr) {
        if let Some(v4) = ip.to_ipv4_mapped() {
            self.put(b"::ffff:");
            self.ip(v4);
            return;
        }
        let g = ip.segments();
        let (mut best, mut best_len, mut run, mut run_len) = (0usize, 0usize, 0usize, 0usize);
        for (i, x) in g.iter().enumerate() {
            if *x == 0 {
                if run_len == 0 {
                    run = i;
                }
                run_len += 1;
                if run_len > best_len {
                    (best, best_len) = (run, run_len);
                }
            } else {
                run_len = 0;
            }
        }
        let mut out = [0u8; 40];
        let mut n = 0;
        let hex = |out: &mut [u8; 40], n: &mut usize, x: u16| {
            let mut started = false;
            for shift in [12u16, 8, 4, 0] {
                let d = (x >> shift) & 0xf;
                if d != 0 || started || shift == 0 {
                    out[*n] = HEX_DIGITS[usize::from(d)];
                    *n += 1;
                    started = true;
                }
            }
        };
        let mut i = 0;
        while i < 8 {
            if best_len > 1 && i == best {
                out[n] = b':';
                out[n + 1] = b':';
                n += 2;
                i += best_len;
                continue;
            }
            if i > 0 && !(best_len > 1 && i == best + best_len) {
                out[n] = b':';
                n += 1;
            }
            hex(&mut out, &mut n, g[i]);
            i += 1;
        }
        self.put(&out[..n]);
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

/// Copies `b` into `d` (same length); `[MaybeUninit]::write_copy_of_slice` is newer than
/// our minimum Rust.
#[inline(always)]
fn copy(d: &mut [MaybeUninit<u8>], b: &[u8]) {
    for (d, s) in d.iter_mut().zip(b) {
        d.write(*s);
    }
}

/// Lower-case hex digits.
pub const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Two decimal digits of every number below 100.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// How many decimal digits `n` has.
#[inline]
fn dec_len(n: u64) -> usize {
    let mut len = 1;
    let mut v = n;
    while v >= 10_000 {
        v /= 10_000;
        len += 4;
    }
    len + usize::from(v >= 10) + usize::from(v >= 100) + usize::from(v >= 1000)
}

/// Writes `n` in decimal filling `out` (`out.len() == dec_len(n)`); true when every byte
/// of `out` was written and every digit of `n` fit (always, when the length is right).
#[inline]
fn write_dec(out: &mut [MaybeUninit<u8>], n: u64) -> bool {
    let mut i = out.len();
    let mut pair = |i: &mut usize, p: usize| {
        *i -= 2;
        copy(&mut out[*i..*i + 2], &PAIRS[p * 2..p * 2 + 2]);
    };
    let mut n = n;
    while n > u64::from(u32::MAX) && i >= 2 {
        pair(&mut i, (n % 100) as usize);
        n /= 100;
    }
    // The rest in 32-bit arithmetic, cheaper per digit pair.
    let Ok(mut n) = u32::try_from(n) else { return false };
    while n >= 100 && i >= 2 {
        pair(&mut i, (n % 100) as usize);
        n /= 100;
    }
    if n >= 10 && i >= 2 {
        pair(&mut i, n as usize);
    } else if n < 10 && i >= 1 {
        i -= 1;
        out[i].write(b'0' + n as u8);
    } else {
        return false;
    }
    i == 0
}

/// A writer into room reserved once at the end of a buffer (a whole row's worth): numbers
/// are written in place and fixed words are stores of a known size, with no capacity check
/// or copy call per piece. What does not fit marks it short (the caller then writes the
/// row the slow way); nothing is cut silently and nothing panics.
pub struct Put<'a> {
    buf: &'a mut [MaybeUninit<u8>],
    /// Bytes 0..len of `buf` are written; only ever advanced over bytes just written.
    len: usize,
    short: bool,
}

impl Sink for Put<'_> {
    #[inline]
    fn put(&mut self, b: &[u8]) {
        let n = b.len();
        let Some(d) = self.buf.get_mut(self.len..self.len + n) else {
            self.short = true;
            return;
        };
        // Words and keys are short: two overlapping fixed-size copies cover 4-32 bytes
        // without a call to memcpy (every byte of d is written either way).
        match n {
            0 => {}
            1..4 => {
                d[0].write(b[0]);
                d[n / 2].write(b[n / 2]);
                d[n - 1].write(b[n - 1]);
            }
            4..8 => {
                copy(&mut d[..4], &b[..4]);
                copy(&mut d[n - 4..], &b[n - 4..]);
            }
            8..16 => {
                copy(&mut d[..8], &b[..8]);
                copy(&mut d[n - 8..], &b[n - 8..]);
            }
            16..=32 => {
                copy(&mut d[..16], &b[..16]);
                copy(&mut d[n - 16..], &b[n - 16..]);
            }
            _ => {
                copy(d, b);
            }
        }
        self.len += n;
    }

    #[inline]
    fn u64(&mut self, n: u64) {
        // Most counters and flags in a row are one digit.
        if n < 10 {
            match self.buf.get_mut(self.len) {
                Some(d) => {
                    d.write(b'0' + n as u8);
                    self.len += 1;
                }
                None => self.short = true,
            }
            return;
        }
        let len = dec_len(n);
        let written = self.buf.get_mut(self.len..self.len + len).is_some_and(|d| write_dec(d, n));
        if written {
            self.len += len;
        } else {
            self.short = true;
        }
    }

    fn i64(&mut self, n: i64) {
        if n < 0 {
            self.put(b"-");
        }
        self.u64(n.unsigned_abs());
    }

    fn ip(&mut self, ip: Ipv4Addr) {
        // At most 15 bytes: one room check, then each octet in 1-3 digits from the pairs.
        let Some(d) = self.buf.get_mut(self.len..self.len + 15) else {
            self.short = true;
            return;
        };
        let mut i = 0;
        for (k, x) in ip.octets().into_iter().enumerate() {
            if k > 0 {
                d[i].write(b'.');
                i += 1;
            }
            let x = usize::from(x);
            if x >= 100 {
                d[i].write(b'0' + (x / 100) as u8);
                copy(&mut d[i + 1..i + 3], &PAIRS[x % 100 * 2..x % 100 * 2 + 2]);
                i += 3;
            } else if x >= 10 {
                copy(&mut d[i..i + 2], &PAIRS[x * 2..x * 2 + 2]);
                i += 2;
            } else {
                d[i].write(b'0' + x as u8);
                i += 1;
            }
        }
        self.len += i;
    }
}

/// Writes with `f` into `room` bytes reserved at the end of `buf` ([`Put`]); keeps what was
/// written and returns true, or leaves `buf` as it was and returns false if it did not fit.
pub fn put_into(buf: &mut Vec<u8>, room: usize, f: impl FnOnce(&mut Put<'_>)) -> bool {
    buf.reserve(room);
    let start = buf.len();
    let mut p = Put { buf: &mut buf.spare_capacity_mut()[..room], len: 0, short: false };
    f(&mut p);
    if p.short {
        return false;
    }
    let len = p.len;
    // SAFETY: `len` only advances over bytes of the spare capacity that were just written
    // (see `Put`), so bytes start..start+len are initialised; len <= room <= capacity.
    unsafe { buf.set_len(start + len) };
    true
}

/// Whole seconds as `humantime::format_duration` prints them (`11days 13h 7m 3s`; a year
/// is 365.25 days, a month 30.44), without its `fmt` calls and String.
pub fn duration_secs(out: &mut impl Sink, secs: u64) {
    if secs == 0 {
        out.put(b"0s");
        return;
    }
    let ydays = secs % 31_557_600;
    let mdays = ydays % 2_630_016;
    let day_secs = mdays % 86_400;
    let items: [(u64, &[u8], bool); 6] = [
        (secs / 31_557_600, b"year", true),
        (ydays / 2_630_016, b"month", true),
        (mdays / 86_400, b"day", true),
        (day_secs / 3600, b"h", false),
        (day_secs % 3600 / 60, b"m", false),
        (day_secs % 60, b"s", false),
    ];
    let mut started = false;
    for (v, name, plural) in items {
        if v == 0 {
            continue;
        }
        if started {
            out.put(b" ");
        }
        out.u64(v);
        out.put(name);
        if plural && v > 1 {
            out.put(b"s");
        }
        started = true;
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
            for w in 1..=16 {
                let mut v = Vec::new();
                v.hex_width(n, w);
                assert_eq!(String::from_utf8(v).unwrap(), format!("{n:#0width$x}", width = w + 2));
            }
        }
        let mut v = Vec::new();
        v.hex_bytes(&[0x00, 0x0f, 0xa5, 0xff]);
        assert_eq!(v, b"000fa5ff");
        let mut v = Vec::new();
        v.ip(Ipv4Addr::new(10, 200, 0, 1));
        v.i64(-5);
        assert_eq!(String::from_utf8(v).unwrap(), "10.200.0.1-5");
        let mut s = Stack::<4>::new();
        s.str("abcdef");
        assert_eq!(s.as_str(), "abcd", "cut, never past the end");
    }

    #[test]
    fn put_writes_as_the_vec_does_or_nothing() {
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..20_000u64 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let n = match i % 4 {
                0 => rng,
                1 => rng >> (rng % 64),
                2 => i,
                _ => 10u64.saturating_pow((i % 21) as u32).wrapping_sub(i % 3),
            };
            let ip = Ipv4Addr::from(rng as u32);
            let mut v = b"x".to_vec();
            assert!(put_into(&mut v, 64, |p| {
                p.u64(n);
                p.put(b" ");
                p.i64(-(n as i64));
                p.ip(ip);
            }));
            let mut want = b"x".to_vec();
            want.u64(n);
            want.put(b" ");
            want.i64(-(n as i64));
            want.ip(ip);
            assert_eq!(v, want);
        }
        // Every length of word, each copied whole.
        let text: Vec<u8> = (0..80u8).map(|i| b'!' + i).collect();
        for n in 0..text.len() {
            let mut v = b"x".to_vec();
            assert!(put_into(&mut v, 100, |p| {
                p.put(&text[..n]);
                p.put(b"|");
            }));
            assert_eq!(&v[1..=n], &text[..n]);
            assert_eq!(v.len(), n + 2);
        }
        // Too little room: nothing is kept.
        let mut v = b"ab".to_vec();
        assert!(!put_into(&mut v, 5, |p| p.u64(u64::MAX)));
        assert_eq!(v, b"ab");
        assert!(!put_into(&mut v, 3, |p| p.str("abcd")));
        assert_eq!(v, b"ab");
    }

    #[test]
    fn durations_print_as_humantime_does() {
        let mut s = 0u64;
        while s < 100 * 31_557_600 {
            let mut v = Vec::new();
            duration_secs(&mut v, s);
            let want = humantime::format_duration(std::time::Duration::from_secs(s)).to_string();
            assert_eq!(String::from_utf8(v).unwrap(), want, "{s} s");
            s = s * 3 / 2 + 1 + s % 7;
        }
        for s in [59, 60, 61, 3599, 3600, 86_399, 86_400, 2_630_016, 31_557_600, u64::MAX] {
            let mut v = Vec::new();
            duration_secs(&mut v, s);
            assert_eq!(
                String::from_utf8(v).unwrap(),
                humantime::format_duration(std::time::Duration::from_secs(s)).to_string()
            );
        }
    }

    #[test]
    fn stack_cuts() {
        let mut s = Stack::<4>::new();
        s.str("abcdef");
        assert_eq!(s.as_str(), "abcd", "cut, never past the end");
    }

    #[test]
    fn ip6_text_is_displays() {
        let mut samples: Vec<std::net::Ipv6Addr> = [
            "::",
            "::1",
            "f00d::",
            "f00d::1",
            "1::",
            "1:0:0:1::",
            "1::1:0:0:1",
            "0:1::",
            "::ffff:10.0.0.1",
            "::10.0.0.1",
            "fd00:0:0:1:0:0:0:1",
            "1:2:3:4:5:6:7:8",
            "0:0:1:0:0:1:0:0",
        ]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut g = [0u16; 8];
            for (i, s) in g.iter_mut().enumerate() {
                *s = if (x >> (i * 3)) & 3 == 0 { (x >> 40) as u16 } else { 0 };
            }
            samples.push(std::net::Ipv6Addr::from(g));
        }
        for a in samples {
            let mut b = Vec::new();
            b.ip6(a);
            assert_eq!(String::from_utf8(b).unwrap(), a.to_string());
        }
    }
}
