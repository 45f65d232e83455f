//! Filters, search, sort and paging against a small hand-made book (exact ids asserted).

use merchant_core::Book;
use merchant_core::book::{
    ChangeSource, EscrowFilter, EscrowMode, EscrowQuery, EscrowRole, EscrowStatus, SortDir, SortKey,
};

use crate::common::{rec, t};

fn book(dir: &tempfile::TempDir) -> Book {
    use EscrowMode::*;
    use EscrowStatus::*;
    let book = Book::open(dir.path().join("book.sqlite3")).unwrap();
    let rows = [
        (
            "e1",
            "Coffee beans",
            Completed,
            Instant,
            EscrowRole::Seller,
            "2026-01-05T10:00:00Z",
            12_000,
        ),
        (
            "e2",
            "Phone case",
            Pending,
            Quick,
            EscrowRole::Seller,
            "2026-01-10T10:00:00Z",
            5_000,
        ),
        (
            "e3",
            "Laptop repair",
            Paid,
            Standard,
            EscrowRole::Seller,
            "2026-02-01T10:00:00Z",
            450_000,
        ),
        (
            "e4",
            "Coffee machine",
            Delivered,
            Quick,
            EscrowRole::Seller,
            "2026-02-14T10:00:00Z",
            320_000,
        ),
        (
            "e5",
            "Books",
            Cancelled,
            Instant,
            EscrowRole::Buyer,
            "2026-02-20T10:00:00Z",
            30_000,
        ),
        (
            "e6",
            "Phone",
            Completed,
            Instant,
            EscrowRole::Seller,
            "2026-03-01T10:00:00Z",
            900_000,
        ),
        (
            "e7",
            "Tea",
            Pending,
            Instant,
            EscrowRole::Creator,
            "2026-03-02T10:00:00Z",
            7_000,
        ),
        (
            "e8",
            "Café arabica",
            Paid,
            Instant,
            EscrowRole::Seller,
            "2026-03-03T10:00:00Z",
            15_000,
        ),
    ];
    let batch: Vec<_> = rows
        .iter()
        .map(|(id, title, status, mode, role, created, amount)| {
            let mut r = rec(id, title, status.clone(), created, *amount);
            r.mode = Some(mode.clone());
            r.role = Some(role.clone());
            r
        })
        .collect();
    book.upsert_escrows(&batch, t("2026-03-04T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    book
}

fn ids(book: &Book, q: &EscrowQuery) -> (Vec<String>, u64) {
    let page = book.query_escrows(q).unwrap();
    (page.rows.into_iter().map(|r| r.id).collect(), page.total)
}

fn with(filter: EscrowFilter) -> EscrowQuery {
    EscrowQuery {
        filter,
        ..EscrowQuery::default()
    }
}

fn text(s: &str) -> EscrowQuery {
    with(EscrowFilter {
        text: Some(s.into()),
        ..EscrowFilter::default()
    })
}

#[test]
fn default_query_is_newest_first_with_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let (got, total) = ids(&b, &EscrowQuery::default());
    assert_eq!(got, ["e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1"]);
    assert_eq!(total, 8);
}

#[test]
fn filters_by_status_mode_role_dates_and_amount() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let statuses = with(EscrowFilter {
        statuses: vec![EscrowStatus::Pending, EscrowStatus::Paid],
        ..EscrowFilter::default()
    });
    assert_eq!(
        ids(&b, &statuses),
        (vec!["e8".into(), "e7".into(), "e3".into(), "e2".into()], 4)
    );
    let quick = with(EscrowFilter {
        modes: vec![EscrowMode::Quick],
        ..EscrowFilter::default()
    });
    assert_eq!(ids(&b, &quick).0, ["e4", "e2"]);
    let buyer = with(EscrowFilter {
        role: Some(EscrowRole::Buyer),
        ..EscrowFilter::default()
    });
    assert_eq!(ids(&b, &buyer).0, ["e5"]);
    let february = with(EscrowFilter {
        created_from: Some(t("2026-02-01T10:00:00Z")),
        created_to: Some(t("2026-03-01T10:00:00Z")),
        ..EscrowFilter::default()
    });
    assert_eq!(
        ids(&b, &february).0,
        ["e5", "e4", "e3"],
        "from inclusive, to exclusive"
    );
    let amounts = EscrowQuery {
        filter: EscrowFilter {
            amount_min: Some(12_000),
            amount_max: Some(450_000),
            ..EscrowFilter::default()
        },
        sort: SortKey::Amount,
        dir: SortDir::Asc,
        ..EscrowQuery::default()
    };
    assert_eq!(ids(&b, &amounts).0, ["e1", "e8", "e5", "e4", "e3"]);
}

#[test]
fn text_search_matches_words_anywhere_case_insensitively() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    assert_eq!(ids(&b, &text("coffee")).0, ["e4", "e1"]);
    assert_eq!(
        ids(&b, &text("  COFFEE  mach ")).0,
        ["e4"],
        "every word must match"
    );
    assert_eq!(
        ids(&b, &text("ph")).0,
        ["e6", "e2"],
        "short words use the fallback"
    );
    assert_eq!(ids(&b, &text("e3")).0, ["e3"], "by id");
    assert_eq!(
        ids(&b, &text("buyer-e4@example")).0,
        ["e4"],
        "by the buyer's email on a sale"
    );
    assert_eq!(ids(&b, &text("CAFÉ")).0, ["e8"], "non-ASCII");
    // The other party's name: the seller for a purchase (e5) and for a third-party escrow (e7);
    // the profile's own name is not indexed (it would match every sale).
    assert_eq!(ids(&b, &text("sami ben")).0, ["e7", "e5"]);
    assert_eq!(
        ids(&b, &text("\"cof")).0,
        Vec::<String>::new(),
        "quotes are literal"
    );
    assert_eq!(ids(&b, &text("zzz")).1, 0);
    let paid_laptop = with(EscrowFilter {
        statuses: vec![EscrowStatus::Paid],
        text: Some("laptop".into()),
        ..EscrowFilter::default()
    });
    assert_eq!(ids(&b, &paid_laptop), (vec!["e3".into()], 1));
}

#[test]
fn sorts_by_title_and_status_with_stable_tie_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let by_title = EscrowQuery {
        sort: SortKey::Title,
        dir: SortDir::Asc,
        ..EscrowQuery::default()
    };
    assert_eq!(
        ids(&b, &by_title).0,
        ["e5", "e8", "e1", "e4", "e3", "e6", "e2", "e7"]
    );
    let by_status = EscrowQuery {
        sort: SortKey::Status,
        dir: SortDir::Asc,
        ..EscrowQuery::default()
    };
    assert_eq!(
        ids(&b, &by_status).0,
        ["e5", "e1", "e6", "e4", "e3", "e8", "e2", "e7"]
    );
    let by_amount_desc = EscrowQuery {
        sort: SortKey::Amount,
        ..EscrowQuery::default()
    };
    assert_eq!(
        ids(&b, &by_amount_desc).0,
        ["e6", "e3", "e4", "e5", "e8", "e1", "e7", "e2"]
    );
}

#[test]
fn pages_through_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let page = |offset| EscrowQuery {
        offset,
        limit: 3,
        ..EscrowQuery::default()
    };
    assert_eq!(
        ids(&b, &page(0)),
        (vec!["e8".into(), "e7".into(), "e6".into()], 8)
    );
    assert_eq!(
        ids(&b, &page(3)),
        (vec!["e5".into(), "e4".into(), "e3".into()], 8)
    );
    assert_eq!(ids(&b, &page(6)), (vec!["e2".into(), "e1".into()], 8));
    assert_eq!(ids(&b, &page(9)), (vec![], 8));
}

#[test]
fn rows_carry_what_the_list_shows() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let row = b.query_escrows(&text("laptop")).unwrap().rows.remove(0);
    assert_eq!(row.title, "Laptop repair");
    assert_eq!(
        (row.amount_tnd, row.escrow_fee, row.net),
        (450_000, 22_500, 427_500)
    );
    assert_eq!(row.buyer_email.as_deref(), Some("buyer-e3@example.com"));
    assert_eq!(row.seller_email.as_deref(), Some("shop@example.tn"));
    assert_eq!(row.created_at, t("2026-02-01T10:00:00Z"));
}

#[test]
fn past_buyers_autocomplete_by_prefix_most_recent_first() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let got: Vec<String> = b
        .past_buyers("BUYER-E", 3)
        .unwrap()
        .into_iter()
        .map(|p| p.email)
        .collect();
    assert_eq!(
        got,
        [
            "buyer-e8@example.com",
            "buyer-e7@example.com",
            "buyer-e6@example.com"
        ]
    );
    let one = b.past_buyers("buyer-e4", 10).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(
        (one[0].escrow_count, one[0].last_at),
        (1, t("2026-02-14T10:00:00Z"))
    );
    assert!(b.past_buyers("nobody", 10).unwrap().is_empty());
}
