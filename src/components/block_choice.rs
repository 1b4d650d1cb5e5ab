//! The permission blocks of a role that has several (any plane): which one the
//! editor shows, and the ways to one block (merge them when that changes nothing,
//! or remove one). Azure creates a custom role with exactly one block; a role read
//! from elsewhere may carry more, and the editor would otherwise show only the
//! first.

use leptos::prelude::*;
use w365_engine::Role;

/// Which block the lists show, how many there are, and what the buttons do.
#[component]
pub fn BlockChoice(
    /// The role (the bar shows when it has more than one block).
    role: Memo<Option<Role>>,
    /// The block shown, from 0.
    chosen: RwSignal<usize>,
    /// Remove the block at this index.
    on_remove: Callback<usize>,
    /// Merge the blocks into one: `Err` says why that would change the role.
    on_merge: Callback<(), Result<(), String>>,
) -> impl IntoView {
    let count = Memo::new(move |_| role.with(|r| r.as_ref().map_or(0, |r| r.blocks.len())));
    let refused = RwSignal::new(None::<String>);
    // A refusal is about the role it read: any change of the role clears it.
    Effect::new(move |_| {
        role.track();
        refused.set(None);
    });
    let shown = move || chosen.get().min(count.get().saturating_sub(1));
    move || {
        let n = count.get();
        (n > 1).then(|| {
            view! {
                <section class="panel blocks" aria-labelledby="blocks-title" data-testid="blocks">
                    <h3 id="blocks-title">{format!("{n} permission blocks")}</h3>
                    <p>
                        "Azure creates a custom role with exactly one. A block's NotActions take back only that block's Actions, so the lists below are the chosen block's alone."
                    </p>
                    <div class="blocks__choice" role="group" aria-label="Permission block shown">
                        {(0..n).map(|i| view! {
                            <button class="button button--small" aria-pressed=move || (shown() == i).to_string() data-testid="block-choose"
                                on:click=move |_| chosen.set(i)>{format!("Block {}", i + 1)}</button>
                        }).collect_view()}
                    </div>
                    <div class="blocks__actions">
                        <button class="button button--small" data-testid="blocks-merge" on:click=move |_| {
                            refused.set(on_merge.run(()).err());
                        }>"Merge into one block"</button>
                        <button class="button button--quiet button--small" data-testid="block-remove" on:click=move |_| on_remove.run(shown())>
                            {move || format!("Remove block {}", shown() + 1)}
                        </button>
                    </div>
                    {move || refused.get().map(|why| view! {
                        <p class="import__message import__message--error" role="alert" data-testid="blocks-refused"><crate::components::rich::Rich text=format!("Not merged: {why}. Edit or remove a block instead.")/></p>
                    })}
                </section>
            }
        })
    }
}
