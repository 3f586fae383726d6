//! The server, started for real on a random port with a fresh store, driven over HTTP.

mod api;
mod common;
mod pages;
mod routes;
mod secretariat_pages;
