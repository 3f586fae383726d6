//! Atom and RSS feeds of CAP alerts (placeholder).
