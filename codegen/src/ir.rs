//! The page IR: what one reference page says, independent of its form.
//!
//! This is the stable, documented JSON shape printed by `graphdoc ir` (see
//! `IR.md` at the repository root). Both readers (markdown source and published text) produce it;
//! the model, emitter, differ and linter consume it. Field names are part of the
//! contract: add fields, never rename them, and bump [`IR_VERSION`] on a break.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Version of the JSON shape below. Bumped on any incompatible change.
pub const IR_VERSION: u32 = 1;

/// The output of `graphdoc ir`: every page read, in path order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IrDocument {
    pub version: u32,
    pub pages: Vec<Page>,
}

/// Which of the two input forms a page came in. Told apart by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Markdown source: front matter, `<!-- { "blockType": … } -->` annotations, pipe tables.
    Markdown,
    /// Text of the published page: plain lines, table rows as cells joined by spaces.
    Text,
}

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// An API operation page (`doc_type: apiPageType`): HTTP request, body, response.
    Operation,
    /// A resource (entity or complex type) page with a properties table.
    Resource,
    /// An enum type page with a members table.
    Enum,
    /// Anything else (conceptual pages, overviews).
    Other,
}

/// Graph API version a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApiVersion {
    #[serde(rename = "v1.0")]
    V1_0,
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    /// The URL segment: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// One page, as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Path of the page file as given on the command line (forward slashes).
    pub source: String,
    pub form: Form,
    pub kind: PageKind,
    /// The page's H1 (markdown) or first line (text), e.g. `Update cloudPcExternalPartner`.
    pub title: String,
    /// `None` only when nothing on the page or in its path says which version.
    pub api_version: Option<ApiVersion>,
    /// `Namespace: microsoft.graph` when the page states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// First paragraph after the title that describes the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,

    // ---- operation pages ----
    /// One entry per HTTP method; all request-line paths for that method.
    #[serde(default)]
    pub operations: Vec<Operation>,
    #[serde(default)]
    pub permissions: Vec<Permission>,
    #[serde(default)]
    pub request_headers: Vec<Header>,
    /// Path, query or function parameters documented in a Parameter/Type/Description table.
    #[serde(default)]
    pub parameters: Vec<Property>,
    /// The OData query options (`select`, `filter`, …, lower case, without `$`)
    /// the page says its method supports, by name: "This method supports the
    /// `$select` and `$filter` OData query parameters". Empty where it names
    /// none ("supports the OData query parameters", or none at all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default)]
    pub examples: Vec<Example>,

    // ---- resource and enum pages ----
    /// The type a resource or enum page defines, as its resource annotation's
    /// `@odata.type` names it less `microsoft.graph.` (`workbookChartFont`,
    /// `callRecords.endpoint`), else from the title (`# user resource type`),
    /// qualified by a sub-namespace (`Namespace: microsoft.graph.callRecords`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// Another name the docs use for the same type: the title's (`ChartFont`)
    /// where the annotation names the type differently (`workbookChartFont`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_alias: Option<String>,
    /// Rows of the Properties table.
    #[serde(default)]
    pub properties: Vec<Property>,
    /// Rows of the Relationships table (navigation properties).
    #[serde(default)]
    pub relationships: Vec<Property>,
    /// The Properties section says `None.`: a type without properties is
    /// what the page documents, not something the reader missed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub properties_none: bool,
    /// "Inherits from X" or the resource annotation's `baseType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// Members of the enum an enum page defines.
    #[serde(default)]
    pub members: Vec<EnumMember>,
    /// Enums defined inline on a resource page (`### xyz values` tables).
    #[serde(default)]
    pub enums: Vec<EnumDef>,

    /// Everything on the page that could not be read as expected. Never silent.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// One HTTP method and the request-line paths that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// Upper-case HTTP method: `GET`, `POST`, `PATCH`, `PUT`, `DELETE`.
    pub method: String,
    /// Paths as written, e.g. `/users/{id | userPrincipalName}` or `/me`.
    pub paths: Vec<String>,
    /// 1-based line of the first request line on the page.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Delegated (personal Microsoft account)`, `Application`.
    pub permission_type: String,
    /// Permission names; empty when the page says "Not supported."
    pub permissions: Vec<String>,
    /// The resource the permissions are for, from a table with a row per
    /// supported resource (`Supported resource | Delegated (work or school
    /// account) | …`); absent for the usual table, which covers the whole API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The cell asks for all the permissions together (`A and B`) rather
    /// than any one of them, least privileged first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all_required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A type reference as written in a table cell, e.g. `String`, `user collection`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TypeRef {
    /// The type name without `collection`, `Collection(…)` or `microsoft.graph.` prefix.
    pub name: String,
    pub collection: bool,
}

/// A row of a Property/Type/Description (or Parameter/Type/Description) table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub description: String,
    /// The description says "Required.", or the table's Required column says Yes.
    pub required: bool,
    /// The table's Required column, when it has one and the row answers Yes or No.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_column: Option<bool>,
    /// The description says "Read-only."
    #[serde(default)]
    pub read_only: bool,
    /// Values from "Possible values are: a, b, c." in the description.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// 1-based line of the row on the page.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// Rows of the request-body table (empty when the page has none).
    pub properties: Vec<Property>,
    /// When the body is "a JSON representation of a X object", X.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Success status from the Response section, e.g. 200, 201, 204.
    pub status: Option<u16>,
    /// Type returned in the body, when the section names one.
    #[serde(rename = "type")]
    pub ty: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    /// The Value column when present (numeric enums and flags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default)]
    pub description: String,
}

/// An enum defined on a page that is not itself an enum page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumDef {
    pub name: String,
    pub members: Vec<EnumMember>,
}

/// One example: a request and/or the response it gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The annotation's `name`, when the markdown gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: String,
    /// As written: absolute (`https://graph.microsoft.com/v1.0/me`) or relative.
    pub url: String,
    pub headers: Vec<Header>,
    /// The JSON body; `null` when there is none or it is not JSON (see `raw_body`).
    pub body: Option<Value>,
    /// The body text when it is present but could not be read as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_body: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: Option<u16>,
    pub headers: Vec<Header>,
    pub body: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_body: Option<String>,
    /// Annotated `"truncated": true`, or the body holds `...`/comments that had to be removed.
    pub truncated: bool,
    /// The annotation's `@odata.type`, e.g. `microsoft.graph.user`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// The annotation's `isCollection`.
    #[serde(default)]
    pub is_collection: bool,
    pub line: usize,
}

/// Something on a page that could not be read as expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// File the problem is in.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Stable code, e.g. `table-row-shape`, `json-invalid`, `no-http-request`.
    pub code: String,
    /// What was found and what was expected.
    pub message: String,
}

/// The part of a page's namespace below `microsoft.graph` (`callRecords` for
/// `microsoft.graph.callRecords`), which prefixes its types' names
/// (`callRecords.endpoint`) the way references and `@odata.type` spell them.
pub fn sub_namespace(namespace: &str) -> Option<&str> {
    const ROOT: &str = "microsoft.graph.";
    let head = namespace.get(..ROOT.len())?;
    let sub = &namespace[ROOT.len()..];
    (head.eq_ignore_ascii_case(ROOT) && !sub.is_empty()).then_some(sub)
}

/// `name` as a type of a page's sub-namespace (`callRecord` on a
/// `microsoft.graph.callRecords` page → `callRecords.callRecord`): where a
/// bare name is defined or looked up first. `None` for a name that already
/// has its namespace and for pages of microsoft.graph itself.
pub fn in_page_namespace(namespace: Option<&str>, name: &str) -> Option<String> {
    let sub = namespace.and_then(sub_namespace)?;
    (!name.contains('.')).then(|| format!("{sub}.{name}"))
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: [{}] {}",
            self.file, self.line, self.code, self.message
        )
    }
}
