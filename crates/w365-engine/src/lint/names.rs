//! Name checks shared by the planes: names and ids of built-in roles, and names
//! that can display as another ([`crate::role_name`]).

use super::{Diagnostic, Severity};
use crate::bundle::Catalog;
use crate::model::Role;
use crate::role_name::{self, NameError};

/// Push a diagnostic for every problem [`role_name::check`] finds.
pub(super) fn check(catalog: &Catalog, role: &Role, out: &mut Vec<Diagnostic>) {
    for e in role_name::check(catalog, role) {
        let code = match e {
            NameError::Builtin { .. } => "name-taken",
            NameError::BuiltinId { .. } => "id-taken",
            NameError::Hidden { .. } => "name-hidden-characters",
        };
        out.push(Diagnostic::new(Severity::Error, code, e.to_string()));
    }
}

/// Latin letters that Cyrillic and Greek letters display as (the common
/// confusables): a name mixing scripts can pass for another ([`mixed_script`]).
const LOOK_ALIKES: [(char, char); 44] = [
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('ο', 'o'),
    ('ν', 'v'),
];

/// A name that mixes Latin letters with Cyrillic or Greek ones that look like
/// Latin letters (`Оwner` with a Cyrillic О): it displays as another name, and,
/// when that is a built-in role's, passes for it in a tenant's role list (an
/// outside review: invisible and bidirectional characters were caught, look-alike
/// letters were not). An error when it passes for a built-in role, else a
/// warning; a name in one script (no Latin letters) is not flagged.
pub(super) fn mixed_script(catalog: &Catalog, role: &Role) -> Option<Diagnostic> {
    let name = &role.name;
    let latin = name.chars().any(|c| c.is_ascii_alphabetic());
    let first = name
        .chars()
        .find(|c| LOOK_ALIKES.iter().any(|(x, _)| x == c))?;
    if !latin {
        return None;
    }
    let folded: String = name
        .chars()
        .map(|c| {
            LOOK_ALIKES
                .iter()
                .find(|(x, _)| *x == c)
                .map_or(c, |(_, l)| *l)
        })
        .collect();
    let passes = catalog
        .role(&folded)
        .filter(|(_, b)| b.is_named(&folded))
        .map(|(_, b)| format!(", and so passes for the built-in role `{}`", b.name))
        .unwrap_or_default();
    // Passing for a built-in role is an error, as a hidden character's is.
    let severity = if passes.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    Some(
        Diagnostic::new(
            severity,
            "name-mixed-script",
            format!(
                "`{}` mixes Latin letters with {} that look like Latin ones (`{first}`, U+{:04X}): it displays as `{folded}`{passes}",
                crate::text::escape_hidden(name),
                if ('\u{0370}'..='\u{03FF}').contains(&first) { "Greek letters" } else { "Cyrillic letters" },
                u32::from(first)
            ),
        )
        .help("type the name again in one script".into()),
    )
}

/// A description holding a hidden character (a bidirectional control, an
/// invisible one): it can make the text read otherwise than it holds (an outside
/// review: names with one were refused, descriptions passed without a word).
pub(super) fn hidden_in_description(role: &Role) -> Option<Diagnostic> {
    // The joiner and presentation selectors of emoji (👨‍💻) are written, not hidden.
    let emoji = |c: char| matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}');
    let (c, kind) = role
        .description
        .chars()
        .filter(|&c| !emoji(c))
        .find_map(|c| crate::text::hidden(c).map(|k| (c, k)))?;
    Some(
        Diagnostic::new(
            Severity::Warning,
            "description-hidden-character",
            format!(
                "the description contains {} (U+{:04X}), which does not show: the text may read otherwise than it holds",
                kind.label(),
                u32::from(c)
            ),
        )
        .help("type the description again, or delete the character".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleKind;

    fn named(name: &str, description: &str) -> Role {
        Role {
            description: description.into(),
            ..Role::empty("custom-x", name, RoleKind::AzureCustom)
        }
    }

    #[test]
    fn look_alike_letters_and_hidden_characters_in_a_description() {
        let cat = crate::catalog().unwrap();
        let owner = mixed_script(cat, &named("\u{41E}wner", "")).unwrap();
        assert_eq!(owner.severity, Severity::Error);
        assert!(
            owner
                .message
                .contains("passes for the built-in role `Owner`"),
            "{}",
            owner.message
        );
        let other = mixed_script(cat, &named("Net \u{43E}ps", "")).unwrap();
        assert_eq!(other.severity, Severity::Warning, "{}", other.message);
        assert!(mixed_script(
            cat,
            &named(
                "\u{41E}\u{43F}\u{435}\u{440}\u{430}\u{442}\u{43E}\u{440}",
                ""
            )
        )
        .is_none());
        assert!(mixed_script(cat, &named("Network ops", "")).is_none());
        let d = hidden_in_description(&named("x", "Reads \u{2066}VMs\u{2069}")).unwrap();
        assert!(d.message.contains("U+2066"), "{}", d.message);
        assert!(hidden_in_description(&named("x", "Reads VMs")).is_none());
        assert!(hidden_in_description(&named(
            "x",
            "For \u{1F468}\u{200D}\u{1F4BB} admins \u{2764}\u{FE0F}"
        ))
        .is_none());
    }
}
