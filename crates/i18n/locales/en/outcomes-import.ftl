### Imports and exports of assessment forms (crates/app/src/imports, crates/app/src/outcomes/export.rs).
