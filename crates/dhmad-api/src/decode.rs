//! The tolerant reader of contract §1.4: every answer shape the documents allow, one place.
//!
//! - the `{"data": …}` envelope of seed 001 or the resource-keyed bodies of the endpoint pages
//!   ([`decode_answer`], [`Keyed`]);
//! - `null` wherever a value is optional or has a default ([`null_as_default`]);
//! - `id`, `_id` or both on every object ([`PickId`], [`with_either_id!`]);
//! - lists whose bad records are set aside instead of sinking the page ([`decode_records`]).
//!
//! Bodies are split with [`RawValue`] rather than parsed into a `Value` tree: skipping a value is
//! iterative in serde_json, so a deeply nested unknown field cannot overflow the stack, and a
//! record that cannot be read keeps its exact text.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

/// A JSON object split into its members, each kept as text.
pub(crate) type RawObject = BTreeMap<String, Box<RawValue>>;

/// A record of a list that could not be read: kept whole so it can be shown and reported, never
/// dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadableRecord {
    /// Its `id` or `_id`, when it has one that is a string or a number.
    pub id: Option<String>,
    /// Why it could not be read (the decoder's message, with the field's path).
    pub reason: String,
    /// The record as the server sent it.
    pub raw: serde_json::Value,
}

/// Decodes a success body into `T`. The API always answers with a JSON object; seed 001 says
/// that object may be `{"data": {…}}`, so a `data` object is unwrapped (its siblings, such as
/// `message`, are kept when `data` does not have them).
pub(crate) fn decode_answer<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{') {
        return Err(serde_json::Error::custom("expected a JSON object"));
    }
    let text = std::str::from_utf8(body).map_err(serde_json::Error::custom)?;
    let object: RawObject = serde_json::from_str(text)?;
    match unwrap_data(object)? {
        Some(inner) => decode_text(&inner),
        None => decode_text(text),
    }
}

/// The body inside a `{"data": {…}}` envelope, as text; `None` when there is no such envelope.
fn unwrap_data(mut object: RawObject) -> Result<Option<String>, serde_json::Error> {
    let Some(data) = object.remove("data") else {
        return Ok(None);
    };
    if !data.get().trim_start().starts_with('{') {
        // `{"data": [...]}` is a list body; the list types read it themselves.
        object.insert("data".into(), data);
        return Ok(None);
    }
    let mut inner: RawObject = serde_json::from_str(data.get())?;
    for (key, value) in object {
        inner.entry(key).or_insert(value);
    }
    serde_json::to_string(&inner).map(Some)
}

/// Decodes `text` into `T`; the error names the path of the field that failed.
pub(crate) fn decode_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            inner
        } else {
            serde_json::Error::custom(format!("`{path}`: {inner}"))
        }
    })?;
    de.end()?;
    Ok(value)
}

/// The name of the key a resource comes under (`"escrow"` in `{"escrow": {…}}`).
pub(crate) trait ResourceKey {
    const NAME: &'static str;
}

/// A resource under its documented key, or the resource object itself when that key is absent
/// (the `{"data": {…resource…}}` reading of seed 001). `{"escrow": null}` is an error.
pub(crate) struct Keyed<K, T>(pub T, PhantomData<K>);

impl<'de, K: ResourceKey, T: DeserializeOwned> Deserialize<'de> for Keyed<K, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = RawObject::deserialize(deserializer)?;
        let name = K::NAME;
        let value = match object.remove(name) {
            Some(raw) if raw.get().trim() == "null" => {
                return Err(D::Error::custom(format!("`{name}` is null")));
            }
            Some(raw) => decode_text(raw.get()).map_err(|e| prefixed(name, &e))?,
            None => {
                let text = serde_json::to_string(&object).map_err(D::Error::custom)?;
                decode_text(&text).map_err(D::Error::custom)?
            }
        };
        Ok(Keyed(value, PhantomData))
    }
}

fn prefixed<E: serde::de::Error>(name: &str, err: &serde_json::Error) -> E {
    let text = err.to_string();
    match text.strip_prefix('`') {
        Some(rest) => E::custom(format!("`{name}.{rest}")),
        None => E::custom(format!("`{name}`: {text}")),
    }
}

/// Declares a [`ResourceKey`] type.
macro_rules! resource_key {
    ($($ty:ident = $name:literal;)+) => {$(
        pub(crate) struct $ty;
        impl $crate::decode::ResourceKey for $ty {
            const NAME: &'static str = $name;
        }
    )+};
}
pub(crate) use resource_key;

/// The records of a list: the ones that decode, and the others set aside with their reason.
pub(crate) fn decode_records<T: DeserializeOwned>(
    items: Vec<Box<RawValue>>,
) -> (Vec<T>, Vec<UnreadableRecord>) {
    let mut good = Vec::with_capacity(items.len());
    let mut bad = Vec::new();
    for item in items {
        match decode_text::<T>(item.get()) {
            Ok(record) => good.push(record),
            Err(e) => bad.push(unreadable(item.get(), e.to_string())),
        }
    }
    (good, bad)
}

fn unreadable(text: &str, reason: String) -> UnreadableRecord {
    // A record too deep for a `Value` is still kept, as its text.
    let raw = serde_json::from_str(text).unwrap_or_else(|_| text.into());
    UnreadableRecord {
        id: record_id(&raw),
        reason,
        raw,
    }
}

fn record_id(raw: &serde_json::Value) -> Option<String> {
    ["id", "_id"].iter().find_map(|key| match raw.get(key)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The list under one of `keys` in `object`, as raw records. `null` is an empty list; a missing
/// list is an error (a body with no list is not an empty page).
pub(crate) fn raw_list<E: serde::de::Error>(
    object: &mut RawObject,
    keys: &[&str],
) -> Result<Vec<Box<RawValue>>, E> {
    let Some(raw) = keys.iter().find_map(|k| object.remove(*k)) else {
        return Err(E::custom(format!("no `{}` list in the answer", keys[0])));
    };
    let items: Option<Vec<Box<RawValue>>> =
        serde_json::from_str(raw.get()).map_err(|e| E::custom(format!("`{}`: {e}", keys[0])))?;
    Ok(items.unwrap_or_default())
}

/// For `#[serde(default, deserialize_with = "…")]`: `null` reads as the default, like absence.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A count such as `pagination.total`: a number, a numeric string, or nothing. These fields only
/// inform (the list is read until a short page), so a value of another kind is dropped, not fatal.
pub(crate) fn lenient_count<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    let number = match &value {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    Ok(number.and_then(|n| T::try_from(n).ok()))
}

/// How an object's id field is filled from its `id` and `_id` keys (both may be present; `id`
/// wins). A required id type refuses an object with neither; an `Option` accepts it.
pub(crate) trait PickId: Sized {
    /// One id as sent.
    type One: DeserializeOwned;
    /// Picks the id; `what` names the object in the error.
    fn pick(
        id: Option<Self::One>,
        underscore: Option<Self::One>,
        what: &str,
    ) -> Result<Self, String>;
}

impl<T: DeserializeOwned> PickId for Option<T> {
    type One = T;
    fn pick(id: Option<T>, underscore: Option<T>, _what: &str) -> Result<Self, String> {
        Ok(id.or(underscore))
    }
}

/// Declares a response struct whose id may come as `id`, `_id` or both, through a private wire
/// twin (serde's `alias` refuses an object that has both keys). The fields keep their serde
/// attributes on both; the id field's attributes apply to the public struct (serialization).
macro_rules! with_either_id {
    (
        $(#[$meta:meta])*
        pub struct $name:ident via $wire:ident = $wire_name:literal as $what:literal {
            $(#[$idmeta:meta])*
            pub id: $idty:ty,
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty,
            )*
        }
    ) => {
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        $(#[$meta])*
        #[serde(try_from = $wire_name)]
        pub struct $name {
            $(#[$idmeta])*
            pub id: $idty,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        #[derive(serde::Deserialize)]
        $(#[$meta])*
        #[allow(missing_docs)]
        struct $wire {
            #[serde(default)]
            id: Option<<$idty as $crate::decode::PickId>::One>,
            #[serde(default, rename = "_id")]
            underscore_id: Option<<$idty as $crate::decode::PickId>::One>,
            $($(#[$fmeta])* $field: $ty,)*
        }

        impl TryFrom<$wire> for $name {
            type Error = String;
            fn try_from(w: $wire) -> Result<Self, String> {
                let id = <$idty as $crate::decode::PickId>::pick(w.id, w.underscore_id, $what)?;
                Ok($name { id, $($field: w.$field,)* })
            }
        }
    };
}
pub(crate) use with_either_id;

impl fmt::Display for UnreadableRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "record {id}: {}", self.reason),
            None => write!(f, "record without id: {}", self.reason),
        }
    }
}
