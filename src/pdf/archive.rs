//! What PDF/A-2 and PDF/UA-1 ask of the document as a whole: XMP metadata
//! that matches the information dictionary, and an sRGB output intent.

use crate::layout::Document;
use crate::model::Date;
use crate::pdf::file::{Dict, PdfFile, Ref};

/// The XMP packet: title, author, language, dates, and the PDF/A and PDF/UA identification.
pub fn xmp_metadata(doc: &Document, created: i64) -> String {
    let date = xmp_date(created);
    let subject = if doc.subject.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(&doc.subject)
        )
    };
    format!(
        concat!(
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
            "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" ",
            "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
            "<dc:format>application/pdf</dc:format>\n",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n",
            "{subject}\n",
            "<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n",
            "<xmp:CreatorTool>handout</xmp:CreatorTool>\n",
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>\n",
            "<xmp:MetadataDate>{date}</xmp:MetadataDate>\n",
            "<pdf:Producer>{producer}</pdf:Producer>\n",
            "<pdfaid:part>2</pdfaid:part>\n",
            "<pdfaid:conformance>A</pdfaid:conformance>\n",
            "<pdfuaid:part>1</pdfuaid:part>\n",
            "</rdf:Description>\n",
            // PDF/A knows pdfuaid only through an extension schema.
            "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" ",
            "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n",
            "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
            "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n",
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n",
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n",
            "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n",
            "<pdfaProperty:name>part</pdfaProperty:name>\n",
            "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n",
            "<pdfaProperty:category>internal</pdfaProperty:category>\n",
            "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n",
            "</rdf:li></rdf:Seq></pdfaSchema:property>\n",
            "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n",
            "</rdf:Description>\n",
            "</rdf:RDF>\n",
            "</x:xmpmeta>\n",
            "<?xpacket end=\"w\"?>"
        ),
        title = escape(&doc.title),
        author = escape(&doc.author),
        subject = subject,
        lang = escape(&doc.lang),
        date = date,
        producer = concat!("handout ", env!("CARGO_PKG_VERSION")),
    )
}

/// Writes the metadata stream, uncompressed so archival readers can find it.
pub fn write_metadata(file: &mut PdfFile, xmp: &str) -> Ref {
    file.raw_stream(
        |d| {
            d.name("Type", "Metadata").name("Subtype", "XML");
        },
        xmp.as_bytes(),
        false,
    )
}

/// The output intent: the colours are sRGB, described by the profile.
pub fn output_intent(d: &mut Dict, profile: Ref) {
    d.name("Type", "OutputIntent")
        .name("S", "GTS_PDFA1")
        .string("OutputConditionIdentifier", b"sRGB IEC61966-2.1")
        .string("Info", b"sRGB IEC61966-2.1")
        .string("RegistryName", b"http://www.color.org")
        .reference("DestOutputProfile", profile);
}

/// Writes the ICC profile stream of the output intent.
pub fn write_profile(file: &mut PdfFile) -> Ref {
    file.stream(
        |d| {
            d.int("N", 3);
        },
        &srgb_profile(),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xmp_date(seconds: i64) -> String {
    let (date, h, m, s) = Date::from_unix_time(seconds);
    format!(
        "{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}Z",
        date.year, date.month, date.day
    )
}

/// A compact ICC v2 display profile for sRGB: D65 white, the sRGB primaries
/// adapted to D50, and the sRGB tone curve as a 256-entry table. About 1 KB,
/// where a print profile is hundreds.
pub fn srgb_profile() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
        let mut out = b"XYZ \0\0\0\0".to_vec();
        for v in [x, y, z] {
            out.extend_from_slice(&s15(v));
        }
        out
    }
    let mut curve = b"curv\0\0\0\0".to_vec();
    curve.extend_from_slice(&256u32.to_be_bytes());
    for i in 0..256 {
        let v = f64::from(i) / 255.0;
        let linear = if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
        curve.extend_from_slice(&((linear * 65535.0).round() as u16).to_be_bytes());
    }
    let name = b"sRGB IEC61966-2.1\0";
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend_from_slice(&(name.len() as u32).to_be_bytes());
    desc.extend_from_slice(name);
    desc.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
    let mut text = b"text\0\0\0\0".to_vec();
    text.extend_from_slice(b"No copyright, use freely\0");
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"cprt", text),
        (b"wtpt", xyz(0.9505, 1.0, 1.0891)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let mut table = Vec::new();
    let mut data = Vec::new();
    let mut offset = 128 + 4 + 12 * tags.len();
    for (signature, body) in &tags {
        table.extend_from_slice(*signature);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(body.len() as u32).to_be_bytes());
        data.extend_from_slice(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
        offset = 128 + 4 + 12 * tags.len() + data.len();
    }
    let size = 128 + 4 + table.len() + data.len();
    let mut header = Vec::with_capacity(size);
    header.extend_from_slice(&(size as u32).to_be_bytes());
    header.extend_from_slice(&[0; 4]); // preferred CMM
    header.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    header.extend_from_slice(b"mntrRGB XYZ ");
    for part in [2026u16, 1, 1, 0, 0, 0] {
        header.extend_from_slice(&part.to_be_bytes());
    }
    header.extend_from_slice(b"acsp");
    header.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 4]); // platform, flags, maker, model, attributes, intent
    for v in [0.9642, 1.0, 0.8249] {
        header.extend_from_slice(&s15(v)); // PCS illuminant, D50
    }
    header.extend_from_slice(&[0; 4 + 16 + 28]); // creator, profile id, reserved
    header.extend_from_slice(&(tags.len() as u32).to_be_bytes());
    header.extend_from_slice(&table);
    header.extend_from_slice(&data);
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_small_and_well_formed() {
        let profile = srgb_profile();
        assert!(profile.len() < 2048, "{}", profile.len());
        assert_eq!(
            u32::from_be_bytes(profile[0..4].try_into().unwrap()) as usize,
            profile.len()
        );
        assert_eq!(&profile[36..40], b"acsp");
        assert_eq!(&profile[12..20], b"mntrRGB ");
    }
}
