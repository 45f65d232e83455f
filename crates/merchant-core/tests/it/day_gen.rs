//! A generated shop day (deterministic) and the settings of a shop with custom methods.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use dhmad_api::Money;
use merchant_core::day::{
    CashMove, CustomMethod, PaymentMethod, RefundRequest, SaleEntry, move_cash, record_sale,
    refund_sale,
};
use merchant_core::{Book, Settings};

pub(crate) fn m(millimes: i64) -> Money {
    Money::from_millimes(millimes)
}

pub(crate) fn shop_settings() -> Settings {
    let vouchers = CustomMethod::new("Tickets restaurant", true, &[]).unwrap();
    let transfer = CustomMethod::new("Virement", false, std::slice::from_ref(&vouchers)).unwrap();
    Settings {
        cashier_name: "Amel".into(),
        custom_methods: vec![vouchers, transfer],
        ..Settings::default()
    }
}

pub(crate) fn sale(method: &PaymentMethod, amount: i64, tendered: Option<i64>) -> SaleEntry {
    SaleEntry {
        amount: m(amount),
        title: format!("{method} sale"),
        method: method.clone(),
        reference: None,
        customer: None,
        tendered: tendered.map(m),
    }
}

/// A small deterministic generator (the day is different for each seed, the same every run).
pub(crate) struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// What a generated day should add up to, computed from the inputs, not from the book.
#[derive(Default)]
pub(crate) struct Expected {
    pub sales: BTreeMap<String, i64>,
    pub refunds: BTreeMap<String, i64>,
    pub paid_in: i64,
    pub paid_out: i64,
    pub receipts: i64,
}

pub(crate) fn methods(settings: &Settings) -> Vec<PaymentMethod> {
    let mut all: Vec<PaymentMethod> = merchant_core::day::BUILT_IN
        .into_iter()
        .filter(|m| *m != PaymentMethod::Dhmad)
        .collect();
    all.extend(settings.custom_methods.iter().map(CustomMethod::method));
    all
}

/// Records a day of `n` sales on `book` from `open`, with refunds and cash moves.
pub(crate) fn generate_day(
    book: &Book,
    settings: &Settings,
    seed: u64,
    n: usize,
    open: DateTime<Utc>,
) -> Expected {
    let mut rng = Lcg(seed);
    let mut want = Expected::default();
    let all = methods(settings);
    let mut sold: Vec<(i64, PaymentMethod, i64)> = Vec::new();
    for i in 0..n {
        let at = open + Duration::minutes(i as i64 * 3 + 1);
        let method = all[i % all.len()].clone();
        let amount = 1 + rng.next(250_000) as i64;
        let tendered = (method == PaymentMethod::Cash && rng.next(2) == 0)
            .then(|| amount + rng.next(20_000) as i64);
        let done = record_sale(book, settings, &sale(&method, amount, tendered), at).unwrap();
        assert_eq!(done.change_millimes, tendered.map(|t| t - amount));
        *want.sales.entry(method.to_string()).or_default() += amount;
        want.receipts += 1;
        sold.push((done.entry.receipt_no.unwrap(), method, amount));
        if rng.next(5) == 0 {
            let (receipt_no, method, amount) = sold[rng.next(sold.len() as u64) as usize].clone();
            let part = (rng.next(2) == 0).then(|| 1 + rng.next(amount as u64) as i64);
            let req = RefundRequest {
                receipt_no,
                amount: part.map(m),
                reason: "customer changed their mind".into(),
            };
            if let Ok(r) = refund_sale(book, settings, &req, at + Duration::seconds(30)) {
                assert!(part.is_none_or(|p| p == r.entry.amount_millimes));
                *want.refunds.entry(method.to_string()).or_default() += r.entry.amount_millimes;
                want.receipts += 1;
            }
        }
        if rng.next(7) == 0 {
            let cash = 1 + rng.next(30_000) as i64;
            let (dir, total) = if rng.next(2) == 0 {
                (CashMove::In, &mut want.paid_in)
            } else {
                (CashMove::Out, &mut want.paid_out)
            };
            move_cash(book, "1", dir, m(cash), "supplier", at).unwrap();
            *total += cash;
        }
    }
    want
}
