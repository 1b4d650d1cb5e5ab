//! Times in tenant exports: ISO 8601 dates and times (with an offset or in
//! UTC), Windows PowerShell 5.1's `/Date(ms)/`, and a PIM schedule's end given as
//! a duration after its start, read as `YYYY-MM-DDTHH:MM:SS` in UTC so that they
//! compare as text.

/// A time as `YYYY-MM-DDTHH:MM:SS` in UTC, from ISO 8601 as exports and
/// `--as-of` write it: a calendar date (its start; checked as `timeline --as-of`
/// checks one), or a date and time (`Z`, an offset such as `+02:00` or `+0200`,
/// which is taken away, or none, as PIM exports write them), fractions of a
/// second left out; or Windows PowerShell 5.1's `ConvertTo-Json` form,
/// `/Date(1811548800000)/` (milliseconds since 1970 in UTC). `None` for anything
/// else (a duration), which is then never said to have ended.
pub fn instant(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(ms) = t.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        // Any offset after the number says how to show it, not when it is.
        let digits = ms
            .char_indices()
            .find(|&(i, c)| i > 0 && (c == '+' || c == '-'))
            .map_or(ms, |(i, _)| &ms[..i]);
        return Some(civil(digits.parse::<i64>().ok()?.div_euclid(1000)));
    }
    let date = t.get(..10)?;
    if crate::observed::date_problem(date).is_some() {
        return None;
    }
    let rest = t.get(10..)?;
    if rest.is_empty() {
        return Some(format!("{date}T00:00:00"));
    }
    let time = rest.strip_prefix(['T', 't', ' '])?;
    let hms = time.get(..8)?;
    let shaped = hms.bytes().enumerate().all(|(i, c)| match i {
        2 | 5 => c == b':',
        _ => c.is_ascii_digit(),
    });
    // An hour, minute and second that exist (an outside review: `T25:00:00Z`
    // was taken).
    let part = |s: &str, i: usize| s.get(i..i + 2).and_then(|x| x.parse::<i64>().ok());
    if !shaped || part(hms, 0)? > 23 || part(hms, 3)? > 59 || part(hms, 6)? > 59 {
        return None;
    }
    let mut zone = &time[8..];
    if let Some(f) = zone.strip_prefix('.') {
        zone = f.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            // `+HH:MM` or `+HHMM`: the time is that far ahead of UTC (a second
            // site review: `+02:00` read as no time at all).
            let sign = match zone.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (h, m) = (part(&digits, 0)?, part(&digits, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    if offset == 0 {
        return Some(format!("{date}T{hms}"));
    }
    let (y, mo, d) = (date.get(..4)?.parse().ok()?, part(date, 5)?, part(date, 8)?);
    let secs = part(hms, 0)? * 3600 + part(hms, 3)? * 60 + part(hms, 6)?;
    Some(civil(days_from_civil(y, mo, d) * 86_400 + secs - offset))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970-01-01T00:00:00 (UTC) as `YYYY-MM-DDTHH:MM:SS`.
pub fn civil(total: i64) -> String {
    let (z, s) = (total.div_euclid(86_400) + 719_468, total.rem_euclid(86_400));
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// When a schedule ends ([`instant`]): a time, or a duration after its start
/// as [`super::assignment`] writes `expiration.duration` (`PT8H after
/// 2026-12-07T09:00:00Z`; an outside review: a schedule that had ended an hour
/// before was held).
pub(super) fn end_instant(text: &str) -> Option<String> {
    match text.split_once(" after ") {
        Some((d, start)) => add_duration(&instant(start)?, d.trim()),
        None => instant(text),
    }
}

/// `at` (`YYYY-MM-DDTHH:MM:SS`) plus an ISO 8601 duration (`P1Y2M10DT2H30M`,
/// `P2W`); `None` for a duration of another form.
fn add_duration(at: &str, d: &str) -> Option<String> {
    let two = |i: usize| at.get(i..i + 2)?.parse::<i64>().ok();
    let (mut y, mut mo, day) = (at.get(..4)?.parse::<i64>().ok()?, two(5)?, two(8)?);
    let mut secs = two(11)? * 3600 + two(14)? * 60 + two(17)?;
    let body = d.strip_prefix(['P', 'p'])?;
    let (date, time) = body.split_once(['T', 't']).unwrap_or((body, ""));
    let mut days = 0i64;
    let mut read = |part: &str, in_time: bool| -> Option<()> {
        let mut n = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                n.push(c);
                continue;
            }
            let v: i64 = n.parse().ok()?;
            n.clear();
            match (in_time, c.to_ascii_uppercase()) {
                (false, 'Y') => y += v,
                (false, 'M') => mo += v,
                (false, 'W') => days += 7 * v,
                (false, 'D') => days += v,
                (true, 'H') => secs += 3600 * v,
                (true, 'M') => secs += 60 * v,
                (true, 'S') => secs += v,
                _ => return None,
            }
        }
        n.is_empty().then_some(())
    };
    read(date, false)?;
    read(time, true)?;
    if date.is_empty() && time.is_empty() {
        return None;
    }
    y += (mo - 1).div_euclid(12);
    mo = (mo - 1).rem_euclid(12) + 1;
    // The day clamped to the month's last (a month after January 31 is
    // February's last).
    let next = if mo == 12 { (y + 1, 1) } else { (y, mo + 1) };
    let month_days = days_from_civil(next.0, next.1, 1) - days_from_civil(y, mo, 1);
    Some(civil(
        (days_from_civil(y, mo, day.min(month_days)) + days) * 86_400 + secs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duration_after_a_start_is_an_end() {
        for (text, want) in [
            (
                "PT1H after 2026-12-07T09:00:00Z",
                Some("2026-12-07T10:00:00"),
            ),
            (
                "P180D after 2025-08-01T10:00:00Z",
                Some("2026-01-28T10:00:00"),
            ),
            (
                "P1M after 2026-01-31T00:00:00Z",
                Some("2026-02-28T00:00:00"),
            ),
            (
                "P1Y2M10DT2H30M after 2024-12-25T23:00:00Z",
                Some("2026-03-08T01:30:00"),
            ),
            ("P2W after 2026-12-25", Some("2027-01-08T00:00:00")),
            (
                "PT90M after 2026-12-31T23:00:00Z",
                Some("2027-01-01T00:30:00"),
            ),
            ("P after 2026-12-07", None),
            ("PT1X after 2026-12-07", None),
            ("PT1H after its start", None),
            ("2026-12-07T10:00:00Z", Some("2026-12-07T10:00:00")),
        ] {
            assert_eq!(end_instant(text).as_deref(), want, "{text}");
        }
    }

    /// Times as exports and `--as-of` write them, read in UTC for comparison;
    /// anything else is not read.
    #[test]
    fn instants() {
        for (t, want) in [
            ("2026-12-04", Some("2026-12-04T00:00:00")),
            ("2026-12-04T23:00:00Z", Some("2026-12-04T23:00:00")),
            ("2026-12-04T23:00:00.1234567Z", Some("2026-12-04T23:00:00")),
            ("2026-12-04T23:00:00+00:00", Some("2026-12-04T23:00:00")),
            ("2026-12-04T23:00:00", Some("2026-12-04T23:00:00")),
            ("2026-12-04T23:00:00+02:00", Some("2026-12-04T21:00:00")),
            ("2026-12-04T23:00:00-0530", Some("2026-12-05T04:30:00")),
            ("2027-06-01T00:00:00+02:00", Some("2027-05-31T22:00:00")),
            ("2026-12-04T23:00:00+2", None),
            ("/Date(1811548800000)/", Some("2027-05-29T00:00:00")),
            ("/Date(1811548800000+0200)/", Some("2027-05-29T00:00:00")),
            ("/Date(x)/", None),
            ("2026-12-07T25:00:00Z", None),
            ("2026-12-07T23:60:00Z", None),
            ("2026-12-07T23:59:60Z", None),
            ("P30D after 2026-01-01T00:00:00Z", None),
            ("04/12/2026", None),
            ("2026-12-4", None),
            ("2026-13-01", None),
            ("2026-02-30T00:00:00Z", None),
            ("2026é-12-04", None),
            ("2026-12-04T2é:00:00Z", None),
            ("", None),
        ] {
            assert_eq!(instant(t).as_deref(), want, "{t}");
        }
    }
}
