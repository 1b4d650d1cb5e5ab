//! A report's Markdown shown as headings, paragraphs, lists and tables (its
//! escapes and code spans read back by `text::markdown_inline`, so names show as
//! written, a backtick in a name too), a part at a time: the report of 3,000
//! saved roles is 4.7 MB of Markdown and 27,000 elements, which held the page for
//! 300 ms in one task. The first part shows at once; each next one is added in
//! a task of its own, so the page paints and answers in between.

use crate::components::rich::Inline;
use leptos::prelude::*;
use std::time::Duration;
use w365_engine::text::markdown_text as plain;

/// Markdown shown per task (one block may be more): about 16 ms of work.
const PART_BYTES: usize = 256 * 1024;

/// Items of a list shown in one `<ul>` (a longer list is continued in the next).
const LIST_ITEMS: usize = 500;

/// A block of a report's Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
}

/// A table line's cells; an escaped `\|` is a `|` of the cell, other escapes
/// stay for `markdown_inline`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('|') => cur.push('|'),
                Some(n) => {
                    cur.push(c);
                    cur.push(n);
                }
                None => cur.push(c),
            }
        } else if c == '|' {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// Blocks gathered into parts of about [`PART_BYTES`] of Markdown each.
struct Parts {
    parts: Vec<Vec<Block>>,
    /// Markdown in the last part.
    size: usize,
    bullets: Vec<String>,
    table: Vec<Vec<String>>,
}

impl Parts {
    fn push(&mut self, b: Block, bytes: usize) {
        if self.size >= PART_BYTES || self.parts.is_empty() {
            self.parts.push(Vec::new());
            self.size = 0;
        }
        self.size += bytes;
        if let Some(p) = self.parts.last_mut() {
            p.push(b);
        }
    }

    /// The list or table gathered so far, as blocks.
    fn flush(&mut self) {
        let mut items = std::mem::take(&mut self.bullets).into_iter().peekable();
        while items.peek().is_some() {
            let list: Vec<String> = items.by_ref().take(LIST_ITEMS).collect();
            let bytes = list.iter().map(String::len).sum();
            self.push(Block::List(list), bytes);
        }
        if !self.table.is_empty() {
            let mut rows = std::mem::take(&mut self.table);
            let head = rows.remove(0);
            let body: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| !r.iter().all(|c| c.chars().all(|x| x == '-')))
                .collect();
            let bytes = body.iter().flatten().map(String::len).sum();
            self.push(Block::Table(head, body), bytes);
        }
    }
}

/// The report's blocks in parts of about [`PART_BYTES`] of Markdown each.
fn parts(markdown: &str) -> Vec<Vec<Block>> {
    let mut p = Parts {
        parts: Vec::new(),
        size: 0,
        bullets: Vec::new(),
        table: Vec::new(),
    };
    for line in markdown.lines() {
        if let Some(b) = line.strip_prefix("- ") {
            p.bullets.push(b.to_string());
            continue;
        }
        if line.starts_with('|') {
            p.table.push(cells(line));
            continue;
        }
        p.flush();
        if let Some(h) = line.strip_prefix("## ") {
            p.push(Block::Heading(h.to_string()), h.len());
        } else if let Some(h) = line.strip_prefix("# ") {
            p.push(Block::Title(h.to_string()), h.len());
        } else if !line.trim().is_empty() {
            p.push(Block::Paragraph(line.to_string()), line.len());
        }
    }
    p.flush();
    p.parts
}

fn block(b: Block) -> AnyView {
    match b {
        Block::Title(h) => view! { <h2 class="report__title">{plain(&h)}</h2> }.into_any(),
        Block::Heading(h) => view! { <h3>{plain(&h)}</h3> }.into_any(),
        Block::Paragraph(p) => view! { <p><Inline markdown=p/></p> }.into_any(),
        Block::List(items) => view! {
            <ul>{items.into_iter().map(|b| view! { <li><Inline markdown=b/></li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Table(head, body) => view! {
            <div class="table-wrap" tabindex="0"><table class="table">
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{plain(&h)}</th> }).collect_view()}</tr></thead>
                <tbody>{body.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td><Inline markdown=c/></td> }).collect_view()}</tr> }).collect_view()}</tbody>
            </table></div>
        }
        .into_any(),
    }
}

/// The report, its first part at once and the others a task each; `complete`
/// turns true once every part is on the page (the print waits for it).
#[component]
pub fn ReportView(
    markdown: String,
    which: &'static str,
    complete: RwSignal<bool>,
) -> impl IntoView {
    let parts = parts(&markdown);
    drop(markdown);
    let total = parts.len();
    let parts = StoredValue::new(parts);
    let shown = RwSignal::new(1usize.min(total));
    complete.set(shown.get_untracked() >= total);
    // Closed, it is no longer on the page (a print then waits for it again).
    on_cleanup(move || {
        complete.try_set(false);
    });
    fn more(shown: RwSignal<usize>, total: usize, complete: RwSignal<bool>) {
        set_timeout(
            move || {
                let Some(now) = shown.try_update(|n| {
                    *n += 1;
                    *n
                }) else {
                    return; // the preview was closed
                };
                if now < total {
                    more(shown, total, complete);
                } else {
                    complete.try_set(true);
                }
            },
            Duration::ZERO,
        );
    }
    if total > 1 {
        more(shown, total, complete);
    }
    view! {
        <article class=format!("report report--{which}") data-testid=format!("report-{which}")>
            <For each=move || 0..shown.get() key=|i| *i let:i>
                {parts
                    .try_update_value(|p| p.get_mut(i).map(std::mem::take).unwrap_or_default())
                    .unwrap_or_default()
                    .into_iter()
                    .map(block)
                    .collect_view()}
            </For>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_read_into_blocks_in_parts() {
        let md = "# Title\n\n## What was reviewed\n\n- a `x`\n- b\n\n| A | B |\n|---|---|\n| 1 \\| 2 | `c` |\n\nText.\n";
        assert_eq!(
            parts(md),
            vec![vec![
                Block::Title("Title".into()),
                Block::Heading("What was reviewed".into()),
                Block::List(vec!["a `x`".into(), "b".into()]),
                Block::Table(
                    vec!["A".into(), "B".into()],
                    vec![vec!["1 | 2".into(), "`c`".into()]]
                ),
                Block::Paragraph("Text.".into()),
            ]]
        );
    }

    #[test]
    fn a_long_report_comes_in_parts_and_a_long_list_in_several() {
        let line = format!("{}\n\n", "word ".repeat(100));
        let md = format!("# T\n\n{}", line.repeat(2_000));
        let p = parts(&md);
        // 1 MB of paragraphs: four parts of 256 KiB at most, a paragraph more.
        assert_eq!(p.len(), 4);
        assert_eq!(p.iter().map(Vec::len).sum::<usize>(), 2_001);
        let list: String = (0..1_200).map(|i| format!("- item {i}\n")).collect();
        let p = parts(&list);
        let lens: Vec<usize> = p
            .concat()
            .iter()
            .map(|b| match b {
                Block::List(items) => items.len(),
                _ => 0,
            })
            .collect();
        assert_eq!(lens, [500, 500, 200]);
    }
}
