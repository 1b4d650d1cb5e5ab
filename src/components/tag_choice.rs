//! Choose scope tags among the ones defined: a group of checkboxes.

use leptos::prelude::*;

/// Called with the new list of tags.
pub type OnTags = Callback<Vec<String>>;

/// A checkbox per defined tag; untagged means `Default` (or "every object" for an
/// assignment), which the hint says.
#[component]
pub fn TagChoice(
    /// What the tags are for (the group's name).
    #[prop(into)]
    label: String,
    /// The tags defined.
    tags: Signal<Vec<String>>,
    /// The tags chosen.
    selected: Signal<Vec<String>>,
    /// Apply a change.
    on_change: OnTags,
    /// What none means, shown when none is chosen.
    #[prop(into)]
    none: String,
    /// Test hook.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView {
    let has = move |t: &str| selected.with(|s| s.iter().any(|x| x.eq_ignore_ascii_case(t)));
    let toggle = move |t: String, on: bool| {
        let mut s = selected.get_untracked();
        s.retain(|x| !x.eq_ignore_ascii_case(&t));
        if on {
            s.push(t);
        }
        on_change.run(s);
    };
    view! {
        <fieldset class="tagchoice" data-testid=testid>
            <legend class="visually-hidden">{label}</legend>
            <For each=move || tags.get() key=|t| t.clone() let:t>
                {
                    let t2 = t.clone();
                    let t3 = t.clone();
                    view! {
                        <label class="tagchoice__tag">
                            <input type="checkbox" data-tag=t.clone() prop:checked=move || has(&t2)
                                on:change=move |ev| toggle(t3.clone(), event_target_checked(&ev))/>
                            {t}
                        </label>
                    }
                }
            </For>
            {move || selected.with(Vec::is_empty).then(|| view! { <span class="muted tagchoice__none">{none.clone()}</span> })}
        </fieldset>
    }
}
