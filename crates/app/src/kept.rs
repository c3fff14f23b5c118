//! What the application keeps between requests for the areas that own it (today: the
//! dashboards' kept sheets, `figures::recent`). `App` holds one `Kept` and knows nothing of
//! the types kept in it, so the application does not depend on the areas it serves; each
//! area asks for its own type and gets the one shared value for the life of the `App` and
//! its clones.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One value per type, made on first use.
#[derive(Default)]
pub struct Kept {
    slots: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Kept {
    /// The value of type `T`, made with `T::default()` the first time it is asked for.
    pub fn get<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        let mut slots = self
            .slots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let slot = slots
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()));
        Arc::clone(slot)
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("a slot holds the type it is keyed by"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_has_one_shared_value() {
        let kept = Kept::default();
        let first = kept.get::<Mutex<Vec<u8>>>();
        first.lock().unwrap().push(7);
        assert_eq!(*kept.get::<Mutex<Vec<u8>>>().lock().unwrap(), vec![7]);
        assert_eq!(*kept.get::<Mutex<String>>().lock().unwrap(), "");
    }
}
