//! The hyphenation dictionaries of the two languages handout sets, compiled in.

use hyphenation::{Language, Load, Standard};

const ENGLISH: &[u8] = include_bytes!("../../dictionaries/en-us.standard.bincode");
const SPANISH: &[u8] = include_bytes!("../../dictionaries/es.standard.bincode");

/// The hyphenation language of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HyphenLang {
    /// American English patterns.
    English,
    /// Spanish patterns.
    Spanish,
}

/// A fresh copy of a language's dictionary; callers keep it for the process.
pub fn load_dictionary(lang: HyphenLang) -> Option<Standard> {
    let (mut bytes, language) = match lang {
        HyphenLang::English => (ENGLISH, Language::EnglishUS),
        HyphenLang::Spanish => (SPANISH, Language::Spanish),
    };
    Standard::from_reader(language, &mut bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyphenation::Hyphenator;

    #[test]
    fn both_dictionaries_load_and_hyphenate() {
        let en = load_dictionary(HyphenLang::English).expect("English loads");
        assert!(!en.hyphenate("information").breaks.is_empty());
        let es = load_dictionary(HyphenLang::Spanish).expect("Spanish loads");
        assert!(!es.hyphenate("información").breaks.is_empty());
    }
}
