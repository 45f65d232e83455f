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
        let (body, mode, proof) = random_body(&mut rng, &buyer);
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

/// A create body as the demo shop would send it (§2.3): a random title, amount and mode with
/// the fields that mode requires; about a third of quick escrows ask for a purchase proof.
/// Returns the body, its mode and whether it asks for a proof.
fn random_body(rng: &mut StdRng, buyer: &str) -> (serde_json::Value, &'static str, bool) {
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
    (body, mode, proof)
}

/// Plays `fate` on a fresh escrow through the real transitions, so the book a merchant sees is
/// one the platform could have produced (§3.2).
fn play(r: &mut Run<'_>, fate: Fate, mode: &str, proof: bool, buyer: &str, seller: &str) {
    if mode == "standard" {
        sign_contract(r, fate, buyer, seller);
    }
    if settled_before_payment(r, fate) || !r.act(Action::AcceptPay, buyer, SessionInput::default())
    {
        return;
    }
    if proof && !play_proof(r, buyer, seller) {
        return;
    }
    match fate {
        Fate::Paid | Fate::Pending | Fate::CancelledBeforePay => {}
        Fate::SellerCancelled => {
            r.act(Action::CancelEscrow, seller, SessionInput::default());
        }
        Fate::CancellationPending | Fate::CancellationAccepted | Fate::CancellationRejected => {
            play_cancellation(r, fate, buyer, seller);
        }
        Fate::Disputed => play_dispute(r, mode, buyer),
        Fate::Delivered | Fate::Completed | Fate::RejectedThenCompleted => {
            play_delivery(r, fate, mode, buyer);
        }
    }
}

/// A standard escrow is paid only once both signed (§3.4): the seller signs, and the buyer
/// too unless the escrow stays unpaid, where half are left waiting for the buyer's signature.
fn sign_contract(r: &mut Run<'_>, fate: Fate, buyer: &str, seller: &str) {
    r.act(Action::SignContract, seller, SessionInput::default());
    if !matches!(fate, Fate::Pending | Fate::CancelledBeforePay) || r.rng.random_bool(0.5) {
        r.act(Action::SignContract, buyer, SessionInput::default());
    }
}

/// The fates that end before payment: left pending, or cancelled by the parties (§3.2, a
/// pending escrow's cancellation needs no session). True when the escrow's story is over.
fn settled_before_payment(r: &mut Run<'_>, fate: Fate) -> bool {
    match fate {
        Fate::Pending => true,
        Fate::CancelledBeforePay => {
            let t = (r.t + HOUR).min(r.end);
            r.store.escrows[r.i].cancelled_at = Some(t);
            crate::engine::funds::set_status(r.store, r.i, crate::store::Status::Cancelled, t);
            true
        }
        _ => false,
    }
}

/// A proof escrow's phases after funding (§3.5), stopped at a random one: waiting for the
/// seller, waiting for the buyer, correction asked, or accepted. True when accepted, so the
/// escrow goes on to its fate.
fn play_proof(r: &mut Run<'_>, buyer: &str, seller: &str) -> bool {
    let phase = r.rng.random_range(0..4);
    if phase == 0 {
        return false; // waiting for the seller's proof (or expired by now)
    }
    let receipt = SessionInput {
        proof_note: Some("Receipt".into()),
        proof_file_meta: Some(Attachment {
            mime_type: "image/jpeg".into(),
            name: "receipt.jpg".into(),
            size: 48_213,
        }),
        ..SessionInput::default()
    };
    r.act(Action::SubmitProof, seller, receipt);
    if phase == 1 {
        return false; // waiting for the buyer's review
    }
    let accept = phase != 2; // phase 2: the buyer asks for a correction
    let review = SessionInput {
        accept: Some(accept),
        ..SessionInput::default()
    };
    r.act(Action::ReviewProof, buyer, review);
    accept
}

/// The buyer asks to cancel (§3.6); the seller accepts, rejects or has not answered yet.
fn play_cancellation(r: &mut Run<'_>, fate: Fate, buyer: &str, seller: &str) {
    r.act(
        Action::RequestCancellation,
        buyer,
        reason("Changed my mind"),
    );
    let answer = match fate {
        Fate::CancellationAccepted => Action::AcceptCancellation,
        Fate::CancellationRejected => Action::RejectCancellation,
        _ => return,
    };
    r.act(answer, seller, SessionInput::default());
}

/// The buyer disputes (§3.7), half the time after a delivery (instant escrows complete on
/// delivery, so they are disputed while paid).
fn play_dispute(r: &mut Run<'_>, mode: &str, buyer: &str) {
    if r.rng.random_bool(0.5) && mode != "instant" {
        r.deliver();
    }
    r.act(
        Action::Dispute,
        buyer,
        reason("The item does not match the description."),
    );
}

/// The seller delivers; the buyer confirms unless the fate stops at delivered, some after
/// rejecting a first delivery (§2.10). Instant escrows complete on delivery (§3.3).
fn play_delivery(r: &mut Run<'_>, fate: Fate, mode: &str, buyer: &str) {
    r.deliver();
    if mode == "instant" {
        return;
    }
    if matches!(fate, Fate::RejectedThenCompleted)
        && let Some(b) = r.store.escrows[r.i].buyer
    {
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
    if !matches!(fate, Fate::Delivered) {
        r.act(Action::Complete, buyer, SessionInput::default());
    }
}
