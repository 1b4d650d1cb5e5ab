//! Share links: a workspace carried in the URL (`w=`), as versioned JSON compressed
//! with the browser's `CompressionStream('deflate-raw')` and written in base64url.
//! Sizes are checked before any work: the parameter's length, the decompressed
//! size (read chunk by chunk and stopped at the limit, so a small link cannot
//! expand into gigabytes), and the number of roles and assignments. Links of the
//! first format (`as=` and `cr=` as plain JSON) still open. A link may carry a
//! scope-tag scenario (`scopeTags`, optional: links without it read as before).

use crate::scenario::TagScenario;
use crate::storage::{workspace_from, StoredAssignment, StoredRole};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;

/// The link format written.
pub const LINK_VERSION: u32 = 2;

/// The format a workspace's link is written in: 2 when a row is the Windows 365
/// app's (an older app refuses it rather than read the app's roles as the
/// admin's), else 1, which every app reads.
fn link_version(ws: &Workspace) -> u32 {
    if ws.app_rows() > 0 {
        2
    } else {
        1
    }
}
/// Longest `w` parameter read (characters).
pub const MAX_PARAM: usize = 1024 * 1024;
/// Largest decompressed payload (bytes), the engine's input limit.
pub const MAX_JSON: usize = w365_engine::json::MAX_INPUT_BYTES;
/// Most roles a link may carry.
pub const MAX_ROLES: usize = 1_000;
/// Most assignments a link may carry.
pub const MAX_ASSIGNMENTS: usize = 10_000;
/// Most scope-tag objects a link may carry (the engine evaluates at most this many).
pub const MAX_OBJECTS: usize = w365_engine::scopetags::MAX_OBJECTS;

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    v: u32,
    #[serde(default)]
    roles: Vec<StoredRole>,
    #[serde(default)]
    assignments: Vec<StoredAssignment>,
    #[serde(default, rename = "scopeTags", skip_serializing_if = "Option::is_none")]
    scope_tags: Option<TagScenario>,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Read base64url (padding and standard `+/` tolerated).
pub fn b64_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (i, c) in text.trim_end_matches('=').bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => {
                return Err(format!(
                    "the link is damaged: unexpected character at position {}",
                    i + 1
                ))
            }
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

/// The JSON a link carries for a workspace.
pub fn payload(ws: &Workspace) -> String {
    serde_json::to_string(&payload_of(ws)).unwrap_or_default()
}

fn payload_of(ws: &Workspace) -> Payload {
    let (roles, assignments) = crate::storage::stored_parts(ws);
    Payload {
        v: link_version(ws),
        roles,
        assignments,
        scope_tags: ws.scopetags.clone(),
    }
}

/// What the sender is told when a link would be refused when opened.
const SEND_FILES: &str = "download the roles from Export and send the files instead";

/// Whether a link's content is within the limits a link is opened with (roles,
/// assignments, scope-tag objects, the inflated size), checked before the link is
/// made: a link that cannot be opened is never copied.
fn sendable(p: &Payload, json_len: usize) -> Result<(), String> {
    use crate::dom::{bytes, count};
    if p.roles.len() > MAX_ROLES || p.assignments.len() > MAX_ASSIGNMENTS {
        return Err(format!(
            "the link would carry {} and {}; links carry at most {} and {}, so it could not be opened; {SEND_FILES}",
            count(p.roles.len(), "role", "roles"),
            count(p.assignments.len(), "assignment", "assignments"),
            count(MAX_ROLES, "role", "roles"),
            count(MAX_ASSIGNMENTS, "assignment", "assignments"),
        ));
    }
    if let Some(s) = &p.scope_tags {
        let admins: usize = s.admins.iter().map(|a| a.assignments.len()).sum();
        let cells = s.admins.len().saturating_mul(s.objects.len());
        if s.objects.len() > MAX_OBJECTS
            || admins > MAX_ASSIGNMENTS
            || cells > w365_engine::scopetags::MAX_CELLS
        {
            return Err(format!(
                "the link's scope-tag scenario is larger than a link may carry ({}, {}), so it could not be opened; {SEND_FILES}",
                count(s.objects.len(), "object", "objects"),
                count(admins, "assignment", "assignments"),
            ));
        }
    }
    if json_len > MAX_JSON {
        return Err(format!(
            "the link would expand to {}; links are limited to {}, so it could not be opened; {SEND_FILES}",
            bytes(json_len),
            bytes(MAX_JSON)
        ));
    }
    Ok(())
}

/// Whether a link the app makes (a training pack's or an answer's) is short
/// enough for the app to open: each parameter is read up to [`MAX_PARAM`], and
/// Chromium refuses to open an address of 2 MB, so the whole link is held to it.
pub fn link_fits(url: &str, instead: &str) -> Result<(), String> {
    if url.len() > MAX_PARAM {
        return Err(format!(
            "the link would be {} characters long; links are limited to {}, so it could not be opened; {instead}",
            crate::dom::num(url.len()),
            crate::dom::num(MAX_PARAM)
        ));
    }
    Ok(())
}

/// Whether a packed link parameter is short enough to be opened.
fn short_enough(param: &str) -> Result<(), String> {
    link_fits(param, SEND_FILES)
}

/// A workspace from a link's JSON; unreadable roles are kept (as unreadable) and named.
pub fn from_payload(text: &str) -> Result<(Workspace, Vec<String>), String> {
    let p: Payload = serde_json::from_str(text)
        .map_err(|e| format!("the link's content cannot be read ({e})"))?;
    if !(1..=LINK_VERSION).contains(&p.v) {
        return Err(format!("the link is format {}, which this version of the app does not read (it reads formats 1 to {LINK_VERSION})", p.v));
    }
    if let Some(s) = &p.scope_tags {
        let admins: usize = s.admins.iter().map(|a| a.assignments.len()).sum();
        if s.objects.len() > MAX_OBJECTS || admins > MAX_ASSIGNMENTS {
            return Err(format!(
                "the link's scope-tag scenario has {} and {}; links are limited to {} and {}",
                crate::dom::count(s.objects.len(), "object", "objects"),
                crate::dom::count(admins, "assignment", "assignments"),
                crate::dom::count(MAX_OBJECTS, "object", "objects"),
                crate::dom::count(MAX_ASSIGNMENTS, "assignment", "assignments"),
            ));
        }
        let cells = s.admins.len().saturating_mul(s.objects.len());
        if cells > w365_engine::scopetags::MAX_CELLS {
            return Err(format!(
                "the link's scope-tag scenario asks for {} answers ({} × {}); at most {} are evaluated at once",
                crate::dom::num(cells),
                crate::dom::count(s.admins.len(), "administrator", "administrators"),
                crate::dom::count(s.objects.len(), "object", "objects"),
                crate::dom::num(w365_engine::scopetags::MAX_CELLS)
            ));
        }
    }
    let (mut ws, warnings) = checked(p.roles, p.assignments)?;
    ws.scopetags = p.scope_tags.map(|s| s.with_keys("l"));
    Ok((ws, warnings))
}

fn checked(
    roles: Vec<StoredRole>,
    assignments: Vec<StoredAssignment>,
) -> Result<(Workspace, Vec<String>), String> {
    if roles.len() > MAX_ROLES || assignments.len() > MAX_ASSIGNMENTS {
        return Err(format!(
            "the link carries {} and {}; links are limited to {} and {}",
            crate::dom::count(roles.len(), "role", "roles"),
            crate::dom::count(assignments.len(), "assignment", "assignments"),
            crate::dom::count(MAX_ROLES, "role", "roles"),
            crate::dom::count(MAX_ASSIGNMENTS, "assignment", "assignments"),
        ));
    }
    let ws = workspace_from(roles, assignments, "l");
    let warnings = ws
        .broken
        .iter()
        .map(|b| format!("role `{}` cannot be read: {}", b.id, b.error))
        .collect();
    Ok((ws, warnings))
}

/// A workspace from a first-format link (`as` and `cr` as plain JSON).
pub fn from_legacy(
    assignments: Option<&str>,
    roles: Option<&str>,
) -> Result<(Workspace, Vec<String>), String> {
    let total = assignments.map_or(0, str::len) + roles.map_or(0, str::len);
    if total > MAX_JSON {
        return Err(format!(
            "the link is {} characters long; links are limited to {}",
            crate::dom::num(total),
            crate::dom::num(MAX_JSON)
        ));
    }
    let a: Vec<StoredAssignment> = match assignments {
        Some(t) => serde_json::from_str(t)
            .map_err(|e| format!("the link's assignments cannot be read ({e})"))?,
        None => Vec::new(),
    };
    let r: Vec<StoredRole> = match roles {
        Some(t) => {
            serde_json::from_str(t).map_err(|e| format!("the link's roles cannot be read ({e})"))?
        }
        None => Vec::new(),
    };
    checked(r, a)
}

fn js(e: wasm_bindgen::JsValue) -> String {
    crate::storage::js_message(&e)
}

#[wasm_bindgen(module = "/src/js/compress.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate(bytes: &[u8]) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate(
        bytes: &[u8],
        limit: f64,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Compress a workspace into the `w` parameter's value, refused (with what to do
/// instead) when the link would be over the limits it is opened with.
pub async fn encode(ws: &Workspace) -> Result<String, String> {
    let p = payload_of(ws);
    let text = serde_json::to_string(&p).unwrap_or_default();
    sendable(&p, text.len())?;
    let param = pack_text(&text).await?;
    short_enough(&param)?;
    Ok(param)
}

/// Compress any text into a link parameter's value (deflate-raw, base64url).
pub async fn pack_text(text: &str) -> Result<String, String> {
    let packed = deflate(text.as_bytes()).await.map_err(js)?;
    Ok(b64_encode(&js_sys::Uint8Array::new(&packed).to_vec()))
}

/// Read the `w` parameter's value.
pub async fn decode(param: &str) -> Result<(Workspace, Vec<String>), String> {
    from_payload(&unpack_text(param).await?)
}

/// Undo [`pack_text`], with the same limits: the parameter's length first, then
/// the inflated size, read chunk by chunk and stopped at the limit.
pub async fn unpack_text(param: &str) -> Result<String, String> {
    if param.len() > MAX_PARAM {
        return Err(format!(
            "the link is {} characters long; links are limited to {}",
            crate::dom::num(param.len()),
            crate::dom::num(MAX_PARAM)
        ));
    }
    let packed = b64_decode(param)?;
    let bytes = inflate(&packed, MAX_JSON as f64).await.map_err(|e| {
        let m = js(e);
        if m.contains("refused") {
            format!(
                "the link expands to more than {}, so it is refused",
                crate::dom::bytes(MAX_JSON)
            )
        } else {
            format!("the link is damaged ({m})")
        }
    })?;
    String::from_utf8(js_sys::Uint8Array::new(&bytes).to_vec())
        .map_err(|_| "the link's content is not text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for n in 0..70u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            assert_eq!(b64_decode(&b64_encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(b64_encode(b"hi?"), "aGk_");
        assert!(b64_decode("ab*c").unwrap_err().contains("position 3"));
    }

    #[test]
    fn payloads_are_versioned_and_bounded() {
        assert!(from_payload(r#"{"v":3}"#).unwrap_err().contains("format 3"));
        // Format 2 carries a row of the Windows 365 app's; a link without one is 1.
        let (ws, _) = from_payload(r#"{"v":2,"assignments":[{"role":"Reader","scope":"/subscriptions/s1","to":"windows365App"}]}"#).unwrap();
        assert!(!ws.assignments[0].to.is_you());
        assert_eq!(payload_of(&ws).v, 2);
        assert_eq!(payload_of(&Workspace::default()).v, 1);
        let many = format!(
            r#"{{"v":1,"assignments":[{}]}}"#,
            vec![r#"{"role":"Reader"}"#; MAX_ASSIGNMENTS + 1].join(",")
        );
        assert!(from_payload(&many).unwrap_err().contains("limited"));
        let (ws, warnings) = from_payload(r#"{"v":1,"roles":[{"id":"custom-x","definition":"nope"}],"assignments":[{"role":"Reader","scope":"/subscriptions/s1"}]}"#).unwrap();
        assert_eq!(ws.assignments.len(), 1);
        assert_eq!(ws.broken.len(), 1);
        assert!(warnings[0].contains("custom-x"));
    }

    #[test]
    fn a_link_over_the_limits_it_is_opened_with_is_not_made() {
        let ws = Workspace::default();
        let p = payload_of(&ws);
        assert!(sendable(&p, 100).is_ok());
        let big = sendable(&p, MAX_JSON + 1).unwrap_err();
        assert!(
            big.contains("limited to 5.0 MiB") && big.contains("send the files instead"),
            "{big}"
        );
        let many = Payload {
            v: LINK_VERSION,
            roles: Vec::new(),
            assignments: serde_json::from_str(&format!(
                "[{}]",
                vec![r#"{"role":"Reader"}"#; MAX_ASSIGNMENTS + 1].join(",")
            ))
            .unwrap(),
            scope_tags: None,
        };
        let e = sendable(&many, 100).unwrap_err();
        assert!(
            e.contains("10,001 assignments")
                && e.contains("at most 1,000 roles and 10,000 assignments"),
            "{e}"
        );
        assert!(short_enough(&"a".repeat(MAX_PARAM)).is_ok());
        let long = short_enough(&"a".repeat(1_331_390)).unwrap_err();
        assert!(
            long.contains("1,331,390 characters long; links are limited to 1,048,576"),
            "{long}"
        );
        // What is refused when made is what is refused when opened.
        let opened = from_payload(&serde_json::to_string(&many).unwrap()).unwrap_err();
        assert!(
            opened.contains("limited to 1,000 roles and 10,000 assignments"),
            "{opened}"
        );
    }

    #[test]
    fn a_scope_tag_scenario_travels_in_a_link() {
        let ws = Workspace {
            scopetags: Some(crate::scenario::preset()),
            ..Workspace::default()
        };
        let (back, warnings) = from_payload(&payload(&ws)).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(back.scopetags, ws.scopetags);
        let (plain, _) = from_payload(r#"{"v":1}"#).unwrap();
        assert_eq!(plain.scopetags, None);
        let many = format!(
            r#"{{"v":1,"scopeTags":{{"objects":[{}]}}}}"#,
            vec![r#"{"id":"x","type":"cloudPc"}"#; MAX_OBJECTS + 1].join(",")
        );
        assert!(from_payload(&many).unwrap_err().contains("limited"));
    }
}
