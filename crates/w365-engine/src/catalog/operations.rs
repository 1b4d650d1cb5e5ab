//! The Azure resource-provider operations catalog (22,520 operations).
//!
//! Entries are sorted by lowercase name, so the operations a pattern's literal
//! prefix selects form one contiguous range; names and their lowercase copies live
//! in two big strings indexed by offsets (no per-entry allocation).

use super::grams::Grams;
use crate::bitset::BitSet;
use crate::pattern::ActionPattern;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// One resource provider namespace and its Azure docs category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// `Microsoft.Network`
    pub name: String,
    /// The name in ASCII lowercase.
    pub lower: String,
    /// Docs category (`networking`), if the docs index lists the provider.
    pub category: Option<String>,
}

/// The operations catalog.
#[derive(Debug)]
pub struct OperationCatalog {
    names: String,
    lower: String,
    offsets: Vec<u32>,
    data: BitSet,
    control_mask: BitSet,
    providers: Vec<Provider>,
    provider_of: Vec<u16>,
    /// Per provider, the contiguous run of its entries (names are sorted, and a
    /// provider's names share the prefix `namespace/`).
    provider_runs: Vec<Range<usize>>,
    /// Entries whose namespace is no listed provider.
    no_provider: Vec<usize>,
    descriptions: &'static str,
    description_offsets: OnceLock<Vec<u32>>,
    lower_descriptions: OnceLock<String>,
    /// Entry indexes sorted by their lowercase name read backwards, so the entries
    /// that end with a suffix are one contiguous run; built once enough scanning
    /// has been done without it ([`SUFFIX_SCAN_BUDGET`]).
    by_suffix: OnceLock<Vec<u32>>,
    /// Entries by the bytes and byte pairs of their names and descriptions, built
    /// with the search's other lookups ([`OperationCatalog::prepare_search`]).
    grams: OnceLock<Grams>,
    /// Entries tested one by one against a suffix so far.
    suffix_scans: AtomicUsize,
    /// Which bytes each entry's lowercase name holds ([`presence`]), built on the
    /// first scan of many entries: a pattern's literal bytes rule most entries out
    /// with one test (an outside review: 2,000 lines of `*a*a*…*a7*` in Minimal
    /// took 20 s, each scanning every entry).
    presence: OnceLock<Vec<u64>>,
    /// Entries by exact lowercase name, built on the first lookup of one.
    exact: OnceLock<super::exact::ExactNames>,
}

/// How many catalogs' worth of entries may be tested one by one against pattern
/// suffixes before the suffix index is built (a few milliseconds of scanning, about
/// what building the index costs); the bundled roles stay below it.
const SUFFIX_SCAN_BUDGET: usize = 16;

/// Where a pattern's matches lie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matches {
    /// Every entry of a contiguous range.
    Range(Range<usize>),
    /// These entries.
    List(Vec<u32>),
    /// These entries, as a set (what [`crate::expand::Expander`] keeps for long
    /// lists, so that adding them is a union of words).
    Set(std::sync::Arc<BitSet>),
}

impl OperationCatalog {
    /// Decode the bundled names (front-coded by segment: see `scripts/gen_data.py`),
    /// descriptions and provider table.
    pub(crate) fn decode(
        names_text: &str,
        descriptions: &'static str,
        providers_text: &str,
    ) -> Result<OperationCatalog, String> {
        let mut names = String::with_capacity(names_text.len() * 3);
        let mut offsets = vec![0u32];
        let mut is_data = Vec::new();
        let mut prev_start = 0usize;
        let mut segments = Segments::default();
        for (n, line) in names_text.lines().enumerate() {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let shared: usize = line[..digits]
                .parse()
                .map_err(|_| format!("operations line {}: no shared segment count", n + 1))?;
            let flag = line.as_bytes().get(digits).copied();
            let rest = line.get(digits + 1..).unwrap_or_default();
            let start = names.len();
            let (prefix, add_slash) = segments
                .prefix(shared)
                .ok_or_else(|| format!("operations line {}: shares too many segments", n + 1))?;
            names.extend_from_within(prev_start..prev_start + prefix);
            if add_slash {
                names.push('/');
            }
            prev_start = start;
            names.push_str(rest);
            segments.record(&names[start..], prefix);
            offsets.push(u32::try_from(names.len()).map_err(|_| "catalog too large")?);
            is_data.push(match flag {
                Some(b'd') => true,
                Some(b'c') => false,
                _ => return Err(format!("operations line {}: bad plane flag", n + 1)),
            });
        }
        let count = is_data.len();
        let mut data = BitSet::new(count);
        for (i, d) in is_data.iter().enumerate() {
            if *d {
                data.insert(i);
            }
        }
        let mut control_mask = BitSet::full(count);
        control_mask.subtract(&data);
        let lower = names.to_ascii_lowercase();

        let mut providers: Vec<Provider> = providers_text
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, cat) = l.split_once('\t').unwrap_or((l, ""));
                Provider {
                    name: name.to_string(),
                    lower: name.to_ascii_lowercase(),
                    category: (!cat.is_empty()).then(|| cat.to_string()),
                }
            })
            .collect();
        crate::order::sort_by(&mut providers, |a, b| a.lower.cmp(&b.lower));
        let mut cat = OperationCatalog {
            names,
            lower,
            offsets,
            data,
            control_mask,
            providers,
            provider_of: Vec::new(),
            provider_runs: Vec::new(),
            no_provider: Vec::new(),
            descriptions,
            description_offsets: OnceLock::new(),
            lower_descriptions: OnceLock::new(),
            by_suffix: OnceLock::new(),
            grams: OnceLock::new(),
            suffix_scans: AtomicUsize::new(0),
            presence: OnceLock::new(),
            exact: OnceLock::new(),
        };
        // Names are sorted, so an entry's namespace is most often the one before's:
        // looked up only when it changes (a binary search per entry was a tenth of
        // decoding).
        let mut provider_of = Vec::with_capacity(count);
        let mut last: Option<(&str, u16)> = None;
        for i in 0..count {
            let ns = cat.lower(i).split('/').next().unwrap_or_default();
            let p = match last {
                Some((l, p)) if l == ns => p,
                _ => cat
                    .providers
                    .binary_search_by(|p| p.lower.as_str().cmp(ns))
                    .map(|x| x as u16)
                    .unwrap_or(u16::MAX),
            };
            last = Some((ns, p));
            provider_of.push(p);
        }
        cat.provider_of = provider_of;
        cat.provider_runs = vec![0..0; cat.providers.len()];
        for (i, &p) in cat.provider_of.iter().enumerate() {
            match cat.provider_runs.get_mut(p as usize) {
                Some(run) if run.start == run.end => *run = i..i + 1,
                Some(run) if run.end == i => run.end = i + 1,
                // Not contiguous (names not sorted): no runs, counted one by one.
                Some(_) => {
                    cat.provider_runs.clear();
                    break;
                }
                None => cat.no_provider.push(i),
            }
        }
        Ok(cat)
    }

    /// Whether entries are sorted by lowercase name, as pattern ranges require
    /// (the generator writes them so; the tests check it).
    pub fn is_sorted(&self) -> bool {
        (1..self.len()).all(|i| self.lower(i - 1) <= self.lower(i))
    }

    /// Number of entries (an operation listed as both an action and a data action
    /// counts twice).
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn span(&self, i: usize) -> Range<usize> {
        let s = self.offsets.get(i).copied().unwrap_or(0) as usize;
        let e = self.offsets.get(i + 1).copied().unwrap_or(0) as usize;
        s..e.max(s)
    }

    /// The operation name as the provider spells it.
    pub fn name(&self, i: usize) -> &str {
        self.names.get(self.span(i)).unwrap_or_default()
    }

    /// The name in ASCII lowercase.
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(self.span(i)).unwrap_or_default()
    }

    /// Whether entry `i` is a data action.
    pub fn is_data(&self, i: usize) -> bool {
        self.data.contains(i)
    }

    /// How many entries of `set` are control-plane operations and how many data
    /// actions: `(control, data)`, the two planes kept apart as every count does.
    pub fn count_by_plane(&self, set: &BitSet) -> (usize, usize) {
        let data = set.intersection_count(&self.data);
        (set.count() - data, data)
    }

    /// The set of data-action entries.
    pub fn data_mask(&self) -> &BitSet {
        &self.data
    }

    /// The set of control-plane entries.
    pub fn control_mask(&self) -> &BitSet {
        &self.control_mask
    }

    /// The provider's description of entry `i`.
    pub fn description(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let raw = self.raw_description(i);
        if raw.contains('\\') {
            std::borrow::Cow::Owned(crate::bundle::unescape(raw))
        } else {
            std::borrow::Cow::Borrowed(raw)
        }
    }

    /// The description in ASCII lowercase, escapes left as written (for search).
    pub fn description_lower(&self, i: usize) -> &str {
        let (s, e) = self.description_span(i);
        self.lower_description_text().get(s..e).unwrap_or_default()
    }

    fn description_span(&self, i: usize) -> (usize, usize) {
        let offs = self.description_offsets();
        match (offs.get(i), offs.get(i + 1)) {
            (Some(&s), Some(&e)) => (s as usize, (e as usize).saturating_sub(1).max(s as usize)),
            _ => (0, 0),
        }
    }

    fn raw_description(&self, i: usize) -> &str {
        let (s, e) = self.description_span(i);
        self.descriptions.get(s..e).unwrap_or_default()
    }

    /// The provider of entry `i`.
    pub fn provider(&self, i: usize) -> Option<&Provider> {
        self.provider_of
            .get(i)
            .and_then(|&p| self.providers.get(p as usize))
    }

    /// The index in [`OperationCatalog::providers`] of entry `i`'s provider.
    pub fn provider_index(&self, i: usize) -> Option<usize> {
        self.provider_of
            .get(i)
            .filter(|&&p| p != u16::MAX)
            .map(|&p| p as usize)
    }

    /// Of the entries in `set`, how many belong to each provider: `(index of its
    /// first entry, count)` per provider with any, in provider order, then those
    /// whose namespace is no listed provider, one pair per namespace as spelt.
    /// Counted a word at a time over each provider's run of entries.
    pub fn count_by_provider(&self, set: &BitSet) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if self.provider_runs.len() == self.providers.len() {
            for run in &self.provider_runs {
                let n = set.count_range(run.start, run.end);
                if n > 0 {
                    out.push((run.start, n));
                }
            }
            let mut other: Vec<(&str, usize, usize)> = Vec::new();
            for &i in self.no_provider.iter().filter(|&&i| set.contains(i)) {
                self.tally_namespace(&mut other, i);
            }
            out.extend(other.into_iter().map(|(_, first, n)| (first, n)));
            return out;
        }
        let mut per: Vec<(usize, usize)> = vec![(0, 0); self.providers.len()];
        let mut other: Vec<(&str, usize, usize)> = Vec::new();
        for i in set.iter() {
            match self.provider_index(i).and_then(|p| per.get_mut(p)) {
                Some(slot) => {
                    if slot.1 == 0 {
                        slot.0 = i;
                    }
                    slot.1 += 1;
                }
                None => {
                    self.tally_namespace(&mut other, i);
                }
            }
        }
        out.extend(per.into_iter().filter(|&(_, n)| n > 0));
        out.extend(other.into_iter().map(|(_, first, n)| (first, n)));
        out
    }

    /// Count entry `i` under its namespace as spelt: `(namespace, first entry,
    /// count)`, for entries of no listed provider.
    fn tally_namespace<'a>(&'a self, other: &mut Vec<(&'a str, usize, usize)>, i: usize) {
        let name = self.name(i);
        let ns = name.split('/').next().unwrap_or(name);
        match other.iter_mut().find(|(n, _, _)| *n == ns) {
            Some(o) => o.2 += 1,
            None => other.push((ns, i, 1)),
        }
    }

    /// All providers, sorted case-insensitively.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    /// Find a provider by namespace, ignoring case.
    pub fn find_provider(&self, namespace: &str) -> Option<&Provider> {
        let ns = crate::text::ascii_lowercase(namespace);
        self.providers
            .binary_search_by(|p| p.lower.as_str().cmp(ns.as_ref()))
            .ok()
            .and_then(|i| self.providers.get(i))
    }

    /// Entries whose lowercase name contains `needle` (lowercase): one pass over all
    /// names at once.
    pub fn names_containing(&self, needle: &str) -> BitSet {
        let mut out = BitSet::new(self.len());
        if !needle.is_empty() {
            entries_containing(&self.lower, &self.offsets, needle, &mut out);
        }
        out
    }

    /// Build the lowercase descriptions and their offsets now rather than on the
    /// first description search (UIs call this when idle, so the first keystroke
    /// does not pay for it).
    pub fn prepare_search(&self) {
        let _ = self.grams();
    }

    /// The index of the entries' name and description bytes, built on first use.
    pub fn grams(&self) -> &Grams {
        self.grams.get_or_init(|| {
            Grams::build(self.len(), |i| self.lower(i), |i| self.description_lower(i))
        })
    }

    /// All descriptions in ASCII lowercase, built on first use.
    fn lower_description_text(&self) -> &str {
        self.lower_descriptions
            .get_or_init(|| self.descriptions.to_ascii_lowercase())
    }

    /// Where each description starts (one per line), built on first use.
    fn description_offsets(&self) -> &[u32] {
        self.description_offsets.get_or_init(|| {
            let mut v = vec![0u32];
            for (at, _) in self.descriptions.match_indices('\n') {
                v.push(at as u32 + 1);
            }
            v
        })
    }

    /// Entries whose lowercase description contains `needle` (lowercase).
    pub fn descriptions_containing(&self, needle: &str) -> BitSet {
        let mut out = BitSet::new(self.len());
        if needle.is_empty() || needle.contains('\n') {
            return out;
        }
        entries_containing(
            self.lower_description_text(),
            self.description_offsets(),
            needle,
            &mut out,
        );
        out
    }

    /// The entries whose lowercase name starts with `prefix` (lowercase).
    pub fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let n = self.len();
        let start = partition(n, |i| self.lower(i) < prefix);
        // Few entries share a long prefix (none, for most unknown actions): gallop.
        let end = start + gallop(n - start, |k| self.lower(start + k).starts_with(prefix));
        start..end
    }

    /// Find an operation by name (any case) on one plane.
    pub fn find(&self, name: &str, data: bool) -> Option<usize> {
        let lower = crate::text::ascii_lowercase(name);
        self.named(&lower)
            .into_iter()
            .map(|i| i as usize)
            .find(|&i| self.is_data(i) == data)
    }

    /// Find an operation by name on either plane: `(index, is_data)` entries.
    pub fn find_any(&self, name: &str) -> Vec<usize> {
        let lower = crate::text::ascii_lowercase(name);
        self.named(&lower).into_iter().map(|i| i as usize).collect()
    }

    /// The entries whose lowercase name is `lower`, in catalog order (one on each
    /// plane at most): a lookup in [`super::exact::ExactNames`].
    fn named(&self, lower: &str) -> Vec<u32> {
        self.exact
            .get_or_init(|| super::exact::ExactNames::build(self.len(), |i| self.lower(i)))
            .find(lower, |i| self.lower(i))
    }

    /// The entries a pattern matches, on both planes. An action written in full is
    /// looked up by name (one hash). For a wildcard, the candidates are the
    /// entries that start with the pattern's literal prefix (one binary search) or,
    /// when fewer, those that end with its literal suffix (one binary search in the
    /// suffix index), so the cost is about the number of candidates times the
    /// pattern's length, never the catalog times the number of `*`.
    pub fn matches(&self, pattern: &ActionPattern) -> Matches {
        if !pattern.is_wildcard() {
            return Matches::List(self.named(pattern.lower()));
        }
        let range = self.prefix_range(pattern.literal_prefix());
        if pattern.is_prefix_only() {
            return Matches::Range(range);
        }
        let suffix = pattern.literal_suffix();
        if let Some(by_suffix) = self.suffix_candidates(suffix, range.len()) {
            let mut hits: Vec<u32> = by_suffix
                .iter()
                .copied()
                .filter(|&i| {
                    range.contains(&(i as usize)) && pattern.matches_lower(self.lower(i as usize))
                })
                .collect();
            hits.sort_unstable();
            return Matches::List(hits);
        }
        if range.len() > PRESENCE_SCAN {
            let need = presence(pattern.lower().bytes().filter(|&b| b != b'*'));
            let have = self.presence.get_or_init(|| {
                (0..self.len())
                    .map(|i| presence(self.lower(i).bytes()))
                    .collect()
            });
            return Matches::List(
                range
                    .filter(|&i| {
                        have.get(i).is_some_and(|&h| h & need == need)
                            && pattern.matches_lower(self.lower(i))
                    })
                    .map(|i| i as u32)
                    .collect(),
            );
        }
        Matches::List(
            range
                .filter(|&i| pattern.matches_lower(self.lower(i)))
                .map(|i| i as u32)
                .collect(),
        )
    }

    /// The entries ending with `suffix`, when the suffix index is (or is now worth
    /// being) built and they are fewer than `than`.
    fn suffix_candidates(&self, suffix: &str, than: usize) -> Option<&[u32]> {
        if suffix.is_empty() {
            return None;
        }
        let index = match self.by_suffix.get() {
            Some(index) => index,
            None => {
                let scanned = self.suffix_scans.fetch_add(than, Ordering::Relaxed) + than;
                if scanned <= SUFFIX_SCAN_BUDGET * self.len() {
                    return None;
                }
                self.by_suffix.get_or_init(|| self.suffix_index())
            }
        };
        let backwards = |i: u32| self.lower(i as usize).bytes().rev();
        let start = index.partition_point(|&i| backwards(i).lt(suffix.bytes().rev()));
        let rest = index.get(start..).unwrap_or_default();
        let len = rest.partition_point(|&i| self.lower(i as usize).ends_with(suffix));
        let run = rest.get(..len).unwrap_or_default();
        (run.len() < than).then_some(run)
    }

    fn suffix_index(&self) -> Vec<u32> {
        let mut index: Vec<u32> = (0..self.len() as u32).collect();
        index.sort_unstable_by(|&a, &b| {
            let (a, b) = (self.lower(a as usize), self.lower(b as usize));
            a.bytes().rev().cmp(b.bytes().rev())
        });
        index
    }

    /// Add a pattern's matches to a set.
    pub fn insert_matches(&self, pattern: &ActionPattern, into: &mut BitSet) {
        match self.matches(pattern) {
            Matches::Range(r) => into.insert_range(r.start, r.end),
            Matches::List(l) => l.into_iter().for_each(|i| into.insert(i as usize)),
            Matches::Set(s) => into.union_with(&s),
        }
    }
}

/// How many entries a wildcard scans before the byte masks are used.
const PRESENCE_SCAN: usize = 2_048;

/// Which bytes occur, each in one of 64 bits (a byte's value modulo 64): an entry
/// whose mask lacks a bit of the pattern's cannot match it.
fn presence(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0, |m, b| m | (1u64 << (b % 64)))
}

/// The number of leading indexes in `0..n` for which `pred` holds (it must hold for
/// a prefix of the range and fail after).
/// Where the `/`s of the name decoded last are, for names and patterns front-coded
/// by segment (a line gives how many leading segments it shares with the one
/// before). Kept as the names are built, so a line costs a look-up and a scan of its
/// own new bytes, not a scan of the name before (decoding is on the start's path).
#[derive(Default)]
pub(crate) struct Segments {
    slashes: Vec<usize>,
    len: usize,
}

impl Segments {
    /// The bytes of the name before that its first `segments` segments take, with
    /// the `/` after them, and whether that `/` must be added (it has no more
    /// segments); `None` when it has fewer (an empty name has none).
    pub(crate) fn prefix(&self, segments: usize) -> Option<(usize, bool)> {
        if segments == 0 {
            return Some((0, false));
        }
        if self.len == 0 {
            return None;
        }
        match self.slashes.get(segments - 1) {
            Some(&i) => Some((i + 1, false)),
            None if self.slashes.len() == segments - 1 => Some((self.len, true)),
            None => None,
        }
    }

    /// Note the name just decoded, whose first `kept` bytes are the name before's.
    pub(crate) fn record(&mut self, name: &str, kept: usize) {
        let keep = self.slashes.partition_point(|&i| i < kept);
        self.slashes.truncate(keep);
        let new = name.as_bytes().get(kept..).unwrap_or_default();
        self.slashes.extend(
            new.iter()
                .enumerate()
                .filter(|(_, b)| **b == b'/')
                .map(|(i, _)| kept + i),
        );
        self.len = name.len();
    }
}

fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// As [`partition`], in about `2 log k` tests where `k` is the answer (one test
/// when it is 0), instead of `log n`.
fn gallop(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut step) = (0, 1);
    loop {
        let probe = lo + step - 1;
        if probe >= n {
            break;
        }
        if !pred(probe) {
            return lo + partition(probe - lo, |k| pred(lo + k));
        }
        lo = probe + 1;
        step *= 2;
    }
    lo + partition(n - lo, |k| pred(lo + k))
}

/// Adds to `out` every entry of `text` that holds `needle` whole: entry `i` spans
/// `offsets[i]..offsets[i + 1]` (the last one, without an end offset, runs to the
/// end of `text`). One forward pass: once an entry matches, the search resumes at
/// its end, so a needle like `m` costs one search per entry, not one per letter.
fn entries_containing(text: &str, offsets: &[u32], needle: &str, out: &mut BitSet) {
    if needle.len() >= SHORT_NEEDLE && text.len() > offsets.len() * LONG_ENTRY {
        return entries_containing_long(text, offsets, needle, out);
    }
    // Bytes, not `str::find`: a substring searcher set up once per match cost more
    // than the scan for a one-letter query that matches every entry. A UTF-8 needle
    // matches only at a character boundary, so comparing bytes is exact.
    let (h, n) = (text.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return;
    };
    let Some(last_start) = h.len().checked_sub(n.len()) else {
        return;
    };
    let mut i = 0usize;
    let mut pos = 0usize;
    while pos <= last_start {
        let Some(k) = h
            .get(pos..=last_start)
            .and_then(|s| s.iter().position(|&b| b == first))
        else {
            break;
        };
        let at = pos + k;
        if h.get(at + 1..at + n.len()) != Some(rest) {
            pos = at + 1;
            continue;
        }
        pos = record(text, offsets, &mut i, at, n.len(), out);
    }
}

/// A match of `len` bytes at `at`: move `i` to the entry holding `at`, record the
/// entry when the match lies inside it, and say where to search next (past the
/// entry, or the next byte when the match crossed into the next entry).
fn record(
    text: &str,
    offsets: &[u32],
    i: &mut usize,
    at: usize,
    len: usize,
    out: &mut BitSet,
) -> usize {
    let end_of = |i: usize| offsets.get(i + 1).map_or(text.len(), |&o| o as usize);
    while *i + 1 < offsets.len() && end_of(*i) <= at {
        *i += 1;
    }
    let end = end_of(*i);
    if at + len <= end {
        out.insert(*i);
        end.max(at + 1)
    } else {
        at + 1
    }
}

/// Needles this long or longer match rarely in long entries (descriptions), so
/// `str::find`'s skipping search pays for being set up at each match; shorter
/// needles, and names (where `microsoft.` matches every entry), are scanned byte by
/// byte.
const SHORT_NEEDLE: usize = 4;

/// Entries longer than this on average are "long" (descriptions average about 50
/// bytes, names about 19).
const LONG_ENTRY: usize = 32;

/// [`entries_containing`] for long needles.
fn entries_containing_long(text: &str, offsets: &[u32], needle: &str, out: &mut BitSet) {
    let mut i = 0usize;
    let mut pos = 0usize;
    while let Some(at) = text
        .get(pos..)
        .and_then(|t| t.find(needle))
        .map(|r| pos + r)
    {
        pos = record(text, offsets, &mut i, at, needle.len(), out);
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_front_coded_by_segment_decode() {
        let text = "0cA.B/x/read\n2cwrite\n1dx\n1cx\n2cy/z\n0cC.D\n1cread\n";
        let cat = OperationCatalog::decode(text, "", "A.B\t\nC.D\t\n").expect("decodes");
        let names: Vec<&str> = (0..cat.len()).map(|i| cat.name(i)).collect();
        assert_eq!(
            names,
            [
                "A.B/x/read",
                "A.B/x/write",
                "A.B/x",
                "A.B/x",
                "A.B/x/y/z",
                "C.D",
                "C.D/read"
            ]
        );
        assert!(cat.is_data(2) && !cat.is_data(3));
        for (bad, what) in [
            ("0cA/b\n3cc\n", "line 2: shares too many segments"),
            ("x\n", "line 1: no shared segment count"),
            ("1cx\n", "line 1: shares too many segments"),
            ("0xA\n", "line 1: bad plane flag"),
        ] {
            let err = OperationCatalog::decode(bad, "", "").expect_err("refused");
            assert!(err.contains(what), "{bad:?}: {err}");
        }
    }

    #[test]
    fn gallop_finds_what_partition_finds() {
        for n in 0..70 {
            for answer in 0..=n {
                let pred = |i: usize| i < answer;
                assert_eq!(gallop(n, pred), answer, "n {n}");
                assert_eq!(partition(n, pred), answer, "n {n}");
            }
        }
    }

    #[test]
    fn counts_by_provider_are_the_counts_by_namespace() {
        let ops = &crate::catalog().expect("catalog").operations;
        // Every entry, every third one, and a scattered few.
        let mut sets = vec![BitSet::full(ops.len()), BitSet::new(ops.len())];
        for i in (0..ops.len()).step_by(3) {
            sets[1].insert(i);
        }
        let mut few = BitSet::new(ops.len());
        for i in [0, 1, 500, 7_000, ops.len() - 1] {
            few.insert(i);
        }
        sets.push(few);
        for set in &sets {
            let mut naive: Vec<(String, usize)> = Vec::new();
            for i in set.iter() {
                let ns = ops
                    .lower(i)
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                match naive.iter_mut().find(|(n, _)| *n == ns) {
                    Some(x) => x.1 += 1,
                    None => naive.push((ns, 1)),
                }
            }
            let mut got: Vec<(String, usize)> = ops
                .count_by_provider(set)
                .into_iter()
                .map(|(first, n)| {
                    let ns = ops.lower(first).split('/').next().unwrap_or_default();
                    (ns.to_string(), n)
                })
                .collect();
            naive.sort();
            got.sort();
            assert_eq!(got, naive);
            assert_eq!(got.iter().map(|x| x.1).sum::<usize>(), set.count());
        }
        assert_eq!(
            ops.provider_runs.len(),
            ops.providers.len(),
            "names are sorted"
        );
    }
}
