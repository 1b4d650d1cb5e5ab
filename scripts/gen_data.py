#!/usr/bin/env python3
"""Regenerate the engine's bundled catalog from the source data kept in `data/`.

Inputs (never `../shared`; those files were copied into `data/sources/` with
their provenance, see `data/PROVENANCE.md`):

  data/sources/reference/*.json      reference facts (roles, operations, Windows 365)
  data/sources/seeds/*.txt           the five seed documents
  data/authored/*.json               the Windows 365 model this project authored,
                                     every statement citing its source

Outputs (committed; `crates/w365-engine` embeds them with `include_str!`):

  crates/w365-engine/generated/azure-operations.txt            operation names, front-coded by segment
  crates/w365-engine/generated/azure-operation-descriptions.txt one description per line
  crates/w365-engine/generated/azure-providers.tsv             provider -> docs category
  crates/w365-engine/generated/azure-roles.txt                 933 built-in role definitions
  crates/w365-engine/generated/azure-roles-2025-01-25.txt      the 34 roles of seed 003
  crates/w365-engine/generated/windows365.json                 Cloud PC, Entra, Intune, operations
  crates/w365-engine/generated/scope-tags.json                 scope-tag rules, object types, bypass roles
  crates/w365-engine/generated/anc-health.json                 ANC health checks, errorType codes, fixes
  crates/w365-engine/generated/azure-risks.json                Azure risk flags by category, with their basis
  crates/w365-engine/generated/exercises.json                  the built-in training pack
  crates/w365-engine/generated/manifest.json                   sources, dates and counts

Run `python3 scripts/gen_data.py` after changing anything under `data/`;
`python3 scripts/gen_data.py --check` fails when the committed output is stale
(the test suite runs it).
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data" / "sources"
REF = SRC / "reference"
SEEDS = SRC / "seeds"
AUTHORED = ROOT / "data" / "authored"
OUT = ROOT / "crates" / "w365-engine" / "generated"

SEED_PERMISSIONS = "001_6563cfe81d35557b.txt"
SEED_COMPUTE_ROLES = "003_bf8ccfe03b0d15ae.txt"
SEED_COMPUTE_DATE = "2025-01-25"


def fail(msg):
    print(f"gen_data: {msg}", file=sys.stderr)
    sys.exit(1)


def esc(s):
    """Escape a field for the line formats: backslash, tab, CR and LF."""
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\r", "\\r").replace("\n", "\\n"))


def load(name):
    return json.loads((REF / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Azure operations
# ---------------------------------------------------------------------------

def shared_segments(segs, prev):
    """How many leading segments `segs` shares with `prev`, leaving it at least one
    of its own: the count a line front-coded by segment starts with (the decoder is
    `catalog::Segments`)."""
    shared = 0
    limit = min(len(segs) - 1, len(prev))
    while shared < limit and segs[shared] == prev[shared]:
        shared += 1
    return shared


def gen_operations():
    ops = load("azure-operations.json")
    if len(ops) != 22520:
        fail(f"expected 22520 operations, found {len(ops)}")
    # One entry per (name, plane); sorted case-insensitively so that a pattern
    # prefix selects one contiguous range.
    ops.sort(key=lambda o: (o["operation"].lower(), o["dataAction"], o["operation"]))
    # Front-coded by segment: a line is the number of leading `/`-separated segments
    # it shares with the line before, its plane flag, then its other segments (at
    # least one). Segments compress better than characters under brotli (65 KB
    # instead of 80 KB alone), as the cut falls where names repeat.
    names, descs = [], []
    prev = []
    for o in ops:
        name = o["operation"]
        if not name or any(c in name for c in "\t\n\r"):
            fail(f"unusable operation name {name!r}")
        segs = name.split("/")
        shared = shared_segments(segs, prev)
        flag = "d" if o["dataAction"] else "c"
        names.append(f"{shared}{flag}{'/'.join(segs[shared:])}")
        descs.append(esc(o["description"] or ""))
        prev = segs
    providers = {}
    for o in ops:
        p = o["provider"]
        cat = o["category"] or ""
        if providers.setdefault(p, cat) != cat:
            fail(f"provider {p} has two categories")
    prov_lines = [f"{p}\t{c}" for p, c in sorted(providers.items(), key=lambda kv: kv[0].lower())]
    return ("\n".join(names) + "\n", "\n".join(descs) + "\n",
            "\n".join(prov_lines) + "\n", len(ops), len(providers))


# ---------------------------------------------------------------------------
# Azure roles
# ---------------------------------------------------------------------------

class Sources:
    """Deduplicated provenance records, referenced by index from the data files."""

    def __init__(self):
        self.items = []
        self.index = {}

    def add(self, src):
        if src is None:
            return ""
        key = json.dumps(src, sort_keys=True)
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(src)
        return str(self.index[key])


def role_lines(role, sources, version_note=None):
    """Serialise one role definition in the line format read by `bundle/roles.rs`.

    R <guid> <roleName> <category> <definition-source> <category-source> <path> <inDocs>
                                    (path empty when it is azure-roles/<roleName>.json)
    D <description>
    S <assignable scope>            (one line per scope)
    P                               (starts a permission block)
    C <conditionVersion> <condition>
    A / N / a / n <shared> <rest>   actions, notActions, dataActions, notDataActions:
                                    the pattern shares its first <shared> `/`-separated
                                    segments with the block's pattern before it (0 for
                                    the first), <rest> is its other segments
    """
    src = role.get("source") or {}
    definition = dict(src.get("definition") or {})
    path = definition.pop("path", "")
    if path == f"azure-roles/{role['roleName']}.json":
        path = ""  # the default, spelled out by `bundle/roles.rs`
    cat_src = src.get("category")
    fields = [
        "R", role["name"], role["roleName"], role.get("category") or "",
        sources.add(definition) if definition else "",
        sources.add(cat_src) if cat_src else "",
        path, "1" if role.get("inDocs", True) else "0",
    ]
    if role["id"] != "/providers/Microsoft.Authorization/roleDefinitions/" + role["name"]:
        fail(f"role {role['roleName']} has an unexpected id {role['id']}")
    out = ["\t".join(esc(f) for f in fields)]
    out.append("D\t" + esc(role.get("description") or ""))
    for s in role.get("assignableScopes") or []:
        out.append("S\t" + esc(s))
    for block in role["permissions"]:
        out.append("P")
        if block.get("condition"):
            out.append("C\t" + esc(block.get("conditionVersion") or "") + "\t" + esc(block["condition"]))
        prev = []
        for key, tag in (("actions", "A"), ("notActions", "N"),
                         ("dataActions", "a"), ("notDataActions", "n")):
            for p in block.get(key) or []:
                segs = p.split("/")
                shared = shared_segments(segs, prev)
                out.append(f"{tag}\t{shared}\t" + esc("/".join(segs[shared:])))
                prev = segs
    return out


def gen_roles(sources):
    roles = load("azure-builtin-roles.json")
    if len(roles) != 933:
        fail(f"expected 933 built-in roles, found {len(roles)}")
    roles.sort(key=lambda r: r["roleName"].lower())
    lines = []
    for r in roles:
        lines.extend(role_lines(r, sources))
    return "\n".join(lines) + "\n", roles


def gen_seed_roles(sources, current):
    text = (SEEDS / SEED_COMPUTE_ROLES).read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)\n```", text, re.S)
    by_id = {r["name"]: r for r in current}
    seed_src = {
        "repo": "seed", "path": f"seeds/{SEED_COMPUTE_ROLES}",
        "document": "Azure built-in roles for Compute (MicrosoftDocs/azure-docs built-in-roles/compute.md)",
        "ms.date": "01/25/2025",
    }
    lines = []
    for b in blocks:
        r = json.loads(b)
        if r["name"] not in by_id:
            fail(f"seed role {r['roleName']} is not among the current built-in roles")
        r = dict(r)
        r["source"] = {"definition": seed_src}
        r["category"] = "compute"
        lines.extend(role_lines(r, sources))
    if len(blocks) != 34:
        fail(f"expected 34 roles in seed 003, found {len(blocks)}")
    return "\n".join(lines) + "\n", len(blocks)


# ---------------------------------------------------------------------------
# Windows 365 (Cloud PC permissions, built-in roles, Entra roles, operations)
# ---------------------------------------------------------------------------

def parse_seed_permissions():
    text = (SEEDS / SEED_PERMISSIONS).read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", text, re.M)
    perms = [(p.strip(), d.strip()) for p, d in rows if "/" in p and p != "Permission"]
    if len(perms) != 106:
        fail(f"expected 106 permissions in seed 001, found {len(perms)}")
    return perms


def graph_key(resource, action):
    res = resource.replace(" ", "")
    if res == "AzureNetworkConnections":
        res = "OnPremisesConnections"
    return f"Microsoft.CloudPC/{res}/{action}"


NOTE_PATTERNS = [
    (re.compile(r"Subscription owner or user access administrator Azure role is also required[^.]*\.", re.I),
     "azure-owner-or-uaa"),
    (re.compile(r"You can't delete [^.]*\.|Reminder: You can't delete [^.]*\.", re.I), "in-use"),
    (re.compile(r"Currently, only the scopeIds property can be modified[^.]*\.", re.I), "limited"),
    (re.compile(r"Note that having this permission only allows [^.]*\.", re.I), "limited"),
]


def split_notes(desc):
    """Separate the sentences of a permission description that are notes."""
    notes = []
    rest = desc
    for rx, kind in NOTE_PATTERNS:
        for m in rx.finditer(desc):
            notes.append({"kind": kind, "text": m.group(0).strip()})
            rest = rest.replace(m.group(0), "")
    return re.sub(r"\s+", " ", rest).strip(), notes


CLOUD_PC_OBSERVED = ("Cloud PC Administrator", "Cloud PC Reader")


def history(role, index, current):
    """The dated changes of an observed role, actions as catalog indexes; replaying
    them must give the current list."""
    out = []
    held = set()
    for h in role.get("history") or []:
        if "actions" in h:
            if out:
                fail(f"{role['displayName']}: a full list after the first entry")
            added, removed = h["actions"], []
        else:
            added, removed = h["added"], h["removed"]
        for a in removed:
            if a not in held:
                fail(f"{role['displayName']} {h['date']}: removes {a}, which it does not hold")
            held.discard(a)
        for a in added:
            if a in held:
                fail(f"{role['displayName']} {h['date']}: adds {a}, which it holds")
            held.add(a)
        out.append({"date": h["date"], "commit": h["commit"][:12],
                    "added": [index(a) for a in added], "removed": [index(a) for a in removed]})
    if out and held != set(current):
        fail(f"{role['displayName']}: replaying the history does not give the current list")
    return out


ENTRA_GRANTS = {
    "microsoft.cloudpc/allentities/allproperties/alltasks": ("Microsoft.CloudPC/*", "every Cloud PC permission"),
    "microsoft.cloudpc/allentities/allproperties/read": ("Microsoft.CloudPC/*/Read",
                                                         "every Cloud PC permission whose action is Read"),
    "microsoft.intune/allentities/alltasks": ("Microsoft.Intune/*", "every Intune permission"),
}


def entra_grants(actions):
    """The Cloud PC and Intune permissions an Entra role's resource actions are read to grant."""
    grants, why = [], []
    for a in actions:
        g = ENTRA_GRANTS.get(a.lower())
        if g:
            grants.append(g[0])
            why.append(f"{a} is read as {g[1]}")
        elif a.lower().startswith(("microsoft.cloudpc/", "microsoft.intune/")):
            fail(f"no reading of the Entra action {a}")
    if not why:
        return [], "Its observed permissions hold no microsoft.cloudPC or microsoft.intune line: it grants no Cloud PC or Intune permission."
    return grants, "; ".join(why) + "."


# "Not found" notes of the reference files that the observed roles answer.
SUPERSEDED = {
    "No complete, authoritative list of the current allowedResourceActions of the built-in Cloud PC roles (Graph docs examples are marked as possibly shortened).":
        "observed: graph-observed-roles.json holds both lists as Graph returned them",
    "'Reports/Export': no Graph action name found in any source (not in the third-party list either).":
        "observed: Microsoft.CloudPC/Reports/Export was in Cloud PC Administrator until 2023-12-04",
}


def superseded(gaps):
    """Drop the gaps the observed roles fill; each must still be in its source file."""
    missing = [g for g in SUPERSEDED if g not in gaps]
    if missing:
        fail(f"superseded gaps no longer in the reference files: {missing}")
    return [g for g in gaps if g not in SUPERSEDED]


def remote_actions(actions, cloud_pc, intune, operations):
    """Remote actions on Cloud PCs: every permission named must be in its catalog, and
    an action's `operation` (the task whose requirement decides its verdict) must exist."""
    names = {squash(p["name"]) for p in cloud_pc}
    short = {squash(a.split("/", 1)[1]) for a in intune}
    op_ids = {o["id"] for o in operations}
    for a in actions:
        if "operation" in a and a["operation"] not in op_ids:
            fail(f"remote action {a['id']}: operation {a['operation']} is not an operation")
        if a["needs"] not in ("cloudPc", "intune", "either", "both"):
            fail(f"remote action {a['id']}: unknown need {a['needs']}")
        if a["basis"] not in ("documented", "inferred"):
            fail(f"remote action {a['id']}: unknown basis {a['basis']}")
        for p in a["cloudPc"]:
            if squash(p) not in names:
                fail(f"remote action {a['id']}: {p} is not a Cloud PC permission")
        for p in a["intune"]:
            if squash(p) not in short:
                fail(f"remote action {a['id']}: {p} is not an Intune permission")
        if (a["needs"] in ("either", "both")) != bool(a["cloudPc"] and a["intune"]):
            fail(f"remote action {a['id']}: `{a['needs']}` does not match its permissions")
    return actions


def squash(t):
    return re.sub(r"\s+", "", t).lower()


def gen_windows365(sources):
    names = load("windows365-permission-names.json")
    by_graph = {e["graphResourceAction"].lower(): e for e in names["entries"]}
    seed_src = sources.add({"repo": "seed", "path": f"seeds/{SEED_PERMISSIONS}",
                            "document": "Role-based access control (RBAC) for Windows 365 (custom-role permission table)"})
    names_src = sources.add({"repo": "reference", "path": "reference/windows365-permission-names.json",
                             "note": names["note"]})
    perms = []
    used = set()
    observed_all = load("graph-observed-roles.json")

    def observed_actions(role):
        """Every action Graph returned in the role, today or in its history (lowercase)."""
        out = {a.lower() for a in role["rolePermissions"][0]["allowedResourceActions"]}
        for h in role.get("history") or []:
            for k in ("actions", "added", "removed"):
                out.update(a.lower() for a in h.get(k) or [])
        return out

    for ui, desc in parse_seed_permissions():
        resource, action = ui.rsplit("/", 1)
        key = graph_key(resource, action)
        ref = by_graph.get(key.lower())
        summary, notes = split_notes(desc)
        if ref:
            used.add(key.lower())
            confidence = ref["mappingConfidence"] or "low"
            evidence = ref["mappingEvidence"]
            graph = ref["graphResourceAction"]
        else:
            confidence = "derived"
            evidence = ["derived: seed permission name with spaces removed ('Azure Network Connections' -> "
                        "'OnPremisesConnections'); no source prints this Graph name"]
            graph = key
        if ref and ref["mappingConfidence"] is None:
            # Present in the captured allow-list but not in the 2024 docs table: the
            # mapping itself is exact (same name), only the authority is third-party.
            confidence = "captured"
        if confidence == "derived":
            # Graph returned the derived name in a built-in role (today or in the
            # history): the name is observed, not only derived.
            seen_in = sorted({r["displayName"] for r in observed_all["roles"]
                              if key.lower() in observed_actions(r)})
            if seen_in:
                confidence = "observed"
                evidence = ["derived: seed permission name with spaces removed", "observed: Microsoft Graph returned it in the built-in " + " and ".join(seen_in) + f" (captured until {observed_all['capturedUntil']})"]
        perms.append({
            "name": ui, "resource": resource, "action": action,
            "description": desc, "summary": summary, "notes": notes,
            "graph": graph, "confidence": confidence, "evidence": evidence,
            "source": seed_src, "graphSource": names_src,
        })
    observed = load("graph-observed-roles.json")
    obs_roles = {r["displayName"]: r for r in observed["roles"]}
    table = {p["graph"].lower() for p in perms}
    # Actions Graph returned in a current built-in Cloud PC role that have no row in
    # the seed's table: kept as "observed" permissions, between table and legacy.
    observed_only = []
    for name in CLOUD_PC_OBSERVED:
        for a in obs_roles[name]["rolePermissions"][0]["allowedResourceActions"]:
            if a.lower() not in table and a.lower() not in {o["graph"].lower() for o in observed_only}:
                ref = by_graph.get(a.lower())
                observed_only.append({
                    "name": a.split("/", 1)[1],
                    "graph": a,
                    "description": (ref or {}).get("uiDescription") or "",
                    "confidence": "observed",
                    "evidence": ["observed: Microsoft Graph returned it in the built-in " + " and ".join(
                        n for n in CLOUD_PC_OBSERVED
                        if a in obs_roles[n]["rolePermissions"][0]["allowedResourceActions"])
                        + f" (captured until {observed['capturedUntil']})"]
                        + ((ref or {}).get("mappingEvidence") or []),
                    "why": "in a built-in role as Graph returns it, but no row in the custom-role permission table of seed 001",
                })
                used.add(a.lower())
    legacy = []
    for e in names["entries"]:
        if e["graphResourceAction"].lower() in used:
            continue
        legacy.append({
            "name": e["uiName"] or e["graphResourceAction"].split("/", 1)[1],
            "graph": e["graphResourceAction"],
            "description": e["uiDescription"] or "",
            "confidence": e["mappingConfidence"] or "captured",
            "evidence": e["mappingEvidence"],
            "why": "not in the current permission table of seed 001; kept so that roles using it import",
        })

    w365 = load("windows365-roles.json")
    authored = json.loads((AUTHORED / "windows365.json").read_text(encoding="utf-8"))

    # Authored explanations of permissions, each with the words it rests on.
    by_name = {p["name"]: p for p in perms}
    for n in authored.get("permissionNotes", []):
        target = by_name.get(n["permission"])
        if target is None:
            fail(f"permission note for {n['permission']}, which is not in the permission table")
        target["notes"].append({"kind": n["kind"], "text": f"{n['text']} Source: {n['source']}"})

    all_perms = [p["graph"] for p in perms] + [o["graph"] for o in observed_only] + [l["graph"] for l in legacy]
    perm_index = {g.lower(): i for i, g in enumerate(all_perms)}

    def cloud_pc_index(action):
        i = perm_index.get(action.lower())
        if i is None:
            fail(f"observed action {action} is not in the Cloud PC permission catalog")
        if all_perms[i] != action:
            fail(f"observed action {action} differs in case from the catalog's {all_perms[i]}")
        return i

    observed_src = {"repo": observed["roles"][0]["source"]["repo"],
                    "note": "daily Microsoft Graph dump; no licence file: facts cited, text not copied",
                    "capturedUntil": observed["capturedUntil"]}
    observed_src_idx = sources.add(observed_src)

    def role_source(r):
        src = dict(r["source"])
        src["docDate"] = src.pop("date")
        return sources.add(src)

    # Cloud PC built-in roles: the observed lists are the definitions; the earlier
    # model (from the seed's description) and the published samples are evidence.
    cloudpc_roles = []
    for r in w365["cloudPcRbacBuiltInRoles"]:
        o = obs_roles[r["displayName"]]
        actions = o["rolePermissions"][0]["allowedResourceActions"]
        model = authored["cloudPcBuiltInModel"][r["displayName"]]
        if model["rule"] == "all":
            modelled = [p["graph"] for p in perms]
        elif model["rule"] == "read":
            modelled = [p["graph"] for p in perms if p["action"] == "Read"]
        else:
            fail(f"unknown model rule {model['rule']}")
        samples = []
        for v in r["variants"]:
            samples.append({"source": sources.add(v["source"]), "description": v["description"],
                            "allowedResourceActions": v["allowedResourceActions"]})
        lower = {a.lower() for a in actions}
        cloudpc_roles.append({
            "id": r["id"], "name": r["displayName"], "description": o["description"],
            "docsDescription": r["docsDescription"],
            "actions": [cloud_pc_index(a) for a in actions],
            "history": history(o, cloud_pc_index, actions),
            "modelled": [cloud_pc_index(a) for a in modelled],
            "derivation": model["derivation"],
            "samples": samples,
            "sampleOnly": [a for a in r["allowedResourceActionsUnionAllSources"] if a.lower() not in lower],
            "completeness": r["completeness"],
            "source": sources.add(r["docsSource"]),
            "observedSource": role_source(o),
        })
    if [len(obs_roles[n]["rolePermissions"][0]["allowedResourceActions"]) for n in CLOUD_PC_OBSERVED] != [100, 31]:
        fail("expected 100 and 31 observed actions in the two Cloud PC roles")

    # Intune built-in roles and every Intune action Graph ever returned in them.
    intune_obs = [r for r in observed["roles"] if r["plane"] == "intune"]
    if len(intune_obs) != 10:
        fail(f"expected 10 observed Intune roles, found {len(intune_obs)}")
    intune_actions = set()
    for r in intune_obs:
        intune_actions.update(r["rolePermissions"][0]["allowedResourceActions"])
        for h in r.get("history") or []:
            intune_actions.update(h.get("actions") or [])
            intune_actions.update(h.get("added") or [])
            intune_actions.update(h.get("removed") or [])
    current_intune = set()
    for r in intune_obs:
        current_intune.update(r["rolePermissions"][0]["allowedResourceActions"])
    if len(current_intune) != 199:
        fail(f"expected 199 distinct current Intune actions, found {len(current_intune)}")
    intune_list = sorted(intune_actions, key=lambda a: (a.lower(), a))
    intune_index = {a: i for i, a in enumerate(intune_list)}
    for a in intune_list:
        if not a.startswith("Microsoft.Intune/") or a.count("/") != 2:
            fail(f"unexpected Intune action {a}")
    authored_intune = {r["name"]: r for r in authored["intuneRoles"]}
    intune_roles = []
    for r in intune_obs:
        actions = r["rolePermissions"][0]["allowedResourceActions"]
        extra = authored_intune.pop(r["displayName"], {})
        intune_roles.append({
            "name": r["displayName"], "description": r["description"],
            "aliases": extra.get("aliases") or [],
            "docsDescription": extra.get("description"),
            "docsSource": extra.get("source"),
            "actions": [intune_index[a] for a in actions],
            "history": history(r, lambda a: intune_index[a], actions),
            "observedSource": role_source(r),
        })
    if authored_intune:
        fail(f"authored Intune roles not observed: {sorted(authored_intune)}")

    # Entra roles: their full observed allowedResourceActions.
    entra_obs = [r for r in observed["roles"] if r["plane"] == "entra"]
    if len(entra_obs) != 8:
        fail(f"expected 8 observed Entra roles, found {len(entra_obs)}")
    entra_ref = {r["displayName"]: r for r in w365["entraRoles"]}
    privileged_ref = {r["roleName"]: r for r in load("entra-privileged.json")["cloudPcRelevantRoles"]}
    entra_actions = sorted({a for r in entra_obs for a in r["rolePermissions"][0]["allowedResourceActions"]},
                           key=lambda a: (a.lower(), a))
    entra_index = {a: i for i, a in enumerate(entra_actions)}
    entra_descriptions = {}
    for r in w365["entraRoles"]:
        for a in r["resourceActions"]:
            if a["action"] in entra_index and a.get("description"):
                entra_descriptions[str(entra_index[a["action"]])] = a["description"]
    entra = []
    for o in entra_obs:
        name = o["displayName"]
        ref = entra_ref.get(name) or {}
        priv = privileged_ref.get(name) or {}
        role_id = ref.get("id") or priv.get("templateId")
        if not role_id:
            fail(f"no template id for the Entra role {name}")
        actions = o["rolePermissions"][0]["allowedResourceActions"]
        grants, derivation = entra_grants(actions)
        model = authored["entraModel"].get(name)
        if model and sorted(model["cloudPcGrants"]) != sorted(g for g in grants if g.startswith("Microsoft.CloudPC")):
            fail(f"authored Cloud PC grants of {name} disagree with its observed permissions")
        privileged = ref.get("privileged") if "privileged" in ref else priv.get("microsoftPrivilegedLabel")
        entra.append({
            "id": role_id, "name": name, "graphName": ref.get("graphName"),
            "description": o["description"], "privileged": bool(privileged),
            "actions": [entra_index[a] for a in actions],
            "grants": grants,
            "derivation": derivation,
            "note": ref.get("note"),
            "source": role_source(o),
        })

    sensitive = load("cloudpc-sensitive.json")
    sens = []
    squash = lambda t: re.sub(r"\s+", "", t).lower()
    by_name = {squash(p["name"]): p["graph"] for p in perms}
    for p in sensitive["permissions"]:
        graph = p["resourceAction"] or by_name.get(squash(p["permission"]))
        if not graph:
            fail(f"sensitive permission {p['permission']} is not in the catalog")
        facts = [f.get("quote") or f.get("statement") or "" for f in p["facts"] if f.get("basis") == "documented"]
        sens.append({
            "permission": p["permission"], "graph": graph,
            "severity": p["suggestedSeverity"]["value"],
            "reasoning": [x["text"] for x in p["reasoning"]],
            "facts": facts[:3],
        })
        # The reference's reasoning names a permission to treat like this one
        # ("Treat EndGracePeriod as an equivalent destructive permission." under
        # Deprovision): it gets the same severity, with the facts that name it
        # (review G H6).
        for r in p["reasoning"]:
            m = re.search(r"Treat (\w+) as an equivalent destructive permission", r["text"])
            if not m:
                continue
            resource = p["permission"].split("/")[0]
            twin = f"{resource}/{m.group(1)}"
            twin_graph = by_name.get(squash(twin))
            if not twin_graph:
                fail(f"sensitive permission {twin} (named under {p['permission']}) is not in the catalog")
            named = [f.get("quote") or "" for f in p["facts"]
                     if f.get("basis") == "documented" and f.get("quote")
                     and m.group(1) in (f.get("note", "") + f.get("quote", ""))]
            sens.append({
                "permission": twin, "graph": twin_graph,
                "severity": p["suggestedSeverity"]["value"],
                "reasoning": [f"Treated as {p['permission']} is (cloudpc-sensitive.json, under {p['permission']}): {r['text']}"],
                "facts": named[:3],
            })
    privileged = load("azure-privileged.json")
    priv_actions = [{"action": a["action"], "why": a["why"], "listed": a["inMicrosoftPrivilegedActionList"]}
                    for a in privileged["privilegedActions"]]
    priv_roles = [{"name": r["roleName"], "id": r["id"], "why": r["why"]} for r in privileged["privilegedRoles"]]

    out = {
        "permissions": perms,
        "observedPermissions": observed_only,
        "legacyPermissions": legacy,
        "observed": {"capturedUntil": observed["capturedUntil"], "source": observed_src_idx},
        "cloudPcRoles": cloudpc_roles,
        "intunePermissions": intune_list,
        "intuneRoles": intune_roles,
        "entraActions": entra_actions,
        "entraDescriptions": entra_descriptions,
        "entraRoles": entra,
        "operations": authored["operations"],
        "remoteActions": remote_actions(authored["remoteActions"], perms + observed_only, intune_list,
                                        authored["operations"]),
        "serviceRoles": authored["serviceRoles"],
        "documents": authored["documents"],
        "sensitiveCloudPc": sens,
        "privilegedAzureActions": priv_actions,
        "privilegedAzureRoles": priv_roles,
        "knownGaps": authored["knownGaps"] + superseded(w365["notFound"] + names["notFound"]),
    }
    counts = {"cloudPcPermissions": len(perms), "observedCloudPcPermissions": len(observed_only),
              "legacyCloudPcPermissions": len(legacy), "intunePermissions": len(intune_list),
              "intuneRoles": len(intune_roles), "entraRoles": len(entra)}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", counts


def gen_scope_tags():
    """The scope-tag model: rules with their basis, sources, object types, bypass roles."""
    model = json.loads((AUTHORED / "scope-tags.json").read_text(encoding="utf-8"))
    notes = (REF / "intune-scope-tags.md").read_text(encoding="utf-8")
    plain_notes = notes.replace("*\\**", "*").replace("**", "")
    # S4 is seed 001's page (role-based-access.md): a piece marked `(S4, seed 001)`
    # may quote the seed's own words, which the reference abridges.
    seed_001 = (SEEDS / SEED_PERMISSIONS).read_text(encoding="utf-8")
    source_ids = [s["id"] for s in model["sources"]]
    for sid in source_ids:
        if f"**{sid}**" not in notes:
            fail(f"scope tags: source {sid} is not in intune-scope-tags.md")
    rule_ids = [r["id"] for r in model["rules"]]
    if len(set(rule_ids)) != len(rule_ids):
        fail("scope tags: duplicate rule ids")
    for r in model["rules"]:
        if r["basis"] not in ("documented", "inferred"):
            fail(f"scope tags: rule {r['id']} has basis {r['basis']}")
        for sid in r["sources"]:
            if sid not in source_ids:
                fail(f"scope tags: rule {r['id']} cites unknown source {sid}")
        # A quote is only words the reference quotes; a paraphrase only the reference's
        # own words: each piece (between `(S1)` or `(intune-scope-tags.md ...)` marks,
        # abridged with ` ... `) must appear in the reference, markdown emphasis aside.
        texts = [("quote", r["quote"]), ("paraphrase", r.get("paraphrase", ""))]
        if "disagreement" in r:
            texts.append(("disagreement", r["disagreement"]["quote"]))
            if r["disagreement"]["source"] not in source_ids:
                fail(f"scope tags: rule {r['id']}'s disagreement cites an unknown source")
        for what, text in texts:
            marks = re.split(r" \(((?:S\d+|intune-scope-tags\.md)[^)]*)\)(?:; )?", text)
            # re.split keeps the marks: pieces at even places, each one's mark after it.
            for i in range(0, len(marks), 2):
                mark = marks[i + 1] if i + 1 < len(marks) else ""
                where = plain_notes + (seed_001 if mark == "S4, seed 001" else "")
                for seg in marks[i].split(" ... "):
                    seg = seg.strip().rstrip(".")
                    if seg and seg not in where:
                        fail(f"scope tags: rule {r['id']}'s {what} is not in intune-scope-tags.md (nor, marked `(S4, seed 001)`, in seed 001): {seg!r}")
    resources = {p.rsplit("/", 1)[0] for p, _ in parse_seed_permissions()}
    observed = load("graph-observed-roles.json")
    intune_resources = {a.split("/")[1] for r in observed["roles"] if r["plane"] == "intune"
                        for a in r["rolePermissions"][0]["allowedResourceActions"]}
    entra = {r["displayName"] for r in observed["roles"] if r["plane"] == "entra"}
    for t in model["objectTypes"]:
        known = intune_resources if t["plane"] == "intune" else resources
        for res in t["resources"]:
            if res not in known:
                fail(f"scope tags: object type {t['id']} names unknown resource {res}")
        if t["source"] not in source_ids:
            fail(f"scope tags: object type {t['id']} cites unknown source {t['source']}")
    for b in model["bypass"]:
        if b["role"] not in entra:
            fail(f"scope tags: bypass role {b['role']} is not an observed Entra role")
        if b["rule"] not in rule_ids or b["reach"] not in ("all", "cloudPc"):
            fail(f"scope tags: bypass of {b['role']} is malformed")
    if model["mismatch"]["rule"] not in rule_ids:
        fail("scope tags: the mismatch cites an unknown rule")
    model.pop("about", None)
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", len(rule_ids)


def gen_health(azure_roles):
    """ANC health checks and their codes: every code of the reference notes, each with
    its quoted meaning, its check and the role assignments (if any) that fix it."""
    model = json.loads((AUTHORED / "anc-health-checks.json").read_text(encoding="utf-8"))
    notes = (REF / "anc-health-checks.md").read_text(encoding="utf-8")
    source_ids = {s["id"] for s in model["sources"]}
    for sid in source_ids:
        if f"**{sid}**" not in notes:
            fail(f"health checks: source {sid} is not in anc-health-checks.md")
    checks = {c["id"]: c for c in model["checks"]}
    prefixes = {c["prefix"] for c in model["checks"]}
    codes = [c["code"] for c in model["codes"]]
    if len(set(c.lower() for c in codes)) != len(codes):
        fail("health checks: duplicate codes")
    if len(codes) != 69:
        fail(f"health checks: expected 69 codes, found {len(codes)}")
    # Every code the notes spell out in full must be in the data.
    for m in re.finditer(r"`([a-z][A-Za-z0-9]+)`", notes):
        token = m.group(1)
        if any(token.startswith(p) and token != p for p in prefixes) and token not in codes:
            fail(f"health checks: {token} is in the notes but not in the data")
    names = {r["roleName"] for r in azure_roles}
    for c in model["codes"]:
        if c["check"] not in checks:
            fail(f"health checks: {c['code']} names unknown check {c['check']}")
        if not c["code"].startswith(checks[c["check"]]["prefix"]):
            fail(f"health checks: {c['code']} does not start with its check's prefix")
        if c["source"] not in source_ids or not c["meaning"]:
            fail(f"health checks: {c['code']} has no quoted meaning")
        if not c["fix"] and "assigns the role" in checks[c["check"]]["who"] and not c.get("who"):
            # The check's "who" assigns a role; a code no role fixes says its own.
            fail(f"health checks: {c['code']} needs no role change but has no `who` of its own")
        # A legacy code either has a documented replacement (`fix` today's role,
        # `legacyFix` the role its text asks for: the Network Contributor codes, A4),
        # or its fix is what its text asks for and a narrower role is only an
        # inference (`inferredFix`, with `inferredFixNote` saying so: the Owner code).
        if c.get("legacy") and not c.get("legacyFix") and not c.get("inferredFix"):
            fail(f"health checks: legacy code {c['code']} has neither `legacyFix` (the role its text asks for) nor `inferredFix`")
        if bool(c.get("inferredFix")) != bool(c.get("inferredFixNote")):
            fail(f"health checks: {c['code']} needs both `inferredFix` and `inferredFixNote`")
        if c.get("inferredFixNote") and not c["inferredFixNote"].startswith("inferred"):
            fail(f"health checks: {c['code']}'s `inferredFixNote` must start by saying it is inferred")
        for f in c["fix"] + c.get("legacyFix", []) + c.get("inferredFix", []):
            if f["role"] not in names:
                fail(f"health checks: {c['code']} names unknown Azure role {f['role']}")
            if f["scope"] not in ("subscription", "resourceGroup", "virtualNetwork"):
                fail(f"health checks: {c['code']} has scope {f['scope']}")
            if f["assignee"] not in ("windows365App", "admin"):
                fail(f"health checks: {c['code']} has assignee {f['assignee']}")
    for f in model["recipe"]["networkAdmin"]:
        if f["role"] not in names:
            fail(f"health checks: the recipe names unknown Azure role {f['role']}")
    # Each part of an Intune admin need is quoted from its own source: an A-source's
    # words from the notes, seed 001's from the seed.
    seed_001 = (SEEDS / SEED_PERMISSIONS).read_text(encoding="utf-8")
    for n in model["recipe"]["intuneAdmin"]:
        for c in [n] + n.get("also", []):
            if c["source"] == "seed 001":
                if c["says"] not in seed_001:
                    fail(f"health checks: the recipe's quote is not in seed 001: {c['says']}")
            elif c["source"] not in source_ids:
                fail(f"health checks: the recipe cites unknown source {c['source']}")
            elif c["says"] not in notes:
                fail(f"health checks: the recipe's quote of {c['source']} is not in the notes: {c['says']}")
    for sid in model["recipe"]["sources"]:
        if sid not in source_ids and sid != "seed 001":
            fail(f"health checks: the recipe cites unknown source {sid}")
    if model["firstPartyApp"]["appId"] not in notes:
        fail("health checks: the first-party app id is not in the notes")
    model.pop("about", None)
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", len(codes)


def gen_azure_risks():
    """Azure risk flags by category: every operation checked against the catalog (and
    written in its spelling, with its plane), every family matching something, every
    quote found in the file it names, every inferred flag with its reasoning."""
    model = json.loads((AUTHORED / "azure-risks.json").read_text(encoding="utf-8"))
    ops = load("azure-operations.json")
    by_lower = {}
    for o in ops:
        by_lower.setdefault(o["operation"].lower(), []).append(o)
    privileged = load("azure-privileged.json")
    rules = {r["id"]: r for r in privileged["rules"]}
    actions = {a["action"]: a for a in privileged["privilegedActions"]}
    not_actions = {a["action"]: a for a in privileged["contributorNotActions"]["items"]}
    semantics = re.sub(r"\s+", " ", (REF / "azure-rbac-semantics.md").read_text(encoding="utf-8"))
    categories = [c["id"] for c in model["categories"]]
    levels = ("critical", "high", "medium", "low")
    ids = set()

    def render(src):
        parts = [src.get("repo", ""), src.get("path", "")]
        if src.get("commit"):
            parts.append("@ " + src["commit"][:10])
        tail = [src[k] for k in ("authority", "docDate") if src.get(k)]
        text = " ".join(p for p in parts if p)
        return text + (f" ({', '.join(tail)})" if tail else "")

    def source(flag, s):
        quote = s["quote"]
        if s["file"] == "azure-privileged.json":
            if "rule" in s:
                r = rules.get(s["rule"]) or fail(f"risks: {flag}: no rule {s['rule']}")
                text, where, origin = r["quote"], f"rule {s['rule']}", r["source"]
            elif "action" in s:
                a = actions.get(s["action"]) or fail(f"risks: {flag}: no privileged action {s['action']}")
                text, where, origin = a["why"], f"privileged action {s['action']}", a["source"]
            elif "contributorNotAction" in s:
                a = not_actions.get(s["contributorNotAction"]) or fail(
                    f"risks: {flag}: no Contributor NotAction {s['contributorNotAction']}")
                text, where = a["description"], f"Contributor NotActions {s['contributorNotAction']}"
                origin = {"path": "built-in-roles/privileged.md", "note": privileged["contributorNotActions"]["note"]}
            else:
                fail(f"risks: {flag}: a source in azure-privileged.json names no rule, action or NotAction")
            if quote not in text:
                fail(f"risks: {flag}: the quote is not in {where}: {quote}")
            return {"source": f"azure-privileged.json, {where}: {render(origin) or origin.get('path', '')}",
                    "quote": quote}
        if s["file"] == "azure-rbac-semantics.md":
            if re.sub(r"\s+", " ", quote) not in semantics:
                fail(f"risks: {flag}: the quote is not in azure-rbac-semantics.md: {quote}")
            return {"source": "azure-rbac-semantics.md (MicrosoftDocs/azure-docs role-based-access-control, see its source table)",
                    "quote": quote}
        fail(f"risks: {flag}: unknown source file {s['file']}")

    def op(flag, name):
        found = by_lower.get(name.lower()) or fail(f"risks: {flag}: {name} is not in the operations catalog")
        return {"name": found[0]["operation"], "dataAction": found[0]["dataAction"]}

    flags = []
    for f in model["flags"]:
        fid = f["id"]
        if fid in ids:
            fail(f"risks: duplicate flag {fid}")
        ids.add(fid)
        if f["category"] not in categories:
            fail(f"risks: {fid}: unknown category {f['category']}")
        for k in ("level", "broadLevel"):
            if k in f and f[k] not in levels:
                fail(f"risks: {fid}: {k} {f[k]}")
        if f["basis"] not in ("documented", "inferred"):
            fail(f"risks: {fid}: basis {f['basis']}")
        if f["basis"] == "documented" and not f.get("sources"):
            fail(f"risks: {fid}: documented without a source")
        if f["basis"] == "inferred" and not f.get("reasoning"):
            fail(f"risks: {fid}: inferred without reasoning")
        exclude = [op(fid, x)["name"].lower() for x in f.get("exclude", [])]
        suffixes = [x.lower() for x in f.get("suffixes", [])]
        for suffix in suffixes:
            if not any(n.endswith(suffix) and n not in exclude for n in by_lower):
                fail(f"risks: {fid}: no operation ends in {suffix}")
        if "notEscalation" in f and f["category"] != "privilegeEscalation":
            fail(f"risks: {fid}: notEscalation on a flag outside privilegeEscalation")
        out = {k: f[k] for k in ("id", "category", "level", "broadLevel", "what", "notEscalation", "basis",
                                 "reasoning", "patterns", "providerWideData") if k in f}
        out["operations"] = [op(fid, x) for x in f.get("operations", [])]
        out["suffixes"] = suffixes
        out["exclude"] = exclude
        out["sources"] = [source(fid, s) for s in f.get("sources", [])]
        if not (out["operations"] or suffixes or f.get("patterns") or f.get("providerWideData")):
            fail(f"risks: {fid}: covers nothing")
        flags.append(out)
    return json.dumps({"categories": model["categories"], "flags": flags},
                      ensure_ascii=False, separators=(",", ":")) + "\n", len(flags)
def gen_exercises():
    """The built-in training pack: the authored exercises, checked for the shape the
    engine reads (the engine's tests then verify every solution passes and every
    start fails), each citing documents the model knows or files under data/."""
    pack = json.loads((AUTHORED / "exercises.json").read_text(encoding="utf-8"))
    if pack.get("schema") != "w365-exercise-pack/1":
        fail("exercises: the pack's schema must be w365-exercise-pack/1")
    w365 = json.loads((AUTHORED / "windows365.json").read_text(encoding="utf-8"))
    docs = {d["id"] for d in w365["documents"]}
    required = ["id", "title", "brief", "level", "start", "checks", "hints", "solution", "explanation", "sources"]
    seen = set()
    for e in pack["exercises"]:
        for k in required:
            if k not in e:
                fail(f"exercises: {e.get('id', '?')} has no {k}")
        if e["id"] in seen:
            fail(f"exercises: duplicate id {e['id']}")
        seen.add(e["id"])
        if e["level"] not in ("easy", "medium", "hard"):
            fail(f"exercises: {e['id']} has level {e['level']}")
        if not e["hints"] or not e["checks"]:
            fail(f"exercises: {e['id']} needs hints and checks")
        for src in e["sources"]:
            if src not in docs and not (ROOT / src).exists():
                fail(f"exercises: {e['id']} cites {src}, neither a document id nor a file")
    if len(pack["exercises"]) < 15:
        fail("exercises: the built-in pack needs at least 15 exercises")
    return json.dumps(pack, ensure_ascii=False, separators=(",", ":")) + "\n", len(pack["exercises"])


def main():
    check = "--check" in sys.argv[1:]
    sources = Sources()
    ops_txt, desc_txt, prov_txt, n_ops, n_prov = gen_operations()
    roles_txt, current = gen_roles(sources)
    seed_txt, n_seed = gen_seed_roles(sources, current)
    w365_txt, w365_counts = gen_windows365(sources)
    tags_txt, n_rules = gen_scope_tags()
    health_txt, n_codes = gen_health(current)
    risks_txt, n_risks = gen_azure_risks()
    exercises_txt, n_exercises = gen_exercises()
    n_perm = w365_counts["cloudPcPermissions"]
    meta = load("azure-operations.meta.json")
    manifest = {
        "generatedBy": "scripts/gen_data.py",
        "dataDate": "2026-08-22",
        "counts": {
            "azureOperations": n_ops, "azureProviders": n_prov, "azureRoles": len(current),
            "seedRoles": n_seed, **w365_counts, "scopeTagRules": n_rules, "healthCheckCodes": n_codes,
            "azureRiskFlags": n_risks,
            "exercises": n_exercises,
        },
        "operationsSource": meta["source"],
        "operationsCategorySource": meta["categorySource"],
        "seedRolesDate": SEED_COMPUTE_DATE,
        "sources": sources.items,
    }
    files = {
        "azure-operations.txt": ops_txt,
        "azure-operation-descriptions.txt": desc_txt,
        "azure-providers.tsv": prov_txt,
        "azure-roles.txt": roles_txt,
        "azure-roles-2025-01-25.txt": seed_txt,
        "windows365.json": w365_txt,
        "scope-tags.json": tags_txt,
        "anc-health.json": health_txt,
        "azure-risks.json": risks_txt,
        "exercises.json": exercises_txt,
        "manifest.json": json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
    }
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = OUT / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    if check and stale:
        fail("generated data is stale, run `python3 scripts/gen_data.py`: " + ", ".join(stale))
    print(f"gen_data: {n_ops} operations, {len(current)} roles, {n_seed} seed roles, "
          f"{n_perm} Cloud PC permissions; {'checked' if check else 'wrote'} {OUT.relative_to(ROOT)}"
          + (f" ({len(stale)} changed)" if stale and not check else ""))


if __name__ == "__main__":
    main()
