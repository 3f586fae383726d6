//! Public information's rows of the route table (see `routes.rs`), on the demo's publications:
//! number 3 is the published statement of 1 December 2020; 999 does not exist.

/// `(method, pattern, concrete path, expected status per column)`, the columns of `routes.rs`:
/// anonymous, member delegate, observer, partner organisation, Secretariat, Crisis Response
/// Centre, administrator. Forms and bodies the routes do not expect are refused by rule (422)
/// or as unreadable (400) for the Secretariat, who alone may send them.
pub(crate) const TABLE: &[(&str, &str, &str, [u16; 7])] = &[
    // The public site.
    ("GET", "/news", "/news", [200; 7]),
    ("GET", "/news/{id}", "/news/3", [200; 7]),
    ("GET", "/news/{id}", "/news/999", [404; 7]),
    ("GET", "/news/feed/{file}", "/news/feed/ru.atom", [200; 7]),
    ("GET", "/news/feed/{file}", "/news/feed/fr.atom", [404; 7]),
    ("GET", "/media/{hash}", "/media/00ff", [404; 7]),
    // The Secretariat's pages: drafts are restricted (insiders read them).
    (
        "GET",
        "/publications",
        "/publications",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/publications",
        "/publications",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/publications/{id}",
        "/publications/3",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/publications/{id}",
        "/publications/3",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/publications/{id}/publish",
        "/publications/3/publish",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/publications/{id}/withdraw",
        "/publications/999/withdraw",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/publications/{id}/images",
        "/publications/3/images",
        [403, 403, 403, 403, 400, 403, 403],
    ),
    // The API.
    (
        "GET",
        "/api/v1/publications",
        "/api/v1/publications",
        [200; 7],
    ),
    (
        "POST",
        "/api/v1/publications",
        "/api/v1/publications",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/publications/{id}",
        "/api/v1/publications/3",
        [200; 7],
    ),
    (
        "PUT",
        "/api/v1/publications/{id}",
        "/api/v1/publications/3",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/publications/{id}/publish",
        "/api/v1/publications/3/publish",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/publications/{id}/withdraw",
        "/api/v1/publications/999/withdraw",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/publications/{id}/images",
        "/api/v1/publications/3/images",
        [401, 403, 403, 403, 400, 403, 403],
    ),
];
