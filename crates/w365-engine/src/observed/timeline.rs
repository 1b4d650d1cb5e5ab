//! A role's dated change timeline, and the role as it was on a date.

use super::{HistoryEntry, RoleHistory, TimelineError};
use crate::bundle::Catalog;
use crate::model::{PermissionBlock, Plane, Role};
use crate::pattern::ActionPattern;
use serde::Serialize;

/// What was added or removed on which date, with the size after each change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// Role name.
    pub role: String,
    /// Its plane.
    pub plane: Plane,
    /// Where the observed definition comes from.
    pub source: String,
    /// The last day of the capture.
    pub captured_until: String,
    /// Size of the first captured list.
    pub first_count: usize,
    /// Size today.
    pub current_count: usize,
    /// Number of dated changes after the first capture.
    pub changes: usize,
    /// The first capture, then each change.
    pub entries: Vec<TimelineEntry>,
}

/// One point of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// `2023-12-04`
    pub date: String,
    /// The capture's commit (abbreviated).
    pub commit: String,
    /// The first capture (everything it held is listed as added).
    pub first: bool,
    /// Added that day.
    pub added: Vec<String>,
    /// Removed that day.
    pub removed: Vec<String>,
    /// How many actions the role held after the change.
    pub count: usize,
}

impl Timeline {
    fn build(h: &RoleHistory, captured_until: &str) -> Timeline {
        let mut count = 0usize;
        let entries: Vec<TimelineEntry> = h
            .entries
            .iter()
            .enumerate()
            .map(|(i, e): (usize, &HistoryEntry)| {
                count = (count + e.added.len()).saturating_sub(e.removed.len());
                TimelineEntry {
                    date: e.date.clone(),
                    commit: e.commit.clone(),
                    first: i == 0,
                    added: e.added.clone(),
                    removed: e.removed.clone(),
                    count,
                }
            })
            .collect();
        Timeline {
            role: h.role.clone(),
            plane: h.plane,
            source: h.source.clone(),
            captured_until: captured_until.to_string(),
            first_count: entries.first().map_or(0, |e| e.count),
            current_count: count,
            changes: entries.len().saturating_sub(1),
            entries,
        }
    }

    /// The actions held at the end of `date` (`YYYY-MM-DD`), in the order they
    /// first appeared; `None` before the first capture.
    pub fn as_of(&self, date: &str) -> Option<Vec<String>> {
        let first = self.entries.first()?;
        if date < first.date.as_str() {
            return None;
        }
        let mut held: Vec<String> = Vec::new();
        for e in self.entries.iter().take_while(|e| e.date.as_str() <= date) {
            held.retain(|a| !e.removed.iter().any(|r| r == a));
            held.extend(e.added.iter().cloned());
        }
        Some(held)
    }

    /// The dates at which an action was added or removed: `(date, added?)`.
    pub fn of_action(&self, action: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        for e in &self.entries {
            if e.added.iter().any(|a| a.eq_ignore_ascii_case(action)) {
                out.push((e.date.as_str(), true));
            }
            if e.removed.iter().any(|a| a.eq_ignore_ascii_case(action)) {
                out.push((e.date.as_str(), false));
            }
        }
        out
    }
}

fn history<'c>(
    catalog: &'c Catalog,
    role: &str,
) -> Result<(&'c Role, &'c RoleHistory), TimelineError> {
    let histories = &catalog.windows365.observed.histories;
    let Some((_, r)) = catalog.role(role) else {
        return Err(TimelineError::UnknownRole {
            reference: role.to_string(),
            suggestion: crate::fuzzy::closest_or_completion(
                role,
                histories.iter().map(|h| h.role.as_str()),
            )
            .map(str::to_string),
        });
    };
    histories
        .iter()
        .find(|h| h.role == r.name)
        .map(|h| (r, h))
        .ok_or_else(|| TimelineError::NoTimeline {
            role: r.name.clone(),
        })
}

/// The change timeline of a built-in Cloud PC or Intune role (name, alias or id).
pub fn timeline(catalog: &Catalog, role: &str) -> Result<Timeline, TimelineError> {
    let (_, h) = history(catalog, role)?;
    Ok(Timeline::build(
        h,
        &catalog.windows365.observed.captured_until,
    ))
}

/// Why `s` is not a calendar date written `YYYY-MM-DD` (the proleptic Gregorian
/// calendar: February has 29 days in years divisible by 4, except centuries not
/// divisible by 400), or `None` when it is one.
pub(crate) fn date_problem(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Some("use `YYYY-MM-DD`".into());
    }
    let number = |r: std::ops::Range<usize>| {
        b.get(r)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(name) = month.checked_sub(1).and_then(|m| MONTHS.get(m as usize)) else {
        return Some(format!("there is no month {month} (use `YYYY-MM-DD`)"));
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 {
        return Some("there is no day 0".into());
    }
    if day > days {
        return Some(format!("{name} {year} has {days} days"));
    }
    None
}

/// For a date after the capture's last day: a note that the record ends then, so
/// the actions shown are those of that last day (Graph may have changed the role
/// since). `None` for a date within the capture. Dates are `YYYY-MM-DD`, compared
/// as text.
pub fn after_capture(catalog: &Catalog, date: &str) -> Option<String> {
    let until = &catalog.windows365.observed.captured_until;
    (!until.is_empty() && date > until.as_str()).then(|| {
        format!(
            "the observed record ends on {until}: the actions shown for {date} are those Microsoft Graph returned on {until}; any change after that day is not in the data"
        )
    })
}

/// The role as it was at the end of `date`: same name, its actions then,
/// `version_date` set to the date and `@date` appended to its id (so that it never
/// resolves in place of the current version).
pub fn version_as_of(catalog: &Catalog, role: &str, date: &str) -> Result<Role, TimelineError> {
    if let Some(problem) = date_problem(date) {
        return Err(TimelineError::BadDate {
            date: date.to_string(),
            problem,
        });
    }
    let (r, h) = history(catalog, role)?;
    let t = Timeline::build(h, &catalog.windows365.observed.captured_until);
    let actions = t.as_of(date).ok_or_else(|| TimelineError::BeforeFirst {
        role: r.name.clone(),
        date: date.to_string(),
        first: t
            .entries
            .first()
            .map(|e| e.date.clone())
            .unwrap_or_default(),
    })?;
    let mut v = r.clone();
    v.blocks = vec![PermissionBlock {
        actions: actions
            .iter()
            .filter_map(|a| ActionPattern::new(a).ok())
            .collect(),
        ..Default::default()
    }];
    v.version_date = Some(date.to_string());
    v.id = format!("{}@{date}", r.id);
    v.aliases.clear();
    let first = match after_capture(catalog, date) {
        Some(_) => format!(
            "As Microsoft Graph last returned it, on {} ({} actions): the record ends then, before {date}.",
            catalog.windows365.observed.captured_until,
            actions.len()
        ),
        None => format!(
            "As Microsoft Graph returned it on {date} ({} actions; {} today).",
            actions.len(),
            t.current_count
        ),
    };
    v.notes.insert(0, first);
    Ok(v)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn cloud_pc_administrator_grew_from_58_to_100_in_18_changes() {
        let cat = catalog().unwrap();
        let t = timeline(cat, "Cloud PC Administrator").unwrap();
        assert_eq!((t.first_count, t.current_count, t.changes), (58, 100, 18));
        assert_eq!(
            t.of_action("Microsoft.CloudPC/Reports/Export"),
            [("2023-05-18", true), ("2023-12-04", false)]
        );
        assert_eq!(
            t.of_action("Microsoft.CloudPC/BulkActions/Write"),
            [
                ("2023-09-04", true),
                ("2025-07-30", false),
                ("2025-08-01", true)
            ]
        );
        assert_eq!(t.as_of("2025-07-31").unwrap().len(), 92);
        assert!(t.as_of("2023-05-17").is_none());
    }

    #[test]
    fn a_date_after_the_capture_says_the_record_ends() {
        let cat = catalog().unwrap();
        assert_eq!(after_capture(cat, "2025-12-19"), None);
        let note = after_capture(cat, "2026-06-01").unwrap();
        assert!(
            note.starts_with("the observed record ends on 2025-12-19"),
            "{note}"
        );
        let v = version_as_of(cat, "Cloud PC Reader", "2026-06-01").unwrap();
        assert_eq!(v.blocks[0].actions.len(), 31);
        assert!(
            v.notes[0].contains("the record ends then, before 2026-06-01"),
            "{}",
            v.notes[0]
        );
    }

    #[test]
    fn a_dated_version_is_a_role() {
        let cat = catalog().unwrap();
        let v = version_as_of(cat, "cloud pc reader", "2023-05-18").unwrap();
        assert_eq!(v.blocks[0].actions.len(), 15);
        assert_eq!(v.version_date.as_deref(), Some("2023-05-18"));
        assert!(matches!(
            version_as_of(cat, "Cloud PC Reader", "2023-5-18"),
            Err(TimelineError::BadDate { .. })
        ));
        for (bad, why) in [
            (
                "2023-13-45",
                "`2023-13-45` is not a date: there is no month 13",
            ),
            (
                "2023-00-10",
                "`2023-00-10` is not a date: there is no month 0",
            ),
            (
                "2024-02-30",
                "`2024-02-30` is not a date: February 2024 has 29 days",
            ),
            (
                "2023-02-29",
                "`2023-02-29` is not a date: February 2023 has 28 days",
            ),
            (
                "1900-02-29",
                "`1900-02-29` is not a date: February 1900 has 28 days",
            ),
            (
                "2024-04-31",
                "`2024-04-31` is not a date: April 2024 has 30 days",
            ),
            (
                "2024-01-00",
                "`2024-01-00` is not a date: there is no day 0",
            ),
            ("20230518", "`20230518` is not a date: use `YYYY-MM-DD`"),
        ] {
            let e = version_as_of(cat, "Cloud PC Reader", bad).unwrap_err();
            assert!(e.to_string().starts_with(why), "{bad}: {e}");
        }
        for good in ["2024-02-29", "2000-02-29", "2024-04-30", "2025-12-31"] {
            assert_eq!(date_problem(good), None, "{good}");
        }
        assert!(version_as_of(cat, "Cloud PC Reader", "2024-02-29").is_ok());
        assert!(matches!(
            version_as_of(cat, "Cloud PC Reader", "2020-01-01"),
            Err(TimelineError::BeforeFirst { .. })
        ));
        assert!(matches!(
            timeline(cat, "Reader"),
            Err(TimelineError::NoTimeline { .. })
        ));
        let e = timeline(cat, "Cloud PC Raeder").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown role `Cloud PC Raeder` (did you mean `Cloud PC Reader`?)"
        );
    }
}
