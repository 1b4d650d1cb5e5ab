//! Quoting for the languages the exports are written in.

/// A Bicep single-quoted string literal.
pub(super) fn bicep_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' => out.push_str("\\$"),
            // Any other control character as `\u{X}`, which Bicep's lexer reads back:
            // written raw it is invisible in the file (a review: a NUL in a name).
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// JSON text with every character past ASCII written as a `\uXXXX` escape (a
/// surrogate pair past U+FFFF), which JSON reads back as the same text: Windows
/// PowerShell 5.1 reads a `.ps1` saved without a byte-order mark in the ANSI code
/// page, so a name's `Ü` or `日本` inside a script's here-string would deploy
/// garbled (a review of 2026-12-07). Outside strings JSON holds only ASCII.
pub(super) fn ascii_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut units = [0u16; 2];
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        }
    }
    out
}

/// HCL attributes `key = value`, one a line at `indent`, with the `=`s aligned as
/// `terraform fmt` aligns them: within each run of consecutive single-line
/// attributes; an attribute whose value spans lines stands alone, one space before
/// its `=`, and ends the run.
pub(super) fn hcl_attributes(indent: &str, attrs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for run in attrs.chunk_by(|a, b| !a.1.contains('\n') && !b.1.contains('\n')) {
        let width = run.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in run {
            out.push_str(&format!("{indent}{k:<width$} = {v}\n"));
        }
    }
    out
}

/// An HCL (Terraform) double-quoted string literal.
pub(super) fn hcl_str(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("$$"),
            '%' if chars.peek() == Some(&'{') => out.push_str("%%"),
            // Any other control character as HCL's `\uNNNN` (all of them are in the
            // Basic Multilingual Plane), visible in the file and read back the same.
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The ASCII letters a Latin letter with a diacritic is written with in a file
/// name (`Ü` → `u`, `ß` → `ss`), so `Ünïcödé` gives `unicode` (an outside review:
/// it gave `n-c-d`).
pub fn ascii_letters(c: char) -> Option<&'static str> {
    const TABLE: [(&str, &str); 12] = [
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ìíîïĩīĭįı", "i"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ùúûüũūŭůűų", "u"),
        ("ýÿŷ", "y"),
        ("śŝşšș", "s"),
        ("źżž", "z"),
        ("ťţț", "t"),
    ];
    let lower = c.to_lowercase().next()?;
    match lower {
        // `İ` lowers to `i` and a combining dot.
        'i' => return Some("i"),
        'ĥ' | 'ħ' => return Some("h"),
        'ĵ' => return Some("j"),
        'ķ' => return Some("k"),
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' => return Some("l"),
        'ŵ' => return Some("w"),
        'ð' => return Some("d"),
        'þ' => return Some("th"),
        'ß' => return Some("ss"),
        'æ' => return Some("ae"),
        'œ' => return Some("oe"),
        'ł' => return Some("l"),
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => return Some("g"),
        'ř' | 'ŕ' => return Some("r"),
        'ơ' => return Some("o"),
        'ư' => return Some("u"),
        // Vietnamese (Latin Extended Additional): each run of code points is one
        // base letter with its tone marks.
        '\u{1EA0}'..='\u{1EB7}' => return Some("a"),
        '\u{1EB8}'..='\u{1EC7}' => return Some("e"),
        '\u{1EC8}'..='\u{1ECB}' => return Some("i"),
        '\u{1ECC}'..='\u{1EE3}' => return Some("o"),
        '\u{1EE4}'..='\u{1EF1}' => return Some("u"),
        '\u{1EF2}'..='\u{1EF9}' => return Some("y"),
        _ => {}
    }
    TABLE
        .iter()
        .find(|(from, _)| from.contains(lower))
        .map(|(_, to)| *to)
}

/// A file name or identifier: lowercase letters, digits and `-`.
pub(super) fn kebab(s: &str) -> String {
    let mut out = String::new();
    // Letters no ASCII letter stands for (`日本語`, `Ελληνικά`) leave a hash of the
    // whole name at the end, so two such names do not share a file (a review:
    // both were `role.json`).
    let mut dropped = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(letters) = ascii_letters(c) {
            out.push_str(letters);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent (`e` + U+0301, as macOS writes `é`): the letter
            // before it already stands for both.
        } else if c.is_alphanumeric() || symbol(c) {
            // A letter no ASCII letter stands for, or a symbol (`Ops 😀` and `Ops`
            // shared `ops.json`, an outside review found).
            dropped = true;
            if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if dropped {
        let stem = if out.is_empty() { "role" } else { &out };
        out = format!("{stem}-{:08x}", fnv1a(s));
    }
    if out.is_empty() {
        "role".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("role-{out}")
    } else {
        out
    }
}

/// A character that is neither ASCII, a space, nor punctuation of the General
/// Punctuation block (`–`, `…`, `“`): a symbol such as `😀` or `©`, which tells
/// two names apart, so leaving it out of a file name adds the hash.
fn symbol(c: char) -> bool {
    !c.is_ascii()
        && !c.is_whitespace()
        && !c.is_control()
        && !('\u{2000}'..='\u{206f}').contains(&c)
}

/// FNV-1a of the text: what tells two file names apart once their letters are cut.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Most characters of [`file_stem`].
pub(super) const MAX_STEM: usize = 80;

/// [`kebab`], clipped to [`MAX_STEM`] characters when longer: the first part, cut
/// at a `-`, then `-` and eight hex digits of a hash (FNV-1a) of the whole text.
pub(super) fn file_stem(s: &str) -> String {
    let full = kebab(s);
    if full.len() <= MAX_STEM {
        return full;
    }
    let hash = fnv1a(s);
    // `kebab` is ASCII, so any byte index is a character boundary.
    let keep = MAX_STEM - 9;
    let head = full.get(..keep).unwrap_or(&full);
    let head = match head.rfind('-') {
        Some(at) if at > keep / 2 => &head[..at],
        _ => head,
    };
    format!("{}-{hash:08x}", head.trim_end_matches('-'))
}

/// A shell here-document writing `body` to `file`; the delimiter is quoted so the
/// shell expands nothing, and made unique against the body.
pub(super) fn shell_heredoc(file: &str, body: &str) -> String {
    let mut delim = String::from("ROLE_JSON");
    while body.lines().any(|l| l == delim) {
        delim.push('_');
    }
    format!("cat > {file} <<'{delim}'\n{body}\n{delim}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_keep_their_letter_in_a_file_name() {
        assert_eq!(kebab("Ünïcödé / role"), "unicode-role");
        assert_eq!(kebab("Straße Ærø"), "strasse-aero");
        assert_eq!(kebab("Tiếng Việt Ơn Ưu"), "tieng-viet-on-uu");
        // Letters no ASCII letter stands for leave a hash: two such names differ.
        assert!(
            kebab("東京 role").starts_with("role-"),
            "{}",
            kebab("東京 role")
        );
        assert_ne!(kebab("Ελληνικά ρόλος"), kebab("日本語ロール"));
        assert!(kebab("日本語ロール").starts_with("role-"));
        assert_eq!(kebab("Plain name"), "plain-name");
        // An outside review: `İ` was dropped (`stanbul-ops-…`), `Ops 😀` shared
        // `ops.json` with `Ops`, and a decomposed `é` should read as `é`.
        assert_eq!(kebab("İstanbul Ops"), "istanbul-ops");
        assert_eq!(kebab("Ħal Þór"), "hal-thor");
        assert_ne!(kebab("Ops 😀"), kebab("Ops"));
        assert!(kebab("Ops 😀").starts_with("ops-"), "{}", kebab("Ops 😀"));
        assert_eq!(kebab("Cafe\u{301} Ops"), "cafe-ops");
        assert_eq!(kebab("Ops – Team…"), "ops-team");
    }

    #[test]
    fn quoting() {
        assert_eq!(bicep_str("it's ${x}\\"), "'it\\'s \\${x}\\\\'");
        assert_eq!(
            hcl_str("a \"b\" ${c} %{d} $e"),
            "\"a \\\"b\\\" $${c} %%{d} $e\""
        );
        assert_eq!(
            kebab("Cloud PC: Helpdesk (tier 1)"),
            "cloud-pc-helpdesk-tier-1"
        );
        assert_eq!(kebab("123"), "role-123");
        assert!(shell_heredoc("r.json", "x\nROLE_JSON\ny").contains("<<'ROLE_JSON_'"));
    }

    /// A control character other than a line break or tab is written as an escape
    /// each language reads back (Bicep `\u{X}`, HCL `\uNNNN`), not raw.
    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(bicep_str("a\u{0}b\u{1b}\u{85}"), "'a\\u{0}b\\u{1B}\\u{85}'");
        assert_eq!(hcl_str("a\u{0}b\u{7f}"), "\"a\\u0000b\\u007F\"");
        assert_eq!(bicep_str("a\tb"), "'a\\tb'");
    }

    /// As `terraform fmt` writes them (checked with terraform 1.11's `fmt -check`).
    #[test]
    fn hcl_attributes_align_within_runs_of_single_line_values() {
        let list = "[\n  \"a\",\n]".to_string();
        assert_eq!(
            hcl_attributes(
                "",
                &[
                    ("name", "1".into()),
                    ("description", "2".into()),
                    ("actions", list.clone()),
                    ("not_actions", "[]".into()),
                    ("data_actions", list),
                    ("x", "[]".into()),
                    ("not_data_actions", "[]".into()),
                ]
            ),
            "name        = 1\ndescription = 2\nactions = [\n  \"a\",\n]\nnot_actions = []\ndata_actions = [\n  \"a\",\n]\nx                = []\nnot_data_actions = []\n"
        );
    }

    #[test]
    fn long_names_give_bounded_stable_distinct_file_stems() {
        assert_eq!(file_stem("Cloud PC: Helpdesk"), "cloud-pc-helpdesk");
        let long = format!(
            "Cloud PC network operator for {} region",
            "contoso ".repeat(50)
        );
        let stem = file_stem(&long);
        assert!(stem.len() <= MAX_STEM, "{stem}");
        assert!(
            stem.starts_with("cloud-pc-network-operator-for-contoso-"),
            "{stem}"
        );
        assert_eq!(stem, file_stem(&long));
        let other = long.replace("region", "regions");
        assert_ne!(stem, file_stem(&other));
        // No separator to cut at: cut at the limit.
        let word = "a".repeat(300);
        assert_eq!(file_stem(&word).len(), MAX_STEM);
        // Exactly at the limit: kept whole.
        let exact = "b".repeat(MAX_STEM);
        assert_eq!(file_stem(&exact), exact);
    }
}
