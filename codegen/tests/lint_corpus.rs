//! `graphdoc lint` on the real reference (`../shared/corpus`, 2021-07 v1.0):
//! findings checked by hand against the pages are found where they are, what
//! is fine is not flagged, and every check finds something in real docs.
//! Skips with a message when the corpus is absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use graphdoc::check::lint::{self, Finding, CODES};
use graphdoc::read::read_paths;

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

/// Findings over 2021-07 v1.0, computed once for all tests here.
fn findings() -> Option<&'static [Finding]> {
    static FINDINGS: OnceLock<Option<Vec<Finding>>> = OnceLock::new();
    FINDINGS
        .get_or_init(|| {
            let tree = corpus()?.join("graph-docs-2021-07/v1.0");
            Some(lint::lint_pages(&read_paths(&[tree])))
        })
        .as_deref()
}

fn on<'a>(findings: &'a [Finding], page: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.file.ends_with(page)).collect()
}

/// The finding of `code` at `page:line`.
fn at<'a>(findings: &'a [Finding], code: &str, page: &str, line: usize) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.code == code && f.file.ends_with(page) && f.line == line)
        .unwrap_or_else(|| {
            panic!(
                "no {code} at {page}:{line}; on that page: {:#?}",
                on(findings, page)
            )
        })
}

#[test]
fn findings_checked_by_hand_are_found() {
    let Some(all) = findings() else { return };

    // The response annotation says `team`, but the body is a teamsTab.
    let f = at(
        all,
        "example-unknown-property",
        "api/channel-post-tabs.md",
        90,
    );
    assert!(
        f.message.contains("`team`") && f.message.contains("`sortOrderIndex`"),
        "{}",
        f.message
    );

    // `"method": "GET”,` ends with a typographic quote: the string never closes.
    let f = at(
        all,
        "example-json-invalid",
        "api/workforceintegration-post.md",
        191,
    );
    assert!(f.message.contains("control character"), "{}", f.message);

    // `"primaryRole": "string"` is a placeholder, not an educationUserRole member.
    let f = at(
        all,
        "example-enum-value",
        "api/educationuser-update.md",
        146,
    );
    assert!(
        f.message.contains("`string`") && f.message.contains("educationUserRole"),
        "{}",
        f.message
    );

    // The example posts to `/worksheets/add`; the HTTP request section says `/worksheets/`.
    let f = at(
        all,
        "example-url-unmatched",
        "api/worksheetcollection-add.md",
        59,
    );
    assert!(
        f.message.contains("/workbook/worksheets/add"),
        "{}",
        f.message
    );

    // `stages` is both a property and a relationship.
    let f = at(all, "property-duplicate", "resources/approval.md", 27);
    assert_eq!(f.related[0].line, 21);

    // The section says 201 Created; the example answers 200 OK.
    let f = at(
        all,
        "response-status-mismatch",
        "api/sectiongroup-post-sectiongroups.md",
        91,
    );
    assert!(
        f.message.contains("200") && f.message.contains("201"),
        "{}",
        f.message
    );

    // The request body section has no table and names no type, yet the example posts three fields.
    let f = at(
        all,
        "request-body-undocumented",
        "api/offershiftrequest-post.md",
        66,
    );
    assert!(f.message.contains("`senderShiftId`"), "{}", f.message);

    // `entityType` is named with its values, but no page defines it.
    let f = at(all, "type-undefined", "resources/searchrequest.md", 28);
    assert_eq!(f.column, 14, "at the type cell");
    // `userAccountSecurityType` is defined by enums.md, whose table heads its
    // values column `Member` a second time: read, not an undefined type.
    assert!(
        !on(all, "resources/usersecuritystate.md")
            .iter()
            .any(|f| f.code == "type-undefined"),
        "{:#?}",
        on(all, "resources/usersecuritystate.md")
    );

    // `"minimumAttendeePercentage": "100"` for a Double.
    let f = at(
        all,
        "example-value-type",
        "api/user-findmeetingtimes.md",
        177,
    );
    assert!(f.message.contains("minimumAttendeePercentage") && f.message.contains("Double"));

    // Intune's generated pages return a single object inside `value`.
    let f = at(
        all,
        "example-value-wrapper",
        "api/intune-companyterms-devicemanagement-get.md",
        67,
    );
    assert!(f.message.contains("`deviceManagement`"), "{}", f.message);
}

#[test]
fn what_is_fine_is_not_flagged() {
    let Some(all) = findings() else { return };
    // A consistent page.
    assert!(
        on(all, "api/user-get.md").is_empty(),
        "{:#?}",
        on(all, "api/user-get.md")
    );
    // 302 to the CSV, then the CSV's 200: both shown, the section states the first.
    assert!(!on(all, "api/reportroot-getyammergroupsactivitydetail.md")
        .iter()
        .any(|f| f.code == "response-status-mismatch"));
    // Members of a group are directoryObjects: users and groups with their own properties.
    assert!(!on(all, "api/group-list-members.md")
        .iter()
        .any(|f| f.code == "example-unknown-property"));
    // Open extensions hold whatever properties their creator gives them.
    assert!(!on(all, "api/opentypeextension-get.md")
        .iter()
        .any(|f| f.code == "example-unknown-property" && f.message.contains("openTypeExtension")));
    // Notifications posted to the bot's own URL are not Graph requests.
    assert!(
        on(all, "api/participant-mute.md").is_empty(),
        "{:#?}",
        on(all, "api/participant-mute.md")
    );
    // Two request-body tables, one per permission type, may both list `displayName`.
    assert!(!on(all, "api/printer-update.md")
        .iter()
        .any(|f| f.code == "property-duplicate"));
    // `/me/messages/…` is `/users/{id}/messages/…` for the signed-in user.
    assert!(!on(all, "api/opentypeextension-get.md")
        .iter()
        .any(|f| f.code == "example-url-unmatched" && f.message.contains("`/me/messages")));
}

#[test]
fn every_check_finds_something_in_real_docs() {
    let Some(all) = findings() else { return };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in all {
        *counts.entry(f.code.as_str()).or_default() += 1;
    }
    println!("lint findings per code over graph-docs-2021-07/v1.0:");
    for (code, n) in &counts {
        println!("  {code:<28} {n}");
    }
    for c in CODES {
        assert!(
            counts.get(c.code).copied().unwrap_or(0) > 0,
            "{} found nothing",
            c.code
        );
    }
    // The reader's own diagnostics come through beside the checks.
    assert!(
        counts.keys().any(|c| lint::code_info(c).is_none()),
        "{counts:?}"
    );
}

#[test]
fn the_shared_seeds_are_clean() {
    let Some(corpus) = corpus() else { return };
    let seeds = corpus.join("../seeds");
    let pages = read_paths(&[seeds]);
    assert_eq!(pages.len(), 4);
    assert_eq!(lint::lint_pages(&pages), Vec::<Finding>::new());
}
