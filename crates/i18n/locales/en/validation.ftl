### Validation of the domain's values: national ID, mobile, Sheba, names, dates, money, places,
### ledger transactions, payments and their evidence. Each message explains what is wrong
### without naming the field; the page puts the field's label before it.

national_id-empty = national ID is empty
national_id-not_digits = national ID may contain only digits
national_id-wrong_length = national ID must have 10 digits (got { $length })
national_id-repeated_digit = national ID cannot be one repeated digit
national_id-wrong_check_digit = national ID check digit is wrong

mobile-empty = mobile number is empty
mobile-invalid_character = mobile number may contain only digits, spaces, dashes, parentheses and a leading +
mobile-foreign = only Iranian mobile numbers (+98) are accepted
mobile-wrong_length = mobile number must have 11 digits in the form 09XXXXXXXXX
mobile-not_mobile = mobile number must start with 09

sheba-empty = Sheba number is empty
sheba-missing_prefix = Sheba number must start with IR
sheba-not_digits = Sheba number must have 24 digits after IR
sheba-wrong_length = Sheba number must have 24 digits after IR (got { $count })
sheba-wrong_check_digits = Sheba number check digits are wrong

name-empty = name is empty
name-too_long = name must be at most 100 characters (got { $length })
name-no_letter = name must contain at least one letter
name-contains_digit = name must not contain digits
name-control_character = name contains an invisible control character

date-empty = date is empty
date-malformed = date must look like 1405/09/07 or 7 Azar 1405
date-year_not_four_digits = year must have four digits, like 1405
date-month_out_of_range = month must be between 1 and 12 (got { $month })
date-unknown_month_name = unknown month name "{ $name }"
date-unknown_weekday = unknown weekday name "{ $name }"
date-day_zero = day of month must start at 1
date-day_out_of_range = { $month ->
        [1] Farvardin
        [2] Ordibehesht
        [3] Khordad
        [4] Tir
        [5] Mordad
        [6] Shahrivar
        [7] Mehr
        [8] Aban
        [9] Azar
        [10] Dey
        [11] Bahman
        [12] Esfand
       *[other] the month
    } { $year } has only { $max } days
date-year_out_of_range = year { $year } is outside the supported range
date-invalid_iso = Gregorian date must be a valid YYYY-MM-DD

amount-empty = amount is empty
amount-decimal = amount must be a whole number of rials, without decimals
amount-invalid_character = amount may contain only digits, thousands separators and a leading minus
amount-overflow = amount is too large
money_unit-unknown = unknown money unit "{ $text }"; expected rial, toman or new_rial

place_kind-unknown = unknown place kind "{ $text }"; expected country, province or county

account_kind-unknown = unknown account kind “{ $code }”
transaction-too_few_postings = a transaction needs at least two postings, got { $count }
transaction-zero_amount = posting to account { $account } has a zero amount
transaction-account_twice = account { $account } appears twice
transaction-unbalanced = postings sum to { $sum } rials instead of zero
transaction-overflow = amounts are too large to add up
transaction-description_empty = description is empty
transaction-description_too_long = description has { $chars } characters, more than 500
transaction-key_empty = idempotency key is empty
transaction-key_too_long = idempotency key has { $chars } characters, more than 100
transaction-key_not_printable = idempotency key has characters other than printable ASCII

payment-cannot = a payment that is { $status ->
        [proposed] proposed
        [approved] approved
        [paid] paid
        [rejected] rejected
       *[cancelled] cancelled
    } cannot be { $action ->
        [approve] approved
        [reject] rejected
        [pay] paid
       *[cancel] cancelled
    }
evidence-empty = the file is empty
evidence-too_large = the file is { $size } bytes, more than 10 MiB
evidence-not_accepted = only PDF, JPEG and PNG files are accepted

## domain/src/jalali.rs
# $date: the date, in words in Persian (۷ آذر ۱۴۰۵) and in figures in English (1405/09/07)
# $weekday: the weekday that date falls on
date-weekday_mismatch = weekday does not match the date: { $date } is a { $weekday }
