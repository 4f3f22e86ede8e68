//! The PDF file: streams as indirect objects, every other object packed into
//! compressed object streams, and a cross-reference stream.
//!
//! Objects are written straight into one buffer in object-number order, so
//! the same document always gives the same bytes.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::pdf::compress::Deflater;
use crate::pdf::content::write_number;

/// How many objects one object stream holds.
const PER_OBJECT_STREAM: usize = 500;

/// Where an object ended up, for the cross-reference stream.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Free,
    /// Byte offset in the file.
    Direct(usize),
    /// Object stream number and index in it.
    Packed(u32, u16),
}

/// Writes the document: `trailer` carries /Root, /Info and /ID.
pub fn serialize(lo: &lopdf::Document, deflater: &mut Deflater) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(lo.version.as_bytes());
    // A comment of high bytes marks the file as binary, as PDF/A asks.
    out.extend_from_slice(b"\n%\xE2\xE3\xCF\xD3\n");

    let max_id = lo.objects.keys().map(|&(id, _)| id).max().unwrap_or(0);
    let mut entries = vec![Entry::Free; max_id as usize + 1];
    let mut packed: Vec<(ObjectId, &Object)> = Vec::new();
    for (&id, object) in &lo.objects {
        if matches!(object, Object::Stream(_)) || id.1 != 0 {
            entries[id.0 as usize] = Entry::Direct(out.len());
            write_indirect(&mut out, id, object);
        } else {
            packed.push((id, object));
        }
    }

    let mut next_id = max_id + 1;
    let mut body = Vec::new();
    let mut header = Vec::new();
    for chunk in packed.chunks(PER_OBJECT_STREAM) {
        let container = next_id;
        next_id += 1;
        body.clear();
        header.clear();
        for (index, &(id, object)) in chunk.iter().enumerate() {
            entries[id.0 as usize] = Entry::Packed(container, index as u16);
            write_unsigned(&mut header, u64::from(id.0));
            header.push(b' ');
            write_unsigned(&mut header, body.len() as u64);
            header.push(b' ');
            write_object(&mut body, object);
            body.push(b'\n');
        }
        header.push(b'\n');
        let first = header.len();
        header.extend_from_slice(&body);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", chunk.len() as i64);
        dict.set("First", first as i64);
        let stream = deflater.stream(dict, std::mem::take(&mut header));
        entries.push(Entry::Direct(out.len()));
        write_indirect(&mut out, (container, 0), &Object::Stream(stream));
    }

    // The cross-reference stream names itself and closes the file.
    let xref_id = next_id;
    let xref_offset = out.len();
    entries.push(Entry::Direct(xref_offset));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for entry in &entries {
        let (kind, field, index) = match *entry {
            Entry::Free => (0u8, 0u32, 0xFFFFu16),
            Entry::Direct(offset) => (1, offset as u32, 0),
            Entry::Packed(container, index) => (2, container, index),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes());
        table.extend_from_slice(&index.to_be_bytes());
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", entries.len() as i64);
    dict.set("W", vec![1.into(), 4.into(), 2.into()]);
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = lo.trailer.get(key) {
            dict.set(key.to_vec(), value.clone());
        }
    }
    let stream = deflater.stream(dict, table);
    write_indirect(&mut out, (xref_id, 0), &Object::Stream(stream));
    out.extend_from_slice(b"startxref\n");
    write_unsigned(&mut out, xref_offset as u64);
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) {
    write_unsigned(out, u64::from(id.0));
    out.push(b' ');
    write_unsigned(out, u64::from(id.1));
    out.extend_from_slice(b" obj\n");
    write_object(out, object);
    out.extend_from_slice(b"\nendobj\n");
}

fn write_unsigned(out: &mut Vec<u8>, value: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut value = value;
    loop {
        at -= 1;
        buf[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

fn write_integer(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_unsigned(out, value.unsigned_abs());
}

/// Whether a byte can stand in a name as it is.
fn is_regular(byte: u8) -> bool {
    (0x21..=0x7E).contains(&byte) && !b"()<>[]{}/%#".contains(&byte)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if is_regular(byte) {
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

fn write_string(out: &mut Vec<u8>, bytes: &[u8], format: StringFormat) {
    match format {
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for &byte in bytes {
                out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
            }
            out.push(b'>');
        }
        StringFormat::Literal => {
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
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
        Object::Integer(value) => write_integer(out, *value),
        Object::Real(value) => write_number(out, *value),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, format) => write_string(out, bytes, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", stream.content.len() as i64);
            write_dictionary(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            write_unsigned(out, u64::from(*id));
            out.push(b' ');
            write_unsigned(out, u64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Annot".to_vec()));
        dict.set(
            "Rect",
            vec![Object::Real(54.0), Object::Real(639.3), (-2).into()],
        );
        dict.set("P", (7, 0));
        dict.set("T", Object::string_literal("a (b) \\ c"));
        dict.set(
            "H",
            Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
        );
        dict.set("N", Object::Name(b"A B#".to_vec()));
        dict.set("Z", Object::Null);
        assert_eq!(
            written(&Object::Dictionary(dict)),
            "<</Type /Annot/Rect [54 639.3 -2]/P 7 0 R/T (a \\(b\\) \\\\ c)/H <FEFF>/N /A#20B#23/Z null>>"
        );
    }

    #[test]
    fn a_document_reads_back_with_lopdf() {
        let mut lo = lopdf::Document::with_version("1.7");
        let pages = lo.new_object_id();
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", pages);
        page.set("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
        let content = lopdf::Stream::new(Dictionary::new(), b"BT ET".to_vec());
        page.set("Contents", lo.add_object(content));
        let page = lo.add_object(page);
        let mut kids = Dictionary::new();
        kids.set("Type", Object::Name(b"Pages".to_vec()));
        kids.set("Kids", vec![page.into()]);
        kids.set("Count", 1);
        lo.objects.insert(pages, Object::Dictionary(kids));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", pages);
        let catalog = lo.add_object(catalog);
        lo.trailer.set("Root", catalog);

        let bytes = serialize(&lo, &mut Deflater::default());
        assert!(bytes.starts_with(b"%PDF-1.7\n%\xE2"));
        assert!(bytes.ends_with(b"%%EOF\n"));
        let back = lopdf::Document::load_mem(&bytes).map_err(|e| e.to_string());
        let back = back.as_ref().map(|d| d.get_pages().len());
        assert_eq!(back, Ok(1));
    }
}
