-- Lists of women sort by `name_key_reversed` (issue 17): the key is now spelled so that
-- byte order is Persian alphabetical order (`hamyar_domain::persian_order`): each letter of
-- «ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی» becomes the private-use character U+E000 + its place.
-- Unicode puts پ چ ژ ک گ after the Arabic letters and ه before و, so the old keys sorted
-- «کریمی» after «وکیلی». The keys were folded already (`search_key`), so respelling them
-- letter by letter here gives exactly what the application now writes. `name_key` (searched
-- by first name) keeps its spelling.

UPDATE women SET name_key_reversed = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(name_key_reversed, 'ء', ''), 'ا', ''), 'ب', ''), 'پ', ''), 'ت', ''), 'ث', ''), 'ج', ''), 'چ', ''), 'ح', ''), 'خ', ''), 'د', ''), 'ذ', ''), 'ر', ''), 'ز', ''), 'ژ', ''), 'س', ''), 'ش', ''), 'ص', ''), 'ض', ''), 'ط', ''), 'ظ', ''), 'ع', ''), 'غ', ''), 'ف', ''), 'ق', ''), 'ک', ''), 'گ', ''), 'ل', ''), 'م', ''), 'ن', ''), 'و', ''), 'ه', ''), 'ی', '');
