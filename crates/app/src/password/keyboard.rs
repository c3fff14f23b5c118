//! Reading a password typed in Persian as the keys that were pressed. On the standard Persian
//! keyboard (ISIRI 9147, and the older Windows layout) every letter sits on a Latin key, so
//! «ضصثقفغ» is "qwerty" pressed with the layout switched and «حشسسصخقی» is "password": a
//! person who types a familiar Latin word or key run without switching layouts picks a
//! password exactly as guessable as the Latin one. The strength check looks at both readings.

/// The Latin key under each Persian (and Arabic-keyboard) letter.
const KEYS: &[(char, char)] = &[
    ('ض', 'q'),
    ('ص', 'w'),
    ('ث', 'e'),
    ('ق', 'r'),
    ('ف', 't'),
    ('غ', 'y'),
    ('ع', 'u'),
    ('ه', 'i'),
    ('ة', 'i'),
    ('ۀ', 'i'),
    ('خ', 'o'),
    ('ح', 'p'),
    ('ج', '['),
    ('چ', ']'),
    ('ش', 'a'),
    ('س', 's'),
    ('ی', 'd'),
    ('ي', 'd'),
    ('ى', 'd'),
    ('ب', 'f'),
    ('ل', 'g'),
    ('ا', 'h'),
    ('آ', 'h'),
    ('أ', 'h'),
    ('إ', 'h'),
    ('ت', 'j'),
    ('ن', 'k'),
    ('م', 'l'),
    ('ک', ';'),
    ('ك', ';'),
    ('گ', '\''),
    ('ظ', 'z'),
    ('ط', 'x'),
    ('ز', 'c'),
    ('ژ', 'c'),
    ('ر', 'v'),
    ('ذ', 'b'),
    ('د', 'n'),
    // ISIRI 9147 has پ on M; the older Windows layout has ئ there and پ on the backslash key.
    ('پ', 'm'),
    ('ئ', 'm'),
    ('ء', 'm'),
    ('و', ','),
    ('ؤ', ','),
    ('؟', '?'),
];

/// The zero-width non-joiner Persian typists put inside words; it adds nothing to guess.
const ZWNJ: char = '\u{200C}';

/// The key pressed for `letter`, when it is a Persian letter.
fn key_of(letter: char) -> Option<char> {
    KEYS.iter().find(|(l, _)| *l == letter).map(|(_, k)| *k)
}

/// `text` as Latin keys, when it has at least one Persian letter; digits of any script are
/// folded to ASCII and other characters kept.
pub(crate) fn latin_keys(text: &str) -> Option<String> {
    let mut any_persian = false;
    let keys: String = text
        .chars()
        .filter(|c| *c != ZWNJ)
        .map(|c| match key_of(c) {
            Some(key) => {
                any_persian = true;
                key
            }
            None => hamyar_domain::digits::latin_digit(c).unwrap_or(c),
        })
        .collect();
    any_persian.then_some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_letters_read_as_the_latin_keys_under_them() {
        assert_eq!(latin_keys("ضصثقفغ").as_deref(), Some("qwerty"));
        assert_eq!(latin_keys("حشسسصخقی").as_deref(), Some("password"));
        assert_eq!(latin_keys("ضصثقفغعهخح").as_deref(), Some("qwertyuiop"));
        assert_eq!(latin_keys("ایران۱۴۰۵").as_deref(), Some("hdvhk1405"));
    }

    #[test]
    fn text_without_persian_letters_has_no_second_reading() {
        assert_eq!(latin_keys("Correct-Horse-9"), None);
        assert_eq!(latin_keys("۱۲۳۴۵۶"), None);
    }
}
