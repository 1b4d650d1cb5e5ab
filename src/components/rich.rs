//! Engine messages name user input and actions in backticks (house style). Shown to
//! people, each backticked part becomes a `<code>` element instead of raw Markdown.

use leptos::prelude::*;

/// Split `text` at its code spans ([`w365_engine::text::code_spans`]): `(part,
/// is_code)` pieces, in order. A backtick nothing closes stays as written. Outside
/// code, Markdown emphasis around plain words (`*Reader*`, quoted from Microsoft's
/// pages) is dropped; an asterisk in an action pattern (`Microsoft.Compute/*`) stays.
pub fn pieces(text: &str) -> Vec<(String, bool)> {
    w365_engine::text::code_spans(text)
        .into_iter()
        .map(|(p, code)| {
            let p = if code { p.to_string() } else { plain(p) };
            (clip_words(&p), code)
        })
        .collect()
}

/// Characters of one word (a run without a space) that a message shows.
const WORD_SHOWN: usize = 300;

/// `text` with each word longer than [`WORD_SHOWN`] characters cut there and the
/// rest counted ([`w365_engine::text::clip_words`]): Chromium took seconds to lay
/// out a long run of one letter (an outside review: 200,000 `A`s pasted into
/// Minimal's box or Compare's froze the page for 10 and 38 s).
pub fn clip_words(text: &str) -> String {
    w365_engine::text::clip_words(text, WORD_SHOWN).into_owned()
}

/// `text` without `*emphasis*` / `**strong**` markers around words: the marked
/// text starts and ends with a letter or digit and holds only letters, digits,
/// spaces and the punctuation of names (`-`, `&`, `'`, `.`, `,`), never a `/` or
/// `*`, so an action pattern's wildcards (`Microsoft.Compute/*/read/*`) stay.
fn plain(text: &str) -> String {
    if !text.contains('*') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '*' && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let stars = if chars.get(i + 1) == Some(&'*') { 2 } else { 1 };
            let start = i + stars;
            let mut end = start;
            while end < chars.len()
                && (chars[end].is_alphanumeric() || " -&'’.,".contains(chars[end]))
            {
                end += 1;
            }
            let closes = end > start
                && chars[start].is_alphanumeric()
                && chars[end - 1].is_alphanumeric()
                && (0..stars).all(|k| chars.get(end + k) == Some(&'*'))
                && chars.get(end + stars).is_none_or(|c| !c.is_alphanumeric());
            if closes {
                out.extend(&chars[start..end]);
                i = end + stars;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A message with its backticked parts as code.
#[component]
pub fn Rich(
    /// The message.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    drawn(pieces(&text))
}

/// Markdown the engine wrote (a report line), its code spans as code and its
/// escapes as the characters they stand for (`text::markdown_inline`).
#[component]
pub fn Inline(
    /// The Markdown.
    #[prop(into)]
    markdown: String,
) -> impl IntoView {
    drawn(w365_engine::text::markdown_inline(&markdown))
}

/// `(text, is_code)` pieces as text and `<code>` elements.
fn drawn(pieces: Vec<(String, bool)>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|(p, code)| {
            if code {
                view! { <code>{p}</code> }.into_any()
            } else {
                p.into_any()
            }
        })
        .collect_view()
}

/// A message as escaped HTML with its backticked parts as `<code>`, for views drawn
/// as HTML (the same pieces as [`Rich`]).
pub fn rich_html(out: &mut String, text: &str) {
    use w365_engine::text::escape_html as esc;
    for (p, code) in pieces(text) {
        if code {
            out.push_str("<code>");
            out.push_str(&esc(&p));
            out.push_str("</code>");
        } else {
            out.push_str(&esc(&p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{clip_words, pieces, rich_html};

    #[test]
    fn a_long_word_is_cut_and_counted() {
        let long = "A".repeat(1000);
        let shown = clip_words(&format!("No role named “{long}”. Try again"));
        assert!(
            shown.starts_with(&format!(
                "No role named “{}… (701 more characters)”. Try",
                "A".repeat(299)
            )),
            "{shown}"
        );
        assert_eq!(clip_words("short `words` stay"), "short `words` stay");
        // The marks that close a cut word are kept.
        let shown = clip_words(&format!("unknown `{long}`, see"));
        assert_eq!(
            shown,
            format!("unknown `{}… (701 more characters)`, see", "A".repeat(299))
        );
        let code = pieces(&format!("`{long}` x"));
        assert_eq!(
            code[0].0.chars().count(),
            300 + "… (700 more characters)".chars().count()
        );
    }

    #[test]
    fn html_escapes_every_piece() {
        let mut out = String::new();
        rich_html(&mut out, "add `<b>&` to <i>");
        assert_eq!(out, "add <code>&lt;b&gt;&amp;</code> to &lt;i&gt;");
    }

    #[test]
    fn backticks_become_code_and_unpaired_ones_stay() {
        assert_eq!(
            pieces("50 of 7742 operations of `User Access Administrator` not held"),
            vec![
                ("50 of 7742 operations of ".to_string(), false),
                ("User Access Administrator".to_string(), true),
                (" not held".to_string(), false)
            ]
        );
        assert_eq!(pieces("a ` b"), vec![("a ` b".to_string(), false)]);
        assert_eq!(pieces("`x`"), vec![("x".to_string(), true)]);
    }

    #[test]
    fn emphasis_around_words_is_dropped_and_pattern_stars_stay() {
        let text = |t: &str| pieces(t).into_iter().map(|(p, _)| p).collect::<String>();
        assert_eq!(
            text("has the *Reader* permissions"),
            "has the Reader permissions"
        );
        assert_eq!(
            text("**Storage Account Contributor** role"),
            "Storage Account Contributor role"
        );
        assert_eq!(
            text("grants Microsoft.Compute/* and */read"),
            "grants Microsoft.Compute/* and */read"
        );
        assert_eq!(text("a * b * c"), "a * b * c");
        assert_eq!(
            text("set **ms-DS-MachineAccountQuota** to 0; open **Language & Region**."),
            "set ms-DS-MachineAccountQuota to 0; open Language & Region."
        );
        assert_eq!(
            text("Microsoft.Compute/*/virtualMachines/* and a.*-b*"),
            "Microsoft.Compute/*/virtualMachines/* and a.*-b*"
        );
        assert_eq!(
            text("refused by Azure: more than one `*`"),
            "refused by Azure: more than one *"
        );
        assert_eq!(pieces("`*x*`"), vec![("*x*".to_string(), true)]);
    }
}
