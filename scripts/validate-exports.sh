#!/usr/bin/env bash
# Write every export format for a few roles with the CLI and validate each with the
# parsers of the tools they are for (scripts/validate_exports.py says which):
# azure-mgmt-authorization models, python-hcl2, msgraph-beta-sdk models, terraform
# and pwsh when installed. Python packages go into a venv under target/; one that
# pip cannot install is skipped with a message. Called by scripts/test.sh.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$ROOT"

VENV="$ROOT/target/export-venv"
PY="$VENV/bin/python"
OUT="$ROOT/target/export-validation"

say "export validation: building the CLI"
cargo build --quiet --locked -p w365-cli
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/w365-perms"

if [ ! -x "$PY" ]; then
  python3 -m venv "$VENV"
fi
# One package at a time, so that one that cannot be installed skips only its checks.
for pkg in azure-mgmt-authorization python-hcl2 msgraph-beta-sdk; do
  mod="${pkg//-/_}"
  case "$pkg" in
    azure-mgmt-authorization) mod=azure.mgmt.authorization ;;
    python-hcl2) mod=hcl2 ;;
    msgraph-beta-sdk) mod=msgraph_beta ;;
  esac
  if ! "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$mod') is None)" 2>/dev/null; then
    say "export validation: pip install $pkg"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --timeout 60 "$pkg" \
      || echo "  skip: pip could not install $pkg; its checks are skipped"
  fi
done

rm -rf "$OUT"
mkdir -p "$OUT/in"
cp crates/w365-engine/tests/fixtures/clean-azure-role.json "$OUT/in/clean.json"
cp crates/w365-engine/tests/fixtures/cloudpc-role.json "$OUT/in/cloudpc.json"
# Lossy: a condition, data actions, no description, the root scope.
cat > "$OUT/in/lossy.json" <<'EOF'
{"roleName": "Blob reader", "description": "", "assignableScopes": ["/"],
 "permissions": [{"actions": ["Microsoft.Storage/storageAccounts/read"],
   "dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
   "condition": "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'",
   "conditionVersion": "2.0"}]}
EOF
# Hostile text and an ARM expression look-alike in the name.
cat > "$OUT/in/hostile.json" <<'EOF'
{"roleName": "[Evil' \"${x}\" %{y}]", "description": "a\\b $(rm -rf /) `id`",
 "assignableScopes": ["/subscriptions/11111111-2222-3333-4444-555555555555"],
 "permissions": [{"actions": ["Microsoft.Compute/*/read"], "notActions": ["Microsoft.Compute/disks/read"]}]}
EOF
cat > "$OUT/in/mg.json" <<'EOF'
{"roleName": "W365 Network Ops", "description": "Network ops for Cloud PC networks",
 "assignableScopes": ["/providers/Microsoft.Management/managementGroups/corp"],
 "permissions": [{"actions": ["Microsoft.Network/virtualNetworks/*/read"], "notActions": []}]}
EOF
cat > "$OUT/in/intune.json" <<'EOF'
{"@odata.type": "#microsoft.graph.deviceAndAppManagementRoleDefinition", "displayName": "Intune device reader",
 "description": "Reads managed devices", "rolePermissions": [{"resourceActions": [{"allowedResourceActions":
 ["Microsoft.Intune_ManagedDevices_Read"], "notAllowedResourceActions": []}]}], "isBuiltIn": false}
EOF

say "export validation: writing every format"
manifest="$OUT/MANIFEST.json"
echo "[" > "$manifest"
first=1
add() { # role plane format file stderr exit expect_warnings_json
  [ $first = 1 ] || echo "," >> "$manifest"
  first=0
  printf '{"role":"%s","plane":"%s","format":"%s","file":"%s","stderr_file":"%s","exit":%s,"expect_warnings":%s}' \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" >> "$manifest"
}
for role in clean lossy hostile mg cloudpc intune; do
  case $role in
    cloudpc) plane=cloudPc; formats="graph az-cli powershell" ;;
    intune) plane=intune; formats="graph az-cli powershell" ;;
    *) plane=azure; formats="arm rest az-json az-cli powershell bicep terraform" ;;
  esac
  for f in $formats; do
    file="$role.$f.out"
    set +e
    "$BIN" export --format "$f" "$OUT/in/$role.json" > "$OUT/$file" 2> "$OUT/$file.err"
    code=$?
    set -e
    expect='[]'
    case $role in
      lossy) expect='["the condition", "`/`"]' ;;
    esac
    if [ "$role" = lossy ] && [ "$f" = powershell ]; then expect='["the condition", "`/`", "description is empty"]'; fi
    add "$role" "$plane" "$f" "$file" "$file.err" "$code" "$expect"
    # --strict refuses what it would drop.
    if [ "$role" = lossy ]; then
      set +e
      "$BIN" export --strict --format "$f" "$OUT/in/$role.json" > /dev/null 2>&1
      strict=$?
      set -e
      if [ "$strict" != 1 ]; then
        echo "FAIL: export --strict --format $f of the lossy role exited $strict, not 1"
        exit 1
      fi
    fi
  done
done
echo "]" >> "$manifest"

say "export validation: each format through its tool's parser"
"$PY" scripts/validate_exports.py "$OUT"
