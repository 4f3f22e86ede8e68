//! Pair kerning: the font's GPOS `kern` feature, or its legacy `kern` table.
//!
//! Only pair adjustments are read. Contextual positioning, marks and
//! ligatures are left alone: the readership is served by plain, extractable
//! letters, and every glyph stays one character.

use skrifa::raw::tables::gpos::{PairPos, PositionSubtables};
use skrifa::raw::tables::kern::SubtableKind;
use skrifa::raw::types::{GlyphId, GlyphId16, Tag};
use skrifa::raw::{FontData, FontRead, TableProvider};
use skrifa::FontRef;

/// Where a face keeps its pair kerning, found once when the face is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernSource {
    /// The face kerns nothing.
    None,
    /// The pair subtables of the GPOS lookups of the `kern` feature, each
    /// lookup's in order, as where they start in the font file: a pair is
    /// looked up without reading the GPOS table's lists again.
    Gpos(Vec<Vec<usize>>),
    /// The legacy `kern` table.
    Legacy,
}

const KERN: Tag = Tag::new(b"kern");
const LATIN: Tag = Tag::new(b"latn");
const DEFAULT_SCRIPT: Tag = Tag::new(b"DFLT");

impl KernSource {
    /// The kerning a font offers: the `kern` feature of its Latin script (or
    /// default script, or any script), else the legacy table. `file` is
    /// the whole font file the face is read from.
    pub fn find(font: &FontRef, file: &[u8]) -> KernSource {
        let lookups = gpos_kern_lookups(font).unwrap_or_default();
        if !lookups.is_empty() {
            return KernSource::Gpos(pair_subtables(font, &lookups, file).unwrap_or_default());
        }
        match font.kern() {
            Ok(kern) if kern.subtables().next().is_some() => KernSource::Legacy,
            _ => KernSource::None,
        }
    }

    /// The adjustment between two glyphs in font units: negative draws them
    /// closer. `file` is the font file given to [`KernSource::find`];
    /// `font` is read only for a legacy table.
    pub fn pair<'a>(
        &self,
        file: &'a [u8],
        font: impl FnOnce() -> Option<FontRef<'a>>,
        left: u16,
        right: u16,
    ) -> i32 {
        let (left, right) = (GlyphId16::new(left), GlyphId16::new(right));
        match self {
            KernSource::None => 0,
            KernSource::Gpos(lookups) => gpos_pair(file, lookups, left, right),
            KernSource::Legacy => font().map_or(0, |font| legacy_pair(&font, left, right)),
        }
    }
}

/// The lookups of the `kern` feature for Latin text, sorted and without repeats.
fn gpos_kern_lookups(font: &FontRef) -> Option<Vec<u16>> {
    let gpos = font.gpos().ok()?;
    let scripts = gpos.script_list().ok()?;
    let features = gpos.feature_list().ok()?;
    let records = features.feature_records();
    // The features a script's default language uses.
    let script_features = |tag: Tag| -> Option<Vec<u16>> {
        let record = scripts
            .script_records()
            .iter()
            .find(|r| r.script_tag() == tag)?;
        let script = record.script(scripts.offset_data()).ok()?;
        let lang = script.default_lang_sys()?.ok()?;
        Some(lang.feature_indices().iter().map(|i| i.get()).collect())
    };
    let chosen = script_features(LATIN)
        .or_else(|| script_features(DEFAULT_SCRIPT))
        .unwrap_or_else(|| (0..records.len() as u16).collect());
    let mut lookups: Vec<u16> = Vec::new();
    for index in chosen {
        let Some(record) = records.get(usize::from(index)) else {
            continue;
        };
        if record.feature_tag() != KERN {
            continue;
        }
        if let Ok(feature) = record.feature(features.offset_data()) {
            lookups.extend(feature.lookup_list_indices().iter().map(|i| i.get()));
        }
    }
    lookups.sort_unstable();
    lookups.dedup();
    Some(lookups)
}

/// Where each of the lookups' pair subtables starts in the font file.
fn pair_subtables(font: &FontRef, lookups: &[u16], file: &[u8]) -> Option<Vec<Vec<usize>>> {
    let gpos = font.gpos().ok()?;
    let list = gpos.lookup_list().ok()?;
    let all = list.lookups();
    let start = file.as_ptr() as usize;
    let offset = |data: FontData| {
        let at = (data.as_bytes().as_ptr() as usize).checked_sub(start)?;
        (at < file.len()).then_some(at)
    };
    Some(
        lookups
            .iter()
            .map(|&index| match all.get(usize::from(index)) {
                Ok(lookup) => match lookup.subtables() {
                    Ok(PositionSubtables::Pair(subtables)) => subtables
                        .iter()
                        .flatten()
                        .filter_map(|subtable| match &subtable {
                            PairPos::Format1(table) => offset(table.offset_data()),
                            PairPos::Format2(table) => offset(table.offset_data()),
                            // Formats 3 and 4 address glyphs beyond 65,535 (see below).
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                },
                Err(_) => Vec::new(),
            })
            .collect(),
    )
}

/// The pair adjustment of the `kern` lookups: in each lookup the first
/// subtable that covers the pair applies, and the lookups add up.
fn gpos_pair(file: &[u8], lookups: &[Vec<usize>], left: GlyphId16, right: GlyphId16) -> i32 {
    let mut total = 0i32;
    for subtables in lookups {
        for &at in subtables {
            let Some(subtable) = file
                .get(at..)
                .and_then(|data| PairPos::read(FontData::new(data)).ok())
            else {
                continue;
            };
            if let Some(value) = subtable_pair(&subtable, left, right) {
                total += value;
                break;
            }
        }
    }
    total
}

/// The adjustment one pair subtable gives, or `None` when it does not cover the pair.
fn subtable_pair(subtable: &PairPos, left: GlyphId16, right: GlyphId16) -> Option<i32> {
    match subtable {
        PairPos::Format1(table) => {
            let index = table.coverage().ok()?.get(left)?;
            let set = table.pair_sets().get(index as usize).ok()?;
            let record = set.find_pair_value_record(right)?;
            Some(i32::from(record.value_record1().x_advance().unwrap_or(0)))
        }
        PairPos::Format2(table) => {
            table.coverage().ok()?.get(left)?;
            let class1 = u16::try_from(table.class_def1().ok()?.get(left)).ok()?;
            let class2 = u16::try_from(table.class_def2().ok()?.get(right)).ok()?;
            let [first, _] = table.class_value_records().get(class1, class2)?;
            Some(i32::from(first.x_advance().unwrap_or(0)))
        }
        // Formats 3 and 4 address glyphs beyond 65,535, which no Latin text font has.
        _ => None,
    }
}

/// The legacy table's horizontal pair values, added up over its subtables.
fn legacy_pair(font: &FontRef, left: GlyphId16, right: GlyphId16) -> i32 {
    let Ok(kern) = font.kern() else { return 0 };
    let (left, right) = (GlyphId::from(left), GlyphId::from(right));
    kern.subtables()
        .flatten()
        .filter(|s| s.is_horizontal() && !s.is_cross_stream() && !s.is_variable())
        .filter_map(|s| match s.kind().ok()? {
            SubtableKind::Format0(table) => table.kerning(left, right),
            SubtableKind::Format2(table) => table.kerning(left, right),
            SubtableKind::Format3(table) => table.kerning(left, right),
            SubtableKind::Format1(_) => None,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::MetadataProvider;

    /// The pair adjustment read the long way, through the GPOS table's
    /// lookup list each time: what [`gpos_pair`] must give.
    fn read_through_the_table(
        font: &FontRef,
        lookups: &[u16],
        left: GlyphId16,
        right: GlyphId16,
    ) -> i32 {
        let Ok(gpos) = font.gpos() else { return 0 };
        let Ok(list) = gpos.lookup_list() else {
            return 0;
        };
        let mut total = 0;
        for &index in lookups {
            let Ok(lookup) = list.lookups().get(usize::from(index)) else {
                continue;
            };
            let Ok(PositionSubtables::Pair(subtables)) = lookup.subtables() else {
                continue;
            };
            if let Some(value) = subtables
                .iter()
                .flatten()
                .find_map(|s| subtable_pair(&s, left, right))
            {
                total += value;
            }
        }
        total
    }

    #[test]
    fn pairs_from_the_subtables_found_once_match_the_table_read_each_time() {
        let mut kerned = 0;
        // The bundled regular and bold faces.
        for file in &crate::text::fonts::BUNDLED[..2] {
            let font = FontRef::new(file).expect("bundled font");
            let lookups = gpos_kern_lookups(&font).expect("kern lookups");
            let source = KernSource::find(&font, file);
            assert!(
                matches!(&source, KernSource::Gpos(subtables) if subtables.len() == lookups.len())
            );
            let charmap = font.charmap();
            let glyphs: Vec<GlyphId16> = (' '..='~')
                .chain("áéñóú“”‘’–—".chars())
                .filter_map(|c| charmap.map(c))
                .filter_map(|g| u16::try_from(g.to_u32()).ok().map(GlyphId16::new))
                .collect();
            for &left in &glyphs {
                for &right in &glyphs {
                    let expected = read_through_the_table(&font, &lookups, left, right);
                    let found = source.pair(file, || None, left.to_u16(), right.to_u16());
                    assert_eq!(found, expected, "{left:?} {right:?}");
                    kerned += usize::from(found != 0);
                }
            }
        }
        // The bundled family kerns hundreds of these pairs ("To", "Ty", "P.").
        assert!(kerned > 500, "{kerned}");
    }
}
