//! The identifiers of stored records, declared in the domain (`hamyar_domain::ids`) and
//! re-exported here so the ports and use-cases name them from one place.

pub use hamyar_domain::ids::*;
