//! Shared helpers for the binary's integration tests.
#![allow(dead_code)]

pub mod http;
pub mod server;
pub mod signals;
pub mod webdriver;
