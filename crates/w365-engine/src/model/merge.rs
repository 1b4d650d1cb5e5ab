//! Several permission blocks as one, when one grants exactly what they grant.
//!
//! Azure creates a custom role with exactly one permission block, but role
//! definitions read from elsewhere (Graph, another tool, an old export) may carry
//! several. A block's `NotActions` take back only that block's `Actions`, and its
//! condition guards only that block: merging is safe when no exclusion of one block
//! could meet a grant of another and no block has a condition. Otherwise the merge is
//! refused, saying which exclusion or condition stands in the way.

use super::PermissionBlock;
use crate::pattern::ActionPattern;
use std::fmt;

/// Why several blocks cannot be merged without changing what they grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeConflict {
    /// A block has a condition (numbered from 1): in one block it would guard the
    /// others' grants too.
    Condition {
        /// The block, from 1.
        block: usize,
    },
    /// An exclusion of one block could take back a grant of another.
    Exclusion {
        /// The block of the exclusion, from 1.
        block: usize,
        /// The exclusion (`NotActions` or `NotDataActions` pattern).
        exclusion: String,
        /// The block of the grant, from 1.
        other: usize,
        /// The grant it could take back.
        grant: String,
        /// Whether both are data actions.
        data: bool,
    },
}

impl fmt::Display for MergeConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeConflict::Condition { block } => write!(
                f,
                "block {block} has a condition, which guards only that block's grants; in one block it would guard the others' too"
            ),
            MergeConflict::Exclusion {
                block,
                exclusion,
                other,
                grant,
                data,
            } => {
                let (not, list) = if *data {
                    ("NotDataActions", "DataActions")
                } else {
                    ("NotActions", "Actions")
                };
                write!(
                    f,
                    "block {block}'s {not} `{exclusion}` takes back only that block's {list}; in one block it would also take back what block {other}'s `{grant}` grants"
                )
            }
        }
    }
}

/// One block that grants exactly what `blocks` grant together: each list the union
/// of the blocks' lists (in order, each pattern once, case ignored). `Err` names the
/// first condition or exclusion that would make the one block differ.
pub fn merge_blocks(blocks: &[PermissionBlock]) -> Result<PermissionBlock, MergeConflict> {
    if let Some(i) = blocks.iter().position(|b| b.condition.is_some()) {
        return Err(MergeConflict::Condition { block: i + 1 });
    }
    for (i, b) in blocks.iter().enumerate() {
        for data in [false, true] {
            let (_, exclusions) = b.for_plane(data);
            for n in exclusions {
                for (j, other) in blocks.iter().enumerate().filter(|(j, _)| *j != i) {
                    let (grants, _) = other.for_plane(data);
                    if let Some(g) = grants.iter().find(|g| n.may_overlap(g)) {
                        return Err(MergeConflict::Exclusion {
                            block: i + 1,
                            exclusion: n.as_str().to_string(),
                            other: j + 1,
                            grant: g.as_str().to_string(),
                            data,
                        });
                    }
                }
            }
        }
    }
    let union = |f: fn(&PermissionBlock) -> &Vec<ActionPattern>| {
        let mut seen = std::collections::HashSet::new();
        blocks
            .iter()
            .flat_map(|b| f(b).iter())
            .filter(|p| seen.insert(p.lower().to_string()))
            .cloned()
            .collect::<Vec<_>>()
    };
    Ok(PermissionBlock {
        actions: union(|b| &b.actions),
        not_actions: union(|b| &b.not_actions),
        data_actions: union(|b| &b.data_actions),
        not_data_actions: union(|b| &b.not_data_actions),
        condition: None,
        condition_version: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pats(list: &[&str]) -> Vec<ActionPattern> {
        list.iter()
            .map(|s| ActionPattern::new(s).unwrap())
            .collect()
    }

    fn block(actions: &[&str], not_actions: &[&str]) -> PermissionBlock {
        PermissionBlock {
            actions: pats(actions),
            not_actions: pats(not_actions),
            ..Default::default()
        }
    }

    fn grants(blocks: &[PermissionBlock], action: &str) -> bool {
        blocks.iter().any(|b| {
            b.actions.iter().any(|p| p.matches(action))
                && !b.not_actions.iter().any(|p| p.matches(action))
        })
    }

    #[test]
    fn disjoint_blocks_merge_into_their_union() {
        let blocks = [
            block(
                &["Microsoft.Compute/*", "Microsoft.Network/*/read"],
                &["Microsoft.Compute/*/delete"],
            ),
            block(&["Microsoft.Storage/*/read", "microsoft.compute/*"], &[]),
        ];
        let one = merge_blocks(&blocks);
        // Block 1's exclusion meets block 2's `microsoft.compute/*`.
        assert_eq!(
            one,
            Err(MergeConflict::Exclusion {
                block: 1,
                exclusion: "Microsoft.Compute/*/delete".into(),
                other: 2,
                grant: "microsoft.compute/*".into(),
                data: false,
            })
        );
        let blocks = [
            block(&["Microsoft.Compute/*"], &["Microsoft.Compute/*/delete"]),
            block(
                &["Microsoft.Storage/*/read", "Microsoft.Network/*/read"],
                &[],
            ),
            block(&["MICROSOFT.STORAGE/*/read"], &[]),
        ];
        let one = merge_blocks(&blocks).unwrap();
        let names: Vec<&str> = one.actions.iter().map(ActionPattern::as_str).collect();
        assert_eq!(
            names,
            [
                "Microsoft.Compute/*",
                "Microsoft.Storage/*/read",
                "Microsoft.Network/*/read"
            ]
        );
        assert_eq!(one.not_actions.len(), 1);
    }

    #[test]
    fn a_condition_is_not_merged_away() {
        let mut guarded = block(&["Microsoft.Storage/*/read"], &[]);
        guarded.condition = Some(crate::condition::Condition::parse(
            "@Resource[x] StringEquals 'y'",
        ));
        let blocks = [block(&["Microsoft.Compute/*/read"], &[]), guarded];
        assert_eq!(
            merge_blocks(&blocks),
            Err(MergeConflict::Condition { block: 2 })
        );
        assert!(merge_blocks(&blocks)
            .unwrap_err()
            .to_string()
            .contains("block 2 has a condition"));
    }

    /// Every pair of blocks drawn from a small set of patterns: when the merge is
    /// allowed, the one block grants each action of a small universe exactly when the
    /// blocks did (the naive model: a block grants what its Actions match and its
    /// NotActions do not).
    #[test]
    fn an_allowed_merge_grants_exactly_what_the_blocks_granted() {
        let patterns = [
            "a/b/read",
            "a/b/write",
            "a/*",
            "a/*/read",
            "*/read",
            "a/b*",
            "*",
            "c/*/x/*",
            "a/c/x/read",
            "a/*/x/*d",
        ];
        let actions = [
            "a/b/read",
            "a/b/write",
            "a/c/read",
            "a/c/x/read",
            "c/d/x/read",
            "c/read",
            "a/bz",
            "b/x",
            "a/x/x/rd",
        ];
        let subsets: Vec<Vec<&str>> = (0u32..1 << 4)
            .flat_map(|m| {
                (0..patterns.len() - 3).map(move |o| {
                    (0..4)
                        .filter(|i| m & (1 << i) != 0)
                        .map(|i| patterns[o + i])
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let (mut allowed, mut refused) = (0, 0);
        for a1 in subsets.iter().step_by(3) {
            for n1 in subsets.iter().step_by(11) {
                for a2 in subsets.iter().step_by(7) {
                    for n2 in subsets.iter().step_by(13) {
                        let blocks = [block(a1, n1), block(a2, n2)];
                        match merge_blocks(&blocks) {
                            Ok(one) => {
                                allowed += 1;
                                for x in actions {
                                    assert_eq!(
                                        grants(&blocks, x),
                                        grants(std::slice::from_ref(&one), x),
                                        "{x} with {a1:?} - {n1:?} and {a2:?} - {n2:?}"
                                    );
                                }
                            }
                            Err(_) => refused += 1,
                        }
                    }
                }
            }
        }
        assert!(
            allowed > 100 && refused > 100,
            "{allowed} allowed, {refused} refused"
        );
    }

    #[test]
    fn single_star_overlap_is_exact() {
        let p = |s: &str| ActionPattern::new(s).unwrap();
        assert!(p("a/*").may_overlap(&p("*/read")));
        assert!(p("a/*/read").may_overlap(&p("a/b/*")));
        assert!(!p("a/*/read").may_overlap(&p("b/*")));
        assert!(!p("a/*/read").may_overlap(&p("a/*/write")));
        assert!(p("A/B/READ").may_overlap(&p("a/*")));
        assert!(!p("a/b/read").may_overlap(&p("a/b/write")));
    }
}
