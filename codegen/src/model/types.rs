//! The merged API model: every page of one API version folded into types,
//! enums and operations. Sorted maps keep everything the emitter sees in a
//! stable order, so generated code is byte-for-byte deterministic.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ir::{ApiVersion, Permission};

/// All API versions found in the input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiModel {
    pub versions: BTreeMap<ApiVersion, VersionModel>,
}

/// One API version (`v1.0` or `beta`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VersionModel {
    /// Complex and entity types by canonical Graph name (e.g. `complianceManagementPartner`).
    pub types: BTreeMap<String, ComplexType>,
    /// Enum types by canonical Graph name.
    pub enums: BTreeMap<String, EnumType>,
    /// Operations by their unique Rust function name (snake_case, deduplicated).
    pub operations: BTreeMap<String, OperationModel>,
}

/// A type reference resolved against the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TypeKind {
    /// A Graph primitive: `String`, `Boolean`, `Int32`, `DateTimeOffset`, …
    Primitive(Primitive),
    /// A complex/entity type in [`VersionModel::types`], by canonical name.
    Complex(String),
    /// An enum in [`VersionModel::enums`], by canonical name.
    Enum(String),
    /// Any JSON (type unknown or documented as `Json`/`Object`).
    Json,
}

/// Graph (EDM) primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
}

/// A resolved property or parameter type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FieldType {
    pub kind: TypeKind,
    pub collection: bool,
}

/// Where a piece of the model came from: for doc comments, diagnostics and diffs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplexType {
    /// Canonical Graph name, e.g. `cloudPcExternalPartnerSetting`.
    pub name: String,
    pub description: Option<String>,
    /// Canonical name of the base type, when the docs say "Inherits from".
    pub base_type: Option<String>,
    /// Own properties (not inherited), in documented order.
    pub properties: Vec<PropertyModel>,
    /// True when no page defines the type and its shape was inferred from examples
    /// (or it has no known properties at all).
    pub inferred: bool,
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyModel {
    /// JSON name, e.g. `lastSyncDateTime` or `@odata.type`.
    pub name: String,
    pub ty: FieldType,
    pub description: Option<String>,
    pub read_only: bool,
    /// Navigation property (from a Relationships table).
    pub navigation: bool,
    /// Inferred from an example rather than read from a table.
    pub inferred: bool,
    /// The table's Required column, when it answered (it wins over the description).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_column: Option<bool>,
}

impl PropertyModel {
    /// The docs say the property (or parameter) is required: the table's
    /// Required column when it answered, else its description
    /// has the word `Required` (the docs' convention: "… Required.") and does not
    /// also say "Not required" or "Optional". Lower-case "required" is prose
    /// ("before a password is required"), not the marker.
    pub fn is_required(&self) -> bool {
        if let Some(answer) = self.required_column {
            return answer;
        }
        let Some(d) = self.description.as_deref() else {
            return false;
        };
        d.split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "Required")
            && !d.to_ascii_lowercase().contains("not required")
            && !d
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "Optional")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: String,
    pub description: Option<String>,
    pub members: Vec<EnumMemberModel>,
    /// Members combine as flags (`"a,b"` on the wire).
    pub flags: bool,
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMemberModel {
    /// Wire value, e.g. `connectionPending`.
    pub name: String,
    pub value: Option<i64>,
    pub description: Option<String>,
}

/// One callable operation: one method on one path template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationModel {
    /// Unique snake_case Rust function name within the version, e.g. `update_cloud_pc_external_partner`.
    pub fn_name: String,
    /// Page title, e.g. `Update cloudPcExternalPartner`.
    pub title: String,
    pub description: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path split into literal text and parameters.
    pub path: Vec<PathPart>,
    /// The path as documented, e.g. `/deviceManagement/exchangeConnectors/{deviceManagementExchangeConnectorId}`.
    pub path_template: String,
    /// First path segment in lowerCamelCase (`deviceManagement`, `users`, `me`): the module and cargo feature.
    pub area: String,
    pub request_body: Option<RequestBodyModel>,
    pub response: ResponseModel,
    /// OData query options the page documents (`$select`, `$filter`, …) without the `$`.
    pub query_options: Vec<String>,
    /// Query parameters the request line asks the caller for, e.g.
    /// `?startDateTime={start_datetime}`: without them the call fails.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<QueryParam>,
    /// The page's permissions table: per permission type, least privileged first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    pub origin: Origin,
}

/// A query parameter whose value the request line leaves to the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryParam {
    /// Name as sent, e.g. `startDateTime` or `$id`.
    pub name: String,
    /// The value: literal text and parameters, e.g. `https://graph.microsoft.com/v1.0/users/{user-id}`
    /// (the whole value is percent-encoded once, as a query value).
    pub value: Vec<PathPart>,
}

/// A piece of an operation path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathPart {
    /// Literal text, inserted verbatim (already a valid URL path fragment).
    Literal(String),
    /// A path parameter; the value is percent-encoded as one path segment.
    Param {
        /// snake_case Rust argument name.
        rust_name: String,
        /// Name as written in the docs, e.g. `cloudPcExternalPartnerId` or `id | userPrincipalName`.
        doc_name: String,
        /// The parameter sits inside an OData function call in quotes: `(period='{x}')`.
        quoted: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RequestBodyModel {
    /// PATCH: a generated update struct with tri-state fields (absent / null / value).
    Update {
        /// Rust struct name, e.g. `UpdateComplianceManagementPartner`.
        struct_name: String,
        /// The resource being updated, when known.
        target: Option<String>,
        properties: Vec<PropertyModel>,
    },
    /// POST/PUT of a whole object of a known type.
    Object(FieldType),
    /// A parameter object (actions): a generated struct from the request-body table.
    Parameters {
        struct_name: String,
        properties: Vec<PropertyModel>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseModel {
    /// Documented success status (200 when unstated and a body is returned, 204 when not).
    pub status: u16,
    /// `None`: no body (204) or an undocumented body.
    pub body: Option<FieldType>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_is_the_docs_marker() {
        let p = |d: &str| PropertyModel {
            name: "x".into(),
            ty: FieldType {
                kind: TypeKind::Json,
                collection: false,
            },
            description: Some(d.into()),
            read_only: false,
            navigation: false,
            inferred: false,
            required_column: None,
        };
        assert!(p("The start time. Required.").is_required());
        assert!(p("Required. The id.").is_required());
        assert!(!p("Minutes of inactivity before a password is required.").is_required());
        assert!(!p("Whether a location is Required, or not. Optional.").is_required());
        assert!(!p("Not required for guests. Required for members.").is_required());
        assert!(!p("Optional. Not required for guests.").is_required());
        assert!(!p("The requiredResourceAccess list.").is_required());
        // A Required column that answered wins over the wording.
        let answered = |d: &str, answer: bool| PropertyModel {
            required_column: Some(answer),
            ..p(d)
        };
        assert!(!answered(
            "The device id. Required if hasPhysicalDevice is true.",
            false
        )
        .is_required());
        assert!(answered("The display name.", true).is_required());
    }
}
