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
    // Up to a dozen tags, a checkbox each; more (a tenant's scenario may define 100),
    // the chosen ones with a remove button and a box that offers the defined tags
    // (one shared list, [`TagNames`]), so a card is a few elements, not hundreds.
    if tags.with_untracked(Vec::len) > CHECKBOXES {
        let draft = RwSignal::new(String::new());
        let problem = RwSignal::new(None::<String>);
        let add = move || {
            let typed = draft.get_untracked().trim().to_string();
            if typed.is_empty() {
                return;
            }
            match tags
                .with_untracked(|l| l.iter().find(|t| t.eq_ignore_ascii_case(&typed)).cloned())
            {
                Some(t) => {
                    toggle(t, true);
                    draft.set(String::new());
                    problem.set(None);
                }
                None => problem.set(Some(format!(
                    "No scope tag is called “{typed}”; define it under Tags first."
                ))),
            }
        };
        let box_label = format!("Add a tag: {label}");
        return view! {
            <fieldset class="tagchoice tagchoice--compact" data-testid=testid>
                <legend class="visually-hidden">{label}</legend>
                <For each=move || selected.get() key=|t| t.clone() let:t>
                    {
                        let t2 = t.clone();
                        view! {
                            <span class="tag tagchoice__chosen" data-tag=t.clone()>{t.clone()}" "
                                <button class="button button--quiet button--small" aria-label=format!("Remove the tag {t}") on:click=move |_| toggle(t2.clone(), false)>"×"</button>
                            </span>
                        }
                    }
                </For>
                {move || selected.with(Vec::is_empty).then(|| view! { <span class="muted tagchoice__none">{none.clone()}</span> })}
                <input type="text" list=TAG_NAMES aria-label=box_label placeholder="Add a tag" spellcheck="false" prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:change=move |_| add()
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
                {move || problem.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
            </fieldset>
        }
        .into_any();
    }
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
    .into_any()
}

/// Tags offered as checkboxes; more are chosen by name.
const CHECKBOXES: usize = 12;

/// The id of the one list of tag names the compact choosers offer.
const TAG_NAMES: &str = "scope-tag-names";

/// The defined tags as one `<datalist>` for every compact [`TagChoice`] of the page.
#[component]
pub fn TagNames(
    /// The tags defined.
    tags: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <datalist id=TAG_NAMES>
            <For each=move || tags.get() key=|t| t.clone() let:t>
                <option value=t></option>
            </For>
        </datalist>
    }
}
