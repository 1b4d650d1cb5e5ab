//! The one table of commands: what each accepts and what it does. The parser
//! ([`crate::args::Args::command`]), `--help`, the shell completions and the man
//! page are all read from it, so they cannot disagree. A new command is one entry
//! here and one arm in `main::dispatch`.

/// An option of a command.
#[derive(Debug)]
pub struct Opt {
    /// The long name, without `--`.
    pub name: &'static str,
    /// The value's placeholder (`FILE`), or `None` for a flag.
    pub value: Option<&'static str>,
    /// The values it takes, for completion (empty: any).
    pub choices: &'static [&'static str],
    /// One line of help.
    pub help: &'static str,
}

/// A command.
#[derive(Debug)]
pub struct Command {
    /// Its name.
    pub name: &'static str,
    /// Its positional arguments, as written in the synopsis (`[FILE]`).
    pub args: &'static str,
    /// One line: what it does.
    pub summary: &'static str,
    /// Its options.
    pub options: &'static [Opt],
    /// More lines for `--help` and the man page (may be empty).
    pub details: &'static str,
}

impl Command {
    /// The option names taking a value.
    pub fn option_names(&self) -> Vec<&'static str> {
        self.options
            .iter()
            .filter(|o| o.value.is_some())
            .map(|o| o.name)
            .collect()
    }

    /// The flag names.
    pub fn flag_names(&self) -> Vec<&'static str> {
        self.options
            .iter()
            .filter(|o| o.value.is_none())
            .map(|o| o.name)
            .collect()
    }
}

const fn opt(name: &'static str, value: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        value: Some(value),
        choices: &[],
        help,
    }
}

const fn choice(
    name: &'static str,
    value: &'static str,
    choices: &'static [&'static str],
    help: &'static str,
) -> Opt {
    Opt {
        name,
        value: Some(value),
        choices,
        help,
    }
}

const fn flag(name: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        value: None,
        choices: &[],
        help,
    }
}

const INPUT: Opt = opt(
    "input",
    "FILE",
    "read the JSON request (or roles) from FILE instead of stdin (`-` is stdin); at most 5 MiB (`tenant` and `report`: 128 MiB a file of exports)",
);
const COMPACT: Opt = flag("compact", "one-line JSON");

/// The export formats, as `export --format` takes them.
pub const EXPORT_FORMATS: &[&str] = &[
    "arm",
    "rest",
    "az-json",
    "az-cli",
    "powershell",
    "bicep",
    "terraform",
    "graph",
];

/// The shells `completions` writes for.
pub const SHELLS: &[&str] = &["bash", "zsh", "fish"];

/// Every command, in the order `--help` lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "eval",
        args: "",
        summary: "decide queries for role assignments (JSON request in)",
        options: &[INPUT, COMPACT],
        details: "Each query is an action (or data action) at a scope; each answer says which assignment and pattern granted it, or what is missing. A query without `dataAction` is asked on the plane the operations catalog knows its name on (said in a `planeFromCatalog` reason when that is the data plane, or when the name is on both planes and the control plane is asked). Cloud PC, Intune and Entra permissions are recognised by name (`Microsoft.CloudPC/...`, `Microsoft.Intune/...` other than the Azure operations the catalog lists under that provider, `microsoft.directory/...`); a query's `plane` (azure, cloudPc, intune, entra) sets the plane instead. A query names one action: an `action` with `*`, an empty one, or one with whitespace before or after it is refused (exit 2, every such query named); `grants PATTERN` answers for a pattern. Deny assignments (`denyAssignments`: this tool's shape, ARM REST or Get-AzDenyAssignment JSON) apply to their `principals` (left out, or the all-zero id: everyone; an empty list is refused) except `excludePrincipals`; who asks is the request's `principal` (an object id), else the one principal the assignments name; when that or group membership is unknown, a deny that would block makes an allow `conditional`, saying what is unknown. Role assignments count the same way: one that names no principal, or who asks, counts; one to another User, ServicePrincipal or Device (`principalType`) does not (`otherPrincipal`); one to a Group or an untyped principal, or named while who asks is unknown, grants at most `conditional` (`principalUnknown`). Indexes in the JSON count from 0 (`assignment`, `block`: the role's first permission block is `block` 0), while messages count blocks from 1 as people do (\"permission block 1\").",
    },
    Command {
        name: "operations",
        args: "",
        summary: "every Windows 365 operation for assignments (JSON request in)",
        options: &[INPUT, opt("operation", "ID", "only this operation"), COMPACT],
        details: "",
    },
    Command {
        name: "explain",
        args: "",
        summary: "eval + operations as prose for a report (JSON request in)",
        options: &[
            INPUT,
            opt("operation", "ID", "only this operation"),
            flag("all-permissions", "list every permission, not only the deciding ones"),
        ],
        details: "",
    },
    Command {
        name: "expand",
        args: "",
        summary: "effective operations of roles",
        options: &[
            opt("role", "NAME_OR_ID", "a role to expand (repeatable)"),
            INPUT,
            flag("all-builtins", "every built-in role"),
            COMPACT,
        ],
        details: "Without `--role`, `--input` expands every role the file supplies, in its order.",
    },
    Command {
        name: "lint",
        args: "[FILE]",
        summary: "check a custom role; exit 1 on errors",
        options: &[
            choice("format", "FORMAT", &["text", "json"], "text (default) or json"),
            opt("input", "FILE", "the role file (instead of FILE)"),
            flag("compact", "one-line JSON (with --format json)"),
        ],
        details: "Exit 0: no errors (warnings may be printed); 1: the role has lint errors; 2: the file is unusable (a Bicep or Terraform file is named as such: lint reads JSON; an ARM template expression it does not evaluate is named at its path).",
    },
    Command {
        name: "export",
        args: "[FILE]",
        summary: "write a role for deployment",
        options: &[
            choice(
                "format",
                "FORMAT",
                EXPORT_FORMATS,
                "arm (ARM template), rest (PUT request), az-json, az-cli, powershell (Az 16), bicep, terraform, graph",
            ),
            opt("role", "NAME", "the role to export when FILE holds several (a name or an id; a name several roles have is refused)"),
            opt("input", "FILE", "the role file (instead of FILE)"),
            flag(
                "strict",
                "refuse (exit 1, nothing written) a role with lint errors or one the format cannot hold whole",
            ),
        ],
        details: "What the format cannot hold (a condition; NotActions or data actions in a Graph role) is named in a warning on stderr and the role is exported without it. What Azure would refuse (the root scope `/`, no assignable scope, an empty description for PowerShell) is named in a warning and exported as written. A key of the role that its shape has no place for (a misspelt `notActions`) was ignored when the file was read: it is named in a warning with its path and \"did you mean\". `--strict` refuses all of these instead, exit 1, nothing written. Lint errors are warned about the same way. A role with no name, or several permission blocks, cannot be exported (exit 2), nor can an ARM template expression other than `[parameters('x')]` with a default or `[variables('x')]` (exit 2, at its path).\npowershell targets Az 16 and later (Az.Resources 10+, `Permissions` shape); for Az 15 and earlier use az-json.\nCloud PC and Intune roles need a Graph token with DeviceManagementRBAC.ReadWrite.All: the powershell script signs in with Connect-MgGraph -Scopes DeviceManagementRBAC.ReadWrite.All; `az login` as a user cannot get it, so the az-cli script runs as a service principal granted it (az login --service-principal) or with a token in GRAPH_TOKEN, and stops otherwise (a warning says so; `--strict` keeps the export).",
    },
    Command {
        name: "grants",
        args: "ACTION",
        summary: "which roles grant an action, and how",
        options: &[
            opt("action", "ACTION", "the action (instead of ACTION)"),
            INPUT,
            flag("data-action", "look the action up as a data action (without it: as the operations catalog knows the name, else the control plane)"),
            COMPACT,
        ],
        details: "ACTION may be a pattern (`Microsoft.Authorization/roleAssignments/*`): then `grants` lists the roles that grant every catalog operation it matches (a role whose NotActions remove part of it is not listed), with the patterns that grant them, and `coverage` how many of them each built-in Azure role grants. A pattern is never matched as the text of one action. Roles are listed least privileged first, in the order `enables --help` gives: a built-in role for a service's own identity (`serviceRole: true`) after the others, whatever its size.",
    },
    Command {
        name: "compare",
        args: "",
        summary: "roles side by side",
        options: &[
            opt("role", "NAME[@YYYY-MM-DD]", "a role (repeatable, at least two); `@DATE`: a built-in role as Graph returned it then"),
            INPUT,
            COMPACT,
        ],
        details: "A grant under a condition is its own grant, the condition part of it: an Azure operation a role grants only under a condition is in its `only` lists unless another role grants it outright or under the same conditions, and in `common` only when every role grants it outright or every one under the same conditions. `onlyConditional` (per role) and `commonConditional` name the entries granted under a condition, `conditionsDiffer` the operations two roles grant under conditions that differ (then their pair is never `equal`, its `conditionsDiffer` counts them and its `summary` names them); `totals` count outright and conditional grants, `conditionalTotals` the conditional ones.",
    },
    Command {
        name: "timeline",
        args: "[NAME]",
        summary: "a built-in Cloud PC or Intune role's dated changes",
        options: &[
            opt("role", "NAME", "the role"),
            opt("as-of", "YYYY-MM-DD", "the role's actions at the end of that day"),
            COMPACT,
        ],
        details: "",
    },
    Command {
        name: "disagreements",
        args: "",
        summary: "the seed's permission table against the observed built-in roles",
        options: &[COMPACT],
        details: "",
    },
    Command {
        name: "least",
        args: "",
        summary: "least privilege and the minimal custom role",
        options: &[
            opt("action", "ACTION", "an action needed (repeatable)"),
            opt("data-action", "ACTION", "a data action needed (repeatable)"),
            opt("operation", "ID", "a Windows 365 operation instead of actions"),
            opt("scope", "SCOPE", "an assignable scope of the minimal Azure role (repeatable)"),
            opt("name", "NAME", "the minimal role's name (with --operation: every part's, the Intune and Azure parts' followed by (Intune) and (Azure))"),
            flag("exact", "no wildcard in the minimal role"),
            COMPACT,
        ],
        details: "With --operation, every part of the minimal design is written deployable: cloudPcRole and intuneRole (Graph requests), azureRole (az role definition list shape; deploy it with export), and deploy says what enabling the operation takes (one part alone does not enable an operation that needs several). --scope applies to the Azure part; for an operation that needs no Azure custom role it is refused (exit 2). A name asked with --action that the catalog knows only as a data action is taken as one (asDataActions), and one asked with --data-action that it knows only as a control-plane action is taken as an action (asActions); each is noted on stderr.",
    },
    Command {
        name: "enables",
        args: "ID",
        summary: "built-in roles that enable an operation alone (least privileged first)",
        options: &[opt("operation", "ID", "the operation (instead of ID)"), COMPACT],
        details: "Least privileged first, in the order grants, least and decode use: a built-in role for a service's own identity last (`serviceRole: true` in `grants`: named a service role, or described as one, \"This role is used by Windows 365 to ...\"; `decode` names a smaller one beside its fix, with that caveat, and never offers one as the fix), then a role with no high or critical risk note before one with (Global Reader, size 30, after Cloud PC Reader, size 31: Microsoft labels it privileged), then by size (the operations and Cloud PC and Intune permissions the role holds), then by its most serious risk note and its Microsoft Entra directory actions (Global Administrator after Intune Administrator, both 312).",
    },
    Command {
        name: "roles",
        args: "",
        summary: "list the bundled roles",
        options: &[
            opt("search", "TEXT", "only roles TEXT finds, ranked, as the app's roles search"),
            choice(
                "plane",
                "PLANE",
                &["azure", "cloudPc", "entra", "intune"],
                "only roles of this plane",
            ),
            COMPACT,
        ],
        details: "--search finds a role when every word of TEXT (case ignored) is in its name, id or description, or in the name of a Cloud PC or Intune permission it holds (`reboot` finds the roles holding CloudPCs/Reboot); TEXT that reads as an action (one word with a `/`, such as `Microsoft.Compute/virtualMachines/read`) finds the roles that grant it, least privileged first. Otherwise the role named TEXT comes first, then roles whose name holds every word (Windows 365's before the others), then the rest, each group in catalog order.",
    },
    Command {
        name: "risk",
        args: "",
        summary: "a role's risk notes by category, each with its basis",
        options: &[
            opt("role", "NAME_OR_ID", "a role (repeatable)"),
            opt("input", "FILE", "custom roles to look up"),
            COMPACT,
        ],
        details: "Without `--role`, `--input` assesses every role the file supplies, in its order. A Cloud PC permission whose risk no source rates (`Webhooks/Create`: `unknown` in the reference; `Webhooks/Delete` and the other permissions, reads aside, seen only in Graph's built-in roles, which the reference does not list: `unassessed`) makes no note; it is listed in the role's `unrated` with the reference's reasoning, and a role with no note but such a permission has `level` `unknown`, not `null`.",
    },
    Command {
        name: "remote-actions",
        args: "",
        summary: "Cloud PC remote actions: permissions per plane, held or not (JSON request in)",
        options: &[INPUT, flag("none", "against no assignments, without reading input"), COMPACT],
        details: "An action that is also a Windows 365 operation (resize, restore, a manual restore point, place under review) names it in `operation` and takes its verdict from it, as `operations` gives it: `conditional` with the sources' `conflicts` where they disagree.",
    },
    Command {
        name: "visibility",
        args: "[FILE]",
        summary: "which objects an admin sees through scope tags (JSON in: objects, assignments)",
        options: &[INPUT, COMPACT],
        details: "In: `objects` (at most 2,000), each {\"id\", \"type\", \"scopeTags\": [...]} with `type` one of provisioningPolicy, azureNetworkConnection, cloudPc, customImage, roleAssignment, intuneDevice (no tags: the Default tag), and optionally `name`; a cloudPc may add `deviceScopeTags` (its Intune device record's tags, when known) and `provisioningPolicy` (its policy's name, or the id of a provisioningPolicy object of the same input). Then either `assignments` for one administrator, [{\"role\": name or id, \"scopeTags\": [...]}], or `admins` for the administrator x object grid, [{\"name\", \"assignments\": [...]}]; at most 200 assignments in all and 100 tags each, and at most 100,000 decisions (assignments × objects: 50 assignments over 2,000 objects). Optional: `roles` (custom Cloud PC or Intune role definitions the assignments name) and `scopedPermissions`: true (each assignment's permissions act only on the objects its own tags show; default false, permissions merged across assignments). Keys are strict: a misspelt key is an error at its path, and every problem is listed before the input is refused (exit 2).",
    },
    Command {
        name: "decode",
        args: "",
        summary: "an Azure authorization error on stdin: action, scope, why, the fix",
        options: &[
            opt("input", "FILE", "a request whose assignments explain the denial"),
            COMPACT,
        ],
        details: "",
    },
    Command {
        name: "tenant",
        args: "",
        summary: "review a tenant's exported assignments and custom roles, per principal",
        options: &[
            opt("input", "FILE", "an export (repeatable): az, Get-AzRoleAssignment, Get-Mg, az rest, Graph or Intune JSON"),
            opt("as-of", "DATE", "the review's time (YYYY-MM-DD or a UTC time; default now): PIM eligibilities that ended before it are marked `ended`"),
            COMPACT,
        ],
        details: "Reads `az role assignment list --all -o json` (classic administrators: Service Administrator and Co-Administrator reviewed as Owner at their subscription, the equivalent access), `az role definition list --custom-role-only -o json`, `Get-AzRoleAssignment | ConvertTo-Json`, Graph PowerShell (`Get-Mg...RoleAssignment | ConvertTo-Json`), `az rest` lists of role assignments, Graph roleManagement/cloudPC, directory and deviceManagement roleAssignments and roleDefinitions pages (built-in definitions skipped; one the bundle does not hold is read as listed, not as custom), `directoryRoles?$expand=members`, and Intune deviceManagement/roleAssignments and roleDefinitions. PIM eligibilities (roleEligibilitySchedules and their instances) grant nothing until activated: listed per principal in `eligible` (role, scope, end, level once activated; `ended` when its end is before `--as-of`), counted nowhere else; active schedules are assignments; schedule requests are refused. Per principal: the Windows 365 operations allowed, Azure operations per scope, risk and escalation flags, the Cloud PC permissions held whose risk no source rates (`unrated`; with no flag, `level` is `unknown`, as `risk` says of such a role); a tenant summary. A principal's row holds what is assigned to it: a group's access also reaches its members, which the exports do not list (a note names the groups). Deny-assignment exports (ARM REST list, Get-AzDenyAssignment) are applied per principal at each scope they reach: what a deny surely blocks is removed (azure[].denied), what it blocks only if group membership, a management group's members or its condition hold is counted as conditional, with the deny named and why.",
    },
    Command {
        name: "report",
        args: "",
        summary: "a review report of a design (a request) or of a tenant's exports",
        options: &[
            opt("input", "FILE", "a request, or tenant exports (repeatable)"),
            opt("as-of", "DATE", "for tenant exports: the review's time (YYYY-MM-DD or a UTC time; default now), as for `tenant`"),
            choice("format", "FORMAT", &["markdown", "html", "json"], "markdown (default), print-clean html, or json"),
            COMPACT,
        ],
        details: "A design's `denyAssignments` are listed under what was reviewed, with whom each applies to; what they remove for who asks (the request's `principal`, else the one its assignments name) is not counted as effective, and counts as conditional when that cannot be known offline.",
    },
    Command {
        name: "grade",
        args: "",
        summary: "grade an answer against an exercise (exit 0 pass or fail; --strict: 1 on a failed check)",
        options: &[
            opt("exercise", "FILE|ID", "the exercise (w365-exercise/1), or a built-in exercise's id (the file wins when both exist)"),
            opt("input", "FILE", "the answer: a request (roles and assignments)"),
            flag("solution", "grade the exercise's own solution"),
            flag("strict", "exit 1 when a check fails"),
            COMPACT,
        ],
        details: "The answer is the request `eval` reads: `queries`, `principal`, and an assignment's `principal` and `principalType`, are read and ignored; deny assignments, `managementGroups`, `context` and an assignment's `condition` are refused (exit 2, at their path). The exercise schema, with an example of every check: docs/EXERCISES.md.",
    },
    Command {
        name: "exercises",
        args: "",
        summary: "the built-in training pack, or check an exercise file",
        options: &[
            flag("list", "every built-in exercise: id, title, level"),
            opt("id", "ID", "one built-in exercise in full"),
            opt("validate", "FILE", "check an exercise or pack: solution passes, start fails (exit 1 when an exercise does not validate; 2 when the file is no exercise or pack: bad JSON, unknown keys, no checks)"),
            COMPACT,
        ],
        details: "",
    },
    Command {
        name: "health-check",
        args: "CODE",
        summary: "what an ANC health-check errorType means and which role fixes it",
        options: &[
            opt("code", "CODE", "the errorType (instead of CODE)"),
            flag("list", "every check and code"),
            COMPACT,
        ],
        details: "",
    },
    Command {
        name: "anc-recipe",
        args: "",
        summary: "the two-person ANC setup: az/PowerShell for the network admin",
        options: &[
            opt("subscription", "ID", "the virtual network's subscription (a `--vnet` resource id names it; another is refused)"),
            opt("resource-group", "RG", "the resource group of the connection"),
            opt("vnet", "NAME_OR_ID", "the virtual network"),
            opt("vnet-resource-group", "RG", "the virtual network's resource group"),
            opt("admin", "UPN", "the Intune admin who creates the connection"),
            choice("format", "FORMAT", &["json", "az", "powershell"], "json (default), or only the az or PowerShell script"),
            COMPACT,
        ],
        details: "A value not given stays a placeholder (<subscription-id>, <resource-group>, <virtual-network>): the script is still printed (exit 0, a template), and each placeholder left is named in a warning on stderr with the option that fills it (and in the JSON's `placeholders`).",
    },
    Command {
        name: "completions",
        args: "SHELL",
        summary: "a shell completion script (bash, zsh or fish) on stdout",
        options: &[],
        details: "bash: w365-perms completions bash > /etc/bash_completion.d/w365-perms\nzsh: w365-perms completions zsh > \"${fpath[1]}/_w365-perms\"\nfish: w365-perms completions fish > ~/.config/fish/completions/w365-perms.fish",
    },
    Command {
        name: "man",
        args: "",
        summary: "the manual page (roff) on stdout",
        options: &[],
        details: "w365-perms man > w365-perms.1; man ./w365-perms.1",
    },
];

/// The command named `name`.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}
