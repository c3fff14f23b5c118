### Training and job preparation (crates/domain/src/training, crates/app/src/training).

## domain/src/training/completion.rs
training-percent_out_of_range = سهم جلسه‌هایی که باید حاضر بود عددی از ۱ تا ۱۰۰ است.
