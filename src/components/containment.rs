//! For every pair of compared roles: equal, contained, overlapping or disjoint, per
//! plane, with the operations that break containment.

use crate::components::fold::Fold;
use crate::components::rich::Rich;
use crate::dom::num;
use leptos::prelude::*;
use w365_engine::containment::{GrantKind, Pair, Relation, Side};

fn plane(k: GrantKind) -> &'static str {
    match k {
        GrantKind::Action => "Actions",
        GrantKind::DataAction => "Data actions",
        GrantKind::CloudPc => "Cloud PC permissions",
        GrantKind::Intune => "Intune permissions",
        GrantKind::Entra => "Entra actions",
    }
}

fn symbol(r: Relation) -> &'static str {
    match r {
        Relation::Equal => "=",
        Relation::AInB => "⊂",
        Relation::BInA => "⊃",
        Relation::Overlap => "∩",
        Relation::Disjoint => "∅",
    }
}

/// The verdict of every pair.
#[component]
pub fn Pairs(
    /// The pairs, in the order the roles were given.
    pairs: Vec<Pair>,
) -> impl IntoView {
    (!pairs.is_empty()).then(|| view! {
        <section aria-labelledby="pairs-title" data-testid="pairs">
            <h2 id="pairs-title">"Is one contained in the other?"</h2>
            <ul class="pairs">
                {pairs.into_iter().map(|p| {
                    let sentence = p.relation.sentence(&p.a, &p.b);
                    let (a, b) = (p.a.clone(), p.b.clone());
                    let planes = p.planes.iter().filter(|x| x.common + x.a_only + x.b_only > 0).map(|x| format!("{} {} ({} only in {a}, {} only in {b}, {} in both)", plane(x.plane), symbol(x.relation), num(x.a_only), num(x.b_only), num(x.common))).collect::<Vec<_>>();
                    let breaking = p.breaking.clone();
                    let total = p.a_only + p.b_only;
                    // Each side is cut on its own, so say what is shown per side.
                    let shown_of = |side: Side, all: usize| {
                        let n = breaking.iter().filter(|x| x.side == side).count();
                        (n < all).then(|| format!("{} of the {} only in {}", num(n), num(all), if side == Side::A { &a } else { &b }))
                    };
                    let cut = [shown_of(Side::A, p.a_only), shown_of(Side::B, p.b_only)].into_iter().flatten().collect::<Vec<_>>();
                    view! {
                        <li class="pair" data-testid="pair" data-relation=p.relation.as_str()>
                            <p class="pair__verdict"><span class="pair__sym" aria-hidden="true">{symbol(p.relation)}</span>" "<Rich text=sentence/></p>
                            <p class="muted">{planes.join(" · ")}</p>
                            {(total > 0).then(|| view! {
                                <Fold summary=format!("{} ({}{})", match p.relation {
                                    // One holds the other: what the larger grants beyond it breaks nothing.
                                    Relation::AInB => format!("What {b} grants beyond {a}"),
                                    Relation::BInA => format!("What {a} grants beyond {b}"),
                                    _ => "What breaks containment".to_string(),
                                }, num(total), if p.truncated && !cut.is_empty() { format!("; shown: {}", cut.join(", ")) } else { String::new() })>
                                    <ul class="patterns">
                                        {breaking.iter().map(|x| {
                                            let who = match x.side { Side::A => &a, Side::B => &b };
                                            view! { <li><code>{x.operation.clone()}</code><span class="muted">{format!(" only in {who}{}", if x.conditions_differ { " (under a condition that differs from the other role's)" } else if x.conditional { " (under a condition)" } else { "" })}</span></li> }
                                        }).collect_view()}
                                    </ul>
                                </Fold>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}
