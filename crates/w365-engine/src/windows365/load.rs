//! Read the bundled `windows365.json` into the model and the non-Azure roles.

use super::requirement::req_str;
use super::*;
use crate::json::{JsonError, Node};
use crate::model::{EntraAction, PermissionBlock, Plane, Role, RoleKind};
use crate::observed::{Evidence, Observed, RoleHistory, Sample};
use crate::pattern::ActionPattern;

fn strings(n: &Node<'_>, key: &str) -> Result<Vec<String>, JsonError> {
    Ok(match n.get(key)? {
        Some(v) => v.strings()?.into_iter().map(|l| l.text).collect(),
        None => Vec::new(),
    })
}

fn opt(n: &Node<'_>, key: &str) -> Result<Option<String>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::to_string)),
        None => Ok(None),
    }
}

fn list<'a>(n: &'a Node<'a>, key: &str) -> Result<Vec<Node<'a>>, JsonError> {
    match n.get(key)? {
        Some(v) => v.items(),
        None => Err(n.error(format!("missing `{key}`"))),
    }
}

fn notes(n: &Node<'_>, key: &str) -> Result<Vec<Note>, JsonError> {
    let mut out = Vec::new();
    if let Some(v) = n.get(key)? {
        for x in v.items()? {
            out.push(Note {
                source: req_str(&x, "source")?,
                text: req_str(&x, "text")?,
            });
        }
    }
    Ok(out)
}

fn grants(n: &Node<'_>, key: &str) -> Result<Vec<ServiceGrant>, JsonError> {
    let mut out = Vec::new();
    for g in list(n, key)? {
        let scope = req_str(&g, "scope")?;
        out.push(ServiceGrant {
            role: req_str(&g, "role")?,
            slot: Slot::parse(&scope).ok_or_else(|| g.error(format!("unknown scope `{scope}`")))?,
            why: req_str(&g, "why")?,
            source: req_str(&g, "source")?,
        });
    }
    Ok(out)
}

/// A permission outside the table: observed in a built-in role, or legacy.
fn extra_permission(p: &Node<'_>, legacy: bool) -> Result<CloudPcPermission, JsonError> {
    let name = req_str(p, "name")?;
    let (resource, action) = name.rsplit_once('/').unwrap_or((name.as_str(), ""));
    let description = req_str(p, "description")?;
    Ok(CloudPcPermission {
        resource: resource.to_string(),
        action: action.to_string(),
        summary: description.clone(),
        description,
        notes: vec![PermissionNote {
            kind: if legacy { "legacy" } else { "observed" }.into(),
            text: req_str(p, "why")?,
        }],
        graph: req_str(p, "graph")?,
        confidence: req_str(p, "confidence")?,
        evidence: strings(p, "evidence")?,
        in_table: false,
        legacy,
        name,
    })
}

/// A list of indexes into a catalog of names, resolved.
fn indexed(n: &Node<'_>, key: &str, names: &[String]) -> Result<Vec<String>, JsonError> {
    let Some(v) = n.get(key)? else {
        return Err(n.error(format!("missing `{key}`")));
    };
    v.items()?
        .iter()
        .map(|x| {
            let i = x.as_usize()?;
            names
                .get(i)
                .cloned()
                .ok_or_else(|| x.error(format!("index {i} is out of range")))
        })
        .collect()
}

/// The dated changes of an observed role.
fn history(
    r: &Node<'_>,
    names: &[String],
) -> Result<Vec<crate::observed::HistoryEntry>, JsonError> {
    let mut out = Vec::new();
    for h in list(r, "history")? {
        out.push(crate::observed::HistoryEntry {
            date: req_str(&h, "date")?,
            commit: req_str(&h, "commit")?,
            added: indexed(&h, "added", names)?,
            removed: indexed(&h, "removed", names)?,
        });
    }
    Ok(out)
}

fn patterns(items: &[String]) -> Result<Vec<ActionPattern>, String> {
    items
        .iter()
        .map(|s| ActionPattern::new(s).map_err(|e| e.to_string()))
        .collect()
}

/// What [`load`] reads: the model, the Cloud PC, Entra and Intune roles, and the
/// Intune permissions a current built-in role holds (indexes).
pub(crate) type Loaded = (Windows365, Vec<Role>, Vec<usize>);

/// Parse the model and return it with the Cloud PC, Entra and Intune roles.
pub(crate) fn load(root: &Node<'_>, sources: &[String]) -> Result<Loaded, String> {
    load_inner(root, sources).map_err(|e| e.to_string())
}

fn load_inner(root: &Node<'_>, sources: &[String]) -> Result<Loaded, JsonError> {
    let source_line = |n: &Node<'_>, key: &str| -> Result<Option<String>, JsonError> {
        Ok(match n.get(key)? {
            Some(v) => v.as_opt_str()?.map(|s| match s.parse::<usize>() {
                Ok(i) => sources.get(i).cloned().unwrap_or_default(),
                Err(_) => s.to_string(),
            }),
            None => None,
        })
    };
    let bad = |n: &Node<'_>, e: String| n.error(e);

    let mut permissions = Vec::new();
    for p in list(root, "permissions")? {
        let mut pnotes = Vec::new();
        for x in list(&p, "notes")? {
            pnotes.push(PermissionNote {
                kind: req_str(&x, "kind")?,
                text: req_str(&x, "text")?,
            });
        }
        permissions.push(CloudPcPermission {
            name: req_str(&p, "name")?,
            resource: req_str(&p, "resource")?,
            action: req_str(&p, "action")?,
            description: req_str(&p, "description")?,
            summary: req_str(&p, "summary")?,
            notes: pnotes,
            graph: req_str(&p, "graph")?,
            confidence: req_str(&p, "confidence")?,
            evidence: strings(&p, "evidence")?,
            in_table: true,
            legacy: false,
        });
    }
    for (key, legacy) in [("observedPermissions", false), ("legacyPermissions", true)] {
        for p in list(root, key)? {
            permissions.push(extra_permission(&p, legacy)?);
        }
    }
    let mut documents = Vec::new();
    for d in list(root, "documents")? {
        documents.push(Document {
            id: req_str(&d, "id")?,
            title: req_str(&d, "title")?,
            date: req_str(&d, "date")?,
            origin: req_str(&d, "origin")?,
        });
    }

    let observed_node = root
        .get("observed")?
        .ok_or_else(|| root.error("missing `observed`"))?;
    let captured_until = req_str(&observed_node, "capturedUntil")?;
    let mut observed = Observed {
        source: source_line(&observed_node, "source")?.unwrap_or_default(),
        captured_until: captured_until.clone(),
        histories: Vec::new(),
        evidence: Vec::new(),
    };
    let observed_note = |n: usize| {
        format!(
            "As Microsoft Graph returned it (captured until {captured_until}): {n} actions. \
             Observed lists are the definition; earlier models and samples are kept as evidence."
        )
    };
    let graph_names: Vec<String> = permissions.iter().map(|p| p.graph.clone()).collect();

    let mut roles = Vec::new();
    for r in list(root, "cloudPcRoles")? {
        let name = req_str(&r, "name")?;
        let actions = indexed(&r, "actions", &graph_names)?;
        let modelled = indexed(&r, "modelled", &graph_names)?;
        let observed_source = source_line(&r, "observedSource")?.unwrap_or_default();
        let mut notes = vec![observed_note(actions.len())];
        let sample_only = strings(&r, "sampleOnly")?;
        if !sample_only.is_empty() {
            notes.push(format!(
                "Published samples also list {}, which Graph no longer returns in this role.",
                sample_only.join(", ")
            ));
        }
        notes.push(format!(
            "Earlier model ({} permissions, history only): {}",
            modelled.len(),
            req_str(&r, "derivation")?
        ));
        let mut provenance = vec![
            format!("observed: {observed_source}"),
            format!("description (docs): {}", req_str(&r, "docsDescription")?),
        ];
        if let Some(s) = source_line(&r, "source")? {
            provenance.push(format!("docs: {s}"));
        }
        let mut samples = Vec::new();
        for s in list(&r, "samples")? {
            let acts = strings(&s, "allowedResourceActions")?;
            let src = source_line(&s, "source")?.unwrap_or_default();
            provenance.push(format!(
                "published sample ({} actions, \"might be shortened\"): {src}",
                acts.len()
            ));
            samples.push(Sample {
                source: src,
                actions: acts,
            });
        }
        observed.histories.push(RoleHistory {
            role: name.clone(),
            plane: Plane::CloudPc,
            source: observed_source,
            entries: history(&r, &graph_names)?,
        });
        observed.evidence.push(Evidence {
            role: name.clone(),
            modelled,
            derivation: req_str(&r, "derivation")?,
            samples,
        });
        roles.push(Role {
            id: req_str(&r, "id")?,
            name,
            description: req_str(&r, "description")?,
            kind: RoleKind::CloudPcBuiltIn,
            category: None,
            blocks: vec![PermissionBlock {
                actions: patterns(&actions).map_err(|e| bad(&r, e))?,
                ..Default::default()
            }],
            assignable_scopes: Vec::new(),
            provenance,
            notes,
            entra_actions: Vec::new(),
            aliases: Vec::new(),
            version_date: None,
        });
    }

    let entra_names = strings(root, "entraActions")?;
    let mut entra_descriptions: Vec<String> = vec![String::new(); entra_names.len()];
    if let Some(d) = root.get("entraDescriptions")? {
        for (k, _) in d.keys() {
            let i: usize = k
                .parse()
                .map_err(|_| d.error(format!("`{k}` is not an index")))?;
            let text = req_str(&d, k)?;
            if let Some(slot) = entra_descriptions.get_mut(i) {
                *slot = text;
            }
        }
    }
    for r in list(root, "entraRoles")? {
        let mut entra_actions = Vec::new();
        let Some(idx) = r.get("actions")? else {
            return Err(r.error("missing `actions`"));
        };
        for x in idx.items()? {
            let i = x.as_usize()?;
            let action = entra_names
                .get(i)
                .cloned()
                .ok_or_else(|| x.error(format!("index {i} is out of range")))?;
            entra_actions.push(EntraAction {
                action,
                description: entra_descriptions.get(i).cloned().unwrap_or_default(),
            });
        }
        let mut notes = vec![
            observed_note(entra_actions.len()),
            req_str(&r, "derivation")?,
        ];
        if let Some(n) = opt(&r, "note")? {
            notes.push(n);
        }
        let privileged = r
            .get("privileged")?
            .map(|v| v.as_bool())
            .transpose()?
            .unwrap_or(false);
        notes.push(if privileged {
            "Microsoft labels this Entra role PRIVILEGED.".into()
        } else {
            "Microsoft does not label this Entra role privileged.".into()
        });
        let mut provenance = Vec::new();
        if let Some(s) = source_line(&r, "source")? {
            provenance.push(format!("observed: {s}"));
        }
        roles.push(Role {
            id: req_str(&r, "id")?,
            name: req_str(&r, "name")?,
            description: req_str(&r, "description")?,
            kind: RoleKind::Entra,
            category: None,
            blocks: vec![PermissionBlock {
                actions: patterns(&strings(&r, "grants")?).map_err(|e| bad(&r, e))?,
                ..Default::default()
            }],
            assignable_scopes: Vec::new(),
            provenance,
            notes,
            entra_actions,
            aliases: opt(&r, "graphName")?.into_iter().collect(),
            version_date: None,
        });
    }

    let intune_names = strings(root, "intunePermissions")?;
    let mut intune_current = Vec::new();
    for r in list(root, "intuneRoles")? {
        let name = req_str(&r, "name")?;
        let Some(idx) = r.get("actions")? else {
            return Err(r.error("missing `actions`"));
        };
        for x in idx.items()? {
            intune_current.push(x.as_usize()?);
        }
        let actions = indexed(&r, "actions", &intune_names)?;
        let observed_source = source_line(&r, "observedSource")?.unwrap_or_default();
        let mut provenance = vec![format!("observed: {observed_source}")];
        if let (Some(d), Some(src)) = (opt(&r, "docsDescription")?, opt(&r, "docsSource")?) {
            provenance.push(format!("description (docs): {d} ({src})"));
        }
        observed.histories.push(RoleHistory {
            role: name.clone(),
            plane: Plane::Intune,
            source: observed_source,
            entries: history(&r, &intune_names)?,
        });
        roles.push(Role {
            id: name.to_ascii_lowercase().replace(' ', "-"),
            description: req_str(&r, "description")?,
            kind: RoleKind::Intune,
            category: None,
            blocks: vec![PermissionBlock {
                actions: patterns(&actions).map_err(|e| bad(&r, e))?,
                ..Default::default()
            }],
            assignable_scopes: Vec::new(),
            provenance,
            notes: vec![observed_note(actions.len())],
            entra_actions: Vec::new(),
            aliases: strings(&r, "aliases")?,
            version_date: None,
            name,
        });
    }

    let mut operations = Vec::new();
    for o in list(root, "operations")? {
        let req = o
            .get("requirement")?
            .ok_or_else(|| o.error("missing `requirement`"))?;
        let mut agreement = Vec::new();
        if let Some(a) = o.get("agreement")? {
            for x in a.items()? {
                agreement.push(Cite {
                    source: req_str(&x, "source")?,
                    says: req_str(&x, "says")?,
                    summary: false,
                });
            }
        }
        let service = match req_str(&o, "service")?.as_str() {
            "anc" => ServiceKind::Anc,
            "image" => ServiceKind::Image,
            "review" => ServiceKind::Review,
            "none" => ServiceKind::None,
            other => return Err(o.error(format!("unknown service `{other}`"))),
        };
        operations.push(Operation {
            id: req_str(&o, "id")?,
            name: req_str(&o, "name")?,
            group: req_str(&o, "group")?,
            summary: req_str(&o, "summary")?,
            requirement: Requirement::from_json(&req)?,
            agreement,
            notes: notes(&o, "notes")?,
            prerequisites: notes(&o, "prerequisites")?,
            service,
        });
    }
    // One operation per catalog permission.
    let owner_or_uaa = |says: &str| {
        Requirement::Leaf(
            Leaf::AzureRole {
                roles: vec!["Owner".into(), "User Access Administrator".into()],
                slot: Slot::Subscription,
            },
            Cite {
                source: "seed-001".into(),
                says: says.to_string(),
                summary: false,
            },
        )
    };
    for p in permissions.iter().filter(|p| p.in_table) {
        let leaf = Requirement::Leaf(
            Leaf::CloudPc(p.name.clone()),
            Cite {
                source: "seed-001".into(),
                says: format!("{}: {}", p.name, p.summary),
                summary: false,
            },
        );
        // Where a task that this permission gives disputes the Azure role (its
        // page asks none, or Reader; seed 001 Owner or User Access
        // Administrator), the permission's operation carries the same dispute, so
        // both answer alike (an outside review: the task was conditional and its
        // permission "held but not usable").
        let requirement = match p.notes.iter().find(|n| n.kind == "azure-owner-or-uaa") {
            Some(n) => match azure_dispute(&operations, &p.name) {
                Some(c) => Requirement::All(vec![leaf, Requirement::Conflict(c.clone())]),
                None => Requirement::All(vec![leaf, owner_or_uaa(&n.text)]),
            },
            None => leaf,
        };
        operations.push(Operation {
            id: format!("permission:{}", p.name),
            name: format!("{} ({})", p.summary.trim_end_matches('.'), p.name),
            group: format!("Permission: {}", p.resource),
            summary: p.description.clone(),
            requirement,
            agreement: Vec::new(),
            notes: p
                .notes
                .iter()
                .filter(|n| n.kind != "azure-owner-or-uaa")
                .map(|n| Note {
                    source: "seed-001".into(),
                    text: n.text.clone(),
                })
                .collect(),
            prerequisites: Vec::new(),
            service: ServiceKind::None,
        });
    }

    let service_node = root
        .get("serviceRoles")?
        .ok_or_else(|| root.error("missing `serviceRoles`"))?;
    let anc = service_node
        .get("anc")?
        .ok_or_else(|| service_node.error("missing `anc`"))?;
    let migration = anc
        .get("migration")?
        .ok_or_else(|| anc.error("missing `migration`"))?;
    let automatic = anc
        .get("automatic")?
        .ok_or_else(|| anc.error("missing `automatic`"))?;
    let auto_req = automatic
        .get("requirement")?
        .ok_or_else(|| automatic.error("missing `requirement`"))?;
    let service = ServiceRoles {
        anc_current: grants(&anc, "current")?,
        anc_before: grants(&anc, "before20231126")?,
        cutoff: req_str(&migration, "cutoff")?,
        migration: Cite {
            source: req_str(&migration, "source")?,
            says: req_str(&migration, "quote")?,
            summary: false,
        },
        automatic: (
            Cite {
                source: req_str(&automatic, "source")?,
                says: req_str(&automatic, "quote")?,
                summary: false,
            },
            Requirement::from_json(&auto_req)?,
        ),
        image: grants(&service_node, "image")?,
        review: grants(&service_node, "review")?,
    };

    let mut sensitive = Vec::new();
    for s in list(root, "sensitiveCloudPc")? {
        sensitive.push(SensitivePermission {
            graph: req_str(&s, "graph")?,
            severity: req_str(&s, "severity")?,
            reasoning: strings(&s, "reasoning")?,
        });
    }
    let mut privileged_actions = Vec::new();
    for a in list(root, "privilegedAzureActions")? {
        privileged_actions.push(PrivilegedAction {
            action: req_str(&a, "action")?,
            why: req_str(&a, "why")?,
            listed: a
                .get("listed")?
                .map(|v| v.as_bool())
                .transpose()?
                .unwrap_or(false),
        });
    }
    let mut privileged_roles = Vec::new();
    for r in list(root, "privilegedAzureRoles")? {
        privileged_roles.push((req_str(&r, "name")?, req_str(&r, "why")?));
    }
    Ok((
        Windows365 {
            permissions,
            documents,
            operations,
            service,
            sensitive,
            privileged_actions,
            privileged_roles,
            known_gaps: strings(root, "knownGaps")?,
            observed,
            remote_actions: crate::remote::load(root)?,
            by_name: Default::default(),
        },
        roles,
        intune_current,
    ))
}

/// The first task of `tasks` that a Cloud PC permission `perm` gives (one of its
/// alternatives names it) and that disputes, with seed 001 as one side, the
/// Azure role Owner or User Access Administrator: that dispute.
fn azure_dispute<'t>(tasks: &'t [Operation], perm: &str) -> Option<&'t Conflict> {
    fn names(r: &Requirement, perm: &str) -> bool {
        match r {
            Requirement::All(v) | Requirement::Any(v) => v.iter().any(|x| names(x, perm)),
            Requirement::Leaf(Leaf::CloudPc(p), _) => p == perm,
            _ => false,
        }
    }
    fn owner(r: &Requirement) -> bool {
        match r {
            Requirement::All(v) | Requirement::Any(v) => v.iter().any(owner),
            Requirement::Leaf(Leaf::AzureRole { roles, .. }, _) => {
                roles.iter().any(|x| x == "Owner")
            }
            _ => false,
        }
    }
    fn dispute(r: &Requirement) -> Option<&Conflict> {
        match r {
            Requirement::All(v) | Requirement::Any(v) => v.iter().find_map(dispute),
            Requirement::Conflict(c)
                if c.positions
                    .iter()
                    .any(|p| p.source == "seed-001" && owner(&p.requirement)) =>
            {
                Some(c)
            }
            _ => None,
        }
    }
    tasks
        .iter()
        .filter(|t| names(&t.requirement, perm))
        .find_map(|t| dispute(&t.requirement))
}
