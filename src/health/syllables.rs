//! Counting syllables: hyphenation patterns and ending rules for English, vowel nuclei for Spanish.
//!
//! English spelling does not show syllables, so the English count starts from the
//! TeX hyphenation patterns the layout already embeds (pyphen, which textstat
//! counts with, uses LibreOffice's extension of the same Liang patterns, with
//! the same minima of two letters). The patterns are made for typesetting,
//! not counting: they place no break within two letters of either end, and near
//! the end they may split a silent letter off ("dri-ve"). The rules below repair
//! that edge: a silent final *e*, *-ed* and *-es* that are not syllables (except
//! after *t*/*d* and after a hissing sound), syllabic *-le*, and *n't*. A short
//! list covers common health words the patterns leave whole on purpose.
//!
//! Spanish spelling does show syllables: each vowel nucleus is one, where two
//! strong vowels (a, e, o) or an accented í or ú next to another vowel are in
//! hiatus, and every other run of vowels is a single diphthong or triphthong.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Standard};

use crate::model::Lang;

/// Words whose syllables the English patterns miss, with the right count.
///
/// TeX leaves these unbroken (or broken once) because a break there looks bad
/// in print, not because they have fewer syllables.
const ENGLISH_EXCEPTIONS: [(&str, usize); 17] = [
    ("ache", 1),
    ("aches", 1),
    ("backache", 2),
    ("backaches", 2),
    ("headache", 2),
    ("headaches", 2),
    ("every", 2),
    ("emergency", 4),
    ("emergencies", 4),
    ("medicaid", 3),
    ("medical", 3),
    ("medically", 4),
    ("medicare", 3),
    ("medication", 4),
    ("medications", 4),
    ("woman", 2),
    ("women", 2),
];

/// The syllables of one word as it stands in running text (punctuation is ignored).
///
/// A word with no letters, such as a number, counts as one syllable, as it does
/// in textstat.
pub fn count_syllables(word: &str, lang: Lang) -> usize {
    let lower = word.to_lowercase();
    match lang {
        Lang::En => count_english(&lower),
        Lang::Es => count_spanish(&letters(&lower)),
    }
}

/// The characters textstat keeps of a word: letters, digits and `_`.
pub fn letters(word: &str) -> String {
    word.chars().filter(|c| is_word_char(*c)).collect()
}

/// A character of a word, as Python's `\w` matches it.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn english_patterns() -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    EN.get_or_init(|| {
        crate::text::load_dictionary(crate::text::HyphenLang::English).map(|mut dictionary| {
            // pyphen's minima: a break may leave two letters at either end; the
            // rules below decide whether such a two-letter end is a syllable.
            dictionary.minima = (2, 2);
            dictionary
        })
    })
    .as_ref()
}

fn count_english(lower: &str) -> usize {
    // "didn't" is "did" and a syllable; "don't" and "can't" are one.
    for apostrophe in ["n't", "n\u{2019}t"] {
        if let Some(stem) = lower.strip_suffix(apostrophe) {
            if stem.chars().last().is_some_and(|c| !is_vowel(c)) && stem.len() > 1 {
                return count_english_word(&letters(stem)) + 1;
            }
        }
    }
    count_english_word(&letters(lower))
}

fn count_english_word(word: &str) -> usize {
    if let Some((_, n)) = ENGLISH_EXCEPTIONS.iter().find(|(w, _)| *w == word) {
        return *n;
    }
    if let Some(rest) = word.strip_prefix("every") {
        if rest.chars().count() >= 3 {
            return 2 + count_english_word(rest);
        }
    }
    let Some(patterns) = english_patterns() else {
        return vowel_groups(word).max(1);
    };
    // Segments as byte ranges of the word, split at the patterns' breaks.
    let mut bounds: Vec<usize> = vec![0];
    bounds.extend(
        patterns
            .hyphenate(word)
            .breaks
            .into_iter()
            .filter(|&at| at > 0 && at < word.len() && word.is_char_boundary(at)),
    );
    bounds.push(word.len());
    bounds.dedup();
    // A two-letter end split off by the patterns joins the segment before it
    // unless it is a syllable of its own.
    if bounds.len() > 2 {
        let n = bounds.len();
        let before = &word[bounds[n - 3]..bounds[n - 2]];
        let end = &word[bounds[n - 2]..];
        if !two_letter_end_is_syllable(before, end) {
            bounds.remove(n - 2);
        }
    }
    let segments: Vec<&str> = bounds.windows(2).map(|w| &word[w[0]..w[1]]).collect();
    let count = segments.iter().filter(|s| has_vowel(s)).count().max(1);
    let last = segments.last().copied().unwrap_or(word);
    count + usize::from(hidden_final_syllable(last))
}

/// Whether a two-letter final segment split off by the patterns is a syllable.
fn two_letter_end_is_syllable(before: &str, end: &str) -> bool {
    let mut chars = end.chars();
    let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next()) else {
        return true;
    };
    match (first, second) {
        // "want-ed", "need-ed"; not "lik-ed".
        ('e', 'd') => before.ends_with('t') || before.ends_with('d'),
        // "box-es", "wish-es", "chang-es"; not "mak-es".
        ('e', 's') => ends_with_hiss(before),
        // "ta-ble" is a syllable, "dri-ve" is a silent e.
        ('l', 'e') => before.chars().last().is_some_and(|c| !is_vowel(c)),
        (c, 'e') if !is_vowel(c) => false,
        _ => true,
    }
}

/// Whether a final segment the patterns left whole hides one more syllable:
/// "wanted", "boxes", "table" with no break before the ending.
fn hidden_final_syllable(last: &str) -> bool {
    let chars: Vec<char> = last.chars().collect();
    let n = chars.len();
    if n < 4 {
        return false;
    }
    let stem = &chars[..n - 2];
    let stem_has_vowel = |upto: usize| stem[..upto].iter().any(|c| is_vowel(*c));
    match (chars[n - 2], chars[n - 1]) {
        ('e', 'd') => matches!(stem[n - 3], 't' | 'd') && stem_has_vowel(n - 3),
        ('e', 's') => {
            let stem: String = stem.iter().collect();
            let hiss_len = if stem.ends_with("ch") || stem.ends_with("sh") {
                2
            } else {
                1
            };
            ends_with_hiss(&stem) && stem_has_vowel(stem.chars().count() - hiss_len)
        }
        ('l', 'e') => !is_vowel(chars[n - 3]) && stem_has_vowel(n - 3),
        _ => false,
    }
}

fn ends_with_hiss(stem: &str) -> bool {
    ["s", "x", "z", "ch", "sh", "c", "g"]
        .iter()
        .any(|end| stem.ends_with(end))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn has_vowel(segment: &str) -> bool {
    segment.chars().any(is_vowel)
}

fn vowel_groups(word: &str) -> usize {
    let mut groups = 0;
    let mut previous = false;
    for c in word.chars() {
        let vowel = is_vowel(c);
        if vowel && !previous {
            groups += 1;
        }
        previous = vowel;
    }
    groups
}

/// Spanish vowels: whether strong (a, e, o), weak (i, u) or an accented weak vowel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SpanishVowel {
    Strong,
    Weak,
    StressedWeak,
}

fn spanish_vowel(word: &[char], i: usize) -> Option<SpanishVowel> {
    let c = word[i];
    let next = word.get(i + 1).copied();
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' => Some(SpanishVowel::Strong),
        'í' | 'ú' => Some(SpanishVowel::StressedWeak),
        'i' | 'ü' => Some(SpanishVowel::Weak),
        // The u of "que", "qui", "gue", "gui" is silent.
        'u' if i > 0
            && matches!(word[i - 1], 'q' | 'g')
            && matches!(next, Some('e' | 'i' | 'é' | 'í')) =>
        {
            None
        }
        'u' => Some(SpanishVowel::Weak),
        // "y" is a vowel alone ("y") or after a vowel and not before one ("hoy", "muy").
        'y' if next.is_none_or(|n| !is_spanish_vowel_letter(n))
            && ((i == 0 && next.is_none()) || (i > 0 && is_spanish_vowel_letter(word[i - 1]))) =>
        {
            Some(SpanishVowel::Weak)
        }
        _ => None,
    }
}

fn is_spanish_vowel_letter(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü'
    )
}

fn count_spanish(word: &str) -> usize {
    let chars: Vec<char> = word.chars().collect();
    let mut count = 0;
    let mut previous: Option<SpanishVowel> = None;
    for i in 0..chars.len() {
        let current = spanish_vowel(&chars, i);
        match (previous, current) {
            (_, None) => {}
            (None, Some(_)) => count += 1,
            (Some(a), Some(b)) => {
                let hiatus = (a == SpanishVowel::Strong && b == SpanishVowel::Strong)
                    || a == SpanishVowel::StressedWeak
                    || b == SpanishVowel::StressedWeak;
                if hiatus {
                    count += 1;
                }
            }
        }
        // A silent u ("que") does not break the run it sits in, but a consonant does.
        let silent_u = current.is_none() && chars[i] == 'u';
        if !silent_u {
            previous = current;
        }
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(word: &str) -> usize {
        count_syllables(word, Lang::En)
    }

    fn es(word: &str) -> usize {
        count_syllables(word, Lang::Es)
    }

    #[test]
    fn english_words_count_their_syllables() {
        for (word, n) in [
            ("kratom", 1),
            ("family", 3),
            ("withdrawal", 3),
            ("addiction", 3),
            ("recovery", 3),
            ("medicine", 3),
            ("medical", 3),
            ("everything", 3),
            ("the", 1),
            ("988", 1),
        ] {
            assert_eq!(en(word), n, "{word}");
        }
    }

    #[test]
    fn english_endings_follow_the_rules() {
        // A silent e, and -ed and -es that add no syllable.
        for (word, n) in [
            ("drive", 1),
            ("liked", 1),
            ("makes", 1),
            ("wanted", 2),
            ("needed", 2),
            ("boxes", 2),
            ("wishes", 2),
            ("table", 2),
            ("aches", 1),
            ("didn't", 2),
            ("don't", 1),
            ("wanting", 2),
        ] {
            assert_eq!(en(word), n, "{word}");
        }
    }

    #[test]
    fn spanish_counts_vowel_nuclei() {
        for (word, n) in [
            ("amor", 2),
            ("día", 2),
            ("poeta", 3),
            ("leer", 2),
            ("familia", 3),
            ("ciudad", 2),
            ("guerra", 2),
            ("aquí", 2),
            ("hoy", 1),
            ("muy", 1),
            ("y", 1),
            ("teléfono", 4),
            ("abstinencia", 4),
            ("síntomas", 3),
            ("náuseas", 3),
            ("diarrea", 3),
            ("pingüino", 3),
            ("ayuda", 3),
        ] {
            assert_eq!(es(word), n, "{word}");
        }
    }
}
