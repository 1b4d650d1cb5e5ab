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
            c => out.push(c),
        }
    }
    out.push('\'');
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
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A file name or identifier: lowercase letters, digits and `-`.
pub(super) fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "role".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("role-{out}")
    } else {
        out
    }
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
}
