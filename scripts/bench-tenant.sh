#!/usr/bin/env bash
# Time `w365-perms tenant` and `w365-perms report` on a generated tenant of 50,000
# role assignments (issue 9 §2, "handle 50,000 assignments") and print a Markdown
# table (wall, CPU, max RSS from `/usr/bin/time -v`). docs/PERFORMANCE.md quotes it.
#
#   scripts/bench-tenant.sh                   build the release binary, then measure
#   W365_PERMS=path scripts/bench-tenant.sh   measure another binary
#   ASSIGNMENTS=100000 scripts/bench-tenant.sh  another size (default 50000)
#   GENERATE_ONLY=1 scripts/bench-tenant.sh   only write the files (for
#                                             scripts/bench-tenant-site.mjs)
#
# The tenant (target/bench-tenant/, about 45 MB for 50,000):
#   az.json      `az role assignment list --all -o json` with every field az prints:
#                ASSIGNMENTS - 5,000 assignments of 12,000 principals (users, groups,
#                service principals), 40 built-in and 200 custom roles, at 30
#                subscriptions, 600 resource groups; 2% with a condition
#   graph.json   a Graph `roleManagement/cloudPC/roleAssignments` page: 2,500
#                assignments of the two Cloud PC roles and 20 custom ones
#   entra.json   a Graph `roleManagement/directory/roleAssignments` page: 2,500
#   roles.json   `az role definition list --custom-role-only -o json`: 200 roles
#   cpcroles.json  the Graph `roleDefinitions` page of 20 custom Cloud PC roles
# Principals are drawn with a skewed distribution (a few hold many roles, most one
# to three), so many principals have a set of assignments of their own: the
# review's cost is mostly one readiness evaluation per distinct set.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${ASSIGNMENTS:-50000}"
DIR="$ROOT/target/bench-tenant"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ -z "${W365_PERMS:-}" ] && [ -z "${GENERATE_ONLY:-}" ]; then
  (cd "$ROOT" && cargo build --release --bin w365-perms >&2)
  W365_PERMS="$TARGET/release/w365-perms"
fi
[ -n "${GENERATE_ONLY:-}" ] || [ -x "$W365_PERMS" ] || { echo "bench-tenant.sh: no binary at $W365_PERMS" >&2; exit 2; }
[ -n "${GENERATE_ONLY:-}" ] || [ -x /usr/bin/time ] || { echo "bench-tenant.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }

mkdir -p "$DIR"
python3 - "$DIR" "$N" <<'PY'
import json, os, random, sys, uuid
d, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(9)
def gid():
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))
builtin = ["Owner", "Contributor", "Reader", "User Access Administrator", "Network Contributor",
    "Virtual Machine Contributor", "Storage Account Contributor", "Key Vault Secrets User",
    "Key Vault Administrator", "Monitoring Reader", "Log Analytics Reader", "Backup Operator",
    "Role Based Access Control Administrator", "Storage Blob Data Reader", "Storage Blob Data Contributor",
    "Cost Management Reader", "Security Reader", "Website Contributor", "SQL DB Contributor",
    "Virtual Machine Administrator Login", "Virtual Machine User Login", "Desktop Virtualization User",
    "Desktop Virtualization Contributor", "Automation Operator", "Managed Identity Operator",
    "DNS Zone Contributor", "Private DNS Zone Contributor", "Azure Kubernetes Service Cluster User Role",
    "AcrPull", "AcrPush", "Monitoring Contributor", "Log Analytics Contributor", "Resource Policy Contributor",
    "Tag Contributor", "Billing Reader", "Classic Virtual Machine Contributor", "Disk Snapshot Contributor",
    "Scheduled Patching Contributor", "Azure Connected Machine Onboarding", "Logic App Contributor"]
subs = [gid() for _ in range(30)]
scopes = ["/subscriptions/%s" % s for s in subs]
scopes += ["/subscriptions/%s/resourceGroups/rg-%03d" % (rnd.choice(subs), i) for i in range(600)]
actions_pool = ["Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/start/action",
    "Microsoft.Compute/virtualMachines/restart/action", "Microsoft.Network/virtualNetworks/read",
    "Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/networkInterfaces/*",
    "Microsoft.Storage/storageAccounts/read", "Microsoft.Resources/subscriptions/resourceGroups/read",
    "Microsoft.Insights/alertRules/*", "Microsoft.Web/sites/*", "Microsoft.KeyVault/vaults/read",
    "Microsoft.Authorization/*/read", "Microsoft.Sql/servers/databases/*", "Microsoft.Compute/disks/*"]
custom = []
for i in range(200):
    rid = gid()
    custom.append({"assignableScopes": [rnd.choice(scopes[:30])], "createdBy": None, "createdOn": "2025-01-01T00:00:00+00:00",
        "description": "generated", "id": "/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s" % (subs[0], rid),
        "name": rid, "permissions": [{"actions": rnd.sample(actions_pool, rnd.randint(2, 6)), "condition": None, "conditionVersion": None,
        "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "Contoso Role %03d" % i, "roleType": "CustomRole",
        "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": None, "updatedOn": "2025-01-01T00:00:00+00:00"})
kinds = ["User"] * 7 + ["Group"] * 2 + ["ServicePrincipal"]
principals = [(gid(), rnd.choice(kinds), i) for i in range(12000)]
def pick():
    # Skewed: a few principals hold many assignments.
    return principals[min(int(rnd.paretovariate(1.2)) - 1, len(principals) - 1) if rnd.random() < 0.3 else rnd.randrange(len(principals))]
az = []
for i in range(n - 5000):
    pid, kind, k = pick()
    role = rnd.choice(builtin) if rnd.random() < 0.8 else rnd.choice(custom)["roleName"]
    scope = rnd.choice(scopes)
    cond = None
    if rnd.random() < 0.02:
        cond = "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'))"
    aid = gid()
    az.append({"canDelegate": None, "condition": cond, "conditionVersion": "2.0" if cond else None,
        "createdBy": None, "createdOn": "2025-03-11T09:14:22.512345+00:00", "delegatedManagedIdentityResourceId": None,
        "description": None, "id": "%s/providers/Microsoft.Authorization/roleAssignments/%s" % (scope, aid), "name": aid,
        "principalId": pid, "principalName": ("user%05d@contoso.com" % k) if kind == "User" else ("principal-%05d" % k),
        "principalType": kind, "roleDefinitionName": role, "scope": scope,
        "type": "Microsoft.Authorization/roleAssignments", "updatedBy": None, "updatedOn": "2025-03-11T09:14:22.512345+00:00"})
cpc_custom = []
cpc_perms = ["Microsoft.CloudPC/CloudPCs/Read", "Microsoft.CloudPC/CloudPCs/Reboot", "Microsoft.CloudPC/CloudPCs/Resize",
    "Microsoft.CloudPC/ProvisioningPolicies/Read", "Microsoft.CloudPC/ProvisioningPolicies/Create",
    "Microsoft.CloudPC/DeviceImages/Read", "Microsoft.CloudPC/RoleAssignments/Create", "Microsoft.CloudPC/Roles/Update"]
for i in range(20):
    cpc_custom.append({"id": gid(), "description": "generated", "displayName": "Contoso Cloud PC Role %02d" % i, "isBuiltIn": False,
        "roleScopeTagIds": ["0"], "rolePermissions": [{"allowedResourceActions": rnd.sample(cpc_perms, rnd.randint(1, 5)), "condition": None}]})
cpc_ids = ["b5c08161-a7af-481c-ace2-a20a69a48fb1", "d40368cb-fbf4-4965-bbc1-f17b3a78e510"] + [r["id"] for r in cpc_custom]
graph = [{"id": gid(), "description": "", "displayName": "generated", "roleDefinitionId": rnd.choice(cpc_ids),
    "principalIds": [pick()[0]], "directoryScopeIds": ["/"], "appScopeIds": []} for _ in range(2500)]
entra_ids = ["62e90394-69f5-4237-9190-012177145e10", "11451d60-acb2-45eb-a7d6-43d0f0125c13", "3a2c62db-5318-420d-8d74-23affee5d9d5", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"]
entra = [{"id": gid(), "principalId": pick()[0], "directoryScopeId": "/", "roleDefinitionId": rnd.choice(entra_ids), "condition": None} for _ in range(2500)]
for name, obj in [("az.json", az), ("roles.json", custom), ("graph.json", {"@odata.context": "x", "value": graph}),
                  ("entra.json", {"@odata.context": "x", "value": entra}), ("cpcroles.json", {"value": cpc_custom})]:
    with open(os.path.join(d, name), "w") as f:
        json.dump(obj, f, indent=2)
PY
[ -z "${GENERATE_ONLY:-}" ] || exit 0

files=(--input "$DIR/az.json" --input "$DIR/roles.json" --input "$DIR/graph.json" --input "$DIR/entra.json" --input "$DIR/cpcroles.json")
size=$(du -ch "$DIR"/*.json | tail -1 | cut -f1)
echo "| command | input | wall (s) | CPU (s) | max RSS (MB) |"
echo "|---|---|---:|---:|---:|"
measure() {
  local label="$1"; shift
  /usr/bin/time -v "$W365_PERMS" "$@" > "$DIR/out.txt" 2> "$DIR/time.txt" || { echo "bench-tenant.sh: \`$label\` failed:" >&2; tail -3 "$DIR/time.txt" >&2; exit 1; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time.txt")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$DIR/time.txt")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$DIR/time.txt")
  echo "| \`$label\` | $N assignments, $size | $wall | $cpu | $rss |"
}
measure "tenant" tenant "${files[@]}" --compact
python3 - "$DIR/out.txt" <<'PY' >&2
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print("principals %d, assignments %d (%d distinct), can escalate %d, Windows 365 admins %d, unresolved %d" % (
    s["principals"], s["assignments"], s["distinctAssignments"], s["canEscalate"], s["windows365Admins"],
    sum(u["count"] for u in r["unresolved"])))
PY
measure "report --format html" report "${files[@]}" --format html
