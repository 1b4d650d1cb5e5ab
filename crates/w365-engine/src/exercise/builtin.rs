//! The built-in pack: exercises written from the seeds and real admin questions
//! (`data/authored/exercises.json`, copied by `scripts/gen_data.py`), parsed on
//! first use.

use super::{parse_pack, Pack};
use crate::bundle::Catalog;
use std::sync::OnceLock;

const PACK: &str = include_str!("../../generated/exercises.json");

static BUILTIN: OnceLock<Result<Pack, String>> = OnceLock::new();

/// The built-in pack. An error means the bundled pack is broken, which the tests
/// rule out for the pack that ships.
pub fn builtin(catalog: &Catalog) -> Result<&'static Pack, &'static str> {
    BUILTIN
        .get_or_init(|| parse_pack(catalog, PACK).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(String::as_str)
}

/// The built-in pack's JSON, as bundled.
pub fn builtin_json() -> &'static str {
    PACK
}
