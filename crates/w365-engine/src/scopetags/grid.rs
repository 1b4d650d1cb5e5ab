//! The administrators × objects grid: one [`Visibility`] per cell, with "see as"
//! one administrator.

use super::input::Admin;
use super::{decide, Access, Mode, TaggedObject, Visibility};
use crate::roleset::RoleSet;
use serde::Serialize;

/// Every administrator's view of every object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    /// Administrator names, in order (rows).
    pub admins: Vec<String>,
    /// Object ids, in order (columns).
    pub objects: Vec<String>,
    /// `cells[admin][object]`.
    pub cells: Vec<Vec<Visibility>>,
}

impl Grid {
    /// "See as" one administrator: their row.
    pub fn see_as(&self, admin: &str) -> Option<&[Visibility]> {
        let i = self.admins.iter().position(|a| a == admin)?;
        self.cells.get(i).map(Vec::as_slice)
    }

    /// How many cells of a row are in each state.
    pub fn counts(&self, row: usize) -> Counts {
        let mut c = Counts::default();
        for v in self.cells.get(row).into_iter().flatten() {
            match v.access {
                Access::Hidden => c.hidden += 1,
                Access::Unknown => c.unknown += 1,
                Access::NotListable => c.not_listable += 1,
                Access::Visible => c.visible += 1,
                Access::Actionable => c.actionable += 1,
            }
        }
        c
    }
}

/// How many cells of a grid row are in each [`Access`] state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// No assignment's tags reach them.
    pub hidden: usize,
    /// Not documented either way.
    pub unknown: usize,
    /// In scope through their tags, but no permission on their type.
    pub not_listable: usize,
    /// Visible, read only.
    pub visible: usize,
    /// Visible and actionable.
    pub actionable: usize,
}

/// Decide every cell.
pub fn grid(roles: &RoleSet<'_>, admins: &[Admin], objects: &[TaggedObject], mode: Mode) -> Grid {
    Grid {
        admins: admins.iter().map(|a| a.name.clone()).collect(),
        objects: objects.iter().map(|o| o.id.clone()).collect(),
        cells: admins
            .iter()
            .map(|a| row(roles, a, objects, mode))
            .collect(),
    }
}

/// One administrator's view of every object.
pub(super) fn row(
    roles: &RoleSet<'_>,
    admin: &Admin,
    objects: &[TaggedObject],
    mode: Mode,
) -> Vec<Visibility> {
    let tagged = admin.tagged();
    objects
        .iter()
        .map(|o| decide(roles, &tagged, o, mode))
        .collect()
}
