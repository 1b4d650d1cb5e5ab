//! Reading an error text: the `code` and `message` of a JSON error body (nested
//! `error`, `details` and `innererror` included), or plain text as the portal, the
//! az CLI (`(AuthorizationFailed) ...`, `Code: ...`, `Message: ...`) and Az
//! PowerShell print it, wrapped over lines or not; then the action, scope and
//! principal the message names. Every step is a forward scan of the text.

use super::Kind;
use crate::json::{self, Node};

/// What the text says, before any evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Parsed {
    pub kind: Option<Kind>,
    /// The error code as written (`AuthorizationFailed`, `ForbiddenByRbac`, ...).
    pub code: Option<String>,
    /// (action, scope) pairs the caller lacks, in the order named.
    pub missing: Vec<(String, Option<String>)>,
    /// For a linked failure: what the caller may do.
    pub held: Option<(String, String)>,
    /// The client (user principal name, app id or object id).
    pub client: Option<String>,
    /// The principal's object id.
    pub object_id: Option<String>,
    /// The message says "or the scope is invalid".
    pub scope_may_be_invalid: bool,
    /// The message mentions an ABAC condition.
    pub condition: bool,
    /// RoleAssignmentExists: the existing assignment's id, when given;
    /// RoleAssignmentUpdateNotPermitted: the id of the assignment whose name is
    /// reused, when the text names it (a deployment's `target`, for one).
    pub existing_assignment: Option<String>,
    /// InvalidActionOrNotAction: the service's reason.
    pub invalid_reason: Option<String>,
    /// A health-check code found in the text (the first, in the text's order).
    pub health_code: Option<String>,
    /// The other health-check codes the text names, in its order (with an
    /// authorization error decoded, every one).
    pub other_health_codes: Vec<String>,
    /// Authorization failures past the first [`MAX_FAILURES`], not read.
    pub failures_unread: usize,
    /// A deny assignment the message names as the reason: (name, id, scope).
    pub deny: Option<(Option<String>, Option<String>, Option<String>)>,
    /// A cross-tenant linked failure: (the current tenant, the linked subscription).
    pub cross_tenant: Option<(Option<String>, Option<String>)>,
}

/// Codes the decoder knows, lowercase, with their kind.
const CODES: &[(&str, Kind)] = &[
    (
        "denyassignmentauthorizationfailed",
        Kind::DenyAssignmentAuthorizationFailed,
    ),
    ("linkedauthorizationfailed", Kind::LinkedAuthorizationFailed),
    ("authorizationfailed", Kind::AuthorizationFailed),
    ("roleassignmentexists", Kind::RoleAssignmentExists),
    (
        "roleassignmentupdatenotpermitted",
        Kind::RoleAssignmentUpdateNotPermitted,
    ),
    ("invalidactionornotaction", Kind::InvalidActionOrNotAction),
    ("forbiddenbyrbac", Kind::AuthorizationFailed),
];

/// (code, message) pairs of a JSON error body, outermost first.
fn json_errors(text: &str) -> Vec<(Option<String>, String)> {
    let Ok(doc) = json::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&Node::root(&doc), &mut out);
    out
}

fn walk(n: &Node<'_>, out: &mut Vec<(Option<String>, String)>) {
    if let Ok(items) = n.items() {
        items.iter().for_each(|i| walk(i, out));
        return;
    }
    let keys = n.keys();
    if keys.is_empty() {
        return;
    }
    let get = |k: &str| {
        n.get(k)
            .ok()
            .flatten()
            .and_then(|v| v.as_str().ok().map(str::to_string))
    };
    if let Some(m) = get("message") {
        out.push((get("code"), m));
    }
    for (k, _) in keys {
        if let Ok(Some(v)) = n.get(k) {
            walk(&v, out);
        }
    }
}

/// JSON escapes that survive in logs (`\u0027` for `'`), and runs of whitespace
/// (line breaks of a wrapped message) as one space.
fn normalize(text: &str) -> String {
    let unescaped = text
        .replace("\\u0027", "'")
        .replace("\\u0022", "\"")
        .replace("\\\"", "\"")
        .replace("\\'", "'")
        .replace("\\/", "/")
        .replace("\\r\\n", " ")
        .replace("\\n", " ");
    let mut out = String::with_capacity(unescaped.len());
    let mut space = false;
    for c in unescaped.chars() {
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.trim_end().to_string()
}

/// Quotes a value may sit between: ARM's `'`, the `"` of tools that quote again,
/// and typographic quotes; (opening, closing).
const QUOTES: &[(char, char)] = &[('\'', '\''), ('"', '"'), ('‘', '’'), ('“', '”')];

/// The text between the next pair of quotes after `marker` (searched ignoring
/// ASCII case from `from`; the first opening quote of [`QUOTES`] decides the
/// closing one), with whitespace a line wrap put inside removed; and where the
/// search may continue.
fn quoted_after(text: &str, lower: &str, marker: &str, from: usize) -> Option<(String, usize)> {
    quoted(text, lower, marker, from, false)
}

/// [`quoted_after`] where the opening quote is the first thing after `marker`
/// (spaces aside): the value belongs to those words, not to some later ones.
fn quoted_right_after(text: &str, lower: &str, marker: &str) -> Option<(String, usize)> {
    let at = lower.find(marker)? + marker.len();
    let next = text.get(at..)?.trim_start().chars().next()?;
    if !QUOTES.iter().any(|(o, _)| *o == next) {
        return None;
    }
    quoted_after(text, lower, marker, at - marker.len())
}

/// [`quoted_after`] for a value that is prose (a deny assignment's name): its
/// spaces are kept (the text is normalized, so a wrap left one space).
fn quoted_text_after(
    text: &str,
    lower: &str,
    marker: &str,
    from: usize,
) -> Option<(String, usize)> {
    quoted(text, lower, marker, from, true)
}

fn quoted(
    text: &str,
    lower: &str,
    marker: &str,
    from: usize,
    keep_spaces: bool,
) -> Option<(String, usize)> {
    let at = lower.get(from..)?.find(marker)? + from + marker.len();
    let (pos, q) = text
        .get(at..)?
        .char_indices()
        .find(|(_, c)| QUOTES.iter().any(|(o, _)| o == c))?;
    let close_char = QUOTES.iter().find(|(o, _)| *o == q).map(|(_, c)| *c)?;
    let open = at + pos + q.len_utf8();
    let close = text.get(open..)?.find(close_char)? + open;
    let raw = text.get(open..close)?;
    let value: String = if keep_spaces {
        raw.trim().to_string()
    } else {
        raw.chars().filter(|c| !c.is_whitespace()).collect()
    };
    Some((value, close + close_char.len_utf8()))
}

/// The error code named in plain text: `(Code)`, `Code: X`, `"code": "X"`,
/// `ErrorCode: X`, `(Code:X)`, or a known code anywhere as a whole word (so
/// `DenyAssignmentAuthorizationFailed` is not read as `AuthorizationFailed`).
fn text_code(lower: &str, text: &str) -> Option<String> {
    for (code, _) in CODES {
        if let Some(at) = find_word(lower, code) {
            return text.get(at..at + code.len()).map(str::to_string);
        }
    }
    // An unknown code, to name it in the error.
    for marker in [
        "code: ",
        "code:",
        "errorcode: ",
        "\"code\":\"",
        "\"code\": \"",
    ] {
        if let Some(at) = lower.find(marker) {
            let start = at + marker.len();
            let word: String = text
                .get(start..)?
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !word.is_empty() {
                return Some(word);
            }
        }
    }
    if text.starts_with('(') {
        let word: String = text
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !word.is_empty() && text.get(word.len() + 1..word.len() + 2) == Some(")") {
            return Some(word);
        }
    }
    None
}

pub(super) fn kind_of(code: &str) -> Option<Kind> {
    let lower = code.to_ascii_lowercase();
    CODES.iter().find(|(c, _)| *c == lower).map(|(_, k)| *k)
}

/// The authorization failures of one text that are decoded, each with its fixes.
pub(super) const MAX_FAILURES: usize = 20;

/// Every "does not have authorization ... to perform action 'A' over scope 'S'"
/// of a normalized text, and every template pre-flight "does not have permission
/// to perform action 'A' at scope 'S'", in the text's order.
fn authorization_failures(text: &str, lower: &str) -> Vec<(String, Option<String>)> {
    const FORMS: [(&str, &str); 2] = [
        ("does not have authorization", "over scope"),
        ("does not have permission to perform action", "at scope"),
    ];
    let mut found: Vec<(usize, String, Option<String>)> = Vec::new();
    for (marker, scope_marker) in FORMS {
        let mut from = 0;
        while let Some(at) = lower
            .get(from..)
            .and_then(|l| l.find(marker))
            .map(|a| a + from)
        {
            let Some((action, next)) = quoted_after(text, lower, "perform action", at) else {
                break;
            };
            // The scope belongs to this failure only when it comes before the next.
            let scope = quoted_after(text, lower, scope_marker, next)
                .filter(|(_, end)| {
                    lower
                        .get(next..)
                        .and_then(|l| l.find(marker))
                        .is_none_or(|n| next + n > *end)
                })
                .map(|(s, _)| s);
            found.push((at, action, scope));
            from = next;
        }
    }
    found.sort_by_key(|(at, _, _)| *at);
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for (_, a, s) in found {
        if !out
            .iter()
            .any(|(x, y)| x.eq_ignore_ascii_case(&a) && *y == s)
        {
            out.push((a, s));
        }
    }
    out
}

/// Read a message (and the code given with it, if any).
fn read_message(code: Option<&str>, message: &str, into: &mut Parsed) {
    let text = normalize(message);
    let lower = text.to_ascii_lowercase();
    into.code = code
        .map(str::to_string)
        .or_else(|| text_code(&lower, &text))
        .or(into.code.take());
    // "The client 'X' with object id 'O'": the quote must follow the words, as
    // "The client has permission to perform action 'A'" names no client.
    if let Some((c, _)) = quoted_right_after(&text, &lower, "the client ") {
        into.client = Some(c);
    }
    if let Some((o, _)) = quoted_right_after(&text, &lower, "with object id ") {
        into.object_id = Some(o);
    }
    into.scope_may_be_invalid = lower.contains("or the scope is invalid")
        || lower.contains("or the linked scope(s) are invalid")
        || lower.contains("or the linked scope(s)are invalid");
    into.condition = lower.contains("abac condition");
    let code_kind = into.code.as_deref().and_then(kind_of);
    // A deny assignment: "has permission to perform action 'A' on scope 'S';
    // however, the access is denied because of the deny assignment with name 'N'
    // and Id 'I' at scope 'T'" (code `DenyAssignmentAuthorizationFailed`, or
    // `AuthorizationFailed` in some bodies). A role grants the action: what
    // refuses it is the deny.
    if let Some(at) = lower.find("because of the deny assignment") {
        let held = quoted_after(&text, &lower, "perform action", 0)
            .filter(|(_, next)| *next <= at)
            .map(|(action, next)| {
                let scope = quoted_after(&text, &lower, " on scope ", next)
                    .filter(|(_, n)| *n <= at)
                    .map(|(s, _)| s);
                (action, scope)
            });
        let name = quoted_text_after(&text, &lower, "with name", at);
        let from = name.as_ref().map_or(at, |(_, n)| *n);
        let id = quoted_after(&text, &lower, " id ", from);
        let from = id.as_ref().map_or(from, |(_, n)| *n);
        let scope = quoted_after(&text, &lower, " at scope ", from).map(|(s, _)| s);
        if let Some(held) = held {
            into.missing.push(held);
        }
        into.deny = Some((
            name.map(|(n, _)| n).filter(|n| !n.is_empty()),
            id.map(|(i, _)| i).filter(|i| !i.is_empty()),
            scope.filter(|s| !s.is_empty()),
        ));
        into.kind = Some(Kind::DenyAssignmentAuthorizationFailed);
        return;
    }
    // Linked across tenants: "has permission to perform action 'A' on scope 'S',
    // however the current tenant 'T' is not authorized to access linked
    // subscription 'L'". No action is named as lacking: the tenant is.
    if let Some(at) = lower.find("not authorized to access linked subscription") {
        if let Some((held, next)) =
            quoted_after(&text, &lower, "has permission to perform action", 0)
        {
            if let Some((scope, _)) = quoted_after(&text, &lower, " on scope ", next) {
                into.held = Some((held, scope));
            }
        }
        let tenant = quoted_after(&text, &lower, "current tenant", 0)
            .filter(|(_, n)| *n <= at)
            .map(|(t, _)| t);
        let linked = quoted_after(&text, &lower, "linked subscription", at).map(|(s, _)| s);
        into.cross_tenant = Some((
            tenant.filter(|t| !t.is_empty()),
            linked.filter(|s| !s.is_empty()),
        ));
        into.kind = Some(Kind::LinkedAuthorizationFailed);
        return;
    }
    // Linked: "has permission to perform action 'A' on scope 'S'; however, it does
    // not have permission to perform action(s) 'B,C' on the linked scope(s) 'T,U'".
    if lower.contains("linked scope") {
        if let Some((held, next)) =
            quoted_after(&text, &lower, "has permission to perform action", 0)
        {
            if let Some((scope, _)) = quoted_after(&text, &lower, " on scope ", next) {
                into.held = Some((held, scope));
            }
        }
        let start = lower
            .find("not have permission to perform action")
            .unwrap_or(0);
        if let Some((actions, next)) = quoted_after(&text, &lower, "perform action", start) {
            let scopes = quoted_after(&text, &lower, "linked scope", next)
                .map(|(s, _)| s)
                .unwrap_or_default();
            let scopes: Vec<&str> = scopes.split(',').filter(|s| !s.is_empty()).collect();
            for (i, a) in actions.split(',').filter(|a| !a.is_empty()).enumerate() {
                let scope = scopes.get(i).or(scopes.first()).map(|s| s.to_string());
                into.missing.push((a.to_string(), scope));
            }
            into.kind = Some(Kind::LinkedAuthorizationFailed);
            return;
        }
    }
    // "does not have authorization [or an ABAC condition not fulfilled] to perform
    // action 'A' over scope 'S'", or a template deployment's pre-flight check:
    // "does not have permission to perform action 'A' at scope 'S'".
    if let Some(first) = authorization_failures(&text, &lower).into_iter().next() {
        into.missing.push(first);
        into.kind = Some(Kind::AuthorizationFailed);
        return;
    }
    // Key Vault's data plane: "Caller is not authorized to perform action on
    // resource. ... Action: 'A' Resource: 'S'".
    // Its caller line, `Caller: appid=A;oid=O;iss=...`, names the principal by
    // object id; the app id is the client application it signed in with (the
    // Azure CLI's, for one), not the principal, so it is not read as the client.
    if lower.contains("not authorized to perform action on resource") {
        if let Some((action, next)) = quoted_after(&text, &lower, "action:", 0) {
            let scope = quoted_after(&text, &lower, "resource:", next).map(|(s, _)| s);
            into.missing.push((action, scope));
            into.kind = Some(Kind::AuthorizationFailed);
            if into.object_id.is_none() {
                into.object_id = caller_oid(&text, &lower);
            }
            return;
        }
    }
    // "Tenant ID, application ID, principal ID, and scope are not allowed to be
    // updated.": a PUT of a role assignment whose name (a GUID) an assignment with
    // another principal, scope or tenant already has.
    if lower.contains("are not allowed to be updated")
        || code_kind == Some(Kind::RoleAssignmentUpdateNotPermitted)
    {
        into.kind = Some(Kind::RoleAssignmentUpdateNotPermitted);
        into.existing_assignment = assignment_id(&text);
        return;
    }
    if lower.contains("role assignment already exists")
        || code_kind == Some(Kind::RoleAssignmentExists)
    {
        into.kind = Some(Kind::RoleAssignmentExists);
        if let Some(at) = lower.find("existing role assignment is ") {
            let id: String = text
                .get(at + "existing role assignment is ".len()..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '/')
                .collect();
            if !id.is_empty() {
                into.existing_assignment = Some(id);
            }
        }
        return;
    }
    let invalid_markers = [
        "does not match any of the actions supported by the providers",
        "contains multiple wildcards",
        "the resource provider referenced in the action is not returned",
    ];
    if code_kind == Some(Kind::InvalidActionOrNotAction)
        || invalid_markers.iter().any(|m| lower.contains(m))
    {
        into.kind = Some(Kind::InvalidActionOrNotAction);
        // The action is the first quoted value: `'X' does not match ...`.
        if let Some(open) = text.find('\'') {
            if let Some(close) = text.get(open + 1..).and_then(|t| t.find('\'')) {
                let action: String = text
                    .get(open + 1..open + 1 + close)
                    .unwrap_or_default()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if !action.is_empty() {
                    into.missing.push((action, None));
                }
            }
        }
        into.invalid_reason = invalid_markers
            .iter()
            .find(|m| lower.contains(*m))
            .map(|m| (*m).to_string());
    }
}

/// The first role assignment id in `text`
/// (`<scope>/providers/Microsoft.Authorization/roleAssignments/<name>`), whole.
pub(super) fn assignment_id(text: &str) -> Option<String> {
    const MARK: &str = "/providers/microsoft.authorization/roleassignments/";
    let lower = text.to_ascii_lowercase();
    let at = lower.find(MARK)?;
    let id_char = |c: char| c.is_ascii_alphanumeric() || "/._-()".contains(c);
    let start = text
        .get(..at)?
        .char_indices()
        .rev()
        .find(|(_, c)| !id_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let name_at = at + MARK.len();
    let name: String = text
        .get(name_at..)?
        .chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '-')
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(format!("{}{name}", text.get(start..name_at)?))
}

/// The `oid=` of Key Vault's `Caller:` line.
fn caller_oid(text: &str, lower: &str) -> Option<String> {
    let caller = lower.find("caller:")?;
    let line_end = lower
        .get(caller..)?
        .find(" action:")
        .map_or(lower.len(), |e| e + caller);
    let at = lower.get(caller..line_end)?.find("oid=")? + caller + "oid=".len();
    let oid: String = text
        .get(at..)?
        .chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '-')
        .collect();
    (!oid.is_empty()).then_some(oid)
}

/// Read an error text of any of the shapes above.
pub(super) fn parse(text: &str, health_codes: &[&str]) -> Parsed {
    let mut p = Parsed::default();
    let trimmed = text.trim();
    let bodies = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        json_errors(trimmed)
    } else {
        Vec::new()
    };
    // Bodies with a known code first, the innermost first (a deployment's
    // `details` before its `DeploymentFailed` wrapper), then the others in order;
    // the first that reads as a known error wins. Plain text otherwise.
    let mut order: Vec<&(Option<String>, String)> = bodies
        .iter()
        .rev()
        .filter(|(c, _)| c.as_deref().and_then(kind_of).is_some())
        .collect();
    order.extend(
        bodies
            .iter()
            .filter(|(c, _)| c.as_deref().and_then(kind_of).is_none()),
    );
    for (code, message) in order {
        let mut candidate = Parsed::default();
        read_message(code.as_deref(), message, &mut candidate);
        if candidate.kind.is_some() {
            p = candidate;
            break;
        }
        if p.code.is_none() {
            p.code = candidate.code;
        }
    }
    if p.kind.is_none() {
        let code = p.code.take();
        read_message(None, trimmed, &mut p);
        p.code = p.code.or(code);
    }
    // A paste of several failures (a deployment's `details`, two az CLI errors):
    // every one is read, the first read kept first (an outside review: all but
    // one were dropped without a word).
    if p.kind == Some(Kind::AuthorizationFailed) {
        let all = normalize(trimmed);
        let lower = all.to_ascii_lowercase();
        for (a, s) in authorization_failures(&all, &lower) {
            if p.missing
                .iter()
                .any(|(x, y)| x.eq_ignore_ascii_case(&a) && *y == s)
            {
                continue;
            }
            if p.missing.len() < MAX_FAILURES {
                p.missing.push((a, s));
            } else {
                p.failures_unread += 1;
            }
        }
    }
    // Every health-check code the text names, in its order: a failed-checks list
    // names several (an outside review: only the first was decoded).
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, String)> = health_codes
        .iter()
        .filter_map(|c| find_word(&lower, &c.to_ascii_lowercase()).map(|at| (at, (*c).to_string())))
        .collect();
    found.sort();
    let mut found = found.into_iter().map(|(_, c)| c);
    if p.kind.is_none() {
        p.health_code = found.next();
        if p.health_code.is_some() {
            p.kind = Some(Kind::HealthCheck);
        }
    }
    p.other_health_codes = found.collect();
    // A deployment names the assignment in its `target`, outside the message read.
    if p.kind == Some(Kind::RoleAssignmentUpdateNotPermitted) && p.existing_assignment.is_none() {
        p.existing_assignment = assignment_id(&normalize(trimmed));
    }
    p
}

/// Where `needle` first occurs in `hay` with no letter or digit on either side.
pub(super) fn find_word(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(at) = hay
        .get(from..)
        .and_then(|h| h.find(needle))
        .map(|a| a + from)
    {
        let before = hay[..at].chars().next_back();
        let after = hay.get(at + needle.len()..).and_then(|r| r.chars().next());
        if !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn normalizing_joins_wrapped_lines_and_json_escapes() {
        assert_eq!(normalize("a\n  b\\u0027c\\u0027"), "a b'c'");
    }

    #[test]
    fn quoted_values_lose_the_spaces_a_wrap_put_in() {
        let t = "over scope '/subscriptions/ x/rg' or";
        let l = t.to_ascii_lowercase();
        let (value, next) = quoted_after(t, &l, "over scope", 0).unwrap();
        assert_eq!(value, "/subscriptions/x/rg");
        assert_eq!(t.get(next..), Some(" or"));
    }

    #[test]
    fn double_and_typographic_quotes_read_as_single_ones() {
        for t in [
            "perform action \"a/b\" over scope \"/s\" or",
            "perform action ‘a/b’ over scope “/s” or",
        ] {
            let l = t.to_ascii_lowercase();
            let (value, next) = quoted_after(t, &l, "perform action", 0).unwrap();
            assert_eq!(value, "a/b");
            let (scope, _) = quoted_after(t, &l, "over scope", next).unwrap();
            assert_eq!(scope, "/s");
        }
    }

    #[test]
    fn a_code_inside_a_longer_code_is_not_read() {
        let t = "(DenyAssignmentAuthorizationFailed) ...";
        let l = t.to_ascii_lowercase();
        assert_eq!(
            text_code(&l, t).as_deref(),
            Some("DenyAssignmentAuthorizationFailed")
        );
        assert_eq!(
            kind_of("AuthorizationFailed"),
            Some(Kind::AuthorizationFailed)
        );
    }

    #[test]
    fn a_client_is_read_only_where_its_quote_follows() {
        let t = "The client has permission to perform action 'a/b' on scope '/s'";
        let l = t.to_ascii_lowercase();
        assert_eq!(quoted_right_after(t, &l, "the client "), None);
        let t = "The client  'x@y' with object id";
        let l = t.to_ascii_lowercase();
        assert_eq!(
            quoted_right_after(t, &l, "the client ").map(|(c, _)| c),
            Some("x@y".into())
        );
    }

    #[test]
    fn key_vault_caller_object_id() {
        let t = "Caller: appid=04b0;oid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee;iss=https://x/ Action: 'a'";
        let l = t.to_ascii_lowercase();
        assert_eq!(
            caller_oid(t, &l).as_deref(),
            Some("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        );
        assert_eq!(
            caller_oid(
                "Caller: appid=x Action: 'oid=1'",
                "caller: appid=x action: 'oid=1'"
            ),
            None
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(find_word("code: dnscheck failed", "dnscheck").is_some());
        assert!(find_word("xdnscheckfailed", "dnscheck").is_none());
    }
}
