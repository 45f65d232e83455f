//! The Z chain over 30 days: `verify` names the Z whose sale or content was changed afterwards,
//! even by someone who drops the triggers and recomputes a hash.

use chrono::Duration;
use merchant_core::Book;
use merchant_core::day::{CloseRequest, close_drawer, open_drawer};
use rusqlite::Connection;

use crate::common::{open_book, t};
use crate::day_gen::{generate_day, m, shop_settings};

/// 30 days of opens and closes on one book; gives the book.
fn thirty_days(dir: &tempfile::TempDir) -> Book {
    let book = open_book(dir);
    let settings = shop_settings();
    for day in 0..30 {
        let open = t("2026-06-01T07:00:00Z") + Duration::days(day);
        open_drawer(&book, "1", m(30_000), "Amel", open).unwrap();
        generate_day(&book, &settings, day as u64 + 100, 8, open);
        close_drawer(
            &book,
            &settings,
            &CloseRequest::default(),
            open + Duration::hours(10),
        )
        .unwrap();
    }
    assert_eq!(book.z_numbers().unwrap(), (1..=30).collect::<Vec<_>>());
    let check = book.verify_z_chain().unwrap();
    assert_eq!((check.checked, check.first_broken), (30, None));
    book
}

/// Opens the book file as an attacker would: foreign keys off, triggers dropped.
fn attacker(book: &Book) -> Connection {
    let c = Connection::open(book.path()).unwrap();
    c.pragma_update(None, "foreign_keys", false).unwrap();
    for trig in [
        "day_entries_no_update",
        "day_entries_no_delete",
        "z_reports_no_update",
    ] {
        c.execute(&format!("DROP TRIGGER {trig}"), []).unwrap();
    }
    c
}

#[test]
fn a_changed_sale_in_a_thirty_day_chain_is_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let book = thirty_days(&dir);
    let z12 = book.z_report(12).unwrap().unwrap();
    let target = z12.report.entries.last_seq;
    attacker(&book)
        .execute(
            "UPDATE day_entries SET amount_millimes = amount_millimes - 1 WHERE seq = ?1",
            [target],
        )
        .unwrap();
    let broken = book.verify_z_chain().unwrap().first_broken.unwrap();
    assert_eq!(broken.number, 12, "{broken:?}");
}

#[test]
fn a_deleted_sale_in_a_thirty_day_chain_is_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let book = thirty_days(&dir);
    let z3 = book.z_report(3).unwrap().unwrap();
    attacker(&book)
        .execute(
            "DELETE FROM day_entries WHERE seq = ?1",
            [z3.report.entries.after_seq + 1],
        )
        .unwrap();
    assert_eq!(
        book.verify_z_chain().unwrap().first_broken.unwrap().number,
        3
    );
}

#[test]
fn a_changed_z_is_named_by_verify_even_when_its_hash_is_recomputed() {
    let dir = tempfile::tempdir().unwrap();
    let book = thirty_days(&dir);
    let c = attacker(&book);
    c.execute("UPDATE z_reports SET content = replace(content, '\"blind\":false', '\"blind\":true') WHERE number = 20", [])
        .unwrap();
    assert_eq!(
        book.verify_z_chain().unwrap().first_broken.unwrap().number,
        20
    );
    let content: String = c
        .query_row("SELECT content FROM z_reports WHERE number = 20", [], |r| {
            r.get(0)
        })
        .unwrap();
    let previous: String = c
        .query_row(
            "SELECT previous_hash FROM z_reports WHERE number = 20",
            [],
            |r| r.get(0),
        )
        .unwrap();
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(content.as_bytes());
    h.update(previous.as_bytes());
    let rehashed = hex::encode(h.finalize());
    c.execute(
        "UPDATE z_reports SET hash = ?1 WHERE number = 20",
        [rehashed],
    )
    .unwrap();
    let broken = book.verify_z_chain().unwrap().first_broken.unwrap();
    assert_eq!(broken.number, 20, "{broken:?}");
}
