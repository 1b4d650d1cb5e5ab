//! Engine messages name user input and actions in backticks (house style). Shown to
//! people, each backticked part becomes a `<code>` element instead of raw Markdown.

use leptos::prelude::*;

/// Split `text` at backticks: `(part, is_code)` pieces, in order. An unpaired
/// backtick stays as written.
pub fn pieces(text: &str) -> Vec<(String, bool)> {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return vec![(text.to_string(), false)];
    }
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| (p.to_string(), i % 2 == 1))
        .collect()
}

/// A message with its backticked parts as code.
#[component]
pub fn Rich(
    /// The message.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    pieces(&text)
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
    use super::{pieces, rich_html};

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
}
