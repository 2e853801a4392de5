//! Shared helpers for the binary's integration tests.
#![allow(dead_code)]

pub mod server;
pub mod webdriver;
