//! How many parts a text message takes. A message whose every character is in the GSM 03.38
//! 7-bit alphabet goes as 160 characters in one part or 153 per part when split (the
//! extension characters such as `€` and `{` take two); anything else — every Persian text —
//! goes as UCS-2: 70 UTF-16 units in one part, 67 per part when split. Providers bill per
//! part and phones reassemble at most a few, so templates are checked against a limit.

/// The encoding a text needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

/// A text's encoding, its length in that encoding's units and the parts it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segments {
    pub encoding: Encoding,
    pub units: usize,
    pub parts: usize,
}

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: &str = "^{}\\[~]|€\u{0C}";

/// Counts the parts `text` takes.
pub fn count(text: &str) -> Segments {
    let gsm_units: Option<usize> = text
        .chars()
        .map(|character| {
            if GSM_BASIC.contains(character) {
                Some(1)
            } else if GSM_EXTENSION.contains(character) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (encoding, units, single, per_part) = match gsm_units {
        Some(units) => (Encoding::Gsm7, units, 160, 153),
        None => (Encoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let parts = match units {
        0 => 1,
        units if units <= single => 1,
        units => units.div_ceil(per_part),
    };
    Segments {
        encoding,
        units,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn persian_text_is_ucs2_seventy_to_a_part_then_sixty_seven() {
        let seventy = "س".repeat(70);
        assert_eq!(count(&seventy).parts, 1);
        assert_eq!(count(&seventy).encoding, Encoding::Ucs2);
        assert_eq!(count(&"س".repeat(71)).parts, 2);
        assert_eq!(count(&"س".repeat(134)).parts, 2);
        assert_eq!(count(&"س".repeat(135)).parts, 3);
    }

    #[test]
    fn latin_text_is_gsm_with_extension_characters_counted_twice() {
        assert_eq!(count(&"a".repeat(160)).parts, 1);
        assert_eq!(count(&"a".repeat(161)).parts, 2);
        let with_euro = format!("{}€", "a".repeat(159));
        assert_eq!(count(&with_euro).units, 161);
        assert_eq!(count(&with_euro).parts, 2);
        assert_eq!(count("").parts, 1);
    }

    #[test]
    fn one_persian_letter_makes_the_whole_text_ucs2() {
        let mixed = format!("{}ب", "a".repeat(69));
        assert_eq!(count(&mixed).encoding, Encoding::Ucs2);
        assert_eq!(count(&mixed).parts, 1);
    }

    proptest! {
        #[test]
        fn the_parts_always_hold_the_units(text in "[a-zآ-ی ۰-۹]{0,400}") {
            let segments = count(&text);
            let (single, per_part) = match segments.encoding {
                Encoding::Gsm7 => (160, 153),
                Encoding::Ucs2 => (70, 67),
            };
            if segments.parts == 1 {
                prop_assert!(segments.units <= single);
            } else {
                prop_assert!(segments.units > single);
                prop_assert!(segments.units <= segments.parts * per_part);
                prop_assert!(segments.units > (segments.parts - 1) * per_part);
            }
        }
    }
}
