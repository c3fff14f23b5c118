//! Persian letters as Persian is written. Text reaches Hamyar typed on Arabic keyboards or
//! pasted from Arabic-locale software, carrying the Arabic yeh (ي, and its dotless form ى)
//! and kaf (ك) where Persian writes ی and ک. They look alike in some fonts and not in others,
//! and a list that shows «فاطمه كريمي» beside «فاطمه کریمی» looks like two women. Names and
//! free text are therefore stored with the Persian letters; nothing else is changed (hamza
//! forms, ة and diacritics are the writer's choice). Searching is not affected: the folded
//! search key (`person_name::search_key`) already treats both forms as one.

/// The text with ي and ى written as ی, and ك as ک; every other character kept.
pub fn persian_letters(text: &str) -> String {
    text.chars().map(persian_letter).collect()
}

/// The Persian form of one letter, or the letter itself.
pub fn persian_letter(character: char) -> char {
    match character {
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_yeh_and_kaf_become_persian_and_nothing_else_changes() {
        assert_eq!(persian_letters("فاطمه كريمي"), "فاطمه کریمی");
        assert_eq!(persian_letters("مصطفى"), "مصطفی");
        assert_eq!(persian_letters("رئوف آقائی مؤمن ة"), "رئوف آقائی مؤمن ة");
        assert_eq!(persian_letters("Karimi 12"), "Karimi 12");
    }
}
