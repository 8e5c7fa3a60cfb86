//! The value codec shared with the guest (`micropython-build/README.md`, "Value codec").
//!
//! Host-function arguments and results, `mp_call` arguments and results, and SQL rows cross the
//! wasm boundary as these bytes: a tag byte, then a little-endian payload. It is smaller and much
//! faster to produce and parse on both sides than JSON, and it carries bytes and big ints exactly.

use std::fmt;

const TAG_NONE: u8 = 0x00;
const TAG_FALSE: u8 = 0x01;
const TAG_TRUE: u8 = 0x02;
const TAG_INT: u8 = 0x03;
const TAG_BIGINT: u8 = 0x04;
const TAG_FLOAT: u8 = 0x05;
const TAG_STR: u8 = 0x06;
const TAG_BYTES: u8 = 0x07;
const TAG_LIST: u8 = 0x08;
const TAG_TUPLE: u8 = 0x09;
const TAG_DICT: u8 = 0x0A;
const TAG_ROWS: u8 = 0x0B;

/// Deepest nesting the decoder accepts; deeper payloads are refused rather than overflowing the
/// host's stack.
pub const MAX_DEPTH: usize = 512;

/// Bytes the decoder may allocate per byte of payload (plus [`ALLOC_SLACK`]): a decoded value takes at
/// most this much more room than its encoding (a one-byte `None` in a list becomes a 32-byte `Value`,
/// a one-byte dict value a 64-byte pair). A forged payload cannot make the host allocate more.
pub const ALLOC_PER_BYTE: usize = 64;
/// Fixed allowance on top of [`ALLOC_PER_BYTE`] per payload byte.
pub const ALLOC_SLACK: usize = 4096;

/// A value that can cross between host and guest.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An integer outside i64.
    BigInt(BigInt),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Tuple(Vec<Value>),
    Dict(Vec<(Value, Value)>),
}

/// An integer outside i64: sign and magnitude (little-endian bytes, no trailing zero byte). It crosses
/// the boundary in this binary form, so ints of any size cross in linear time; `Display` gives the
/// decimal digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    pub negative: bool,
    pub magnitude: Vec<u8>,
}

impl BigInt {
    /// From sign and little-endian magnitude bytes (trailing zero bytes are dropped).
    pub fn new(negative: bool, mut magnitude: Vec<u8>) -> Self {
        while magnitude.last() == Some(&0) {
            magnitude.pop();
        }
        BigInt { negative: negative && !magnitude.is_empty(), magnitude }
    }

    /// From decimal digits with an optional leading `-`.
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut magnitude: Vec<u8> = Vec::new();
        for c in digits.bytes() {
            // magnitude = magnitude * 10 + digit
            let mut carry = u32::from(c - b'0');
            for byte in magnitude.iter_mut() {
                let v = u32::from(*byte) * 10 + carry;
                *byte = v as u8;
                carry = v >> 8;
            }
            while carry > 0 {
                magnitude.push(carry as u8);
                carry >>= 8;
            }
        }
        Some(BigInt::new(negative, magnitude))
    }
}

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Repeated division by 10^19 of the magnitude as little-endian u64 limbs.
        const CHUNK: u64 = 10_000_000_000_000_000_000;
        let mut limbs: Vec<u64> =
            self.magnitude.chunks(8).map(|c| c.iter().rev().fold(0u64, |acc, &b| acc << 8 | u64::from(b))).collect();
        let mut chunks = Vec::new();
        while limbs.iter().any(|&l| l != 0) {
            let mut rem = 0u128;
            for limb in limbs.iter_mut().rev() {
                let cur = rem << 64 | u128::from(*limb);
                *limb = (cur / u128::from(CHUNK)) as u64;
                rem = cur % u128::from(CHUNK);
            }
            chunks.push(rem as u64);
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
        }
        if self.negative {
            f.write_str("-")?;
        }
        match chunks.split_last() {
            None => f.write_str("0"),
            Some((first, rest)) => {
                write!(f, "{first}")?;
                for chunk in rest.iter().rev() {
                    write!(f, "{chunk:019}")?;
                }
                Ok(())
            }
        }
    }
}

/// Bytes that do not decode as a [`Value`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Bytes no encoder produces (truncated, forged counts, unknown tags ...).
    Malformed(String),
    /// A well-formed value nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed(why) => write!(f, "malformed value payload: {why}"),
            DecodeError::TooDeep => write!(f, "value nested deeper than {MAX_DEPTH} levels"),
        }
    }
}

fn malformed(why: impl Into<String>) -> DecodeError {
    DecodeError::Malformed(why.into())
}

impl std::error::Error for DecodeError {}

/// Appends values to a byte buffer in codec form.
#[derive(Default)]
pub struct Encoder {
    pub buf: Vec<u8>,
}

impl Encoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub fn none(&mut self) {
        self.buf.push(TAG_NONE);
    }

    pub fn bool(&mut self, v: bool) {
        self.buf.push(if v { TAG_TRUE } else { TAG_FALSE });
    }

    pub fn int(&mut self, v: i64) {
        self.buf.push(TAG_INT);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn float(&mut self, v: f64) {
        self.buf.push(TAG_FLOAT);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn str(&mut self, v: &str) {
        self.sized(TAG_STR, v.as_bytes());
    }

    pub fn bytes(&mut self, v: &[u8]) {
        self.sized(TAG_BYTES, v);
    }

    /// Starts a list of `count` items; the caller encodes the items next.
    pub fn list_header(&mut self, count: usize) {
        self.header(TAG_LIST, count);
    }

    /// Starts a tuple of `count` items; the caller encodes the items next.
    pub fn tuple_header(&mut self, count: usize) {
        self.header(TAG_TUPLE, count);
    }

    /// Starts a rows table: column names now, then `row_count(...)`, then the values row-major.
    pub fn rows_header<'a>(&mut self, columns: impl ExactSizeIterator<Item = &'a str>) {
        self.header(TAG_ROWS, columns.len());
        for name in columns {
            self.str(name);
        }
    }

    /// Writes the row count of a rows table at `position`, reserved by [`Encoder::reserve_count`].
    pub fn patch_count(&mut self, position: usize, count: usize) {
        self.buf[position..position + 4].copy_from_slice(&(count as u32).to_le_bytes());
    }

    /// Reserves room for a count that is only known later; returns where to patch it.
    pub fn reserve_count(&mut self) -> usize {
        let position = self.buf.len();
        self.buf.extend_from_slice(&[0; 4]);
        position
    }

    pub fn value(&mut self, v: &Value) {
        match v {
            Value::None => self.none(),
            Value::Bool(b) => self.bool(*b),
            Value::Int(i) => self.int(*i),
            Value::BigInt(big) => self.big_int(big),
            Value::Float(f) => self.float(*f),
            Value::Str(s) => self.str(s),
            Value::Bytes(b) => self.bytes(b),
            Value::List(items) | Value::Tuple(items) => {
                let tag = if matches!(v, Value::List(_)) { TAG_LIST } else { TAG_TUPLE };
                self.header(tag, items.len());
                for item in items {
                    self.value(item);
                }
            }
            Value::Dict(pairs) => {
                self.header(TAG_DICT, pairs.len());
                for (k, item) in pairs {
                    self.value(k);
                    self.value(item);
                }
            }
        }
    }

    /// Sign byte, then the magnitude little-endian (`micropython-build/README.md`, "Value codec").
    pub fn big_int(&mut self, v: &BigInt) {
        self.header(TAG_BIGINT, v.magnitude.len() + 1);
        self.buf.push(u8::from(v.negative));
        self.buf.extend_from_slice(&v.magnitude);
    }

    fn header(&mut self, tag: u8, count: usize) {
        self.buf.push(tag);
        self.buf.extend_from_slice(&(count as u32).to_le_bytes());
    }

    fn sized(&mut self, tag: u8, data: &[u8]) {
        self.header(tag, data.len());
        self.buf.extend_from_slice(data);
    }
}

/// Encodes one value.
pub fn encode(v: &Value) -> Vec<u8> {
    let mut e = Encoder::new();
    e.value(v);
    e.into_bytes()
}

/// Decodes exactly one value; trailing bytes are an error. Every count is checked against the bytes
/// left before anything is allocated for it, and all allocation together is bounded by
/// `ALLOC_PER_BYTE * bytes.len() + ALLOC_SLACK`: the bytes may come from a hostile guest.
pub fn decode(bytes: &[u8]) -> Result<Value, DecodeError> {
    let budget = bytes.len().saturating_mul(ALLOC_PER_BYTE).saturating_add(ALLOC_SLACK);
    let mut d = Decoder { bytes, pos: 0, budget };
    let v = d.value(0)?;
    if d.pos != bytes.len() {
        return Err(malformed(format!("{} trailing bytes", bytes.len() - d.pos)));
    }
    Ok(v)
}

struct Decoder<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Bytes the decoder may still allocate.
    budget: usize,
}

impl Decoder<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| malformed(format!("truncated at byte {}", self.pos)))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    /// Charges `n` items of `T` against the allocation budget before they are allocated.
    fn charge<T>(&mut self, n: usize) -> Result<(), DecodeError> {
        let bytes = n.saturating_mul(std::mem::size_of::<T>());
        self.budget = self
            .budget
            .checked_sub(bytes)
            .ok_or_else(|| malformed("the value would take far more memory than its encoding"))?;
        Ok(())
    }

    fn u32(&mut self) -> Result<usize, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn eight(&mut self) -> Result<[u8; 8], DecodeError> {
        let b = self.take(8)?;
        Ok(b.try_into().expect("8 bytes"))
    }

    fn text(&mut self) -> Result<String, DecodeError> {
        let n = self.u32()?;
        self.take(n)?;
        self.charge::<u8>(n)?;
        let bytes = self.bytes;
        let text =
            std::str::from_utf8(&bytes[self.pos - n..self.pos]).map_err(|_| malformed("invalid UTF-8 in str"))?;
        Ok(text.to_owned())
    }

    /// A count of items that each take at least `min_item_size` bytes can never exceed the bytes
    /// left divided by that: checking it first stops a forged count from reserving gigabytes.
    fn count(&mut self, min_item_size: usize) -> Result<usize, DecodeError> {
        let n = self.u32()?;
        let left = self.bytes.len() - self.pos;
        if n.saturating_mul(min_item_size) > left {
            return Err(malformed(format!("count {n} exceeds the {left} bytes left")));
        }
        Ok(n)
    }

    fn value(&mut self, depth: usize) -> Result<Value, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(DecodeError::TooDeep);
        }
        let tag = self.take(1)?[0];
        Ok(match tag {
            TAG_NONE => Value::None,
            TAG_FALSE => Value::Bool(false),
            TAG_TRUE => Value::Bool(true),
            TAG_INT => Value::Int(i64::from_le_bytes(self.eight()?)),
            TAG_BIGINT => {
                let n = self.u32()?;
                let raw = self.take(n)?;
                let (&sign, magnitude) = raw.split_first().ok_or_else(|| malformed("empty big int"))?;
                if sign > 1 || magnitude.last().is_none_or(|&b| b == 0) {
                    return Err(malformed("big int not in canonical form"));
                }
                let magnitude = magnitude.to_vec();
                self.charge::<u8>(n)?;
                Value::BigInt(BigInt { negative: sign == 1, magnitude })
            }
            TAG_FLOAT => Value::Float(f64::from_le_bytes(self.eight()?)),
            TAG_STR => Value::Str(self.text()?),
            TAG_BYTES => {
                let n = self.u32()?;
                self.take(n)?;
                self.charge::<u8>(n)?;
                Value::Bytes(self.bytes[self.pos - n..self.pos].to_vec())
            }
            TAG_LIST | TAG_TUPLE => {
                let n = self.count(1)?;
                self.charge::<Value>(n)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                if tag == TAG_LIST {
                    Value::List(items)
                } else {
                    Value::Tuple(items)
                }
            }
            TAG_DICT => {
                let n = self.count(2)?;
                self.charge::<(Value, Value)>(n)?;
                let mut pairs = Vec::with_capacity(n);
                for _ in 0..n {
                    let k = self.value(depth + 1)?;
                    let v = self.value(depth + 1)?;
                    pairs.push((k, v));
                }
                Value::Dict(pairs)
            }
            TAG_ROWS => {
                // Each column name takes at least its 5-byte header, each row one byte per column.
                let ncols = self.count(5)?;
                self.charge::<String>(ncols)?;
                let mut names = Vec::with_capacity(ncols);
                for _ in 0..ncols {
                    match self.value(depth + 1)? {
                        Value::Str(s) => names.push(s),
                        other => return Err(malformed(format!("column name {other:?}"))),
                    }
                }
                let nrows = self.count(ncols.max(1))?;
                let names_bytes: usize = names.iter().map(String::len).sum();
                self.charge::<Value>(nrows)?;
                let mut rows = Vec::with_capacity(nrows);
                for _ in 0..nrows {
                    // Every row holds its own copy of the names.
                    self.charge::<(Value, Value)>(ncols)?;
                    self.charge::<u8>(names_bytes)?;
                    let mut pairs = Vec::with_capacity(ncols);
                    for name in &names {
                        pairs.push((Value::Str(name.clone()), self.value(depth + 1)?));
                    }
                    rows.push(Value::Dict(pairs));
                }
                Value::List(rows)
            }
            other => return Err(malformed(format!("unknown tag 0x{other:02x}"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind() {
        let v = Value::Tuple(vec![
            Value::None,
            Value::Bool(true),
            Value::Int(i64::MIN),
            Value::BigInt(BigInt::parse("-123456789012345678901234567890").unwrap()),
            Value::Float(1.5),
            Value::Str("héllo".into()),
            Value::Bytes(vec![0, 255]),
            Value::List(vec![Value::Dict(vec![(Value::Str("k".into()), Value::Int(1))])]),
        ]);
        assert_eq!(decode(&encode(&v)).unwrap(), v);
    }

    #[test]
    fn rows_decode_as_list_of_dicts() {
        let mut e = Encoder::new();
        e.rows_header(["a", "b"].into_iter());
        let at = e.reserve_count();
        e.int(1);
        e.str("x");
        e.int(2);
        e.none();
        e.patch_count(at, 2);
        let row = |a, b| Value::Dict(vec![(Value::Str("a".into()), a), (Value::Str("b".into()), b)]);
        assert_eq!(
            decode(&e.into_bytes()).unwrap(),
            Value::List(vec![row(Value::Int(1), Value::Str("x".into())), row(Value::Int(2), Value::None)])
        );
    }

    #[test]
    fn big_ints_cross_in_binary_and_print_in_decimal() {
        for text in ["0", "-1", "18446744073709551616", "-340282366920938463463374607431768211457"] {
            assert_eq!(BigInt::parse(text).unwrap().to_string(), text);
        }
        let two_to_64 = BigInt::parse("18446744073709551616").unwrap();
        assert_eq!(two_to_64.magnitude, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(encode(&Value::BigInt(two_to_64.clone())), [TAG_BIGINT, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        let digits = "7".repeat(20_000);
        let huge = BigInt::parse(&digits).unwrap();
        assert_eq!(decode(&encode(&Value::BigInt(huge.clone()))).unwrap(), Value::BigInt(huge.clone()));
        assert_eq!(huge.to_string(), digits);
        assert!(decode(&[TAG_BIGINT, 2, 0, 0, 0, 0, 0]).is_err(), "a trailing zero byte");
        assert!(decode(&[TAG_BIGINT, 2, 0, 0, 0, 2, 1]).is_err(), "a bad sign byte");
        assert!(decode(&[TAG_BIGINT, 0, 0, 0, 0]).is_err());
    }

    #[test]
    fn refuses_malformed_payloads() {
        assert!(decode(&[]).is_err());
        assert!(decode(&[0xFF]).is_err());
        assert!(decode(&[TAG_LIST, 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
        assert!(decode(&[TAG_NONE, TAG_NONE]).is_err());
        assert!(decode(&[TAG_STR, 1, 0, 0, 0, 0xFF]).is_err());
        let deep: Vec<u8> = (0..2000).flat_map(|_| [TAG_LIST, 1, 0, 0, 0]).collect();
        assert!(decode(&deep).is_err());
    }
}
