### Imports and exports of assessment forms (crates/app/src/imports, crates/app/src/outcomes/export.rs).

## the import page's kinds
# $instrument: the instrument's title
outcomes-import-kind = فرم‌های تکمیل‌شدهٔ { $instrument }
outcomes-import-hint = یک ردیف برای هر فرم کاغذی: کد ملی، تاریخ تکمیل، نوبت، یادداشت و سپس یک ستون برای هر پرسش؛ فرم‌هایی که پیش‌تر ثبت شده‌اند کنار گذاشته می‌شوند

## problems of a row
outcomes-import-no_woman = زنی با این کد ملی در محدودهٔ شما ثبت نشده است.
outcomes-import-unknown_occasion = نوبت شناخته نشد: پایه، پیگیری ۱، پیگیری ۲، …، خروج، ۶ ماه پس از خروج یا ۱۲ ماه پس از خروج بنویسید، یا خالی بگذارید.
# $taken_on: the day of the form already recorded
outcomes-import-other_form_present = برای این نوبت فرم دیگری با پاسخ‌های دیگر (تکمیل‌شده در { $taken_on }) ثبت شده است؛ فرم دوم ثبت نمی‌شود.
# $version: the instrument's latest version
outcomes-import-instrument_changed = از این پرسشنامه نسخهٔ { $version } افزوده شده است؛ الگوی تازه را بگیرید و فایل را دوباره بفرستید.
