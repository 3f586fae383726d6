//! The server, started for real on a random port with a fresh store, driven over HTTP.

mod api;
mod common;
mod crisis;
mod exchange;
mod feeds;
mod pages;
mod restart;
mod routes;
mod secretariat;
mod secretariat_pages;
