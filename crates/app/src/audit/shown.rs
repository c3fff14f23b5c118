//! Rows that record what a page showed about many women at once — a page of the registry
//! list, an export, a group's members, a money report by woman. Such a row names each woman
//! as a subject ([`AuditSubject`], kept in `audit_subjects` and covered by the row's MAC),
//! with her own province and county, so that the subject filter (entity `woman`, her id)
//! finds the row and an auditor of her county sees it. The row itself is placed at the
//! narrowest place holding all of them ([`common_place`]).

use crate::access::PlaceId;
use crate::ports::AuditSubject;

/// The women's subjects from `(id, province, county)`.
pub(crate) fn women_subjects(
    women: impl IntoIterator<Item = (crate::ports::registry::WomanId, PlaceId, PlaceId)>,
) -> Vec<AuditSubject> {
    women
        .into_iter()
        .map(|(id, province, county)| AuditSubject::woman(id, Some(province), Some(county)))
        .collect()
}

/// Their county when all subjects share one, else their province when they share one, else
/// the country (`None`, `None`).
pub(crate) fn common_place(subjects: &[AuditSubject]) -> (Option<PlaceId>, Option<PlaceId>) {
    let shared = |place: fn(&AuditSubject) -> Option<PlaceId>| {
        let first = subjects.first().and_then(place)?;
        subjects
            .iter()
            .all(|subject| place(subject) == Some(first))
            .then_some(first)
    };
    let province = shared(|s| s.province_id);
    let county = province.and_then(|_| shared(|s| s.county_id));
    (province, county)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::PlaceId;
    use crate::ports::registry::WomanId;

    fn p(id: i64) -> PlaceId {
        PlaceId::new(id)
    }

    #[test]
    fn women_of_one_county_place_the_row_in_their_county() {
        let subjects = women_subjects([
            (WomanId::new(1), p(18), p(1801)),
            (WomanId::new(2), p(18), p(1801)),
        ]);
        assert_eq!(common_place(&subjects), (Some(p(18)), Some(p(1801))));
    }

    #[test]
    fn women_of_two_counties_place_the_row_in_their_province() {
        let subjects = women_subjects([
            (WomanId::new(1), p(18), p(1801)),
            (WomanId::new(2), p(18), p(1802)),
        ]);
        assert_eq!(common_place(&subjects), (Some(p(18)), None));
    }

    #[test]
    fn women_of_two_provinces_place_the_row_in_the_country() {
        let subjects = women_subjects([
            (WomanId::new(1), p(18), p(1801)),
            (WomanId::new(2), p(19), p(1901)),
        ]);
        assert_eq!(common_place(&subjects), (None, None));
        assert_eq!(common_place(&[]), (None, None));
    }
}
