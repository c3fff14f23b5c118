### The spreadsheet reader's and writer's errors (crates/exchange): files that cannot be
### opened, read or written, header rows that do not describe the registry, rows that are not
### text, and files refused for going past a read limit. Row and column numbers come in the
### language's digits without separators, as a spreadsheet shows them; limits and sizes with
### separators.

## A file as a whole, its rows and its format

# $path: the file's path, or (upload) for a file sent through the web page
# $reason: what the system said, as a word: not_found, permission_denied, storage_full or other
# $detail: the system's own explanation, in English (shown for every reason in English)
exchange-io_failed = cannot read or write { $path }: { $reason ->
       *[other] { $detail }
    }
# $line: the spreadsheet row number
exchange-row_not_utf8 = row { $line } is not UTF-8 text; open the file in Excel and save it again as "CSV UTF-8 (Comma delimited)"
# $line: the spreadsheet row number
# $column: the column's number in the file (1 is the first)
# $value: the value found there, as the file has it
exchange-value_without_header = row { $line } has the value "{ $value }" in column { $column }, which has no header
# $line: the spreadsheet row number
# $detail: the CSV reader's explanation, in English
exchange-row_not_csv = row { $line } cannot be read as CSV: { $detail }
# $detail: the Excel reader's explanation, in English
exchange-xlsx_unreadable = cannot read the Excel file: { $detail }
# $detail: the Excel writer's explanation, in English
exchange-xlsx_not_written = cannot write the Excel file: { $detail }
# $name: the file's name as given
exchange-format_unsupported = "{ $name }" is neither a CSV (.csv) nor an Excel (.xlsx) file
# $expected: the format the file's name announces (exchange-format_csv or exchange-format_xlsx)
# $found: the format its content has (the same messages)
exchange-content_not_format = the file is named as { $expected } but its content is { $found }
exchange-format_csv = CSV
exchange-format_xlsx = XLSX
# $cells: the cells a row given to the writer has
# $columns: the columns of the sheet
exchange-row_width_wrong = a row has { $cells } cells but the sheet has { $columns } columns
# $max: the most rows an Excel sheet holds
exchange-too_many_rows_for_xlsx = Excel sheets hold at most { $max } rows; export as CSV instead
# $line: the spreadsheet row number
# $max: the most characters an Excel cell holds
exchange-cell_too_long_for_xlsx = row { $line } has a cell longer than the { $max } characters an Excel cell can hold
exchange-writer_not_in_memory = this writer writes a file, not bytes in memory

## The header row

header-row_missing = The file is empty or has no header row. The first row must hold the column headers; download the template.
# $problems: what is wrong with the header row, one or more of the sentences below
header-not_as_template = { $problems } Headers must be as in the template.
# $problems: the sentences so far
# $problem: the next sentence
header-problems_next = { $problems } { $problem }
# $columns: the headers the registry does not know (header-columns_first, header-columns_next)
header-unknown_columns = Unknown columns: { $columns }.
# $columns: the first unknown headers (header-columns_first, header-columns_next)
# $more: how many more unknown headers the row has
header-unknown_columns_and_more = Unknown columns: { $columns } and { $more } more.
# $columns: the columns given more than once (header-columns_first, header-columns_next)
header-repeated_columns = Columns given more than once: { $columns }.
# $columns: the required columns the file lacks (header-columns_first, header-columns_next)
header-missing_columns = Required columns missing: { $columns }.
# $column: a header as the file has it, or the name of a column of the registry
header-columns_first = "{ $column }"
# $columns: the headers listed so far
# $column: the next header
header-columns_next = { $columns }, "{ $column }"

## Files refused for going past a read limit: each says what the file has too much of, where,
## and how much is allowed, and, where there is one, what to do instead.

# $amount: the limit's value (limit-size)
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-workbook_too_big = The Excel file unpacks to more than { $amount } of data{ $at }; at most { $amount } is allowed. Import the list as CSV or in smaller files.
# $amount: the most parts allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_parts = The Excel file holds more than { $amount } parts{ $at }; at most { $amount } are allowed. Open it in Excel and save it again.
# $amount: the most rows allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_rows = The file has more than { $amount } rows{ $at }; at most { $amount } rows are allowed.
# $amount: the most columns allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_columns = The file has more than { $amount } columns{ $at }; at most { $amount } columns are allowed.
# $amount: the most cells allowed
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-too_many_cells = The file has more than { $amount } cells{ $at }; at most { $amount } are allowed.
# $amount: the longest row or text allowed (limit-size)
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-line_too_long = The file has a row or a piece of text longer than { $amount }{ $at }; at most { $amount } is allowed.
# $amount: the most room the texts may take (limit-size)
# $at: where in the file (limit-at_row, limit-at_cell or limit-at_part), or nothing
limit-texts_too_big = The texts of the Excel file take more than { $amount }{ $at }; at most { $amount } is allowed. Save the list in Excel as "CSV UTF-8" and import that file.
# $number: how many of the unit
# $unit: gb, mb, kb or bytes
limit-size = { $number } { $unit ->
        [gb] GB
        [mb] MB
        [kb] KB
       *[bytes] bytes
    }
# The place of a refusal follows the words before it directly, so it starts with its own space.
# $row: the spreadsheet row number
limit-at_row = {" "}(row { $row })
# $cell: a cell reference such as XFD1
limit-at_cell = {" "}(cell { $cell })
# $part: a part of the Excel file, such as xl/sharedStrings.xml
limit-at_part = {" "}(in { $part })
