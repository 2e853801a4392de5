//! Reading the gate's JSON by hand instead of with serde's derive: every
//! problem is reported at once, in Dutch, under the path of its field
//! (`events[2].date`), which serde's first-error-only English messages
//! cannot give a policy maker.

use crate::Invalid;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// One JSON object being read; problems go to `invalid` under `path`.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    /// `None` (with the error recorded) when `value` is no object.
    pub fn of(value: &'a Value, path: &str, invalid: &mut Invalid) -> Option<Self> {
        match value {
            Value::Object(map) => Some(Fields {
                map,
                path: path.to_string(),
            }),
            _ => {
                invalid.push(or_root(path), "moet een JSON-object zijn ({...})");
                None
            }
        }
    }

    pub fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// `null` reads as absent: JSON writers often spell "not given" that way.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A misspelt key would otherwise be ignored silently, and a what-if
    /// would answer a different question than the one asked.
    pub fn reject_unknown(&self, allowed: &[&str], invalid: &mut Invalid) {
        for key in self.map.keys() {
            if !allowed.contains(&key.as_str()) {
                invalid.push(
                    &self.path_of(key),
                    format!("is geen bekend veld; toegestaan: {}", allowed.join(", ")),
                );
            }
        }
    }

    /// A value that must be there.
    pub fn required<T>(
        &self,
        key: &str,
        invalid: &mut Invalid,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Option<T> {
        match self.get(key) {
            Some(value) => self.read(key, value, invalid, read),
            None => {
                invalid.push(&self.path_of(key), "is verplicht");
                None
            }
        }
    }

    /// A value that may be left out; `None` when absent or wrong.
    pub fn optional<T>(
        &self,
        key: &str,
        invalid: &mut Invalid,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Option<T> {
        self.get(key)
            .and_then(|value| self.read(key, value, invalid, read))
    }

    /// Each element of a list, read with its index in the path.
    pub fn list<T>(
        &self,
        key: &str,
        invalid: &mut Invalid,
        mut read: impl FnMut(&Value, &str, &mut Invalid) -> Option<T>,
    ) -> Option<Vec<T>> {
        let value = self.get(key)?;
        let Value::Array(items) = value else {
            invalid.push(&self.path_of(key), "moet een lijst zijn ([...])");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(v) = read(item, &format!("{}[{i}]", self.path_of(key)), invalid) {
                out.push(v);
            }
        }
        Some(out)
    }

    fn read<T>(
        &self,
        key: &str,
        value: &Value,
        invalid: &mut Invalid,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Option<T> {
        read(value)
            .map_err(|reason| invalid.push(&self.path_of(key), reason))
            .ok()
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The whole document has no field name; people call it the input.
pub(crate) fn or_root(path: &str) -> &str {
    if path.is_empty() {
        "invoer"
    } else {
        path
    }
}

/// Moves every error under `prefix`, for a part read on its own.
pub(crate) fn nested(invalid: Invalid, prefix: &str) -> Invalid {
    Invalid {
        errors: invalid
            .errors
            .into_iter()
            .map(|mut e| {
                e.field = join(prefix, &e.field);
                e
            })
            .collect(),
    }
}

pub(crate) fn text(value: &Value) -> Result<&str, String> {
    value
        .as_str()
        .ok_or_else(|| "moet tekst zijn (tussen aanhalingstekens)".to_string())
}

/// A calendar date written exactly as JJJJ-MM-DD.
pub(crate) fn date(value: &Value) -> Result<NaiveDate, String> {
    let text = text(value)?;
    let well_formed = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| well_formed)
        .ok_or_else(|| format!("'{text}' is geen bestaande datum in de vorm JJJJ-MM-DD"))
}

pub(crate) fn boolean(value: &Value) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| "moet true of false zijn".to_string())
}

pub(crate) fn whole_number(value: &Value) -> Result<i64, String> {
    value
        .as_i64()
        .ok_or_else(|| "moet een geheel getal zijn".to_string())
}

pub(crate) fn count(value: &Value) -> Result<u32, String> {
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| "moet een geheel getal van 0 of meer zijn".to_string())
}

/// A slug of one of the tenancy enumerations.
pub(crate) fn slug<T>(
    parse: fn(&str) -> Result<T, String>,
) -> impl Fn(&Value) -> Result<T, String> {
    move |value| parse(text(value)?)
}

/// `null` or a list of texts each read by `read`.
pub(crate) fn texts<T>(
    read: impl Fn(&str) -> Result<T, String>,
) -> impl Fn(&Value) -> Result<Vec<T>, String> {
    move |value| {
        let items = value
            .as_array()
            .ok_or_else(|| "moet een lijst zijn ([...]) of null".to_string())?;
        items.iter().map(|item| read(text(item)?)).collect()
    }
}
