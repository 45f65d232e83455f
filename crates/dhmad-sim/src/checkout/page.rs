//! The hosted checkout page: one card with the escrow, one form for the session's action.
//! Plain HTML forms, no script; every value is escaped.

use super::html::{document, esc, size, thousandths, tnd, when};
use super::view::{Party, View};
use crate::store::{Action, Currency, Role, SessionStatus};
use std::fmt::Write;

/// The largest accepted proof file.
pub const MAX_PROOF_BYTES: u64 = 5 * 1024 * 1024;

/// The heading of an action.
pub fn heading(a: Action) -> &'static str {
    match a {
        Action::SignContract => "Sign the contract",
        Action::AcceptPay => "Accept and pay",
        Action::Complete => "Confirm you received your order",
        Action::Dispute => "Open a dispute",
        Action::RequestCancellation => "Request cancellation",
        Action::RejectCancellation => "Reject the cancellation request",
        Action::AcceptCancellation => "Accept the cancellation request",
        Action::CancelEscrow => "Cancel this escrow",
        Action::SubmitProof => "Upload a purchase proof",
        Action::ReviewProof => "Review the purchase proof",
    }
}

fn party_block(label: &str, p: &Party) -> String {
    let inner = match (&p.name, &p.email) {
        (Some(n), Some(e)) => format!("{}<small>{}</small>", esc(n), esc(e)),
        (None, Some(e)) => format!("{}<small>not registered yet</small>", esc(e)),
        (Some(n), None) => esc(n),
        (None, None) => "—".to_owned(),
    };
    format!("<div><span>{}</span>{inner}</div>", esc(label))
}

fn summary(v: &View) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<section class=\"card\"><p class=\"action\">{}</p><h1>{}</h1>",
        esc(heading(v.action)),
        esc(&v.title)
    );
    if v.currency == Currency::Tnd {
        let _ = write!(h, "<p class=\"amount\">{}</p>", tnd(v.amount_tnd));
    } else {
        let _ = write!(
            h,
            "<p class=\"amount\">{} {}</p><p class=\"sub\">= {} at the locked rate {}</p>",
            thousandths(v.amount),
            v.currency.as_str(),
            tnd(v.amount_tnd),
            thousandths(v.fx_rate)
        );
    }
    let _ = write!(
        h,
        "<p class=\"sub\"><span class=\"badge\">{}</span></p></section>",
        esc(v.mode.as_str())
    );
    let net = v.amount_tnd - v.escrow_fee - v.developer_fee;
    let pct = thousandths(v.developer_fee_pct);
    let _ = write!(
        h,
        "<section class=\"card\"><h2>Details</h2><dl>\
<dt>Amount</dt><dd>{}</dd>\
<dt>DHMAD service fee<small>paid by the seller</small></dt><dd>{}</dd>\
<dt>App fee ({} %)<small>{} · paid by the seller</small></dt><dd>{}</dd>\
<dt class=\"total\">Seller receives</dt><dd class=\"total\">{}</dd></dl></section>",
        tnd(v.amount_tnd),
        tnd(v.escrow_fee),
        pct.trim_end_matches('0').trim_end_matches('.'),
        esc(&v.app_name),
        tnd(v.developer_fee),
        tnd(net),
    );
    h
}

fn parties(v: &View) -> String {
    format!(
        "<section class=\"card parties\">{}{}<div><span>Escrow reference</span><small>{}</small></div></section>",
        party_block("Seller", &v.seller),
        party_block("Buyer", &v.buyer),
        esc(&v.escrow_id),
    )
}

fn open_form(v: &View, multipart: bool) -> String {
    format!(
        "<form method=\"post\" action=\"/checkout/{}\"{}><input type=\"hidden\" name=\"op\" value=\"perform\">",
        esc(&v.session_id),
        if multipart {
            " enctype=\"multipart/form-data\""
        } else {
            ""
        }
    )
}

fn reason_field(label: &str, placeholder: &str) -> String {
    format!(
        "<label for=\"reason\">{}</label><textarea id=\"reason\" name=\"reason\" required maxlength=\"2000\" placeholder=\"{}\"></textarea>",
        esc(label),
        esc(placeholder)
    )
}

fn action_form(v: &View) -> String {
    let mut h = String::from("<section class=\"card\">");
    let role = match v.target_role {
        Some(Role::Buyer) => " (buyer)",
        Some(Role::Seller) => " (seller)",
        None => "",
    };
    let _ = write!(
        h,
        "<p class=\"sub\">Signed in as <strong>{}</strong>{role}</p>",
        esc(&v.target_email)
    );
    let f = open_form(v, false);
    match v.action {
        Action::SignContract => sign_contract_form(v, &f, &mut h),
        Action::AcceptPay => accept_pay_form(v, &f, &mut h),
        Action::Complete => {
            let _ = write!(
                h,
                "<p class=\"note\">Confirming releases the funds to the seller. Only confirm if you received what you ordered.</p>{f}\
<button class=\"primary\" type=\"submit\">Confirm completion</button></form>"
            );
        }
        Action::Dispute => {
            let _ = write!(
                h,
                "{f}{}<p class=\"note\">DHMAD support opens a ticket and contacts both parties. The funds stay in escrow.</p>\
<button class=\"danger\" type=\"submit\">Open dispute</button></form>",
                reason_field("What went wrong?", "Describe the problem")
            );
        }
        Action::RequestCancellation => {
            let _ = write!(
                h,
                "{f}{}<p class=\"note\">The seller must accept your request. If they do, you are refunded {} in full.</p>\
<button class=\"danger\" type=\"submit\">Request cancellation</button></form>",
                reason_field("Why do you want to cancel?", "Reason for the seller"),
                tnd(v.amount_tnd)
            );
        }
        Action::AcceptCancellation | Action::RejectCancellation => {
            answer_cancellation_form(v, &f, &mut h);
        }
        Action::CancelEscrow => {
            let _ = write!(
                h,
                "<p class=\"note\">The escrow is cancelled at once and the buyer is refunded {} in full.</p>{f}\
<button class=\"danger\" type=\"submit\">Cancel escrow and refund the buyer</button></form>",
                tnd(v.amount_tnd)
            );
        }
        Action::SubmitProof => submit_proof_form(v, &mut h),
        Action::ReviewProof => review_proof_form(v, &mut h),
    }
    h.push_str("</section>");
    h
}

/// The contract is shown in full and agreed to before signing (§3.4).
fn sign_contract_form(v: &View, f: &str, h: &mut String) {
    let _ = write!(
        h,
        "<h2>Contract</h2><div class=\"terms\">{}</div>{f}\
<label class=\"check\"><input type=\"checkbox\" name=\"agree\" value=\"yes\" required>\
<span>I have read the contract and agree to its terms.</span></label>\
<button class=\"primary\" type=\"submit\">Sign contract</button></form>",
        esc(v.terms.as_deref().unwrap_or(""))
    );
}

/// Payment from the buyer's wallet (or with a new account), which the sandbox tops up.
fn accept_pay_form(v: &View, f: &str, h: &mut String) {
    let wallet = v.wallet.map_or_else(
        || "You will create your DHMAD account when you pay.".to_owned(),
        |w| format!("Your wallet has {} available.", tnd(w)),
    );
    let _ = write!(
        h,
        "<p class=\"note\">{} The sandbox tops up your wallet inline if it is short — no real money moves. \
The funds stay in escrow until you confirm delivery.</p>{f}\
<button class=\"primary\" type=\"submit\">Pay {}</button></form>",
        esc(&wallet),
        tnd(v.amount_tnd)
    );
}

/// The seller sees the buyer's request and reason before answering it (§3.6).
fn answer_cancellation_form(v: &View, f: &str, h: &mut String) {
    if let Some((who, reason)) = &v.cancellation {
        let _ = write!(
            h,
            "<h2>Request from {}</h2><p class=\"terms\">{}</p>",
            esc(who),
            esc(reason.as_deref().unwrap_or("No reason given."))
        );
    }
    if v.action == Action::AcceptCancellation {
        let _ = write!(
            h,
            "<p class=\"note\">The escrow is cancelled and the buyer is refunded {} in full.</p>{f}\
<button class=\"danger\" type=\"submit\">Accept cancellation and refund</button></form>",
            tnd(v.amount_tnd)
        );
    } else {
        let _ = write!(
            h,
            "<p class=\"note\">The escrow continues; the funds stay in escrow.</p>{f}\
<button class=\"primary\" type=\"submit\">Reject cancellation request</button></form>"
        );
    }
}

fn submit_proof_form(v: &View, h: &mut String) {
    if let Some(d) = v.proof_deadline {
        let _ = write!(h, "<p class=\"sub\">Upload before {}.</p>", esc(&when(d)));
    }
    if v.correction_rounds > 0 {
        let _ = write!(
            h,
            "<p class=\"note\">The buyer asked for a correction (round {}). Upload a clearer or more complete proof.</p>",
            v.correction_rounds
        );
    }
    let _ = write!(
        h,
        "{}<label for=\"file\">Proof file (photo, PDF…, up to 5 MB)</label>\
<input id=\"file\" type=\"file\" name=\"file\" required>\
<label for=\"note\">Note for the buyer (optional)</label>\
<textarea id=\"note\" name=\"note\" maxlength=\"2000\" placeholder=\"e.g. receipt from the shop\"></textarea>\
<button class=\"primary\" type=\"submit\">Upload proof</button></form>",
        open_form(v, true)
    );
}

fn review_proof_form(v: &View, h: &mut String) {
    if let Some(p) = &v.proof {
        let _ = write!(h, "<h2>Proof uploaded {}</h2>", esc(&when(p.submitted_at)));
        for (a, url) in &p.files {
            let _ = write!(
                h,
                "<p><a href=\"{}\">{}</a> <small>({}, {})</small></p>",
                esc(url),
                esc(&a.name),
                esc(&a.mime_type),
                size(a.size)
            );
        }
        if let Some(n) = &p.note {
            let _ = write!(h, "<p class=\"terms\">{}</p>", esc(n));
        }
    }
    let f = open_form(v, false);
    let _ = write!(
        h,
        "{f}<input type=\"hidden\" name=\"decision\" value=\"accept\">\
<button class=\"primary\" type=\"submit\">Accept proof</button></form>\
{f}<input type=\"hidden\" name=\"decision\" value=\"correct\">{}\
<button class=\"secondary\" type=\"submit\">Ask for corrections</button></form>",
        reason_field("What needs correcting?", "Tell the seller what is missing")
    );
}

fn abandon_form(v: &View) -> String {
    format!(
        "<form method=\"post\" action=\"/checkout/{}\"><input type=\"hidden\" name=\"op\" value=\"abandon\">\
<button class=\"secondary\" type=\"submit\">Cancel and go back</button></form>",
        esc(&v.session_id)
    )
}

/// The page for a pending session; `error` is shown above the form (a refused submit).
pub fn render(v: &View, error: Option<&str>) -> String {
    let mut body = String::new();
    if let Some(e) = error.or(v.refused) {
        let _ = write!(body, "<div class=\"error\" role=\"alert\">{}</div>", esc(e));
    }
    body.push_str(&summary(v));
    if v.refused.is_none() {
        body.push_str(&action_form(v));
    }
    body.push_str(&parties(v));
    body.push_str(&abandon_form(v));
    let _ = write!(
        body,
        "<footer>This checkout link expires {}.</footer>",
        esc(&when(v.expires_at))
    );
    document(heading(v.action), &body)
}

/// A session that can no longer be used (410) with a link back to the app.
pub fn closed(status: SessionStatus, return_url: &str) -> String {
    let text = match status {
        SessionStatus::Expired => "This checkout link has expired. Ask the merchant for a new one.",
        SessionStatus::Completed => "This checkout link has already been used.",
        SessionStatus::Cancelled => "This checkout was cancelled.",
        SessionStatus::Pending => "This checkout link cannot be used.",
    };
    let title = match status {
        SessionStatus::Expired => "Checkout link expired",
        SessionStatus::Completed => "Checkout already completed",
        _ => "Checkout closed",
    };
    document(
        title,
        &format!(
            "<section class=\"card\"><h1>{}</h1><p>{}</p>\
<p><a href=\"{}\">Return to the app</a></p></section>",
            esc(title),
            esc(text),
            esc(return_url)
        ),
    )
}

/// No such session (404).
pub fn unknown() -> String {
    document(
        "Checkout not found",
        "<section class=\"card\"><h1>Checkout not found</h1>\
<p>This checkout link is not valid. Check the link or ask the merchant for a new one.</p></section>",
    )
}
