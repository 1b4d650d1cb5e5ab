//! One permission block of a role definition.

use crate::condition::Condition;
use crate::pattern::ActionPattern;

/// One element of a role's `permissions` array. `NotActions` subtract only from the
/// `Actions` of the same block, and a block's condition guards only that block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PermissionBlock {
    /// Control-plane grants.
    pub actions: Vec<ActionPattern>,
    /// Control-plane exclusions (not a deny).
    pub not_actions: Vec<ActionPattern>,
    /// Data-plane grants.
    pub data_actions: Vec<ActionPattern>,
    /// Data-plane exclusions (not a deny).
    pub not_data_actions: Vec<ActionPattern>,
    /// An ABAC condition on this block.
    pub condition: Option<Condition>,
    /// The condition language version (`2.0`).
    pub condition_version: Option<String>,
}

impl PermissionBlock {
    /// The four pattern lists, each with its JSON name (`actions`, `notActions`,
    /// `dataActions`, `notDataActions`), in that order.
    pub fn named_lists(&self) -> [(&'static str, &[ActionPattern]); 4] {
        [
            ("actions", &self.actions),
            ("notActions", &self.not_actions),
            ("dataActions", &self.data_actions),
            ("notDataActions", &self.not_data_actions),
        ]
    }

    /// Grants and exclusions for one plane: `(grants, exclusions)`.
    pub fn for_plane(&self, data: bool) -> (&[ActionPattern], &[ActionPattern]) {
        if data {
            (&self.data_actions, &self.not_data_actions)
        } else {
            (&self.actions, &self.not_actions)
        }
    }

    /// Whether the block grants nothing at all.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.data_actions.is_empty()
    }
}
