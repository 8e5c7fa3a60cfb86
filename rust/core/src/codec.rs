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
const MAX_DEPTH: usize = 512;

/// A value that can cross between host and guest.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An integer outside i64, as decimal digits with an optional leading `-`.
    BigInt(String),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Tuple(Vec<Value>),
    Dict(Vec<(Value, Value)>),
}

/// Bytes that do not decode as a [`Value`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed value payload: {}", self.0)
    }
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
            Value::BigInt(digits) => self.sized(TAG_BIGINT, digits.as_bytes()),
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

/// Decodes exactly one value; trailing bytes are an error.
pub fn decode(bytes: &[u8]) -> Result<Value, DecodeError> {
    let mut d = Decoder { bytes, pos: 0 };
    let v = d.value(0)?;
    if d.pos != bytes.len() {
        return Err(DecodeError(format!("{} trailing bytes", bytes.len() - d.pos)));
    }
    Ok(v)
}

struct Decoder<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Decoder<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| DecodeError(format!("truncated at byte {}", self.pos)))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
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
        let raw = self.take(n)?;
        String::from_utf8(raw.to_vec()).map_err(|_| DecodeError("invalid UTF-8 in str".into()))
    }

    /// A count of items that each take at least one byte can never exceed the bytes left: checking
    /// that first stops a forged count from reserving gigabytes.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.u32()?;
        if n > self.bytes.len() - self.pos {
            return Err(DecodeError(format!("count {n} exceeds the payload")));
        }
        Ok(n)
    }

    fn value(&mut self, depth: usize) -> Result<Value, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(DecodeError(format!("nested deeper than {MAX_DEPTH}")));
        }
        let tag = self.take(1)?[0];
        Ok(match tag {
            TAG_NONE => Value::None,
            TAG_FALSE => Value::Bool(false),
            TAG_TRUE => Value::Bool(true),
            TAG_INT => Value::Int(i64::from_le_bytes(self.eight()?)),
            TAG_BIGINT => {
                let digits = self.text()?;
                let body = digits.strip_prefix('-').unwrap_or(&digits);
                if body.is_empty() || !body.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(DecodeError(format!("bad big int {digits:?}")));
                }
                Value::BigInt(digits)
            }
            TAG_FLOAT => Value::Float(f64::from_le_bytes(self.eight()?)),
            TAG_STR => Value::Str(self.text()?),
            TAG_BYTES => {
                let n = self.u32()?;
                Value::Bytes(self.take(n)?.to_vec())
            }
            TAG_LIST | TAG_TUPLE => {
                let n = self.count()?;
                let items = (0..n).map(|_| self.value(depth + 1)).collect::<Result<Vec<_>, _>>()?;
                if tag == TAG_LIST {
                    Value::List(items)
                } else {
                    Value::Tuple(items)
                }
            }
            TAG_DICT => {
                let n = self.count()?;
                let mut pairs = Vec::with_capacity(n);
                for _ in 0..n {
                    let k = self.value(depth + 1)?;
                    let v = self.value(depth + 1)?;
                    pairs.push((k, v));
                }
                Value::Dict(pairs)
            }
            TAG_ROWS => {
                let ncols = self.count()?;
                let mut names = Vec::with_capacity(ncols);
                for _ in 0..ncols {
                    match self.value(depth + 1)? {
                        Value::Str(s) => names.push(s),
                        other => return Err(DecodeError(format!("column name {other:?}"))),
                    }
                }
                let nrows = self.u32()?;
                let mut rows = Vec::new();
                for _ in 0..nrows {
                    let mut pairs = Vec::with_capacity(ncols);
                    for name in &names {
                        pairs.push((Value::Str(name.clone()), self.value(depth + 1)?));
                    }
                    rows.push(Value::Dict(pairs));
                }
                Value::List(rows)
            }
            other => return Err(DecodeError(format!("unknown tag 0x{other:02x}"))),
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
            Value::BigInt("-123456789012345678901234567890".into()),
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
