//! Wallet movements. Each keeps Σ(available+pending+escrow) + platform fees equal to the initial
//! balances plus inline top-ups.

use super::events::DomainEvent;
use crate::clock::Millis;
use crate::store::{Status, Store};

/// Buyer pays: tops up any shortfall (the hosted checkout's inline top-up), then holds the amount.
pub fn pay(store: &mut Store, i: usize) {
    let amount = store.escrows[i].amount_tnd;
    let Some(b) = store.escrows[i].buyer else {
        return;
    };
    let user = &mut store.users[b];
    if user.available < amount {
        let short = amount - user.available;
        user.available += short;
        store.topped_up += short;
    }
    user.available -= amount;
    user.escrow += amount;
}

/// Releases held funds: seller gets the net, the developer's user the developer fee, the
/// platform the escrow fee.
pub fn release(store: &mut Store, i: usize) {
    let e = &store.escrows[i];
    let (amount, fee, dev_fee) = (e.amount_tnd, e.escrow_fee, e.developer_fee);
    let (buyer, seller) = (e.buyer, e.seller);
    let dev_user = store.developers[e.developer].user;
    if let Some(b) = buyer {
        store.users[b].escrow -= amount;
    }
    store.platform_fees += fee;
    let net = amount - fee - dev_fee;
    match (seller, dev_user) {
        (Some(s), Some(d)) => {
            store.users[s].available += net;
            store.users[d].available += dev_fee;
        }
        (Some(s), None) => store.users[s].available += net + dev_fee,
        // Unreachable through the API (delivery needs a registered seller); keep money whole.
        (None, _) => store.platform_fees += net + dev_fee,
    }
}

/// Returns held funds to the buyer.
pub fn refund(store: &mut Store, i: usize) {
    let amount = store.escrows[i].amount_tnd;
    if let Some(b) = store.escrows[i].buyer {
        let user = &mut store.users[b];
        user.escrow -= amount;
        user.available += amount;
    }
}

/// Sets the status, touches `updatedAt`, moves the listing index and reports the change.
pub fn set_status(store: &mut Store, i: usize, new: Status, now: Millis) -> DomainEvent {
    let e = &mut store.escrows[i];
    let old = e.status;
    e.status = new;
    e.updated_at = now;
    let escrow = e.id.clone();
    store.reindex_status(i, old);
    DomainEvent::StatusChanged { escrow, old, new }
}

/// Cancels a paid/delivered escrow with a refund (cancel_escrow, accepted request, expired proof).
pub fn cancel_with_refund(store: &mut Store, i: usize, now: Millis) -> DomainEvent {
    let was_funded = matches!(store.escrows[i].status, Status::Paid | Status::Delivered);
    if was_funded {
        refund(store, i);
    }
    store.escrows[i].cancelled_at = Some(now);
    set_status(store, i, Status::Cancelled, now)
}
