//! Shared helpers for the binary's integration tests.
#![allow(dead_code)]

pub mod axe;
pub mod casework;
pub mod cli_world;
pub mod cluster;
pub mod ddas;
pub mod faults;
pub mod http;
pub mod postgres;
pub mod server;
pub mod session;
pub mod signals;
pub mod smtp;
pub mod tenant;
pub mod tenant_channel;
pub mod webdriver;
