//! `--history N`: past escrows for the demo merchant over the last 90 days, in every mode and
//! status, made by the real transitions with a past `now` (so balances stay consistent).
//! Deterministic for a given seed.

use crate::clock::{DAY, HOUR, MINUTE, Millis};
use crate::engine::actions::{SessionInput, apply_action};
use crate::engine::users::{NewUser, register};
use crate::engine::{create, lifecycle, rules};
use crate::store::{Action, Attachment, Kyc, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

const FIRST: [&str; 25] = [
    "Amine", "Yassine", "Mohamed", "Ahmed", "Skander", "Oussama", "Bilel", "Hamza", "Karim",
    "Walid", "Mehdi", "Anis", "Youssef", "Nour", "Sarra", "Ines", "Mariem", "Rania", "Amira",
    "Yasmine", "Emna", "Khadija", "Salma", "Fatma", "Olfa",
];
const LAST: [&str; 20] = [
    "Trabelsi",
    "Ben Ali",
    "Gharbi",
    "Jebali",
    "Hammami",
    "Ayari",
    "Mejri",
    "Bouazizi",
    "Chaabane",
    "Dridi",
    "Khelifi",
    "Ben Salah",
    "Masmoudi",
    "Zouari",
    "Sassi",
    "Baccouche",
    "Jaziri",
    "Mansouri",
    "Ferchichi",
    "Karoui",
];
const TITLES: [&str; 16] = [
    "Chechia traditionnelle",
    "Huile d'olive 5L",
    "Tapis Kairouan",
    "Poterie de Nabeul",
    "Dattes Deglet Nour 2kg",
    "Smartphone reconditionné",
    "Réparation laptop",
    "Site vitrine",
    "Logo et charte graphique",
    "Cours de guitare (10h)",
    "Caftan sur mesure",
    "Cage d'oiseau Sidi Bou Said",
    "Parfum au jasmin",
    "Location voiture 3 jours",
    "Harissa artisanale (lot)",
    "Cuir de Kairouan - sac",
];

/// Number of registered buyers in the pool.
pub const BUYERS: usize = 50;

fn buyer_pool(store: &mut Store, rng: &mut StdRng, start: Millis) -> Vec<String> {
    (0..BUYERS)
        .map(|n| {
            let first = FIRST[n % FIRST.len()];
            let last = LAST[(n * 7 + rng.random_range(0..LAST.len())) % LAST.len()];
            let email = format!(
                "{}.{}{}@clients.demo.tn",
                first.to_lowercase(),
                last.to_lowercase().replace(' ', ""),
                n + 1
            );
            if store.user_by_email(&email).is_none() {
                let kyc = if n % 3 == 0 {
                    Some(Kyc::Approved)
                } else {
                    None
                };
                let balance = rng.random_range(50..3_000) * 1000;
                register(
                    store,
                    NewUser {
                        email: email.clone(),
                        first_name: first.into(),
                        last_name: last.into(),
                        kyc,
                        balance,
                    },
                    start,
                );
            }
            email
        })
        .collect()
}

/// What happens to one past escrow.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Pending,
    CancelledBeforePay,
    Paid,
    Delivered,
    Completed,
    Disputed,
    CancellationPending,
    CancellationAccepted,
    CancellationRejected,
    SellerCancelled,
    RejectedThenCompleted,
}

fn pick_fate(rng: &mut StdRng) -> Fate {
    match rng.random_range(0..100) {
        0..10 => Fate::Pending,
        10..18 => Fate::CancelledBeforePay,
        18..28 => Fate::Paid,
        28..38 => Fate::Delivered,
        38..73 => Fate::Completed,
        73..78 => Fate::Disputed,
        78..82 => Fate::CancellationPending,
        82..86 => Fate::CancellationAccepted,
        86..90 => Fate::CancellationRejected,
        90..95 => Fate::SellerCancelled,
        _ => Fate::RejectedThenCompleted,
    }
}

struct Run<'a> {
    store: &'a mut Store,
    i: usize,
    t: Millis,
    end: Millis,
    rng: &'a mut StdRng,
}

impl Run<'_> {
    /// Moves time forward a little (never past the end) and applies an action if allowed.
    fn act(&mut self, action: Action, email: &str, input: SessionInput) -> bool {
        self.t = (self.t + self.rng.random_range(10 * MINUTE..36 * HOUR)).min(self.end);
        let Ok(role) = rules::check_action(self.store, &self.store.escrows[self.i], action, email)
        else {
            return false;
        };
        apply_action(self.store, self.i, action, role, input, self.t);
        true
    }
    fn deliver(&mut self) {
        self.t = (self.t + self.rng.random_range(HOUR..72 * HOUR)).min(self.end);
        lifecycle::mark_delivered(self.store, self.i, self.t);
    }
}

fn reason(s: &str) -> SessionInput {
    SessionInput {
        reason: Some(s.into()),
        ..SessionInput::default()
    }
}

/// Seeds `n` past escrows for developer `dev` (whose associated user is the seller).
pub fn seed_history(store: &mut Store, dev: usize, n: usize, seed: u64, now: Millis) {
    let Some(merchant) = store.developers[dev].user else {
        return;
    };
    let merchant_email = store.users[merchant].email.clone();
    let mut rng = StdRng::seed_from_u64(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5eed);
    let start = now - 90 * DAY;
    let buyers = buyer_pool(store, &mut rng, start - DAY);
    let span = 90 * DAY - HOUR;
    for k in 0..n {
        let created = start + (span / n.max(1) as i64) * k as i64 + rng.random_range(0..MINUTE);
        let buyer = buyers[rng.random_range(0..buyers.len())].clone();
        let mode = match rng.random_range(0..100) {
            0..40 => "standard",
            40..75 => "quick",
            _ => "instant",
        };
        let proof = mode == "quick" && rng.random_bool(0.3);
        let amount = f64::from(rng.random_range(10..4_000)) * 0.5
            + if rng.random_bool(0.2) { 0.125 } else { 0.0 };
        let mut body = json!({
            "title": TITLES[rng.random_range(0..TITLES.len())],
            "amount": amount,
            "buyerEmail": buyer,
            "mode": mode,
        });
        if mode != "instant" {
            body["estimatedDeliveryDays"] = json!(rng.random_range(1..15));
        }
        if mode == "standard" {
            body["contractTerms"] =
                json!("The seller delivers the item as described; the buyer confirms on receipt.");
            body["autoSign"] = json!(rng.random_bool(0.5));
        }
        if proof {
            body["fulfillmentPolicy"] = json!({"type": "purchase_proof_required", "proofUploadDeadlineHours": 48, "buyerReviewDeadlineHours": 48});
        }
        let Ok(valid) = create::validate(store, dev, &body) else {
            continue;
        };
        let (i, _) = create::create(store, dev, valid, created);
        let fate = pick_fate(&mut rng);
        let mut run = Run {
            store,
            i,
            t: created,
            end: now - MINUTE,
            rng: &mut rng,
        };
        play(&mut run, fate, mode, proof, &buyer, &merchant_email);
    }
}

fn play(r: &mut Run<'_>, fate: Fate, mode: &str, proof: bool, buyer: &str, seller: &str) {
    if mode == "standard" {
        r.act(Action::SignContract, seller, SessionInput::default());
        if !matches!(fate, Fate::Pending | Fate::CancelledBeforePay) || r.rng.random_bool(0.5) {
            r.act(Action::SignContract, buyer, SessionInput::default());
        }
    }
    match fate {
        Fate::Pending => return,
        Fate::CancelledBeforePay => {
            let t = (r.t + HOUR).min(r.end);
            r.store.escrows[r.i].cancelled_at = Some(t);
            crate::engine::funds::set_status(r.store, r.i, crate::store::Status::Cancelled, t);
            return;
        }
        _ => {}
    }
    if !r.act(Action::AcceptPay, buyer, SessionInput::default()) {
        return;
    }
    if proof {
        let phase = r.rng.random_range(0..4);
        if phase == 0 {
            return; // waiting for the seller's proof (or expired by now)
        }
        let file = || {
            Some(Attachment {
                mime_type: "image/jpeg".into(),
                name: "receipt.jpg".into(),
                size: 48_213,
            })
        };
        r.act(
            Action::SubmitProof,
            seller,
            SessionInput {
                proof_note: Some("Receipt".into()),
                proof_file_meta: file(),
                ..SessionInput::default()
            },
        );
        if phase == 1 {
            return; // waiting for the buyer's review
        }
        if phase == 2 {
            r.act(
                Action::ReviewProof,
                buyer,
                SessionInput {
                    accept: Some(false),
                    ..SessionInput::default()
                },
            );
            return; // correction requested
        }
        r.act(
            Action::ReviewProof,
            buyer,
            SessionInput {
                accept: Some(true),
                ..SessionInput::default()
            },
        );
    }
    match fate {
        Fate::Paid => {}
        Fate::SellerCancelled => {
            r.act(Action::CancelEscrow, seller, SessionInput::default());
        }
        Fate::CancellationPending | Fate::CancellationAccepted | Fate::CancellationRejected => {
            r.act(
                Action::RequestCancellation,
                buyer,
                reason("Changed my mind"),
            );
            match fate {
                Fate::CancellationAccepted => {
                    r.act(Action::AcceptCancellation, seller, SessionInput::default())
                }
                Fate::CancellationRejected => {
                    r.act(Action::RejectCancellation, seller, SessionInput::default())
                }
                _ => true,
            };
        }
        Fate::Disputed => {
            if r.rng.random_bool(0.5) && mode != "instant" {
                r.deliver();
            }
            r.act(
                Action::Dispute,
                buyer,
                reason("The item does not match the description."),
            );
        }
        Fate::Delivered | Fate::Completed | Fate::RejectedThenCompleted => {
            r.deliver();
            if mode == "instant" {
                return;
            }
            if matches!(fate, Fate::RejectedThenCompleted) {
                let b = r.store.escrows[r.i].buyer;
                if let Some(b) = b {
                    r.t = (r.t + HOUR).min(r.end);
                    lifecycle::apply_reject_delivery(
                        r.store,
                        r.i,
                        b,
                        Some("One item was missing from the shipment.".into()),
                        r.t,
                    );
                    r.deliver();
                }
            }
            if !matches!(fate, Fate::Delivered) {
                r.act(Action::Complete, buyer, SessionInput::default());
            }
        }
        Fate::Pending | Fate::CancelledBeforePay => {}
    }
}
