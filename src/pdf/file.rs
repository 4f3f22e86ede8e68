//! The PDF file, written as its objects are made: streams straight into the
//! file, every other object into compressed object streams, then a
//! cross-reference stream. No object tree is built in between.
//!
//! Objects are numbered in the order they are reserved or added, so the same
//! document always gives the same bytes.

use crate::pdf::compress::{Deflater, Pooled, MIN_LENGTH};
use crate::pdf::content::{write_number, write_unsigned};
use crate::pipeline::parallel::both;

/// An object number; every object has generation 0.
pub type Ref = u32;

/// How many objects one object stream holds.
const PER_OBJECT_STREAM: usize = 500;

/// Where an object ended up, for the cross-reference stream.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// Reserved but not written, or object 0.
    Free,
    /// Byte offset in the file.
    Direct(usize),
    /// Its bytes in `packed`, this range.
    Packed(usize, usize),
}

/// A PDF file being written.
pub struct PdfFile {
    out: Vec<u8>,
    entries: Vec<Entry>,
    /// The bytes of every non-stream object, one after another.
    packed: Vec<u8>,
    deflater: Pooled,
    /// Streams to compress before the file is finished: their numbers, the
    /// entries of their dictionaries, and their bytes.
    deferred: Vec<(Ref, Vec<u8>, Vec<u8>)>,
    /// Whether a second thread may compress some of them.
    helper: bool,
}

impl Default for PdfFile {
    fn default() -> PdfFile {
        PdfFile::new(false)
    }
}

impl PdfFile {
    /// A PDF 1.7 file with its header written; with `helper`, a second
    /// thread compresses some of its streams.
    pub fn new(helper: bool) -> PdfFile {
        let mut out = Vec::with_capacity(64 * 1024);
        // A comment of high bytes marks the file as binary, as PDF/A asks.
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfFile {
            out,
            entries: vec![Entry::Free],
            packed: Vec::with_capacity(32 * 1024),
            deflater: Pooled::take(),
            deferred: Vec::new(),
            helper,
        }
    }

    /// Whether a second thread may share this file's work.
    pub fn has_helper(&self) -> bool {
        self.helper
    }

    /// The compressor, for streams prepared ahead of writing.
    pub fn deflater(&mut self) -> &mut Deflater {
        &mut self.deflater
    }

    /// A number for an object written later.
    pub fn reserve(&mut self) -> Ref {
        self.entries.push(Entry::Free);
        (self.entries.len() - 1) as Ref
    }

    /// Writes a dictionary as object `id`.
    pub fn dict_at(&mut self, id: Ref, build: impl FnOnce(&mut Dict)) {
        self.object_at(id, |out| {
            let mut dict = Dict::open(out);
            build(&mut dict);
            dict.close();
        });
    }

    /// Writes a dictionary as a new object.
    pub fn dict(&mut self, build: impl FnOnce(&mut Dict)) -> Ref {
        let id = self.reserve();
        self.dict_at(id, build);
        id
    }

    fn object_at(&mut self, id: Ref, write: impl FnOnce(&mut Vec<u8>)) {
        let start = self.packed.len();
        write(&mut self.packed);
        let end = self.packed.len();
        self.packed.push(b'\n');
        if let Some(entry) = self.entries.get_mut(id as usize) {
            *entry = Entry::Packed(start, end);
        }
    }

    /// Writes a stream as a new object, compressed when that is worth it.
    pub fn stream(&mut self, build: impl FnOnce(&mut Dict), content: &[u8]) -> Ref {
        let id = self.reserve();
        self.stream_at(id, build, content);
        id
    }

    /// Writes a stream as object `id`, compressed when that is worth it.
    /// Streams long enough to compress are written when the file is
    /// finished, all compressed at once (on two threads when there is a helper).
    pub fn stream_at(&mut self, id: Ref, build: impl FnOnce(&mut Dict), content: &[u8]) {
        if content.len() < MIN_LENGTH {
            return self.raw_stream_at(id, build, content, false);
        }
        let mut entries = Vec::new();
        let mut dict = Dict { out: &mut entries };
        build(&mut dict);
        self.deferred.push((id, entries, content.to_vec()));
    }

    /// Writes a stream as a new object now, compressed when that is worth it:
    /// for work that runs beside other work (a page's content while a helper
    /// subsets the fonts), rather than in the compression at the end.
    pub fn stream_now(&mut self, build: impl FnOnce(&mut Dict), content: &[u8]) -> Ref {
        let id = self.reserve();
        match self.deflater.deflate_worthwhile(content) {
            Some(packed) => self.raw_stream_at(id, build, &packed, true),
            None => self.raw_stream_at(id, build, content, false),
        }
        id
    }

    /// Compresses the deferred streams and writes them, in the order they came.
    fn write_deferred(&mut self) {
        let deferred = std::mem::take(&mut self.deferred);
        let packed = compress_all(&deferred, &mut self.deflater, self.helper);
        for ((id, entries, content), packed) in deferred.iter().zip(packed) {
            let write_entries = |d: &mut Dict| d.out.extend_from_slice(entries);
            match packed {
                Some(packed) => self.raw_stream_at(*id, write_entries, &packed, true),
                None => self.raw_stream_at(*id, write_entries, content, false),
            }
        }
    }

    /// Writes a stream as a new object with the bytes as they are, marked as
    /// Flate-compressed when `flate` says they are.
    pub fn raw_stream(&mut self, build: impl FnOnce(&mut Dict), bytes: &[u8], flate: bool) -> Ref {
        let id = self.reserve();
        self.raw_stream_at(id, build, bytes, flate);
        id
    }

    /// Writes a stream as object `id` with the bytes as they are, marked as
    /// Flate-compressed when `flate` says they are.
    pub fn raw_stream_at(
        &mut self,
        id: Ref,
        build: impl FnOnce(&mut Dict),
        bytes: &[u8],
        flate: bool,
    ) {
        let Some(entry) = self.entries.get_mut(id as usize) else {
            return;
        };
        *entry = Entry::Direct(self.out.len());
        let out = &mut self.out;
        write_unsigned(out, u64::from(id));
        out.extend_from_slice(b" 0 obj\n");
        let mut dict = Dict::open(out);
        build(&mut dict);
        if flate {
            dict.name("Filter", "FlateDecode");
        }
        dict.int("Length", bytes.len() as i64);
        dict.close();
        out.extend_from_slice(b"\nstream\n");
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Finishes the file: object streams, then the cross-reference stream
    /// naming the catalog and the document information. The file /ID is a
    /// hash of everything before it, so the same content gives the same id.
    pub fn finish(mut self, root: Ref, info: Ref) -> Vec<u8> {
        let packed: Vec<(Ref, usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(id, entry)| match *entry {
                Entry::Packed(start, end) => Some((id as Ref, start, end)),
                _ => None,
            })
            .collect();
        let mut placed: Vec<(Ref, Ref, u16)> = Vec::with_capacity(packed.len());
        let mut body = Vec::new();
        for chunk in packed.chunks(PER_OBJECT_STREAM) {
            let container = self.reserve();
            let mut header = Vec::with_capacity(chunk.len() * 10);
            body.clear();
            for (index, &(id, start, end)) in chunk.iter().enumerate() {
                write_unsigned(&mut header, u64::from(id));
                header.push(b' ');
                write_unsigned(&mut header, body.len() as u64);
                header.push(b' ');
                body.extend_from_slice(&self.packed[start..end]);
                body.push(b'\n');
                placed.push((id, container, index as u16));
            }
            header.push(b'\n');
            let first = header.len() as i64;
            header.extend_from_slice(&body);
            let count = chunk.len() as i64;
            self.stream_at(
                container,
                |d| {
                    d.name("Type", "ObjStm").int("N", count).int("First", first);
                },
                &header,
            );
        }

        self.write_deferred();
        let id = document_id(&self.out, &self.packed);
        let xref = self.reserve();
        let offset = self.out.len();
        self.entries[xref as usize] = Entry::Direct(offset);
        let mut table = Vec::with_capacity(self.entries.len() * 7);
        let mut placed = placed.into_iter().peekable();
        for (number, entry) in self.entries.iter().enumerate() {
            let (kind, field, index) = match *entry {
                Entry::Free => (0u8, 0u32, if number == 0 { 0xFFFF } else { 0 }),
                Entry::Direct(offset) => (1, offset as u32, 0),
                Entry::Packed(..) => match placed.next_if(|p| p.0 as usize == number) {
                    Some((_, container, index)) => (2, container, index),
                    None => (0, 0, 0),
                },
            };
            table.push(kind);
            table.extend_from_slice(&field.to_be_bytes());
            table.extend_from_slice(&index.to_be_bytes());
        }
        let size = self.entries.len() as i64;
        let table = self.deflater.deflate_worthwhile(&table).ok_or(table);
        let (table, flate) = match &table {
            Ok(packed) => (packed.as_slice(), true),
            Err(plain) => (plain.as_slice(), false),
        };
        self.raw_stream_at(
            xref,
            |d| {
                d.name("Type", "XRef")
                    .int("Size", size)
                    .array("W", |a| {
                        a.int(1).int(4).int(2);
                    })
                    .reference("Root", root)
                    .reference("Info", info)
                    .array("ID", |a| {
                        a.string(id.as_bytes()).string(id.as_bytes());
                    });
            },
            table,
            flate,
        );
        self.out.extend_from_slice(b"startxref\n");
        write_unsigned(&mut self.out, offset as u64);
        self.out.extend_from_slice(b"\n%%EOF\n");
        self.out
    }
}

/// The compressed form of each stream that compression pays for, in order.
/// With a helper, the streams are shared between two threads by size, the
/// longest first to whichever has less so far, each with its own compressor.
fn compress_all(
    streams: &[(Ref, Vec<u8>, Vec<u8>)],
    deflater: &mut Deflater,
    helper: bool,
) -> Vec<Option<Vec<u8>>> {
    let total: usize = streams.iter().map(|s| s.2.len()).sum();
    // Below this a thread costs about what it saves.
    const WORTH_A_THREAD: usize = 24 * 1024;
    if !helper || total < WORTH_A_THREAD || streams.len() < 2 {
        return streams
            .iter()
            .map(|s| deflater.deflate_worthwhile(&s.2))
            .collect();
    }
    let mut order: Vec<usize> = (0..streams.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(streams[i].2.len()));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut my_load, mut their_load) = (0, 0);
    for i in order {
        if my_load <= their_load {
            my_load += streams[i].2.len();
            mine.push(i);
        } else {
            their_load += streams[i].2.len();
            theirs.push(i);
        }
    }
    let mut packed: Vec<Option<Vec<u8>>> = vec![None; streams.len()];
    let ((), theirs_packed) = both(
        1,
        || {
            for &i in &mine {
                packed[i] = deflater.deflate_worthwhile(&streams[i].2);
            }
        },
        || {
            let mut own = Pooled::take();
            theirs
                .iter()
                .map(|&i| (i, own.deflate_worthwhile(&streams[i].2)))
                .collect::<Vec<_>>()
        },
    );
    for (i, bytes) in theirs_packed {
        packed[i] = bytes;
    }
    packed
}

/// A 128-bit hash of the file so far and the packed objects: two 64-bit
/// multiply-rotate hashes over eight bytes at a time. Fast, stable, and it
/// changes with any byte; it identifies the file and protects nothing.
fn document_id(direct: &[u8], packed: &[u8]) -> String {
    const KEYS: [u64; 2] = [0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F];
    let mut state = [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142];
    for part in [direct, packed] {
        let words = part.chunks_exact(8);
        let tail = words.remainder();
        let mut last = [0u8; 8];
        last[..tail.len()].copy_from_slice(tail);
        let lengths = (part.len() as u64).to_le_bytes();
        let all = words
            .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
            .chain([u64::from_le_bytes(last), u64::from_le_bytes(lengths)]);
        for word in all {
            for (hash, key) in state.iter_mut().zip(KEYS) {
                *hash = (hash.rotate_left(23) ^ word).wrapping_mul(key);
            }
        }
    }
    format!("{:016x}{:016x}", state[0], state[1])
}

fn write_integer(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_unsigned(out, value.unsigned_abs());
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A name: bytes outside the regular characters are written as `#xx`.
fn write_name(out: &mut Vec<u8>, name: &str) {
    out.push(b'/');
    for &byte in name.as_bytes() {
        let regular = (0x21..=0x7E).contains(&byte) && !b"()<>[]{}/%#".contains(&byte);
        if regular {
            out.push(byte);
        } else {
            out.extend_from_slice(&[
                b'#',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        }
    }
}

/// A literal string, with the bytes a literal cannot hold as they are escaped.
fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &byte in bytes {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

/// A text string: plain ASCII as it is, anything else UTF-16BE with a
/// byte-order mark, both as literal strings.
fn write_text(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return write_literal(out, text.as_bytes());
    }
    let mut bytes = Vec::with_capacity(2 + text.len() * 2);
    bytes.extend_from_slice(&[0xFE, 0xFF]);
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    write_literal(out, &bytes);
}

/// A dictionary being written.
pub struct Dict<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Dict<'a> {
    fn open(out: &'a mut Vec<u8>) -> Dict<'a> {
        out.extend_from_slice(b"<<");
        Dict { out }
    }

    fn close(self) {
        self.out.extend_from_slice(b">>");
    }

    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        write_name(self.out, key);
        self.out.push(b' ');
        self.out
    }

    /// A name value.
    pub fn name(&mut self, key: &str, value: &str) -> &mut Dict<'a> {
        let out = self.key(key);
        write_name(out, value);
        self
    }

    /// A whole number.
    pub fn int(&mut self, key: &str, value: i64) -> &mut Dict<'a> {
        let out = self.key(key);
        write_integer(out, value);
        self
    }

    /// A true or false value.
    pub fn bool(&mut self, key: &str, value: bool) -> &mut Dict<'a> {
        let out = self.key(key);
        out.extend_from_slice(if value { b"true" } else { b"false" });
        self
    }

    /// A reference to another object.
    pub fn reference(&mut self, key: &str, id: Ref) -> &mut Dict<'a> {
        let out = self.key(key);
        write_unsigned(out, u64::from(id));
        out.extend_from_slice(b" 0 R");
        self
    }

    /// A byte string, such as an ASCII identifier.
    pub fn string(&mut self, key: &str, bytes: &[u8]) -> &mut Dict<'a> {
        let out = self.key(key);
        write_literal(out, bytes);
        self
    }

    /// A text string, for words people read.
    pub fn text(&mut self, key: &str, text: &str) -> &mut Dict<'a> {
        let out = self.key(key);
        write_text(out, text);
        self
    }

    /// An array value.
    pub fn array(&mut self, key: &str, build: impl FnOnce(&mut Array)) -> &mut Dict<'a> {
        let out = self.key(key);
        let mut array = Array::open(out);
        build(&mut array);
        array.close();
        self
    }

    /// A dictionary value.
    pub fn dict(&mut self, key: &str, build: impl FnOnce(&mut Dict)) -> &mut Dict<'a> {
        let out = self.key(key);
        let mut dict = Dict::open(out);
        build(&mut dict);
        dict.close();
        self
    }
}

/// An array being written.
pub struct Array<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Array<'a> {
    fn open(out: &'a mut Vec<u8>) -> Array<'a> {
        out.push(b'[');
        Array { out, empty: true }
    }

    fn close(self) {
        self.out.push(b']');
    }

    fn item(&mut self) -> &mut Vec<u8> {
        if !self.empty {
            self.out.push(b' ');
        }
        self.empty = false;
        self.out
    }

    /// A name.
    pub fn name(&mut self, value: &str) -> &mut Array<'a> {
        let out = self.item();
        write_name(out, value);
        self
    }

    /// A whole number.
    pub fn int(&mut self, value: i64) -> &mut Array<'a> {
        let out = self.item();
        write_integer(out, value);
        self
    }

    /// A number, to thousandths.
    pub fn real(&mut self, value: f32) -> &mut Array<'a> {
        let out = self.item();
        write_number(out, value);
        self
    }

    /// The null object.
    pub fn null(&mut self) -> &mut Array<'a> {
        self.item().extend_from_slice(b"null");
        self
    }

    /// A reference to another object.
    pub fn reference(&mut self, id: Ref) -> &mut Array<'a> {
        let out = self.item();
        write_unsigned(out, u64::from(id));
        out.extend_from_slice(b" 0 R");
        self
    }

    /// A byte string.
    pub fn string(&mut self, bytes: &[u8]) -> &mut Array<'a> {
        let out = self.item();
        write_literal(out, bytes);
        self
    }

    /// A dictionary.
    pub fn dict(&mut self, build: impl FnOnce(&mut Dict)) -> &mut Array<'a> {
        let out = self.item();
        let mut dict = Dict::open(out);
        build(&mut dict);
        dict.close();
        self
    }

    /// An array.
    pub fn array(&mut self, build: impl FnOnce(&mut Array)) -> &mut Array<'a> {
        let out = self.item();
        let mut array = Array::open(out);
        build(&mut array);
        array.close();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_in_pdf_syntax() {
        let mut out = Vec::new();
        let mut dict = Dict::open(&mut out);
        dict.name("Type", "Annot")
            .array("Rect", |a| {
                a.real(54.0).real(639.3).int(-2);
            })
            .reference("P", 7)
            .string("T", b"a (b) \\ c")
            .text("U", "Línea")
            .name("N", "A B#")
            .bool("M", true)
            .dict("A", |d| {
                d.name("S", "URI");
            });
        dict.close();
        assert_eq!(
            out,
            b"<</Type /Annot/Rect [54 639.3 -2]/P 7 0 R/T (a \\(b\\) \\\\ c)\
              /U (\xFE\xFF\0L\0\xED\0n\0e\0a)/N /A#20B#23/M true/A <</S /URI>>>>"
                .to_vec()
        );
    }

    #[test]
    fn the_id_changes_with_any_byte() {
        let body = b"%PDF-1.7 some objects of a document".to_vec();
        let id = document_id(&body, b"packed");
        assert_eq!(id.len(), 32);
        assert_eq!(id, document_id(&body, b"packed"));
        for at in 0..body.len() {
            let mut changed = body.clone();
            changed[at] ^= 1;
            assert_ne!(document_id(&changed, b"packed"), id, "byte {at}");
        }
        assert_ne!(document_id(&body, b"packeD"), id);
        assert_ne!(document_id(&body, b"packed\0"), id);
    }

    #[test]
    fn a_document_reads_back_with_lopdf() {
        let mut file = PdfFile::new(false);
        let pages = file.reserve();
        let content = file.stream(|_| {}, b"BT ET");
        let page = file.dict(|d| {
            d.name("Type", "Page")
                .reference("Parent", pages)
                .array("MediaBox", |a| {
                    a.int(0).int(0).int(612).int(792);
                })
                .reference("Contents", content);
        });
        file.dict_at(pages, |d| {
            d.name("Type", "Pages")
                .array("Kids", |a| {
                    a.reference(page);
                })
                .int("Count", 1);
        });
        let catalog = file.dict(|d| {
            d.name("Type", "Catalog").reference("Pages", pages);
        });
        let info = file.dict(|d| {
            d.text("Title", "A test");
        });
        let bytes = file.finish(catalog, info);
        assert!(bytes.starts_with(b"%PDF-1.7\n%\xE2"));
        assert!(bytes.ends_with(b"%%EOF\n"));
        let back = lopdf::Document::load_mem(&bytes).map_err(|e| e.to_string());
        let back = back.as_ref().map(|d| d.get_pages().len());
        assert_eq!(back, Ok(1));
    }
}
