### The spreadsheet reader's and writer's errors (crates/exchange): files that cannot be
### opened, read or written, header rows that do not describe the registry, rows that are not
### text, and files refused for going past a read limit. Row and column numbers come in the
### language's digits without separators, as a spreadsheet shows them; limits and sizes with
### separators.

## A file as a whole, its rows and its format

# $path: the file's path, or (upload) for a file sent through the web page
# $reason: what the system said, as a word: not_found, permission_denied, storage_full or other
# $detail: the system's own explanation, in English (shown for the other reasons)
exchange-io_failed = فایل «{ $path }» خوانده یا نوشته نشد: { $reason ->
        [not_found] پیدا نشد
        [permission_denied] اجازهٔ دسترسی نیست
        [storage_full] فضای دیسک پر است
       *[other] { $detail }
    }
# $line: the spreadsheet row number
exchange-row_not_utf8 = ردیف { $line } با کدگذاری UTF-8 ذخیره نشده است. فایل را در اکسل باز کنید و با «Save As» و گزینهٔ «CSV UTF-8 (Comma delimited)» دوباره ذخیره کنید.
# $line: the spreadsheet row number
# $column: the column's number in the file (1 is the first)
# $value: the value found there, as the file has it
exchange-value_without_header = ردیف { $line } در ستون { $column } مقدار «{ $value }» دارد ولی این ستون عنوان ندارد.
# $line: the spreadsheet row number
# $detail: the CSV reader's explanation, in English
exchange-row_not_csv = ردیف { $line } به‌صورت CSV خوانده نشد ({ $detail }).
# $detail: the Excel reader's explanation, in English
exchange-xlsx_unreadable = فایل اکسل خوانده نشد ({ $detail }). آن را در اکسل باز و دوباره ذخیره کنید.
# $detail: the Excel writer's explanation, in English
exchange-xlsx_not_written = فایل اکسل ساخته نشد ({ $detail }).
# $name: the file's name as given
exchange-format_unsupported = «{ $name }» فایل CSV ({"\u200E"}.csv) یا اکسل ({"\u200E"}.xlsx) نیست. فایل‌های {"\u200E"}.xls قدیمی را در اکسل با قالب {"\u200E"}.xlsx دوباره ذخیره کنید.
# $expected: the format the file's name announces (exchange-format_csv or exchange-format_xlsx)
# $found: the format its content has (the same messages)
exchange-content_not_format = نام فایل قالب { $expected } را نشان می‌دهد ولی محتوای آن { $found } است.
exchange-format_csv = CSV
exchange-format_xlsx = اکسل (XLSX)
# $cells: the cells a row given to the writer has
# $columns: the columns of the sheet
exchange-row_width_wrong = ردیف { $cells } خانه دارد ولی جدول { $columns } ستون دارد.
# $max: the most rows an Excel sheet holds
exchange-too_many_rows_for_xlsx = برگهٔ اکسل بیش از { $max } ردیف نمی‌پذیرد؛ خروجی را با قالب CSV بگیرید.
# $line: the spreadsheet row number
# $max: the most characters an Excel cell holds
exchange-cell_too_long_for_xlsx = ردیف { $line } خانه‌ای بلندتر از { $max } نویسه دارد که در اکسل جا نمی‌شود.
exchange-writer_not_in_memory = این نویسنده در فایل می‌نویسد، نه در حافظه.

## The header row

header-row_missing = فایل خالی است یا ردیف عنوان ستون‌ها را ندارد. ردیف اول باید عنوان ستون‌ها باشد؛ فایل نمونه را دریافت کنید.
# $problems: what is wrong with the header row, one or more of the sentences below
header-not_as_template = { $problems } عنوان ستون‌ها باید مانند فایل نمونه باشد.
# $problems: the sentences so far
# $problem: the next sentence
header-problems_next = { $problems } { $problem }
# $columns: the headers the registry does not know (header-columns_first, header-columns_next)
header-unknown_columns = این ستون‌ها شناخته نشدند: { $columns }.
# $columns: the first unknown headers (header-columns_first, header-columns_next)
# $more: how many more unknown headers the row has
header-unknown_columns_and_more = این ستون‌ها شناخته نشدند: { $columns } و { $more } ستون دیگر.
# $columns: the columns given more than once (header-columns_first, header-columns_next)
header-repeated_columns = این ستون‌ها بیش از یک بار آمده‌اند: { $columns }.
# $columns: the required columns the file lacks (header-columns_first, header-columns_next)
header-missing_columns = این ستون‌های الزامی در فایل نیستند: { $columns }.
# $column: a header as the file has it, or the name of a column of the registry
header-columns_first = «{ $column }»
# $columns: the headers listed so far
# $column: the next header
header-columns_next = { $columns }، «{ $column }»

## Files refused for going past a read limit: each says what the file has too much of, where,
## and how much is allowed, and, where there is one, what to do instead.

# $amount: the limit's value (limit-size)
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-workbook_too_big = فایل اکسل پس از بازشدن بیش از { $amount } داده دارد{ $at }؛ حداکثر مجاز { $amount } است. فهرست را با قالب CSV یا در چند فایل کوچک‌تر وارد کنید.
# $amount: the most parts allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_parts = فایل اکسل بیش از { $amount } بخش دارد{ $at }؛ حداکثر مجاز { $amount } بخش است. فایل را در اکسل باز و دوباره ذخیره کنید.
# $amount: the most rows allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_rows = فایل بیش از { $amount } ردیف دارد{ $at }؛ حداکثر مجاز { $amount } ردیف است.
# $amount: the most columns allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_columns = فایل بیش از { $amount } ستون دارد{ $at }؛ حداکثر مجاز { $amount } ستون است.
# $amount: the most cells allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_cells = فایل بیش از { $amount } خانه دارد{ $at }؛ حداکثر مجاز { $amount } خانه است.
# $amount: the longest row or text allowed (limit-size)
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-line_too_long = فایل ردیف یا متنی بلندتر از { $amount } دارد{ $at }؛ حداکثر مجاز { $amount } است.
# $amount: the most room the texts may take (limit-size)
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-texts_too_big = متن‌های فایل اکسل بیش از { $amount } جا می‌گیرند{ $at }؛ حداکثر مجاز { $amount } است. فهرست را در اکسل با قالب «CSV UTF-8» ذخیره و آن فایل را وارد کنید.
# $number: how many of the unit
# $unit: gb, mb, kb or bytes
limit-size = { $number } { $unit ->
        [gb] گیگابایت
        [mb] مگابایت
        [kb] کیلوبایت
       *[bytes] بایت
    }
# The place of a refusal follows the words before it directly, so it starts with its own space.
# $row: the spreadsheet row number
limit-at_row = {" "}(ردیف { $row })
# $cell: a cell reference such as XFD1
limit-at_cell = {" "}(خانهٔ { $cell })
# $part: a part of the Excel file, such as xl/sharedStrings.xml
limit-at_part = {" "}(در بخش { $part })
