### Training and job preparation (crates/domain/src/training, crates/app/src/training).

## domain/src/training/completion.rs
training-percent_out_of_range = The share of sessions to attend is a number from 1 to 100.
