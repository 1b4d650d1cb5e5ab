//! ARM template expressions in a role definition resource.
//!
//! In an ARM template a string that starts with `[` and ends with `]` is an
//! expression (`[[` starts a literal `[`). The importer evaluates the two forms
//! whose value the template itself holds: `[parameters('name')]` with the
//! parameter's `defaultValue`, and `[variables('name')]` with a variable whose value
//! is no expression. Any other expression in the resource's `properties`
//! (`[subscription().id]`, `[concat(...)]`, a parameter without a default) depends
//! on the deployment, so the import is refused at its path (review H1 M4: the
//! quickstart's `[parameters('roleName')]` became the role's literal name).
//!
//! Cost: each string of `properties` is looked at once and replaced at most once
//! (a value put in is not evaluated again); what parameters and variables put in
//! is bounded by [`MAX_SUBSTITUTED`] values.

use crate::json::{Json, JsonError, Node, Value};

/// Most JSON values that parameters and variables may put into one template's
/// role definitions (a template whose every string names a large parameter would
/// otherwise multiply its size).
pub const MAX_SUBSTITUTED: usize = 100_000;

/// Most unevaluated expressions named one by one in the error.
const NAMED: usize = 5;

/// Whether an ARM template evaluates `s` as an expression.
pub fn is_expression(s: &str) -> bool {
    s.starts_with('[') && s.ends_with(']') && !s.starts_with("[[") && s.len() >= 2
}

/// The two expressions the importer evaluates.
enum Call<'s> {
    Parameter(&'s str),
    Variable(&'s str),
}

/// `[parameters('x')]` or `[variables('x')]`, function names in any case, spaces
/// allowed around the parts; `None` for any other expression.
fn call(s: &str) -> Option<Call<'_>> {
    let inner = s.strip_prefix('[')?.strip_suffix(']')?.trim();
    let (function, rest) = inner.split_once('(')?;
    let arg = rest.trim_end().strip_suffix(')')?.trim();
    let name = arg.strip_prefix('\'')?.strip_suffix('\'')?;
    if name.is_empty() || name.contains('\'') {
        return None;
    }
    match function.trim().to_ascii_lowercase().as_str() {
        "parameters" => Some(Call::Parameter(name)),
        "variables" => Some(Call::Variable(name)),
        _ => None,
    }
}

struct Evaluator<'t> {
    parameters: Option<Node<'t>>,
    variables: Option<Node<'t>>,
    /// Values put in so far.
    substituted: usize,
    /// Expressions left unevaluated: the error at each, in document order.
    unevaluated: Vec<JsonError>,
}

/// `resource` (a `Microsoft.Authorization/roleDefinitions` resource of the
/// template `root`) with the expressions of its `properties` evaluated; an error
/// at the first expression that cannot be, naming the others.
pub(super) fn evaluate(resource: &Node<'_>, root: &Node<'_>) -> Result<Json, JsonError> {
    let mut ev = Evaluator {
        parameters: root.get("parameters")?,
        variables: root.get("variables")?,
        substituted: 0,
        unevaluated: Vec::new(),
    };
    let mut out = resource.json().clone();
    if let Value::Object(members) = &mut out.value {
        for (member, (_, _, node)) in members.iter_mut().zip(resource.members()) {
            if member.0.name.eq_ignore_ascii_case("properties") {
                member.1 = ev.node(&node)?;
            }
        }
    }
    let mut errors = ev.unevaluated.into_iter();
    match errors.next() {
        None => Ok(out),
        Some(first) => {
            let rest: Vec<JsonError> = errors.collect();
            if rest.is_empty() {
                return Err(first);
            }
            let named: Vec<String> = rest
                .iter()
                .take(NAMED)
                .map(|e| {
                    format!(
                        "`{}` (line {})",
                        e.path.as_deref().unwrap_or("$"),
                        e.pos.line
                    )
                })
                .collect();
            let more = rest.len().saturating_sub(NAMED);
            Err(JsonError {
                path: first.path.clone(),
                pos: first.pos,
                message: format!(
                    "{}; {} more unevaluated expression{}: {}{}",
                    first.message,
                    rest.len(),
                    if rest.len() == 1 { "" } else { "s" },
                    named.join(", "),
                    if more > 0 {
                        format!(", and {more} more")
                    } else {
                        String::new()
                    }
                ),
            })
        }
    }
}

impl<'t> Evaluator<'t> {
    /// A copy of `n` with its expressions evaluated.
    fn node(&mut self, n: &Node<'_>) -> Result<Json, JsonError> {
        let json = n.json();
        Ok(match &json.value {
            Value::String(s) if is_expression(s) => match self.resolve(s, n)? {
                Some(v) => v,
                None => json.clone(),
            },
            Value::Array(_) => Json {
                value: Value::Array(
                    n.items()?
                        .iter()
                        .map(|item| self.node(item))
                        .collect::<Result<_, _>>()?,
                ),
                pos: json.pos,
            },
            Value::Object(members) => Json {
                value: Value::Object(
                    members
                        .iter()
                        .zip(n.members())
                        .map(|((key, _), (_, _, child))| Ok((key.clone(), self.node(&child)?)))
                        .collect::<Result<_, JsonError>>()?,
                ),
                pos: json.pos,
            },
            _ => json.clone(),
        })
    }

    /// The value of the expression `s` written at `n`, or `None` (and an error
    /// recorded) when it is not one this evaluates.
    fn resolve(&mut self, s: &str, n: &Node<'_>) -> Result<Option<Json>, JsonError> {
        let found = match call(s) {
            Some(Call::Parameter(name)) => self.parameter(name)?,
            Some(Call::Variable(name)) => self.variable(name)?,
            None => Err(format!(
                "`{s}` is an ARM template expression, which w365-perms does not evaluate: it reads `[parameters('name')]` with a `defaultValue` and `[variables('name')]` with a literal value; write the value it stands for{}, or `[[...]` for text that starts with `[`",
                if s.to_ascii_lowercase().contains("subscription()") {
                    " (`/subscriptions/<id>` for the subscription deployed to)"
                } else {
                    ""
                }
            )),
        };
        match found {
            Ok(v) => {
                let size = count(v);
                if self.substituted.saturating_add(size) > MAX_SUBSTITUTED {
                    return Err(n.error(format!(
                        "the template's parameters and variables put more than {MAX_SUBSTITUTED} values into its role definitions"
                    )));
                }
                self.substituted += size;
                // What it puts in is not evaluated again: an expression in it is
                // refused here.
                if let Some(inner) = first_expression(v) {
                    self.unevaluated.push(n.error(format!(
                        "`{s}` holds the ARM template expression `{inner}`, which w365-perms does not evaluate; write the value it stands for"
                    )));
                    return Ok(None);
                }
                Ok(Some(v.clone()))
            }
            Err(why) => {
                self.unevaluated.push(n.error(why));
                Ok(None)
            }
        }
    }

    /// A parameter's `defaultValue`, or why there is none to use.
    fn parameter(&self, name: &str) -> Result<Result<&'t Json, String>, JsonError> {
        let Some(p) = self
            .parameters
            .as_ref()
            .map(|ps| ps.get(name))
            .transpose()?
            .flatten()
        else {
            return Ok(Err(format!(
                "`[parameters('{name}')]` names a parameter the template does not declare"
            )));
        };
        Ok(match p.get("defaultValue")? {
            Some(d) => match d.value() {
                Value::String(v) if is_expression(v) => Err(format!(
                    "`[parameters('{name}')]`: the parameter's `defaultValue` is the ARM template expression `{v}`, which w365-perms does not evaluate; write the value it stands for"
                )),
                _ => Ok(d.json()),
            },
            None => Err(format!(
                "`[parameters('{name}')]`: the parameter has no `defaultValue`, so its value is given at deployment, which w365-perms does not see; write the value, or give the parameter a `defaultValue`"
            )),
        })
    }

    /// A variable's value, or why it cannot be used.
    fn variable(&self, name: &str) -> Result<Result<&'t Json, String>, JsonError> {
        let Some(v) = self
            .variables
            .as_ref()
            .map(|vs| vs.get(name))
            .transpose()?
            .flatten()
        else {
            return Ok(Err(format!(
                "`[variables('{name}')]` names a variable the template does not declare"
            )));
        };
        Ok(match v.value() {
            Value::String(x) if is_expression(x) => Err(format!(
                "`[variables('{name}')]`: the variable is the ARM template expression `{x}`, which w365-perms does not evaluate; write the value it stands for"
            )),
            _ => Ok(v.json()),
        })
    }
}

/// How many JSON values `v` holds, itself included.
fn count(v: &Json) -> usize {
    let mut n = 0usize;
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        n += 1;
        match &x.value {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(members) => stack.extend(members.iter().map(|(_, j)| j)),
            _ => {}
        }
    }
    n
}

/// The first string of `v` that is an expression.
fn first_expression(v: &Json) -> Option<&str> {
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        match &x.value {
            Value::String(s) if is_expression(s) => return Some(s),
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(members) => stack.extend(members.iter().rev().map(|(_, j)| j)),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_two_calls_it_evaluates() {
        assert!(matches!(
            call("[parameters('roleName')]"),
            Some(Call::Parameter("roleName"))
        ));
        assert!(matches!(
            call("[ Variables ( 'x' ) ]"),
            Some(Call::Variable("x"))
        ));
        assert!(call("[subscription().id]").is_none());
        assert!(call("[parameters('a')[0]]").is_none());
        assert!(call("[concat(parameters('a'), 'b')]").is_none());
        assert!(is_expression("[x]"));
        assert!(!is_expression("[[x]"));
        assert!(!is_expression("[x"));
        assert!(!is_expression("x]"));
    }
}
