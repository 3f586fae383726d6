//! The rows of the route table (see `routes.rs`) for status applications, the chairmanship,
//! joint statements' deliveries and sessions open to observers, requested as every
//! affiliation. Application 1 is the demo's (Uzbekistan's, restricted); forms and bodies the
//! routes do not expect are invalid (422) for the Secretariat, who may send them.

/// `(method, pattern, concrete path, expected status per column)`, the columns of `routes.rs`.
pub(crate) const TABLE: &[(&str, &str, &str, [u16; 7])] = &[
    (
        "GET",
        "/applications",
        "/applications",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/applications",
        "/applications",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/applications/{id}",
        "/applications/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/applications/{id}/steps",
        "/applications/1/steps",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/applications/{id}/withdraw",
        "/applications/1/withdraw",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    ("GET", "/chairmanship", "/chairmanship", [200; 7]),
    (
        "POST",
        "/chairmanship/priorities",
        "/chairmanship/priorities",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/documents/{id}/deliveries",
        "/documents/DOCUMENT/deliveries",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/applications",
        "/api/v1/applications",
        [401, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/api/v1/applications",
        "/api/v1/applications",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/applications/{id}",
        "/api/v1/applications/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/api/v1/applications/{id}/steps",
        "/api/v1/applications/1/steps",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/applications/{id}/withdraw",
        "/api/v1/applications/999/withdraw",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/chairmanship",
        "/api/v1/chairmanship",
        [200; 7],
    ),
    (
        "POST",
        "/api/v1/chairmanship/priorities",
        "/api/v1/chairmanship/priorities",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/documents/{id}/deliveries",
        "/api/v1/documents/1/deliveries",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    // Sessions open to observers: the Secretariat's only; the session of the table is not
    // open to observers, and the bodies sent are not the routes' (422 for the Secretariat).
    (
        "POST",
        "/sessions/{id}/open-to-observers",
        "/sessions/SESSION/open-to-observers",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/observers",
        "/sessions/SESSION/observers",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/open-to-observers",
        "/api/v1/sessions/SESSION/open-to-observers",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/observers",
        "/api/v1/sessions/SESSION/observers",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    // Partnership protocols: recorded by the Secretariat; the list is for signed-in readers,
    // each protocol shown only to those who may read it.
    (
        "POST",
        "/protocols",
        "/protocols",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/protocols",
        "/api/v1/protocols",
        [401, 200, 200, 200, 200, 200, 200],
    ),
    (
        "POST",
        "/api/v1/protocols",
        "/api/v1/protocols",
        [401, 403, 403, 403, 422, 403, 403],
    ),
];
