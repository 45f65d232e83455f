//! Seeding: the demo developer and merchant, and (optionally) a deterministic history.

mod history;

pub use history::seed_history;

use crate::clock::Millis;
use crate::config::Demo;
use crate::engine::users::{NewUser, register};
use crate::store::{ApiKey, Developer, Kyc, Store};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

/// Demo developer login.
pub const DEV_EMAIL: &str = "dev@demo.dhmad.test";
/// Demo merchant (the developer's associated user).
pub const MERCHANT_EMAIL: &str = "merchant@demo.dhmad.test";
/// Allowed redirect URLs of the demo developer.
pub const REDIRECTS: [&str; 2] = ["https://merchant.example/return", "http://localhost"];

fn hex_bytes(rng: &mut impl RngCore, n: usize) -> String {
    let mut b = vec![0u8; n];
    rng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A new developer with one sandbox key.
#[derive(Debug, Clone)]
pub struct NewDeveloper {
    /// Login email.
    pub email: String,
    /// Company name.
    pub company_name: String,
    /// Associated user index.
    pub user: Option<usize>,
    /// Allowed redirect URLs.
    pub redirect_urls: Vec<String>,
    /// Custom rate limit.
    pub rate_limit: Option<u32>,
}

/// Adds a developer and its key; returns (developer index, api key, developer token).
pub fn add_developer(
    store: &mut Store,
    rng: &mut impl RngCore,
    n: NewDeveloper,
    now: Millis,
) -> (usize, String, String) {
    let api_key = format!("sk_sandbox_{}", hex_bytes(rng, 32));
    let token = format!("devtok_{}", hex_bytes(rng, 24));
    let id = store.new_id(now);
    let dev = store.insert_developer(Developer {
        id,
        email: n.email.trim().to_ascii_lowercase(),
        company_name: n.company_name.clone(),
        user: n.user,
        redirect_urls: n.redirect_urls,
        token: token.clone(),
        rate_limit: n.rate_limit,
        has_signature: true,
        created_at: now,
    });
    let key_id = store.new_id(now);
    store.insert_key(ApiKey {
        id: key_id,
        secret: api_key.clone(),
        developer: dev,
        name: format!("{} Sandbox Key", n.company_name),
        created_at: now,
    });
    (dev, api_key, token)
}

/// Seeds the demo developer, merchant and key (deterministic from `seed`).
pub fn seed_demo(store: &mut Store, seed: u64, now: Millis) -> Demo {
    let mut rng = StdRng::seed_from_u64(seed);
    let (merchant, _) = register(
        store,
        NewUser {
            email: MERCHANT_EMAIL.into(),
            first_name: "Demo".into(),
            last_name: "Merchant".into(),
            kyc: Some(Kyc::Approved),
            balance: 0,
        },
        now,
    );
    let (dev, api_key, developer_token) = add_developer(
        store,
        &mut rng,
        NewDeveloper {
            email: DEV_EMAIL.into(),
            company_name: "Demo Merchant".into(),
            user: Some(merchant),
            redirect_urls: REDIRECTS.iter().map(|s| (*s).to_owned()).collect(),
            rate_limit: None,
        },
        now,
    );
    Demo {
        api_key,
        developer_token,
        developer_email: DEV_EMAIL.into(),
        merchant_email: MERCHANT_EMAIL.into(),
        developer_id: store.developers[dev].id.clone(),
    }
}
