//! Tri-state field: absent, `null`, or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional field that tells an absent property from an explicit `null`.
///
/// Every optional field of a generated struct is a `Patch<T>`, declared as
/// `#[serde(default, skip_serializing_if = "Patch::is_absent")] field: Patch<T>`:
/// [`Patch::Absent`] is omitted, [`Patch::Null`] is written as `null` and
/// [`Patch::Value`] as the value.
///
/// - In an update (PATCH) body it says what to send: leave the property
///   alone, clear it, or set it.
/// - In a model read from Graph it says what the server sent, so writing the
///   value back gives the same JSON (Graph sends many explicit `null`s).
///
/// Reading a value: [`Patch::as_value`], [`Patch::as_deref`],
/// [`Patch::into_value`]; building one: `Patch::Value(x)` or `x.into()`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Not sent: the server keeps its current value.
    #[default]
    Absent,
    /// Sent as `null`: the server clears the property.
    Null,
    /// Sent as the value.
    Value(T),
}

impl<T> Patch<T> {
    /// True for [`Patch::Absent`]; used by `skip_serializing_if`.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// True for [`Patch::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// True for [`Patch::Value`].
    pub fn is_value(&self) -> bool {
        matches!(self, Patch::Value(_))
    }

    /// The value, if one is set.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, mutably, if one is set.
    pub fn as_value_mut(&mut self) -> Option<&mut T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value dereferenced (`&str` for a `Patch<String>`), if one is set.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.as_value().map(|v| &**v)
    }

    /// The value, if one is set (absent and `null` both give `None`).
    pub fn into_value(self) -> Option<T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Borrows the value inside.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(v),
        }
    }

    /// Maps the value inside.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(f(v)),
        }
    }

    /// `None` for absent, `Some(None)` for null, `Some(Some(v))` for a value.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Patch::Absent => None,
            Patch::Null => Some(None),
            Patch::Value(v) => Some(Some(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Patch<T> {
        Patch::Value(value)
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `None` becomes [`Patch::Null`] (explicitly clear).
    fn from(value: Option<T>) -> Patch<T> {
        match value {
            Some(v) => Patch::Value(v),
            None => Patch::Null,
        }
    }
}

impl<T> From<Patch<T>> for Option<T> {
    /// The value, if one is set.
    fn from(value: Patch<T>) -> Option<T> {
        value.into_value()
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(v) => v.serialize(serializer),
            Patch::Null | Patch::Absent => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Patch<T>, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Update {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        display_name: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        description: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        max_count: Patch<i32>,
    }

    #[test]
    fn serializes_three_states() {
        let u = Update {
            display_name: "Contoso".to_owned().into(),
            description: None.into(),
            max_count: Patch::Absent,
        };
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"displayName":"Contoso","description":null}"#
        );
        assert_eq!(serde_json::to_string(&Update::default()).unwrap(), "{}");
        assert_eq!(
            serde_json::to_value(Patch::<i32>::Absent).unwrap(),
            json!(null)
        );
    }

    #[test]
    fn deserializes_three_states() {
        let u: Update = serde_json::from_str(r#"{"description":null,"maxCount":3}"#).unwrap();
        assert_eq!(u.display_name, Patch::Absent);
        assert_eq!(u.description, Patch::Null);
        assert_eq!(u.max_count, Patch::Value(3));
        assert!(serde_json::from_str::<Update>(r#"{"maxCount":"x"}"#).is_err());
    }

    #[test]
    fn helpers() {
        assert!(Patch::<u8>::default().is_absent());
        assert!(Patch::<u8>::Null.is_null());
        assert_eq!(Patch::Value(2).map(|v| v * 2).as_value(), Some(&4));
        assert_eq!(Patch::Value(1).into_option(), Some(Some(1)));
        assert_eq!(Patch::<u8>::Null.into_option(), Some(None));
        assert_eq!(Patch::<u8>::Absent.into_option(), None);
        let mut name = Patch::Value(String::from("a"));
        assert!(name.is_value() && !Patch::<u8>::Null.is_value());
        assert_eq!(name.as_deref(), Some("a"));
        name.as_value_mut().unwrap().push('b');
        assert_eq!(name.clone().into_value().as_deref(), Some("ab"));
        assert_eq!(Option::<String>::from(Patch::<String>::Null), None);
        assert_eq!(Patch::<String>::Absent.as_deref(), None);
    }
}
