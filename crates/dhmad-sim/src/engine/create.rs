//! `POST /escrows`: validation (contract §2.3, in a fixed order) and creation.

use super::events::DomainEvent;
use crate::clock::{DAY, Millis};
use crate::error::{ApiError, text};
use crate::money;
use crate::store::{Contract, Currency, Escrow, FulfillmentPolicy, Mode, Status, Store};
use serde_json::Value;

/// A validated create request.
#[derive(Debug, Clone)]
pub struct NewEscrow {
    /// Title.
    pub title: String,
    /// Face amount, thousandths.
    pub amount: i64,
    /// Face currency.
    pub currency: Currency,
    /// Buyer (lowercased).
    pub buyer_email: String,
    /// Third-party seller (lowercased).
    pub seller_email: Option<String>,
    /// Mode.
    pub mode: Mode,
    /// Estimated delivery days.
    pub estimated_delivery_days: u32,
    /// Contract terms (standard).
    pub contract_terms: Option<String>,
    /// Apply the dashboard signature for the seller.
    pub auto_sign: bool,
    /// Developer fee percentage × 1000.
    pub developer_fee_pct: i64,
    /// QEwP policy.
    pub policy: Option<FulfillmentPolicy>,
}

mod fields;
#[cfg(test)]
mod tests;

pub use fields::valid_email;

const MSG_INSTANT_SELLER: &str = "Instant mode is only available when you are the seller (omit sellerEmail). For escrows between two other parties, use mode: standard (with a contract) or mode: quick (no contract).";
const MSG_TERMS_NOT_APPLICABLE: &str = "Contract terms are not applicable for quick mode (no contract is created). Use mode: standard to include a contract.";
const MSG_FEE_OWN_SELLER: &str = "Developer fee is not allowed when the seller is your associated user account. Use developerFeePercentage only when the seller is a third party (different from your associated account).";
const MSG_AUTOSIGN_SELLER: &str = "Auto-sign is only available when you are the seller (omit sellerEmail). When specifying a sellerEmail, the seller must sign the contract themselves.";
const MSG_AUTOSIGN_MODE: &str = "Auto-sign is only available for standard mode escrows (quick and instant escrows have no contract).";
const MSG_AUTOSIGN_NO_SIGNATURE: &str = "Auto-sign requires a signature configured in the developer dashboard. Configure it under Settings → Signature.";
const MSG_UNVERIFIED_SELLER: &str =
    "Your associated user account must have a verified email to create escrows.";

/// Validates a create body for developer `dev`, in the documented order (§2.3): who may create,
/// the mode and what it forbids, every field (all bad ones in one answer), then the rules that
/// span fields.
pub fn validate(store: &Store, dev: usize, body: &Value) -> Result<NewEscrow, ApiError> {
    let Some(body) = body.as_object() else {
        return Err(ApiError::invalid_field(
            "body",
            "Request body must be a JSON object",
        ));
    };
    let developer = &store.developers[dev];
    require_association(body, developer.user.is_some())?;
    let mode = fields::mode(body)?;
    refuse_what_the_mode_forbids(body, mode)?;
    let n = read_fields(body, mode)?;
    let own_email = developer.user.map(|u| store.users[u].email.as_str());
    let seller_is_own = n.seller_email.is_none() || n.seller_email.as_deref() == own_email;
    refuse_fee_to_own_seller(&n, seller_is_own)?;
    check_auto_sign(&n, developer.has_signature)?;
    if let Some(u) = developer.user.filter(|_| seller_is_own) {
        require_verified_seller(store.users[u].email_verified)?;
    }
    refuse_buyer_as_seller(&n, own_email)?;
    require_minimum_amount(
        n.mode,
        money::mul_thousandths(n.amount, rate(store, n.currency)),
    )?;
    Ok(n)
}

/// The escrow's seller or fee collector is the developer's associated user (§1.3, §2.3): with
/// no seller given, or a developer fee asked, the developer must have one (403).
fn require_association(body: &fields::Body, associated: bool) -> Result<(), ApiError> {
    if associated {
        return Ok(());
    }
    if fields::present(body, "sellerEmail").is_none() {
        return Err(ApiError::forbidden(text::NOT_ASSOCIATED_CREATE));
    }
    let fee_positive = fields::present(body, "developerFeePercentage")
        .and_then(Value::as_f64)
        .is_some_and(|f| f > 0.0);
    if fee_positive {
        return Err(ApiError::forbidden(text::NOT_ASSOCIATED_FEE));
    }
    Ok(())
}

/// Instant escrows are between the developer's user and a buyer only, and only standard ones
/// have a contract (§2.3 mode table): a field the mode forbids is a 400 of its own.
fn refuse_what_the_mode_forbids(body: &fields::Body, mode: Mode) -> Result<(), ApiError> {
    if mode == Mode::Instant && fields::present(body, "sellerEmail").is_some() {
        return Err(ApiError::bad_request(MSG_INSTANT_SELLER));
    }
    if mode != Mode::Standard && fields::present(body, "contractTerms").is_some() {
        return Err(ApiError::bad_request(MSG_TERMS_NOT_APPLICABLE));
    }
    Ok(())
}

/// Every field read in the documented order; all refused fields are named in one 400 (§1.5).
fn read_fields(body: &fields::Body, mode: Mode) -> Result<NewEscrow, ApiError> {
    let mut d = fields::Details::default();
    // Struct fields are evaluated in the order written: the order `details` is filled in.
    let n = NewEscrow {
        title: fields::title(body, &mut d),
        amount: fields::amount(body, &mut d),
        currency: fields::currency(body, &mut d),
        buyer_email: fields::buyer_email(body, &mut d),
        seller_email: fields::seller_email(body, &mut d),
        mode,
        estimated_delivery_days: fields::estimated_delivery_days(body, mode, &mut d),
        contract_terms: fields::contract_terms(body, mode, &mut d)
            .filter(|_| mode == Mode::Standard),
        auto_sign: fields::auto_sign(body, &mut d),
        developer_fee_pct: fields::developer_fee_pct(body, &mut d),
        policy: fields::policy(body, mode, &mut d),
    };
    d.into_result()?;
    Ok(n)
}

/// A developer fee is paid by a third-party seller to the developer's user (§2.3, §8); it is
/// refused when that user is the seller.
fn refuse_fee_to_own_seller(n: &NewEscrow, seller_is_own: bool) -> Result<(), ApiError> {
    if n.developer_fee_pct > 0 && seller_is_own {
        return Err(ApiError::bad_request(MSG_FEE_OWN_SELLER));
    }
    Ok(())
}

/// Auto-sign applies the developer's dashboard signature as the seller's (§2.3): only when the
/// developer's user sells, on a standard escrow, with a signature configured.
fn check_auto_sign(n: &NewEscrow, has_signature: bool) -> Result<(), ApiError> {
    if !n.auto_sign {
        return Ok(());
    }
    if n.seller_email.is_some() {
        return Err(ApiError::bad_request(MSG_AUTOSIGN_SELLER));
    }
    if n.mode != Mode::Standard {
        return Err(ApiError::bad_request(MSG_AUTOSIGN_MODE));
    }
    if !has_signature {
        return Err(ApiError::bad_request(MSG_AUTOSIGN_NO_SIGNATURE));
    }
    Ok(())
}

/// The developer's user may sell only with a verified email (§1.3): the platform's own rule
/// for a seller account.
fn require_verified_seller(email_verified: bool) -> Result<(), ApiError> {
    if email_verified {
        Ok(())
    } else {
        Err(ApiError::forbidden(MSG_UNVERIFIED_SELLER))
    }
}

/// An escrow needs two different users (§2.3): the buyer may not be the seller.
fn refuse_buyer_as_seller(n: &NewEscrow, own_email: Option<&str>) -> Result<(), ApiError> {
    let seller = n.seller_email.as_deref().or(own_email);
    if seller == Some(n.buyer_email.as_str()) {
        return Err(ApiError::invalid_field(
            "buyerEmail",
            "Buyer and seller must be different users",
        ));
    }
    Ok(())
}

/// The minimum is on the TND value after FX (§2.3, §8): 5 TND, or 0.01 TND for instant. An
/// update that changes the amount is held to it too (§2.8).
pub fn require_minimum_amount(mode: Mode, amount_tnd: i64) -> Result<(), ApiError> {
    let (min, message) = if mode == Mode::Instant {
        (
            10,
            "Amount must be at least 0.01 TND for instant mode (after currency conversion)",
        )
    } else {
        (
            5_000,
            "Amount must be at least 5 TND for standard and quick modes (after currency conversion)",
        )
    };
    if amount_tnd < min {
        return Err(ApiError::invalid_field("amount", message));
    }
    Ok(())
}

/// FX rate to TND, thousandths.
pub fn rate(store: &Store, c: Currency) -> i64 {
    match c {
        Currency::Tnd => 1000,
        Currency::Usd => store.settings.usd_rate,
        Currency::Eur => store.settings.eur_rate,
    }
}

/// Recomputes `amountTnd` and both fees from the face amount.
pub fn apply_amount(store: &Store, e: &mut Escrow, amount: i64) {
    e.amount = amount;
    e.amount_tnd = money::mul_thousandths(amount, e.fx_rate);
    e.escrow_fee = money::percent_of(e.amount_tnd, store.settings.fee_pct);
    e.developer_fee = money::percent_of(e.amount_tnd, e.developer_fee_pct);
}

/// Creates the escrow (and contract) for developer `dev`; returns its index and events.
pub fn create(
    store: &mut Store,
    dev: usize,
    mut n: NewEscrow,
    now: Millis,
) -> (usize, Vec<DomainEvent>) {
    let id = store.new_id(now);
    let contract = match (n.mode, n.contract_terms.take()) {
        (Mode::Standard, Some(terms)) => Some(new_contract(store, terms, n.auto_sign, now)),
        _ => None,
    };
    let (auto_sign, amount) = (n.auto_sign, n.amount);
    let mut e = pending_escrow(store, dev, id.clone(), n, contract, now);
    apply_amount(store, &mut e, amount);
    let signed = auto_sign && e.contract.is_some();
    let i = store.insert_escrow(e);
    let events = if signed {
        vec![DomainEvent::ContractSigned {
            escrow: id,
            by: crate::store::Role::Seller,
        }]
    } else {
        Vec::new()
    };
    (i, events)
}

/// A standard escrow's contract; auto-sign applies the seller's signature at creation (§2.3).
fn new_contract(store: &mut Store, terms: String, auto_sign: bool, now: Millis) -> Contract {
    Contract {
        id: store.new_id(now),
        terms,
        seller_signed_at: auto_sign.then_some(now),
        buyer_signed_at: None,
        created_at: now,
        updated_at: now,
    }
}

/// The new escrow, pending, its parties linked when registered (the escrow keeps the emails
/// and links them on registration otherwise), acceptance open for 31 days (§2.3, §3.8).
/// Amounts are filled in by [`apply_amount`].
fn pending_escrow(
    store: &Store,
    dev: usize,
    id: String,
    n: NewEscrow,
    contract: Option<Contract>,
    now: Millis,
) -> Escrow {
    let seller = match &n.seller_email {
        Some(email) => store.user_by_email(email),
        None => store.developers[dev].user,
    };
    Escrow {
        id,
        title: n.title,
        description: None,
        amount: 0,
        currency: n.currency,
        fx_rate: rate(store, n.currency),
        amount_tnd: 0,
        escrow_fee: 0,
        developer_fee: 0,
        developer_fee_pct: n.developer_fee_pct,
        status: Status::Pending,
        mode: n.mode,
        seller,
        seller_email: n.seller_email,
        buyer: store.user_by_email(&n.buyer_email),
        buyer_email: n.buyer_email,
        estimated_delivery_days: n.estimated_delivery_days,
        developer: dev,
        app_name: store.developers[dev].company_name.clone(),
        contract,
        policy: n.policy,
        proof: None,
        expires_at: now + 31 * DAY,
        paid_at: None,
        delivered_at: None,
        completion_deadline: None,
        completed_at: None,
        cancelled_at: None,
        created_at: now,
        updated_at: now,
        dispute: None,
        cancellation: None,
        delivery_rejections: Vec::new(),
    }
}
