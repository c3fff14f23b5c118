//! The last few dashboards and figure sheets computed, kept with the database's data version
//! of the moment their reading began, so that the next person who asks for the same place and
//! span while nothing has been written gets the same answer without reading the country again
//! (the country's dashboard reads for ~300 ms at national scale; five national experts
//! asking at once would queue behind each other on two cores).
//!
//! An answer is handed out again only when the version read now equals the one read before
//! it was computed: any commit — through this server, another server of the same PostgreSQL
//! database, or a `hamyar` command on the same SQLite file — changes the version, so a kept
//! answer is never older than the data. Where the engine cannot tell (an in-memory
//! database), nothing is kept. The key holds everything the answer depends on besides the
//! data: who may see it (scope, and whether money is shown), what was asked, and the day.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use hamyar_domain::JalaliDate;

use crate::access::Scope;
use crate::dashboard::DashboardRequest;

/// How many answers are kept; the oldest goes first. A country-wide answer is a few hundred
/// kilobytes at most, so this bounds the memory to a few megabytes.
const KEPT: usize = 32;

/// What an answer depends on besides the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SheetKey {
    pub scope: Scope,
    pub money: bool,
    pub request: DashboardRequest,
    pub today: JalaliDate,
}

struct Kept<T> {
    key: SheetKey,
    version: String,
    answer: Arc<T>,
}

/// The kept answers (for the app: a dashboard and its figure sheet, shared by everyone who
/// asked while the data stood still), newest last.
pub(crate) struct RecentSheets<T> {
    kept: Mutex<VecDeque<Kept<T>>>,
}

impl<T> Default for RecentSheets<T> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(VecDeque::new()),
        }
    }
}

impl<T> RecentSheets<T> {
    /// The answer kept for `key` when it was computed at `version`.
    pub(crate) fn get(&self, key: &SheetKey, version: &str) -> Option<Arc<T>> {
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.iter()
            .find(|entry| entry.key == *key && entry.version == version)
            .map(|entry| entry.answer.clone())
    }

    /// Keeps `answer`, computed after `version` was read, in place of any older one for `key`.
    pub(crate) fn put(&self, key: SheetKey, version: String, answer: Arc<T>) {
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.retain(|entry| entry.key != key);
        if kept.len() >= KEPT {
            kept.pop_front();
        }
        kept.push_back(Kept {
            key,
            version,
            answer,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamyar_domain::FiscalYear;

    fn key(place: i64) -> SheetKey {
        let place = crate::access::PlaceId::new(place);
        let today = JalaliDate::new(1405, 9, 14).unwrap();
        SheetKey {
            scope: Scope::Country,
            money: true,
            request: DashboardRequest {
                place_id: Some(place),
                year: FiscalYear::of(today),
                from: None,
                to: None,
            },
            today,
        }
    }

    fn answer() -> Arc<u32> {
        Arc::new(0)
    }

    #[test]
    fn an_answer_is_given_again_only_for_its_key_and_its_version() {
        let recent = RecentSheets::<u32>::default();
        let first = answer();
        recent.put(key(1), "7".into(), first.clone());
        assert!(Arc::ptr_eq(&recent.get(&key(1), "7").unwrap(), &first));
        assert!(recent.get(&key(1), "8").is_none(), "written since");
        assert!(recent.get(&key(2), "7").is_none(), "another place");
        let mut other = key(1);
        other.money = false;
        assert!(recent.get(&other, "7").is_none(), "a reader without money");
        recent.put(key(1), "8".into(), answer());
        assert!(recent.get(&key(1), "7").is_none(), "replaced");
    }

    #[test]
    fn the_oldest_answer_goes_first() {
        let recent = RecentSheets::<u32>::default();
        for place in 0..=KEPT as i64 {
            recent.put(key(place), "1".into(), answer());
        }
        assert!(recent.get(&key(0), "1").is_none());
        assert!(recent.get(&key(KEPT as i64), "1").is_some());
    }
}
