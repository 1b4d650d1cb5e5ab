//! Folded sections (`<details>`) whose body is drawn when first opened, or while the
//! page prints, and kept after: a view of many folded sections mounts only their
//! summaries (a comparison of twelve roles: 2,673 elements instead of 16,347).

use crate::dom::toggled_open;
use crate::Printing;
use leptos::prelude::*;

/// Whether a folded section's body is drawn: from its first opening (its `toggle`
/// event) on, and while the page prints (printing opens every section).
#[derive(Clone, Copy)]
pub struct Drawn {
    opened: RwSignal<bool>,
    printing: Option<Printing>,
}

impl Drawn {
    /// For a section open (`true`) or closed at first; read in a view.
    pub fn new(open: bool) -> Drawn {
        Drawn::printed_by(open, use_context::<Printing>())
    }

    /// [`Drawn::new`] with the page's [`Printing`] flag looked up once by the caller
    /// (a list of many folded sections: a context lookup walks the owner tree).
    pub fn printed_by(open: bool, printing: Option<Printing>) -> Drawn {
        Drawn {
            opened: RwSignal::new(open),
            printing,
        }
    }

    /// The section's `toggle` handler. A section drawn open gets a `toggle` event
    /// too, a task after it is inserted: setting the flag again would notify the
    /// body and draw it a second time (Owner's first risk category: its notes
    /// parsed again after the first paint), so only the first opening sets it.
    pub fn toggled(self, ev: &web_sys::Event) {
        if toggled_open(ev) && !self.opened.get_untracked() {
            self.opened.set(true);
        }
    }

    /// Whether the body is drawn now (tracked).
    pub fn get(self) -> bool {
        self.opened.get() || self.printing.is_some_and(|p| p.0.get())
    }
}

/// The folded section.
#[component]
pub fn Fold(
    /// What the summary says.
    #[prop(into)]
    summary: String,
    /// Open at first.
    #[prop(optional)]
    open: bool,
    /// Test hook on the `<details>`.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// The body, drawn once the section opens.
    children: ChildrenFn,
) -> impl IntoView {
    let drawn = Drawn::new(open);
    view! {
        <details prop:open=open data-testid=testid on:toggle=move |ev| drawn.toggled(&ev)>
            <summary>{summary}</summary>
            {move || drawn.get().then(|| children())}
        </details>
    }
}
