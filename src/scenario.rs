//! The scope-tag scenario the user works on in the "Scope tags" view: the tags
//! defined, the Windows 365 objects with their tags, and the administrators with
//! their role assignments and tags. Typed, with stable keys for keyed rows and exact
//! undo: every change is a [`ScenarioEdit`] whose `apply` returns the edit that
//! undoes exactly that change.
//!
//! Its forms: saved (and carried by links) as the `w365-perms visibility` input plus
//! the `tags` list and the row keys ([`TagScenario`] serialized); given to the engine
//! as that input exactly ([`TagScenario::to_input`]), which `scopetags::parse` reads
//! and checks. Nothing here decides visibility: the engine does.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The object types a user defines (the five that take scope tags).
pub const OBJECT_TYPES: [(&str, &str); 5] = [
    ("provisioningPolicy", "Provisioning policy"),
    ("azureNetworkConnection", "Azure network connection"),
    ("cloudPc", "Cloud PC"),
    ("customImage", "Custom image"),
    ("roleAssignment", "Windows 365 role assignment"),
];

/// A type's label for people (the JSON name when unknown).
pub fn type_label(kind: &str) -> &str {
    OBJECT_TYPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| *l)
        .unwrap_or(kind)
}

/// A Windows 365 object and its tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagObject {
    /// Stable key (`o-...`), not part of the engine's input.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// The object's id, as the user names it (unique in the scenario).
    pub id: String,
    /// Its type (`provisioningPolicy`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its scope tags (none: `Default`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_tags: Vec<String>,
    /// For a Cloud PC: its Intune device record's tags, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_scope_tags: Option<Vec<String>>,
    /// For a Cloud PC: the name of its provisioning policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_policy: Option<String>,
}

/// One role assignment of an administrator, with its tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagAssignment {
    /// Role name (Cloud PC, Intune or Entra role; built-in or custom).
    pub role: String,
    /// Its scope tags (none: sees every object).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_tags: Vec<String>,
}

/// An administrator and the role assignments they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagAdmin {
    /// Stable key (`d-...`), not part of the engine's input.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// A name, unique in the scenario (what "see as" names).
    pub name: String,
    /// Assignments.
    #[serde(default)]
    pub assignments: Vec<TagAssignment>,
}

/// The whole scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagScenario {
    /// The tags defined, in the user's order (tags used by objects or assignments
    /// are among them).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The objects.
    #[serde(default)]
    pub objects: Vec<TagObject>,
    /// The administrators.
    #[serde(default)]
    pub admins: Vec<TagAdmin>,
    /// Intune's opt-in mode: each assignment's permissions apply only within its tags.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scoped_permissions: bool,
}

/// One change to a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioEdit {
    /// Define tags at positions (ascending).
    InsertTags(Vec<(usize, String)>),
    /// Forget tags (callers take them off objects and assignments in the same batch).
    RemoveTags(Vec<String>),
    /// Insert objects at positions (ascending).
    InsertObjects(Vec<(usize, TagObject)>),
    /// Remove objects by key.
    RemoveObjects(Vec<String>),
    /// Replace the object with the same key.
    UpdateObject(TagObject),
    /// Insert administrators at positions (ascending).
    InsertAdmins(Vec<(usize, TagAdmin)>),
    /// Remove administrators by key.
    RemoveAdmins(Vec<String>),
    /// Replace the administrator with the same key.
    UpdateAdmin(TagAdmin),
    /// Turn the scoped-permissions mode on or off.
    SetScoped(bool),
}

/// A list item with a key.
trait Keyed: Clone + PartialEq {
    fn key(&self) -> &str;
}

impl Keyed for String {
    fn key(&self) -> &str {
        self
    }
}

impl Keyed for TagObject {
    fn key(&self) -> &str {
        &self.key
    }
}

impl Keyed for TagAdmin {
    fn key(&self) -> &str {
        &self.key
    }
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Insert items; returns the keys inserted (items whose key is present are skipped).
fn insert<T: Keyed>(list: &mut Vec<T>, items: Vec<(usize, T)>) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    for (pos, item) in items {
        if list.iter().any(|x| same(x.key(), item.key())) {
            continue;
        }
        keys.push(item.key().to_string());
        list.insert(pos.min(list.len()), item);
    }
    (!keys.is_empty()).then_some(keys)
}

/// Remove items by key; returns them with their positions (ascending).
fn remove<T: Keyed>(list: &mut Vec<T>, keys: &[String]) -> Option<Vec<(usize, T)>> {
    let mut removed = Vec::new();
    let mut pos = 0;
    list.retain(|x| {
        let keep = !keys.iter().any(|k| same(k, x.key()));
        if !keep {
            removed.push((pos, x.clone()));
        }
        pos += 1;
        keep
    });
    (!removed.is_empty()).then_some(removed)
}

/// Replace the item with the same key; returns the old one.
fn update<T: Keyed>(list: &mut [T], item: T) -> Option<T> {
    let x = list.iter_mut().find(|x| x.key() == item.key())?;
    if *x == item {
        return None;
    }
    Some(std::mem::replace(x, item))
}

impl TagScenario {
    /// Apply an edit; returns the edit that undoes it (`None` when nothing changed).
    pub fn apply(&mut self, edit: ScenarioEdit) -> Option<ScenarioEdit> {
        use ScenarioEdit as E;
        match edit {
            E::InsertTags(items) => insert(&mut self.tags, items).map(E::RemoveTags),
            E::RemoveTags(keys) => remove(&mut self.tags, &keys).map(E::InsertTags),
            E::InsertObjects(items) => insert(&mut self.objects, items).map(E::RemoveObjects),
            E::RemoveObjects(keys) => remove(&mut self.objects, &keys).map(E::InsertObjects),
            E::UpdateObject(o) => update(&mut self.objects, o).map(E::UpdateObject),
            E::InsertAdmins(items) => insert(&mut self.admins, items).map(E::RemoveAdmins),
            E::RemoveAdmins(keys) => remove(&mut self.admins, &keys).map(E::InsertAdmins),
            E::UpdateAdmin(a) => update(&mut self.admins, a).map(E::UpdateAdmin),
            E::SetScoped(on) => (self.scoped_permissions != on).then(|| {
                self.scoped_permissions = on;
                E::SetScoped(!on)
            }),
        }
    }

    /// An object by key.
    pub fn object(&self, key: &str) -> Option<&TagObject> {
        self.objects.iter().find(|o| o.key == key)
    }

    /// An administrator by key.
    pub fn admin(&self, key: &str) -> Option<&TagAdmin> {
        self.admins.iter().find(|a| a.key == key)
    }

    /// Whether a tag is defined (case ignored, as Intune compares names).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| same(t, tag.trim()))
    }

    /// The edits that forget a tag: off every object, device record and assignment
    /// that carries it, then out of the list.
    pub fn remove_tag_edits(&self, tag: &str) -> Vec<ScenarioEdit> {
        let strip = |tags: &[String]| -> Vec<String> {
            tags.iter().filter(|t| !same(t, tag)).cloned().collect()
        };
        let mut edits = Vec::new();
        for o in &self.objects {
            let device = o.device_scope_tags.as_deref().map(strip);
            let tags = strip(&o.scope_tags);
            if tags != o.scope_tags || device != o.device_scope_tags {
                edits.push(ScenarioEdit::UpdateObject(TagObject {
                    scope_tags: tags,
                    device_scope_tags: device,
                    ..o.clone()
                }));
            }
        }
        for a in &self.admins {
            let assignments: Vec<TagAssignment> = a
                .assignments
                .iter()
                .map(|x| TagAssignment {
                    role: x.role.clone(),
                    scope_tags: strip(&x.scope_tags),
                })
                .collect();
            if assignments != a.assignments {
                edits.push(ScenarioEdit::UpdateAdmin(TagAdmin {
                    assignments,
                    ..a.clone()
                }));
            }
        }
        edits.push(ScenarioEdit::RemoveTags(vec![tag.to_string()]));
        edits
    }

    /// The role names the assignments use, each once.
    pub fn roles_used(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in self.admins.iter().flat_map(|a| &a.assignments) {
            if !out.iter().any(|r| same(r, &a.role)) {
                out.push(&a.role);
            }
        }
        out
    }

    /// The `w365-perms visibility` input (the `admins` form), with `roles`: the
    /// definitions of custom roles the assignments use (as Graph JSON values).
    pub fn to_input(&self, roles: Vec<Value>) -> Value {
        let objects: Vec<Value> = self
            .objects
            .iter()
            .map(|o| {
                let mut m = json!({"id": o.id, "type": o.kind});
                if !o.scope_tags.is_empty() {
                    m["scopeTags"] = json!(o.scope_tags);
                }
                if let Some(d) = &o.device_scope_tags {
                    m["deviceScopeTags"] = json!(d);
                }
                if let Some(p) = o.provisioning_policy.as_deref().filter(|p| !p.is_empty()) {
                    m["provisioningPolicy"] = json!(p);
                }
                m
            })
            .collect();
        let admins: Vec<Value> = self
            .admins
            .iter()
            .map(|a| {
                let assignments: Vec<Value> = a
                    .assignments
                    .iter()
                    .map(|x| {
                        let mut m = json!({"role": x.role});
                        if !x.scope_tags.is_empty() {
                            m["scopeTags"] = json!(x.scope_tags);
                        }
                        m
                    })
                    .collect();
                json!({"name": a.name, "assignments": assignments})
            })
            .collect();
        let mut out = json!({"objects": objects, "admins": admins});
        if !roles.is_empty() {
            out["roles"] = json!(roles);
        }
        if self.scoped_permissions {
            out["scopedPermissions"] = json!(true);
        }
        out
    }

    /// A scenario from what the engine read (`scopetags::parse`): objects and
    /// administrators in input order, role names as the engine resolved them, the
    /// tags in order of first use, keys from `fresh`.
    pub fn from_parsed(
        s: &w365_engine::scopetags::Scenario<'_>,
        mut fresh: impl FnMut(&str) -> String,
    ) -> TagScenario {
        let mut tags: Vec<String> = Vec::new();
        let mut note = |list: &[String]| {
            for t in list {
                if !tags.iter().any(|x| same(x, t)) {
                    tags.push(t.clone());
                }
            }
        };
        let objects: Vec<TagObject> = s
            .objects
            .iter()
            .map(|o| {
                note(&o.scope_tags);
                if let Some(d) = &o.device_scope_tags {
                    note(d);
                }
                TagObject {
                    key: fresh("o"),
                    id: o.id.clone(),
                    kind: o.kind.as_str().to_string(),
                    scope_tags: o.scope_tags.clone(),
                    device_scope_tags: o.device_scope_tags.clone(),
                    provisioning_policy: o.provisioning_policy.clone(),
                }
            })
            .collect();
        let admins: Vec<TagAdmin> = s
            .admins
            .iter()
            .map(|a| TagAdmin {
                key: fresh("d"),
                name: a.name.clone(),
                assignments: a
                    .assignments
                    .iter()
                    .map(|x| {
                        note(&x.scope_tags);
                        TagAssignment {
                            role: s
                                .roles
                                .get(x.role)
                                .map(|r| r.name.clone())
                                .unwrap_or_default(),
                            scope_tags: x.scope_tags.clone(),
                        }
                    })
                    .collect(),
            })
            .collect();
        TagScenario {
            tags,
            objects,
            admins,
            scoped_permissions: s.mode == w365_engine::scopetags::Mode::Scoped,
        }
    }

    /// Give every object and administrator without a key one (`o-{prefix}{n}`,
    /// `d-{prefix}{n}`), as saved state of other versions and links may lack them.
    pub fn with_keys(mut self, prefix: &str) -> TagScenario {
        for (i, o) in self.objects.iter_mut().enumerate() {
            if o.key.is_empty() {
                o.key = format!("o-{prefix}{}", i + 1);
            }
        }
        for (i, a) in self.admins.iter_mut().enumerate() {
            if a.key.is_empty() {
                a.key = format!("d-{prefix}{}", i + 1);
            }
        }
        self
    }

    /// The edits that replace this scenario's content by another's (an import or a
    /// fresh start): its rows removed by key and the new ones inserted, so undo
    /// brings the old rows back and leaves rows added later alone.
    pub fn replace_edits(&self, new: &TagScenario) -> Vec<ScenarioEdit> {
        let mut out = vec![
            ScenarioEdit::RemoveObjects(self.objects.iter().map(|o| o.key.clone()).collect()),
            ScenarioEdit::RemoveAdmins(self.admins.iter().map(|a| a.key.clone()).collect()),
            ScenarioEdit::RemoveTags(self.tags.clone()),
            ScenarioEdit::InsertTags(new.tags.iter().cloned().enumerate().collect()),
            ScenarioEdit::InsertObjects(new.objects.iter().cloned().enumerate().collect()),
            ScenarioEdit::InsertAdmins(new.admins.iter().cloned().enumerate().collect()),
        ];
        if self.scoped_permissions != new.scoped_permissions {
            out.push(ScenarioEdit::SetScoped(new.scoped_permissions));
        }
        out
    }

    /// The edits that add another scenario's tags, objects and administrators to
    /// this one (object ids and admin names already used get a suffix; fresh keys).
    pub fn merge_edits(
        &self,
        other: &TagScenario,
        mut fresh: impl FnMut(&str) -> String,
    ) -> Vec<ScenarioEdit> {
        let tags: Vec<(usize, String)> = other
            .tags
            .iter()
            .filter(|t| !self.has_tag(t))
            .enumerate()
            .map(|(i, t)| (self.tags.len() + i, t.clone()))
            .collect();
        let mut ids: Vec<String> = self.objects.iter().map(|o| o.id.clone()).collect();
        let objects: Vec<(usize, TagObject)> = other
            .objects
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let id = unique(&o.id, &ids);
                ids.push(id.clone());
                (
                    self.objects.len() + i,
                    TagObject {
                        key: fresh("o"),
                        id,
                        ..o.clone()
                    },
                )
            })
            .collect();
        let mut names: Vec<String> = self.admins.iter().map(|a| a.name.clone()).collect();
        let admins: Vec<(usize, TagAdmin)> = other
            .admins
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let name = unique(&a.name, &names);
                names.push(name.clone());
                (
                    self.admins.len() + i,
                    TagAdmin {
                        key: fresh("d"),
                        name,
                        ..a.clone()
                    },
                )
            })
            .collect();
        vec![
            ScenarioEdit::InsertTags(tags),
            ScenarioEdit::InsertObjects(objects),
            ScenarioEdit::InsertAdmins(admins),
        ]
    }
}

/// Whether two ids or names are the same one, as the engine compares object ids:
/// ASCII letter case and surrounding spaces ignored (a case variant of an object's
/// id was added and took the grid down: browser review of 2026-12-06).
pub fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// `name`, or `name (2)`, `name (3)`, ... when taken ([`same_id`]).
pub fn unique(name: &str, taken: &[String]) -> String {
    let free = |c: &str| !taken.iter().any(|t| same_id(t, c));
    if free(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|c| free(c))
        .unwrap_or_else(|| name.to_string())
}

/// The example a first-time user sees: a Paris and a London helpdesk, a Cloud PC
/// administrator for Paris, the Windows 365 Administrator and an auditor, over
/// policies, connections, an image, Cloud PCs (one whose Intune device record was
/// left untagged) and a role assignment.
pub fn preset() -> TagScenario {
    let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let obj = |key: &str, id: &str, kind: &str, t: &[&str]| TagObject {
        key: key.into(),
        id: id.into(),
        kind: kind.into(),
        scope_tags: tags(t),
        device_scope_tags: None,
        provisioning_policy: None,
    };
    let assign = |role: &str, t: &[&str]| TagAssignment {
        role: role.into(),
        scope_tags: tags(t),
    };
    let admin = |key: &str, name: &str, a: Vec<TagAssignment>| TagAdmin {
        key: key.into(),
        name: name.into(),
        assignments: a,
    };
    TagScenario {
        tags: tags(&["Paris", "London"]),
        objects: vec![
            obj("o-p1", "Paris Cloud PCs", "provisioningPolicy", &["Paris"]),
            obj(
                "o-p2",
                "London Cloud PCs",
                "provisioningPolicy",
                &["London"],
            ),
            obj("o-p3", "anc-paris", "azureNetworkConnection", &["Paris"]),
            obj("o-p4", "anc-shared", "azureNetworkConnection", &[]),
            obj("o-p5", "win11-office", "customImage", &["Paris", "London"]),
            TagObject {
                device_scope_tags: Some(Vec::new()),
                provisioning_policy: Some("Paris Cloud PCs".into()),
                ..obj("o-p6", "CPC-PAR-001", "cloudPc", &["Paris"])
            },
            TagObject {
                device_scope_tags: Some(tags(&["London"])),
                provisioning_policy: Some("London Cloud PCs".into()),
                ..obj("o-p7", "CPC-LON-001", "cloudPc", &["London"])
            },
            obj(
                "o-p8",
                "Paris helpdesk assignment",
                "roleAssignment",
                &["Paris"],
            ),
        ],
        admins: vec![
            admin(
                "d-p1",
                "Paris helpdesk",
                vec![
                    assign("Help Desk Operator", &["Paris"]),
                    assign("Cloud PC Reader", &["Paris"]),
                ],
            ),
            admin(
                "d-p2",
                "London helpdesk",
                vec![
                    assign("Help Desk Operator", &["London"]),
                    assign("Cloud PC Reader", &["London"]),
                ],
            ),
            admin(
                "d-p3",
                "Paris Cloud PC admin",
                vec![assign("Cloud PC Administrator", &["Paris"])],
            ),
            admin(
                "d-p4",
                "Windows 365 admin",
                vec![assign("Windows 365 Administrator", &[])],
            ),
            admin("d-p5", "Auditor", vec![assign("Global Reader", &[])]),
        ],
        scoped_permissions: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use w365_engine::scopetags::{self, Access};

    fn grid(s: &TagScenario) -> scopetags::Grid {
        let cat = w365_engine::catalog().unwrap();
        let text = s.to_input(Vec::new()).to_string();
        scopetags::parse(cat, &text)
            .unwrap_or_else(|e| panic!("{e}"))
            .grid()
    }

    /// A case or space variant of a taken id is numbered as the engine compares
    /// ids, so the scenario stays readable (browser review of 2026-12-06).
    #[test]
    fn a_case_variant_of_a_taken_id_is_numbered() {
        let taken = vec!["CPC-PAR-001".to_string(), "cpc-par-001 (2)".to_string()];
        assert_eq!(unique(" cpc-par-001", &taken), " cpc-par-001 (3)");
        assert_eq!(unique("CPC-PAR-002", &taken), "CPC-PAR-002");
        let mut s = preset();
        let mut o = s.objects[0].clone();
        o.key = "o-new".into();
        o.id = unique(
            &s.objects[0].id.to_ascii_lowercase(),
            &s.objects.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        );
        s.objects.push(o);
        let _ = grid(&s);
    }

    #[test]
    fn the_preset_reads_and_shows_every_kind_of_cell() {
        let g = grid(&preset());
        let paris = g.see_as("Paris helpdesk").unwrap();
        let cell = |id: &str| paris.iter().find(|v| v.id == id).unwrap();
        assert_eq!(cell("Paris Cloud PCs").access, Access::Visible);
        assert_eq!(cell("London Cloud PCs").access, Access::Hidden);
        assert_eq!(cell("CPC-PAR-001").access, Access::Visible);
        assert!(
            cell("CPC-PAR-001").mismatch.is_some(),
            "device record untagged"
        );
        let admin = g.see_as("Paris Cloud PC admin").unwrap();
        assert_eq!(admin[5].access, Access::Actionable);
        let w365 = g.see_as("Windows 365 admin").unwrap();
        assert!(w365.iter().all(|v| v.visible));
        assert!(w365.iter().any(|v| v.inferred), "R5 is an inference");
    }

    #[test]
    fn every_edit_round_trips_through_its_inverse() {
        let before = preset();
        let mut obj = before.objects[0].clone();
        obj.scope_tags.push("London".into());
        let mut adm = before.admins[0].clone();
        adm.name = "Paris desk".into();
        let edits = vec![
            ScenarioEdit::InsertTags(vec![(2, "Berlin".into())]),
            ScenarioEdit::RemoveTags(vec!["paris".into()]),
            ScenarioEdit::InsertObjects(vec![(
                0,
                TagObject {
                    key: "o-x".into(),
                    ..obj.clone()
                },
            )]),
            ScenarioEdit::RemoveObjects(vec!["o-p2".into(), "o-p5".into()]),
            ScenarioEdit::UpdateObject(obj),
            ScenarioEdit::InsertAdmins(vec![(
                9,
                TagAdmin {
                    key: "d-x".into(),
                    ..adm.clone()
                },
            )]),
            ScenarioEdit::RemoveAdmins(vec!["d-p3".into()]),
            ScenarioEdit::UpdateAdmin(adm),
            ScenarioEdit::SetScoped(true),
        ];
        for e in edits {
            let mut s = before.clone();
            let undo = s
                .apply(e.clone())
                .unwrap_or_else(|| panic!("{e:?} changed nothing"));
            assert_ne!(s, before, "{e:?}");
            s.apply(undo);
            assert_eq!(s, before, "{e:?}");
        }
        let mut s = before.clone();
        assert!(s.apply(ScenarioEdit::SetScoped(false)).is_none());
        assert!(s
            .apply(ScenarioEdit::RemoveObjects(vec!["nope".into()]))
            .is_none());
        assert!(s
            .apply(ScenarioEdit::InsertTags(vec![(0, "PARIS".into())]))
            .is_none());
    }

    #[test]
    fn removing_a_tag_takes_it_off_everything() {
        let mut s = preset();
        for e in s.remove_tag_edits("Paris") {
            s.apply(e);
        }
        assert_eq!(s.tags, ["London"]);
        assert!(s
            .objects
            .iter()
            .all(|o| !o.scope_tags.iter().any(|t| t == "Paris")));
        assert!(s
            .admins
            .iter()
            .flat_map(|a| &a.assignments)
            .all(|x| !x.scope_tags.iter().any(|t| t == "Paris")));
    }

    #[test]
    fn the_engine_form_round_trips() {
        let cat = w365_engine::catalog().unwrap();
        let s = preset();
        let parsed = scopetags::parse(cat, &s.to_input(Vec::new()).to_string()).unwrap();
        let mut n = 0;
        let back = TagScenario::from_parsed(&parsed, |p| {
            n += 1;
            format!("{p}-{n}")
        });
        let strip = |mut x: TagScenario| {
            x.objects.iter_mut().for_each(|o| o.key.clear());
            x.admins.iter_mut().for_each(|a| a.key.clear());
            x
        };
        assert_eq!(strip(back), strip(s));
    }

    #[test]
    fn replacing_is_undone_exactly() {
        let before = preset();
        let mut new = preset();
        new.tags = vec!["Berlin".into()];
        new.objects.truncate(1);
        new.objects[0].key = "o-new".into();
        new.objects[0].scope_tags = vec!["Berlin".into()];
        new.admins.clear();
        new.scoped_permissions = true;
        let mut s = before.clone();
        let undo: Vec<_> = s
            .replace_edits(&new)
            .into_iter()
            .filter_map(|e| s.apply(e))
            .collect();
        assert_eq!(s, new);
        for e in undo.into_iter().rev() {
            s.apply(e);
        }
        assert_eq!(s, before);
    }

    #[test]
    fn merging_keeps_both_and_renames_clashes() {
        let mut mine = preset();
        let theirs = preset();
        let mut n = 0;
        for e in mine.merge_edits(&theirs, |p| {
            n += 1;
            format!("{p}-new{n}")
        }) {
            mine.apply(e);
        }
        assert_eq!(mine.objects.len(), 16);
        assert_eq!(mine.tags.len(), 2);
        assert!(mine.admins.iter().any(|a| a.name == "Paris helpdesk (2)"));
    }
}
