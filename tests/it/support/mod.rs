//! What the tests share: the app on the mock runtime, the real window's driver, and the steps a
//! merchant takes in the window.

pub mod app;
pub mod axe;
pub mod driver;
pub mod page;
