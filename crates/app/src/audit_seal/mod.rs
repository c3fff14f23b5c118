//! The seal of the audit trail, below the use-cases that write and check it: how a row is
//! chained and MACed (`chain`) and how the trail's head is written outside the database
//! (`anchor`). The application (`App`) and the storage port use these; the use-cases that
//! anchor and verify the trail are in `crate::audit`.

pub mod anchor;
pub mod chain;
