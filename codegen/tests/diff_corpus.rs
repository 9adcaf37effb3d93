//! `graphdoc diff` on real history: the reference's v1.0 pages of 2020-07
//! against those of 2021-07 (`../shared/corpus`). Each change pinned here was
//! checked by hand against both versions of the page. Skips with a message
//! when the corpus is absent.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use graphdoc::check::diff::{self, diff_models, load_pages, Change, ChangeKind, Item};
use graphdoc::model;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: corpus not found at {} (tests read the reference pages from ../shared/corpus)",
            dir.display()
        );
        None
    }
}

/// The changes from 2020-07 to 2021-07, computed once for all tests here.
fn changes() -> Option<&'static [Change]> {
    static CHANGES: OnceLock<Option<Vec<Change>>> = OnceLock::new();
    CHANGES
        .get_or_init(|| {
            let corpus = corpus()?;
            let build = |tree: &str| {
                let pages = load_pages(&corpus.join(tree)).expect("corpus tree reads");
                model::build(&pages).model
            };
            let old = build("graph-docs-2020-07/v1.0");
            let new = build("graph-docs-2021-07/v1.0");
            Some(diff_models(&old, &new))
        })
        .as_deref()
}

fn find<'a>(changes: &'a [Change], item: Item, name: &str) -> &'a Change {
    changes
        .iter()
        .find(|c| c.item == item && c.name == name)
        .unwrap_or_else(|| panic!("no {item:?} change named {name}"))
}

#[test]
fn an_added_operation() {
    let Some(changes) = changes() else { return };
    // api/chat-post.md is new in 2021-07: `POST /chats` creates a chat.
    let c = find(changes, Item::Operation, "POST /chats");
    assert_eq!((c.change, c.breaking), (ChangeKind::Added, false));
    assert!(c.detail.contains("chat"), "{}", c.detail);
}

#[test]
fn a_removed_operation_names_its_replacement() {
    let Some(changes) = changes() else { return };
    // openshiftchangerequest-list.md: `openShiftsChangeRequests` became `openShiftChangeRequests`.
    let c = find(
        changes,
        Item::Operation,
        "GET /teams/{id}/schedule/openShiftsChangeRequests",
    );
    assert_eq!((c.change, c.breaking), (ChangeKind::Removed, true));
    assert!(
        c.detail
            .contains("its page now documents GET /teams/{id}/schedule/openShiftChangeRequests"),
        "{}",
        c.detail
    );
}

#[test]
fn an_added_property() {
    let Some(changes) = changes() else { return };
    // resources/user.md gained `employeeHireDate | DateTimeOffset`.
    let c = find(changes, Item::Property, "user.employeeHireDate");
    assert_eq!((c.change, c.breaking), (ChangeKind::Added, false));
    assert_eq!(c.detail, "DateTimeOffset");
}

#[test]
fn a_retyped_property() {
    let Some(changes) = changes() else { return };
    // resources/user.md: `otherMails | String` became `otherMails | String collection`.
    let c = find(changes, Item::Property, "user.otherMails");
    assert_eq!((c.change, c.breaking), (ChangeKind::Changed, true));
    assert_eq!(c.detail, "String → Collection(String)");
}

#[test]
fn added_enum_members() {
    let Some(changes) = changes() else { return };
    // resources/enums.md, `riskDetail values`: `none`, `adminConfirmedUserCompromised`, `hidden` are new.
    for member in [
        "riskDetail.none",
        "riskDetail.adminConfirmedUserCompromised",
        "riskDetail.hidden",
    ] {
        let c = find(changes, Item::EnumMember, member);
        assert_eq!(
            (c.change, c.breaking),
            (ChangeKind::Added, false),
            "{member}"
        );
    }
    assert!(
        !changes
            .iter()
            .any(|c| c.name == "riskDetail.unknownFutureValue"),
        "present in both"
    );
}

#[test]
fn renamed_path_parameters_are_no_change() {
    let Some(changes) = changes() else { return };
    // team-get.md: `GET /teams/{id}` became `GET /teams/{team-id}`; subscription-delete.md:
    // `/subscriptions/{id}` became `/subscriptions/{subscription-id}`.
    for renamed in [
        "GET /teams/{id}",
        "GET /teams/{team-id}",
        "DELETE /subscriptions/{id}",
        "DELETE /subscriptions/{subscription-id}",
        "GET /directoryRoles/{role-id}",
    ] {
        assert!(
            !changes
                .iter()
                .any(|c| c.item == Item::Operation && c.name == renamed),
            "{renamed} reported as changed"
        );
    }
}

#[test]
fn figures() {
    let Some(changes) = changes() else { return };
    println!("{}", diff::summary(changes));
    let count = |item: Item, kind: ChangeKind| {
        changes
            .iter()
            .filter(|c| c.item == item && c.change == kind)
            .count()
    };
    for item in [Item::Operation, Item::Type, Item::Property] {
        println!(
            "{:<10} added {:>5}  removed {:>5}  changed {:>5}",
            item.as_str(),
            count(item, ChangeKind::Added),
            count(item, ChangeKind::Removed),
            count(item, ChangeKind::Changed)
        );
    }
    // A year of growth: far more added than removed, and some of each kind.
    assert!(
        count(Item::Operation, ChangeKind::Added) > count(Item::Operation, ChangeKind::Removed)
    );
    assert!(count(Item::Type, ChangeKind::Added) > 100);
    assert!(count(Item::Property, ChangeKind::Changed) > 0);
    // All of it sorted and stable.
    let mut sorted = changes.to_vec();
    sorted.sort_by(|a, b| {
        (a.api_version, a.item, a.name.to_ascii_lowercase()).cmp(&(
            b.api_version,
            b.item,
            b.name.to_ascii_lowercase(),
        ))
    });
    assert_eq!(
        sorted.iter().map(|c| &c.name).collect::<Vec<_>>(),
        changes.iter().map(|c| &c.name).collect::<Vec<_>>()
    );
}
