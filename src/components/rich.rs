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

#[cfg(test)]
mod tests {
    use super::pieces;

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
