//! A map with a hard size limit whose eviction an attacker cannot use to reset a victim's
//! counters. When a new key arrives at a full table, entries that restrain nothing any more
//! (weight zero) go first, since forgetting them changes no answer. If that frees too little,
//! the weakest tenth goes: the entries that restrain least. To push out a victim's entry an
//! attacker must first fill nine tenths of the table with entries at least as heavy, and each
//! unit of weight is one failed password check, which the throttle and the hashing gate make
//! slow, while the victim's own entry is meanwhile decaying by itself. The sweep visits every
//! entry but frees at least a tenth of the table, so it runs once per many insertions.

use std::collections::HashMap;
use std::hash::Hash;

use jiff::Timestamp;

use super::restraint::Restraint;

#[derive(Debug)]
pub(crate) struct Table<K, V> {
    entries: HashMap<K, V>,
    capacity: usize,
}

impl<K: Hash + Eq, V: Restraint> Table<K, V> {
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: HashMap::new(),
            capacity: capacity.max(1),
        }
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.entries.get(key)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Stores `value` under `key`, making room first when `key` is new and the table full.
    pub fn put(&mut self, key: K, value: V, now: Timestamp) {
        if !self.entries.contains_key(&key) && self.entries.len() >= self.capacity {
            self.make_room(now);
        }
        self.entries.insert(key, value);
    }

    pub fn remove(&mut self, key: &K) {
        self.entries.remove(key);
    }

    fn make_room(&mut self, now: Timestamp) {
        self.entries.retain(|_, v| v.weight(now) > 0.0);
        let target = self.capacity - self.capacity.div_ceil(10);
        if self.entries.len() <= target {
            return;
        }
        let mut weights: Vec<f64> = self.entries.values().map(|v| v.weight(now)).collect();
        let surplus = self.entries.len() - target;
        let (_, threshold, _) = weights.select_nth_unstable_by(surplus - 1, f64::total_cmp);
        let threshold = *threshold;
        let lighter = weights.iter().filter(|w| **w < threshold).count();
        let mut ties_to_drop = surplus.saturating_sub(lighter);
        self.entries.retain(|_, v| {
            let weight = v.weight(now);
            if weight < threshold {
                false
            } else if weight == threshold && ties_to_drop > 0 {
                ties_to_drop -= 1;
                false
            } else {
                true
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed weight, for testing the table alone.
    #[derive(Debug, Clone, Copy)]
    struct Weight(f64);

    impl Restraint for Weight {
        fn weight(&self, _now: Timestamp) -> f64 {
            self.0
        }
    }

    #[test]
    fn a_full_table_drops_what_restrains_nothing_before_anything_else() {
        let now = Timestamp::UNIX_EPOCH;
        let mut table = Table::new(10);
        for key in 0..10 {
            table.put(key, Weight(if key < 5 { 0.0 } else { 3.0 }), now);
        }
        table.put(99, Weight(1.0), now);
        assert_eq!(table.len(), 6);
        assert!((5..10).all(|key| table.get(&key).is_some()));
    }

    #[test]
    fn a_flood_of_light_entries_never_pushes_out_a_heavy_one() {
        let now = Timestamp::UNIX_EPOCH;
        let mut table = Table::new(100);
        table.put(u32::MAX, Weight(20.0), now);
        for key in 0..100_000 {
            table.put(key, Weight(1.0), now);
        }
        assert!(table.len() <= 100);
        assert!(
            table.get(&u32::MAX).is_some(),
            "the victim's entry survived"
        );
    }

    #[test]
    fn ties_are_dropped_only_as_many_as_needed() {
        let now = Timestamp::UNIX_EPOCH;
        let mut table = Table::new(20);
        for key in 0..20 {
            table.put(key, Weight(2.0), now);
        }
        table.put(20, Weight(2.0), now);
        assert_eq!(
            table.len(),
            19,
            "two tied entries made room, not all of them"
        );
    }
}
