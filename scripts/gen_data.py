#!/usr/bin/env python3
"""Regenerate the engine's bundled catalog from the source data kept in `data/`.

Inputs (never `../shared`; those files were copied into `data/sources/` with
their provenance, see `data/PROVENANCE.md`):

  data/sources/reference/*.json      reference facts (roles, operations, Windows 365)
  data/sources/seeds/*.txt           the five seed documents
  data/authored/*.json               the Windows 365 model this project authored,
                                     every statement citing its source

Outputs (committed; `crates/w365-engine` embeds them with `include_str!`):

  crates/w365-engine/generated/azure-operations.txt            front-coded operation names
  crates/w365-engine/generated/azure-operation-descriptions.txt one description per line
  crates/w365-engine/generated/azure-providers.tsv             provider -> docs category
  crates/w365-engine/generated/azure-roles.txt                 933 built-in role definitions
  crates/w365-engine/generated/azure-roles-2025-01-25.txt      the 34 roles of seed 003
  crates/w365-engine/generated/windows365.json                 Cloud PC, Entra, Intune, operations
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

def gen_operations():
    ops = load("azure-operations.json")
    if len(ops) != 22520:
        fail(f"expected 22520 operations, found {len(ops)}")
    # One entry per (name, plane); sorted case-insensitively so that a pattern
    # prefix selects one contiguous range.
    ops.sort(key=lambda o: (o["operation"].lower(), o["dataAction"], o["operation"]))
    names, descs = [], []
    prev = ""
    for o in ops:
        name = o["operation"]
        if not name or any(c in name for c in "\t\n\r"):
            fail(f"unusable operation name {name!r}")
        shared = 0
        limit = min(len(name), len(prev))
        while shared < limit and name[shared] == prev[shared]:
            shared += 1
        flag = "d" if o["dataAction"] else "c"
        names.append(f"{shared}{flag}{name[shared:]}")
        descs.append(esc(o["description"] or ""))
        prev = name
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
    A / N / a / n <pattern>         actions, notActions, dataActions, notDataActions
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
        for key, tag in (("actions", "A"), ("notActions", "N"),
                         ("dataActions", "a"), ("notDataActions", "n")):
            for p in block.get(key) or []:
                out.append(tag + "\t" + esc(p))
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


def gen_windows365(sources):
    names = load("windows365-permission-names.json")
    by_graph = {e["graphResourceAction"].lower(): e for e in names["entries"]}
    seed_src = sources.add({"repo": "seed", "path": f"seeds/{SEED_PERMISSIONS}",
                            "document": "Role-based access control (RBAC) for Windows 365 (custom-role permission table)"})
    names_src = sources.add({"repo": "reference", "path": "reference/windows365-permission-names.json",
                             "note": names["note"]})
    perms = []
    used = set()
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
        perms.append({
            "name": ui, "resource": resource, "action": action,
            "description": desc, "summary": summary, "notes": notes,
            "graph": graph, "confidence": confidence, "evidence": evidence,
            "source": seed_src, "graphSource": names_src,
        })
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

    # Cloud PC built-in roles, modelled from the seed's description.
    cloudpc_roles = []
    for r in w365["cloudPcRbacBuiltInRoles"]:
        model = authored["cloudPcBuiltInModel"][r["displayName"]]
        if model["rule"] == "all":
            granted = [p["graph"] for p in perms]
        elif model["rule"] == "read":
            granted = [p["graph"] for p in perms if p["action"] == "Read"]
        else:
            fail(f"unknown model rule {model['rule']}")
        samples = []
        for v in r["variants"]:
            samples.append({"source": sources.add(v["source"]), "description": v["description"],
                            "allowedResourceActions": v["allowedResourceActions"]})
        sample_union = {a.lower() for a in r["allowedResourceActionsUnionAllSources"]}
        cloudpc_roles.append({
            "id": r["id"], "name": r["displayName"], "description": r["description"],
            "docsDescription": r["docsDescription"],
            "allowedResourceActions": granted,
            "derivation": model["derivation"],
            "samples": samples,
            "sampleOnly": [a for a in r["allowedResourceActionsUnionAllSources"]
                           if a.lower() not in {g.lower() for g in granted}],
            "confirmedBySample": [g for g in granted if g.lower() in sample_union],
            "completeness": r["completeness"],
            "source": sources.add(r["docsSource"]),
        })

    entra = []
    for r in w365["entraRoles"]:
        extra = authored["entraModel"][r["displayName"]]
        entra.append({
            "id": r["id"], "name": r["displayName"], "graphName": r.get("graphName"),
            "description": r["description"], "privileged": r.get("privileged", False),
            "cloudPcActions": r["cloudPcActions"], "intuneActions": r.get("intuneActions") or [],
            "resourceActions": r["resourceActions"],
            "resourceActionsComplete": r["resourceActionsComplete"],
            "note": r.get("note"),
            "cloudPcGrants": extra["cloudPcGrants"],
            "derivation": extra["derivation"],
            "source": sources.add(r["source"]),
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
    privileged = load("azure-privileged.json")
    priv_actions = [{"action": a["action"], "why": a["why"], "listed": a["inMicrosoftPrivilegedActionList"]}
                    for a in privileged["privilegedActions"]]
    priv_roles = [{"name": r["roleName"], "id": r["id"], "why": r["why"]} for r in privileged["privilegedRoles"]]

    out = {
        "permissions": perms,
        "legacyPermissions": legacy,
        "cloudPcRoles": cloudpc_roles,
        "entraRoles": entra,
        "intuneRoles": authored["intuneRoles"],
        "operations": authored["operations"],
        "serviceRoles": authored["serviceRoles"],
        "documents": authored["documents"],
        "sensitiveCloudPc": sens,
        "privilegedAzureActions": priv_actions,
        "privilegedAzureRoles": priv_roles,
        "knownGaps": authored["knownGaps"] + w365["notFound"] + names["notFound"],
    }
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", len(perms), len(legacy)


def main():
    check = "--check" in sys.argv[1:]
    sources = Sources()
    ops_txt, desc_txt, prov_txt, n_ops, n_prov = gen_operations()
    roles_txt, current = gen_roles(sources)
    seed_txt, n_seed = gen_seed_roles(sources, current)
    w365_txt, n_perm, n_legacy = gen_windows365(sources)
    meta = load("azure-operations.meta.json")
    manifest = {
        "generatedBy": "scripts/gen_data.py",
        "dataDate": "2026-08-22",
        "counts": {
            "azureOperations": n_ops, "azureProviders": n_prov, "azureRoles": len(current),
            "seedRoles": n_seed, "cloudPcPermissions": n_perm, "legacyCloudPcPermissions": n_legacy,
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
