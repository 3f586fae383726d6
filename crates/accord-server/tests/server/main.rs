//! The server, started for real on a random port with a fresh store, driven over HTTP.

mod api;
mod common;
mod crisis;
mod crisis_api;
mod crisis_pages;
mod exchange;
mod feeds;
mod map;
mod observers;
mod pages;
mod partners;
mod peacekeeping_pages;
mod plans;
mod public;
mod restart;
mod routes;
mod routes_crisis;
mod routes_plans;
mod routes_public;
mod routes_status;
mod search;
mod secretariat;
mod secretariat_pages;
mod status;
