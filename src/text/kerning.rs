//! Pair kerning: the font's GPOS `kern` feature, or its legacy `kern` table.
//!
//! Only pair adjustments are read. Contextual positioning, marks and
//! ligatures are left alone: the readership is served by plain, extractable
//! letters, and every glyph stays one character.

use skrifa::raw::tables::gpos::{PairPos, PositionSubtables};
use skrifa::raw::tables::kern::SubtableKind;
use skrifa::raw::types::{GlyphId, GlyphId16, Tag};
use skrifa::raw::TableProvider;
use skrifa::FontRef;

/// Where a face keeps its pair kerning, found once when the face is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernSource {
    /// The face kerns nothing.
    None,
    /// The GPOS lookups of the `kern` feature, in the order they apply.
    Gpos(Vec<u16>),
    /// The legacy `kern` table.
    Legacy,
}

const KERN: Tag = Tag::new(b"kern");
const LATIN: Tag = Tag::new(b"latn");
const DEFAULT_SCRIPT: Tag = Tag::new(b"DFLT");

impl KernSource {
    /// The kerning a font offers: the `kern` feature of its Latin script (or
    /// default script, or any script), else the legacy table.
    pub fn find(font: &FontRef) -> KernSource {
        let lookups = gpos_kern_lookups(font).unwrap_or_default();
        if !lookups.is_empty() {
            return KernSource::Gpos(lookups);
        }
        match font.kern() {
            Ok(kern) if kern.subtables().next().is_some() => KernSource::Legacy,
            _ => KernSource::None,
        }
    }

    /// The adjustment between two glyphs in font units: negative draws them closer.
    pub fn pair(&self, font: &FontRef, left: u16, right: u16) -> i32 {
        let (left, right) = (GlyphId16::new(left), GlyphId16::new(right));
        match self {
            KernSource::None => 0,
            KernSource::Gpos(lookups) => gpos_pair(font, lookups, left, right).unwrap_or(0),
            KernSource::Legacy => legacy_pair(font, left, right),
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

/// The pair adjustment of the `kern` lookups: in each lookup the first
/// subtable that covers the pair applies, and the lookups add up.
fn gpos_pair(font: &FontRef, lookups: &[u16], left: GlyphId16, right: GlyphId16) -> Option<i32> {
    let gpos = font.gpos().ok()?;
    let list = gpos.lookup_list().ok()?;
    let all = list.lookups();
    let mut total = 0i32;
    for &index in lookups {
        let Ok(lookup) = all.get(usize::from(index)) else {
            continue;
        };
        let Ok(PositionSubtables::Pair(subtables)) = lookup.subtables() else {
            continue;
        };
        for subtable in subtables.iter().flatten() {
            if let Some(value) = subtable_pair(&subtable, left, right) {
                total += value;
                break;
            }
        }
    }
    Some(total)
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
