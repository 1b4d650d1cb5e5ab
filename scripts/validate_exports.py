#!/usr/bin/env python3
"""Validate every `w365-perms export` format with the parsers of the tools it names.

Usage: validate_exports.py DIR
DIR holds MANIFEST.json (written by scripts/validate-exports.sh): one entry per
(role, format) with the export file and its stderr. Each validator that cannot be
imported is skipped with a message; a failure exits 1.

What each format is checked with:
  arm        azure-mgmt-authorization: the template's roleDefinitions resource
             `properties` deserialized by RoleDefinition (API version of the
             resource), every key known to the model; template structure
             ($schema, contentVersion, name an expression over a GUID parameter)
  rest       azure-mgmt-authorization: URL (management.azure.com, GUID, api-version
             with an SDK module) and the body deserialized by RoleDefinition
  bicep      the resource's API version has an SDK module whose Permission has no
             writable `condition`; every property key known to RoleDefinition
  az-json    the rules of az CLI's `role definition create` (custom.py): `name`
             and `assignableScopes` present, no ARM `roleName`, flat or `permissions`
  az-cli     `bash -n`, then the here-document's JSON as az-json
  powershell the Az 16 PSRoleDefinition shape: Name, IsCustom, Description,
             Permissions (one element, PSPermission keys), AssignableScopes; no
             flat Actions; `pwsh` parses the script when it is installed
  terraform  python-hcl2 parses it; azurerm_role_definition with name, scope,
             one permissions block; no `description = ""`; `terraform fmt` parses
             it and leaves it unchanged when terraform is installed
  graph      msgraph-beta-sdk models: UnifiedRoleDefinition (Cloud PC) or
             DeviceAndAppManagementRoleDefinition (Intune) read the body with no
             unknown key; POST to the right URL
Every Azure format must carry the same name, description, scopes and actions as
the az-json export of the same role (nothing silently lost); whatever is dropped
must be named on stderr.
"""

import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

FAILS = []
CHECKED = {}
SKIPPED = {}


def fail(entry, msg):
    FAILS.append(f"{entry['role']} / {entry['format']}: {msg}")


def ok(fmt, what):
    CHECKED.setdefault(fmt, set()).add(what)


def skip(what, why):
    if what not in SKIPPED:
        SKIPPED[what] = why
        print(f"  skip: {what}: {why}")


def try_import(name):
    try:
        return importlib.import_module(name)
    except Exception as e:  # noqa: BLE001 - any import failure means "skip"
        return e


GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def embedded_json(text):
    """The first JSON object or array that starts a line."""
    lines = text.splitlines(keepends=True)
    offset = 0
    for line in lines:
        if line.lstrip().startswith(("{", "[")):
            start = offset + len(line) - len(line.lstrip())
            obj, _ = json.JSONDecoder().raw_decode(text[start:])
            return obj
        offset += len(line)
    raise ValueError("no JSON body")


# ---------- Azure, with azure-mgmt-authorization ----------

def sdk_module(api_version):
    mod = "azure.mgmt.authorization.v" + api_version.replace("-", "_")
    m = try_import(mod + ".models")
    if isinstance(m, Exception):
        return None
    return m


def flatten_keys(attribute_map):
    return {v["key"] for v in attribute_map.values()}


def check_properties(entry, models, props):
    """Deserialize `{"properties": props}` with RoleDefinition; every key known."""
    RD = models.RoleDefinition
    known = {k.split(".", 1)[1] for k in flatten_keys(RD._attribute_map) if k.startswith("properties.")}
    extra = set(props) - known
    if extra:
        fail(entry, f"keys RoleDefinition does not know: {sorted(extra)}")
    perm_known = flatten_keys(models.Permission._attribute_map)
    readonly = {models.Permission._attribute_map[k]["key"] for k, v in getattr(models.Permission, "_validation", {}).items() if v.get("readonly")}
    for p in props.get("permissions", []):
        extra = set(p) - perm_known
        if extra:
            fail(entry, f"permission keys Permission does not know: {sorted(extra)}")
        if set(p) & readonly:
            fail(entry, f"read-only permission keys sent: {sorted(set(p) & readonly)}")
    rd = RD.deserialize({"properties": props})
    if not rd.role_name:
        fail(entry, "RoleDefinition.role_name is empty")
    if rd.role_type != "CustomRole":
        fail(entry, f"role type {rd.role_type!r}")
    if not rd.permissions or len(rd.permissions) != 1:
        fail(entry, "not exactly one permission block")
    if not rd.assignable_scopes:
        fail(entry, "no assignable scopes")
    return {
        "name": rd.role_name,
        "description": rd.description or "",
        "scopes": list(rd.assignable_scopes or []),
        "actions": list(rd.permissions[0].actions or []) if rd.permissions else [],
        "notActions": list(rd.permissions[0].not_actions or []) if rd.permissions else [],
        "dataActions": list(rd.permissions[0].data_actions or []) if rd.permissions else [],
        "notDataActions": list(rd.permissions[0].not_data_actions or []) if rd.permissions else [],
    }


def arm(entry, text, sdk):
    t = json.loads(text)
    if not re.match(r"^https://schema\.management\.azure\.com/schemas/\d{4}-\d{2}-\d{2}/(subscription|managementGroup)?[dD]eploymentTemplate\.json#$", t.get("$schema", "")):
        fail(entry, f"$schema {t.get('$schema')!r}")
    # A role whose first assignable scope is a management group is created there.
    at_mg = entry["role"] == "mg"
    if at_mg != ("managementGroupDeploymentTemplate" in t.get("$schema", "")):
        fail(entry, f"$schema {t.get('$schema')!r} for a role {'at' if at_mg else 'not at'} a management group")
    out = json.dumps(t.get("outputs", {}))
    if at_mg != ("managementGroupResourceId(" in out):
        fail(entry, "the output's resource id function does not match the deployment scope")
    if not re.match(r"^\d+\.\d+\.\d+\.\d+$", t.get("contentVersion", "")):
        fail(entry, "contentVersion")
    allowed = {"$schema", "contentVersion", "apiProfile", "parameters", "variables", "functions", "resources", "outputs", "metadata"}
    if set(t) - allowed:
        fail(entry, f"template keys ARM does not know: {sorted(set(t) - allowed)}")
    res = [r for r in t.get("resources", []) if r.get("type") == "Microsoft.Authorization/roleDefinitions"]
    if len(res) != 1:
        fail(entry, "not exactly one roleDefinitions resource")
        return None
    r = res[0]
    name = r.get("name", "")
    m = re.match(r"^\[parameters\('(\w+)'\)\]$", name)
    if m:
        default = t.get("parameters", {}).get(m.group(1), {}).get("defaultValue", "")
        if not GUID.match(default):
            fail(entry, f"the name parameter's default {default!r} is not a GUID")
    elif not (GUID.match(name) or name.startswith("[guid(")):
        fail(entry, f"resource name {name!r} is neither a GUID nor guid()")
    if sdk is None:
        skip("arm/rest/bicep SDK models", "azure-mgmt-authorization is not installed")
        return None
    models = sdk_module(r.get("apiVersion", ""))
    if models is None:
        fail(entry, f"apiVersion {r.get('apiVersion')!r} has no azure-mgmt-authorization module")
        return None
    for k, v in r["properties"].items():
        if isinstance(v, str) and v.startswith("[") and v.endswith("]") and not v.startswith("[["):
            fail(entry, f"`{k}` would be read as an ARM expression: {v!r}")
    # ARM reads `[[...` as the literal `[...`.
    props = {k: (v[1:] if isinstance(v, str) and v.startswith("[[") else v) for k, v in r["properties"].items()}
    got = check_properties(entry, models, props)
    ok("arm", "template structure + RoleDefinition.deserialize")
    return got


def rest(entry, text, sdk):
    m = re.search(r"^PUT (https://management\.azure\.com)(/\S*?)/providers/Microsoft\.Authorization/roleDefinitions/([0-9a-fA-F-]{36})\?api-version=(\S+)$", text, re.M)
    if not m:
        fail(entry, "no PUT https://management.azure.com/{scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}?api-version= line")
        return None
    body = embedded_json(text)
    if set(body) != {"properties"}:
        fail(entry, f"body keys {sorted(body)} (expected only `properties`)")
    if sdk is None:
        skip("arm/rest/bicep SDK models", "azure-mgmt-authorization is not installed")
        return None
    models = sdk_module(m.group(4))
    if models is None:
        fail(entry, f"api-version {m.group(4)} has no azure-mgmt-authorization module")
        return None
    got = check_properties(entry, models, body["properties"])
    ok("rest", "URL + RoleDefinition.deserialize")
    return got


def bicep(entry, text, sdk):
    m = re.search(r"^resource \w+ 'Microsoft\.Authorization/roleDefinitions@([\w-]+)' = \{", text, re.M)
    if not m:
        fail(entry, "no roleDefinitions resource line")
        return None
    want = "managementGroup" if entry["role"] == "mg" else "subscription"
    if not re.search(rf"^targetScope = '{want}'$", text, re.M):
        fail(entry, f"targetScope (expected {want})")
    if ("az deployment mg create" in text) != (want == "managementGroup"):
        fail(entry, "the deploy command does not match targetScope")
    if sdk is None:
        skip("arm/rest/bicep SDK models", "azure-mgmt-authorization is not installed")
        return None
    models = sdk_module(m.group(1))
    if models is None:
        fail(entry, f"API version {m.group(1)} has no azure-mgmt-authorization module")
        return None
    perm_keys = flatten_keys(models.Permission._attribute_map)
    rd_keys = {k.split(".", 1)[1] for k in flatten_keys(models.RoleDefinition._attribute_map) if k.startswith("properties.")}
    body = text[m.end():]
    used = set(re.findall(r"^\s+(\w+):", body, re.M)) - {"name", "properties"}
    unknown = used - perm_keys - rd_keys
    if unknown:
        fail(entry, f"properties the API version {m.group(1)} does not have: {sorted(unknown)}")
    if "condition" in used and "condition" not in perm_keys:
        fail(entry, "condition at an API version without it")
    ok("bicep", "API version exists in the SDK; every property known to its models")
    return None


def az_rules(entry, obj):
    """az role definition create (azure-cli custom.py): first letter lower-cased."""
    d = {k[:1].lower() + k[1:]: v for k, v in obj.items()}
    if not d.get("name"):
        fail(entry, "az: please provide role name (no `name`)")
    if "roleName" in d:
        fail(entry, "az: an ARM `roleName` is not read by create")
    if not d.get("assignableScopes"):
        fail(entry, "az: please provide 'assignableScopes'")
    if "permissions" in d and any(k in d for k in ("actions", "notActions", "dataActions", "notDataActions")):
        fail(entry, "az: both permissions and flat actions")
    if "condition" in d:
        fail(entry, "az: a condition az drops silently")
    return {
        "name": d.get("name"),
        "description": d.get("description", ""),
        "scopes": d.get("assignableScopes", []),
        "actions": d.get("actions", []),
        "notActions": d.get("notActions", []),
        "dataActions": d.get("dataActions", []),
        "notDataActions": d.get("notDataActions", []),
    }


def az_json(entry, text, _):
    got = az_rules(entry, json.loads(text))
    ok("az-json", "az CLI create rules")
    return got


def az_cli(entry, text, _):
    r = subprocess.run(["bash", "-n"], input=text, text=True, capture_output=True)
    if r.returncode != 0:
        fail(entry, f"bash -n: {r.stderr.strip()}")
    if entry["plane"] == "azure":
        if "az role definition create --role-definition @" not in text:
            fail(entry, "no az role definition create")
        got = az_rules(entry, embedded_json(text))
    else:
        if "az rest --method post --url https://graph.microsoft.com/beta/" not in text:
            fail(entry, "no az rest POST to Graph")
        got = None
        graph_body(entry, embedded_json(text))
    ok("az-cli", "bash -n + the here-document as az-json / Graph")
    return got


PS_ROLE = {"Name", "Id", "IsCustom", "Description", "Permissions", "AssignableScopes"}
PS_PERM = {"Actions", "NotActions", "DataActions", "NotDataActions", "Condition", "ConditionVersion"}


def powershell(entry, text, _):
    pwsh = shutil.which("pwsh")
    if pwsh:
        r = subprocess.run([pwsh, "-NoProfile", "-Command", "$e=$null; [void][System.Management.Automation.Language.Parser]::ParseInput([Console]::In.ReadToEnd(), [ref]$null, [ref]$e); if ($e) { $e | % { $_.Message }; exit 1 }"], input=text, text=True, capture_output=True)
        if r.returncode != 0:
            fail(entry, f"pwsh parser: {r.stdout.strip()}")
        ok("powershell", "pwsh parser")
    else:
        skip("powershell parser", "pwsh is not installed (not on PyPI, npm or Debian); shape checks only")
    m = re.search(r"^\$(\w+) = @'\n(.*?)\n'@$", text, re.M | re.S)
    if not m:
        fail(entry, "no single-quoted here-string")
        return None
    obj = json.loads(m.group(2))
    if entry["plane"] != "azure":
        if "Invoke-MgGraphRequest -Method POST" not in text:
            fail(entry, "no Invoke-MgGraphRequest POST")
        if not re.search(r"^\s*Connect-MgGraph -Scopes 'DeviceManagementRBAC\.ReadWrite\.All'", text, re.M):
            fail(entry, "does not sign in with Connect-MgGraph -Scopes DeviceManagementRBAC.ReadWrite.All")
        graph_body(entry, obj)
        ok("powershell", "Graph body")
        return None
    if "New-AzRoleDefinition -InputFile" not in text:
        fail(entry, "no New-AzRoleDefinition -InputFile")
    if "Az 16" not in text or "Az.Resources 10" not in text:
        fail(entry, "does not say which Az versions it targets")
    if set(obj) - PS_ROLE:
        fail(entry, f"keys PSRoleDefinition (Az 16) does not bind: {sorted(set(obj) - PS_ROLE)}")
    perms = obj.get("Permissions")
    if not isinstance(perms, list) or len(perms) != 1:
        fail(entry, "Permissions is not a one-element array (Az 16 creates with exactly one)")
        return None
    if set(perms[0]) - PS_PERM:
        fail(entry, f"keys PSPermission does not bind: {sorted(set(perms[0]) - PS_PERM)}")
    for k in ("Name", "Description", "AssignableScopes"):
        if not obj.get(k):
            warned = "description" in entry["stderr"].lower() if k == "Description" else False
            if not warned:
                fail(entry, f"{k} is empty and no warning says so (New-AzRoleDefinition refuses it)")
    if not (perms[0].get("Actions") or perms[0].get("DataActions")):
        fail(entry, "neither Actions nor DataActions")
    ok("powershell", "Az 16 PSRoleDefinition shape")
    return {
        "name": obj.get("Name"),
        "description": obj.get("Description", ""),
        "scopes": obj.get("AssignableScopes", []),
        "actions": perms[0].get("Actions", []),
        "notActions": perms[0].get("NotActions", []),
        "dataActions": perms[0].get("DataActions", []),
        "notDataActions": perms[0].get("NotDataActions", []),
    }


def terraform(entry, text, _):
    hcl2 = try_import("hcl2")
    tf = shutil.which("terraform")
    if tf:
        r = subprocess.run([tf, "fmt", "-no-color", "-"], input=text, text=True, capture_output=True)
        if r.returncode != 0:
            errors = [line.strip("│ ") for line in r.stderr.splitlines() if "Error:" in line]
            fail(entry, f"terraform fmt: {'; '.join(errors) or r.stderr.strip()}")
        elif r.stdout != text:
            # A CI gate running `terraform fmt -check` would refuse the file.
            fail(entry, "terraform fmt rewrites it (a `terraform fmt -check` gate refuses it)")
        ok("terraform", "terraform fmt parses it and leaves it as it is")
    else:
        skip("terraform fmt", "terraform is not installed")
    if re.search(r'^\s*description\s*=\s*""\s*$', text, re.M):
        fail(entry, 'description = "" (the provider refuses it)')
    if isinstance(hcl2, Exception):
        skip("terraform (python-hcl2)", f"python-hcl2 is not installed: {hcl2}")
        return None
    doc = hcl2.loads(text)
    blocks = [b for r in doc.get("resource", []) for t, b in r.items() if t.strip('"') == "azurerm_role_definition"]
    if len(blocks) != 1:
        fail(entry, "not exactly one azurerm_role_definition")
        return None
    (body,) = blocks[0].values()
    allowed = {"name", "scope", "description", "permissions", "assignable_scopes", "role_definition_id", "__is_block__"}
    if set(body) - allowed:
        fail(entry, f"arguments azurerm_role_definition does not have: {sorted(set(body) - allowed)}")
    for k in ("name", "scope"):
        if not body.get(k):
            fail(entry, f"missing {k}")
    perms = body.get("permissions")
    if isinstance(perms, list):
        perms = perms[0] if len(perms) == 1 else None
    if not isinstance(perms, dict):
        fail(entry, "not one permissions block")
        return None
    def unq(v):
        # python-hcl2 keeps the quotes and escapes; HCL's are JSON's plus $${ and %%{.
        if isinstance(v, str) and v.startswith('"'):
            return json.loads(v).replace("$${", "${").replace("%%{", "%{")
        return v

    ok("terraform", "python-hcl2 parses it; azurerm_role_definition arguments")
    return {
        "name": unq(body.get("name")),
        "description": unq(body.get("description", '""')),
        "scopes": [unq(s) for s in body.get("assignable_scopes", [])],
        "actions": [unq(s) for s in perms.get("actions", [])],
        "notActions": [unq(s) for s in perms.get("not_actions", [])],
        "dataActions": [unq(s) for s in perms.get("data_actions", [])],
        "notDataActions": [unq(s) for s in perms.get("not_data_actions", [])],
    }


GRAPH = {}


def graph_models():
    if not GRAPH:
        jp = try_import("kiota_serialization_json.json_parse_node")
        urd = try_import("msgraph_beta.generated.models.unified_role_definition")
        daa = try_import("msgraph_beta.generated.models.device_and_app_management_role_definition")
        GRAPH["ok"] = not any(isinstance(x, Exception) for x in (jp, urd, daa))
        if GRAPH["ok"]:
            GRAPH["node"] = jp.JsonParseNode
            GRAPH["cloudPc"] = urd.UnifiedRoleDefinition
            GRAPH["intune"] = daa.DeviceAndAppManagementRoleDefinition
    return GRAPH


def graph_body(entry, body):
    g = graph_models()
    if not g["ok"]:
        skip("graph (msgraph-beta-sdk)", "msgraph-beta-sdk is not installed; JSON shape only")
        if not body.get("displayName") or not body.get("rolePermissions"):
            fail(entry, "no displayName or rolePermissions")
        return
    cls = g["intune"] if entry["plane"] == "intune" else g["cloudPc"]
    obj = g["node"](body).get_object_value(cls)
    if obj.additional_data:
        extra = {k for k in obj.additional_data if k != "@odata.type"}
        if extra:
            fail(entry, f"keys {cls.__name__} does not know: {sorted(extra)}")
    if not obj.display_name:
        fail(entry, "no displayName")
    perms = obj.role_permissions or []
    if entry["plane"] == "intune":
        acts = [a for p in perms for ra in (p.resource_actions or []) for a in (ra.allowed_resource_actions or [])]
    else:
        acts = [a for p in perms for a in (p.allowed_resource_actions or [])]
    if not acts:
        fail(entry, "no allowed resource actions")
    ok(entry["format"], f"msgraph-beta-sdk {cls.__name__} reads the body")


def graph(entry, text, _):
    url = {
        "cloudPc": "https://graph.microsoft.com/beta/roleManagement/cloudPC/roleDefinitions",
        "intune": "https://graph.microsoft.com/beta/deviceManagement/roleDefinitions",
    }[entry["plane"]]
    if not text.startswith(f"POST {url}\n"):
        fail(entry, f"does not POST to {url}")
    graph_body(entry, embedded_json(text))
    return None


VALIDATORS = {
    "arm": arm,
    "rest": rest,
    "bicep": bicep,
    "az-json": az_json,
    "az-cli": az_cli,
    "powershell": powershell,
    "terraform": terraform,
    "graph": graph,
}


def main():
    root = Path(sys.argv[1])
    manifest = json.loads((root / "MANIFEST.json").read_text())
    sdk = try_import("azure.mgmt.authorization")
    if isinstance(sdk, Exception):
        skip("arm/rest/bicep SDK models", f"azure-mgmt-authorization is not installed: {sdk}")
        sdk = None
    by_role = {}
    for entry in manifest:
        entry["stderr"] = (root / entry["stderr_file"]).read_text()
        if entry["exit"] != 0:
            if not entry.get("expect_error"):
                fail(entry, f"export exited {entry['exit']}: {entry['stderr'].strip()}")
            continue
        text = (root / entry["file"]).read_text()
        try:
            got = VALIDATORS[entry["format"]](entry, text, sdk)
        except Exception as e:  # noqa: BLE001 - a parser error is a failure
            fail(entry, f"{type(e).__name__}: {e}")
            got = None
        for word in entry.get("expect_warnings", []):
            if word not in entry["stderr"]:
                fail(entry, f"no warning naming {word!r} on stderr")
        if got is not None:
            by_role.setdefault(entry["role"], {})[entry["format"]] = got
    # Nothing silently lost: every Azure format says what az-json says.
    for role, formats in by_role.items():
        base = formats.get("az-json")
        if base is None:
            continue
        for fmt, got in formats.items():
            for k, v in base.items():
                if got.get(k) != v:
                    FAILS.append(f"{role} / {fmt}: `{k}` is {got.get(k)!r}, az-json says {v!r}")
        CHECKED.setdefault("all Azure formats", set()).add("same name, description, scopes and actions as az-json")
    for fmt in sorted(CHECKED):
        print(f"  ok: {fmt}: {'; '.join(sorted(CHECKED[fmt]))}")
    if FAILS:
        print("export validation failed:")
        for f in FAILS:
            print(f"  FAIL: {f}")
        sys.exit(1)
    print(f"  {len(manifest)} exports validated")


if __name__ == "__main__":
    main()
