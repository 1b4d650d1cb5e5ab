#!/usr/bin/env bash
# Time every `w365-perms` command on hostile inputs (issue 11, "bounded cost on any
# input") and print a Markdown table of wall time and peak memory (max RSS, from
# `/usr/bin/time -v`; CPU time too, as the wall time of a shared machine varies with
# its load). docs/PERFORMANCE.md quotes the table.
#
#   scripts/bench-hostile.sh                   build the release binary, then measure
#   W365_PERMS=path scripts/bench-hostile.sh   measure another binary (e.g. an older build)
#   BENCH_TIMEOUT=60 scripts/bench-hostile.sh  stop each run after this many seconds
#   scripts/bench-hostile.sh stars lint        only rows whose input or command matches
#
# The inputs are generated into target/bench-hostile/ (about 40 MB):
#   stars        one action pattern of 100,000 `*` (100 KB)
#   multistar    20,000 patterns like `*a*a…*a17` (2.1 MB)
#   star-1m      1,000,000 `"*"` actions (4 MB)
#   unknown-30k  30,000 unknown actions (did-you-mean for each)
#   keys-100k    100,000 keys in one object (the duplicate-key check)
#   groups-100k  100,000 management groups in a request
#   single-5m    5 MiB of distinct one-`*` patterns
#   multistar-suffix  20,000 patterns like `*a*17*/read` (many candidates each)
#   blocks-220k  220,000 permission blocks of one pattern (over the limit of 8)
#   blocks-8x10k  10,000 roles of 8 permission blocks each (the limits)
#   multistar-roles  1,000 roles of 8 blocks, each a distinct `*a*N*/read`
#                (8,000 legacy patterns across roles, 64 at most in each)
#   roles-50k    50,000 custom roles, each assigned once (over the limit of 10,000)
#   roles-10k    10,000 custom roles, each assigned once (the limit)
#   unknown-queries   40,000 queries of actions not in the catalog
#   cross-5m     5 MB request: 33,000 assignments of one role × 33,000 queries
#   over-50m     50 MB of JSON (over the 5 MiB limit; must be refused at once)
# Each row is one command on one input; "timeout" means it did not finish in
# BENCH_TIMEOUT seconds (default 60). Exit status 0 unless the setup fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TIMEOUT="${BENCH_TIMEOUT:-60}"
DIR="$ROOT/target/bench-hostile"
filters=("$@")

if [ -z "${W365_PERMS:-}" ]; then
  (cd "$ROOT" && cargo build --release --bin w365-perms >&2)
  W365_PERMS="$ROOT/target/release/w365-perms"
fi
[ -x "$W365_PERMS" ] || { echo "bench-hostile.sh: no binary at $W365_PERMS" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-hostile.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }

mkdir -p "$DIR"
python3 - "$DIR" <<'PY'
import json, os, sys
d = sys.argv[1]

def write(name, obj_or_text):
    path = os.path.join(d, name)
    if os.path.exists(path):
        return
    text = obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text, separators=(",", ":"))
    with open(path, "w") as f:
        f.write(text)

def role(name, actions):
    return {"roleName": name, "description": "hostile input",
            "permissions": [{"actions": actions, "notActions": []}],
            "assignableScopes": ["/subscriptions/s1"]}

def request(r, extra=None):
    req = {"roles": [r],
           "assignments": [{"role": r["roleName"], "scope": "/subscriptions/s1"},
                           {"role": "Reader", "scope": "/subscriptions/s1"}],
           "queries": [{"action": "Microsoft.Compute/virtualMachines/delete", "scope": "/subscriptions/s1"},
                       {"action": "Microsoft.Compute/virtualMachines/read", "scope": "/subscriptions/s1"}]}
    req.update(extra or {})
    return req

cases = {
    "stars": ["*" * 100_000],
    "multistar": ["*a" * 50 + str(i) for i in range(20_000)],
    "star-1m": ["*"] * 1_000_000,
    "unknown-30k": [f"Microsoft.Compute/virtualMachinez{i}/read" for i in range(30_000)],
    "multistar-suffix": [f"*a*{i}*/read" for i in range(20_000)],
}
single, size, i = [], 0, 0
while size < 5 * 1024 * 1024 - 1000:
    p = f"Microsoft.Compute/*/x{i}"
    size += len(p) + 3
    single.append(p)
    i += 1
cases["single-5m"] = single[:-3]
for name, actions in cases.items():
    r = role(name, actions)
    write(f"{name}.role.json", r)
    write(f"{name}.request.json", request(r))

keys = '{"roleName":"keys-100k","assignableScopes":["/subscriptions/s1"],"actions":["*/read"],' + \
    ",".join(f'"k{i}":1' for i in range(100_000)) + "}"
write("keys-100k.role.json", keys)
write("keys-100k.request.json",
      '{"roles":[' + keys + '],"assignments":[{"role":"keys-100k","scope":"/subscriptions/s1"}],'
      '"queries":[{"action":"Microsoft.Compute/virtualMachines/read","scope":"/subscriptions/s1"}]}')
groups = {f"g{i}": [f"/subscriptions/s{i}"] for i in range(100_000)}
write("groups-100k.request.json", request(role("groups-100k", ["*/read"]), {"managementGroups": groups}))
write("groups-100k.role.json", role("groups-100k", ["*/read"]))

n = 33_000
write("cross-5m.request.json", {
    "roles": [role("cross-5m", ["Microsoft.Compute/*", "*/read"])],
    "assignments": [{"role": "cross-5m", "scope": f"/subscriptions/s{i}"} for i in range(n)],
    "queries": [{"action": "Microsoft.Compute/virtualMachines/delete", "scope": f"/subscriptions/s{i}/resourceGroups/r"} for i in range(n)],
})
write("cross-5m.role.json", role("cross-5m", ["Microsoft.Compute/*", "*/read"]))
blocks = {"roleName": "blocks-220k", "description": "hostile input",
          "permissions": [{"actions": ["*/read"]}] * 220_000, "assignableScopes": ["/subscriptions/s1"]}
write("blocks-220k.role.json", blocks)
write("blocks-220k.request.json", request(blocks))
many = [{"Name": f"b{i}", "Description": "d", "AssignableScopes": ["/subscriptions/s1"],
         "Permissions": [{"Actions": ["*/read"]}] * 8} for i in range(10_000)]
write("blocks-8x10k.role.json", {"value": many})
write("blocks-8x10k.request.json", {"roles": many,
      "assignments": [{"role": f"b{i}", "scope": "/subscriptions/s1"} for i in range(0, 10_000, 10)],
      "queries": [{"action": "Microsoft.Compute/virtualMachines/read", "scope": "/subscriptions/s1"}]})
mr = [{"Name": f"m{i}", "Description": "d", "AssignableScopes": ["/subscriptions/s1"],
       "Permissions": [{"Actions": [f"*a*{i * 8 + b}*/read"]} for b in range(8)]} for i in range(1_000)]
write("multistar-roles.role.json", {"value": mr})
write("multistar-roles.request.json", {"roles": mr,
      "assignments": [{"role": "m0", "scope": "/subscriptions/s1"}],
      "queries": [{"action": "Microsoft.Compute/virtualMachines/read", "scope": "/subscriptions/s1"}]})
k = 10_000
write("roles-10k.request.json", {
    "roles": [{"Name": f"r{i}", "Actions": ["*/read"]} for i in range(k)],
    "assignments": [{"role": f"r{i}", "scope": "/subscriptions/s1"} for i in range(k)],
    "queries": [{"action": "Microsoft.Compute/virtualMachines/read", "scope": "/subscriptions/s1"}],
})
write("roles-10k.role.json", {"value": [{"Name": f"r{i}", "Actions": ["*/read"]} for i in range(k)]})
m = 50_000
write("roles-50k.request.json", {
    "roles": [{"Name": f"r{i}", "Actions": ["*/read"]} for i in range(m)],
    "assignments": [{"role": f"r{i}", "scope": "/subscriptions/s1"} for i in range(m)],
    "queries": [{"action": "Microsoft.Compute/virtualMachines/read", "scope": "/subscriptions/s1"}],
})
write("roles-50k.role.json", {"value": [{"Name": f"r{i}", "Actions": ["*/read"]} for i in range(m)]})
unknown_q = role("unknown-queries", ["*/read"])
write("unknown-queries.role.json", unknown_q)
write("unknown-queries.request.json", {
    "roles": [unknown_q],
    "assignments": [{"role": "unknown-queries", "scope": "/subscriptions/s1"}],
    "queries": [{"action": f"Microsoft.Compute/virtualMachinez{i}/read", "scope": "/subscriptions/s1"} for i in range(40_000)],
})
write("over-50m.request.json", '{"roles":[],"queries":[' + ",".join(['{"action":"a"}'] * 3_500_000) + "]}")
write("over-50m.role.json", role("over-50m", ["Microsoft.Compute/virtualMachines/read"] * 1_300_000))
PY

inputs=(stars multistar multistar-suffix star-1m unknown-30k keys-100k groups-100k single-5m blocks-220k blocks-8x10k multistar-roles roles-50k roles-10k unknown-queries cross-5m over-50m)
# command label | arguments (ROLE and REQ are replaced by the input files)
commands=(
  "eval|eval --compact --input REQ"
  "operations|operations --compact --input REQ"
  "explain|explain --input REQ"
  "lint|lint --format json ROLE"
  "lint (text)|lint ROLE"
  "expand --role Reader|expand --compact --role Reader --input REQ"
  "expand the input's role|expand --compact --role NAME --input REQ"
  "grants|grants Microsoft.Compute/virtualMachines/delete --compact --input REQ"
  "compare|compare --role Reader --role NAME --compact --input REQ"
  "export arm|export --format arm ROLE"
)

wanted() {
  [ "${#filters[@]}" -eq 0 ] && return 0
  local f
  for f in "${filters[@]}"; do [[ "$1" == *"$f"* ]] && return 0; done
  return 1
}

echo "binary: \`$W365_PERMS\`, timeout ${TIMEOUT}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | size | command | exit | wall | CPU (user + sys) | max RSS |"
echo "|---|---:|---|---:|---:|---:|---:|"
for input in "${inputs[@]}"; do
  role="$DIR/$input.role.json"
  req="$DIR/$input.request.json"
  name="$input" # every generated role is named after its input
  case "$input" in roles-*) name=r1 ;; blocks-8x10k) name=b1 ;; multistar-roles) name=m0 ;; esac
  for c in "${commands[@]}"; do
    label="${c%%|*}"
    args="${c#*|}"
    wanted "$input $label" || continue
    file="$req"
    [[ "$args" == *ROLE* ]] && file="$role"
    size="$(du -k "$file" | cut -f1) KiB"
    args="${args//ROLE/$role}"
    args="${args//REQ/$req}"
    args="${args//NAME/$name}"
    stats="$(mktemp)"
    set +e
    # GNU time waits for `timeout`, which waits for the binary: its max RSS is the binary's.
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$stats" timeout -s KILL "$TIMEOUT" "$W365_PERMS" $args >/dev/null 2>"$stats.err"
    status=$?
    set -e
    if [ "$status" -eq 137 ]; then
      wall="timeout (>${TIMEOUT} s)"
      cpu="–"
      rss="–"
    else
      wall="$(sed -nE 's/.*Elapsed \(wall clock\) time.*: (.*)/\1/p' "$stats" | awk -F: '{ if (NF == 3) s = $1 * 3600 + $2 * 60 + $3; else s = $1 * 60 + $2; printf "%.2f s", s }')"
      rss="$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$stats" | awk '{ printf "%.0f MB", $1 / 1024 }')"
      cpu="$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f s", t }' "$stats")"
    fi
    echo "| $input | $size | \`$label\` | $status | $wall | $cpu | $rss |"
    rm -f "$stats" "$stats.err"
  done
done
