//! The rows of the route table (see `routes.rs`) for plans and strategies and for
//! peacekeeping, on the demo's restricted plan 1 (the Collective Security Strategy) and a plan
//! that does not exist. Forms and bodies the routes do not expect are invalid (422) for whoever
//! may send them; pages refuse with 403 (also the anonymous), the API answers 401 to them.

/// `(method, pattern, concrete path, expected status per column)`, the columns of `routes.rs`.
pub(crate) const TABLE: &[(&str, &str, &str, [u16; 7])] = &[
    ("GET", "/plans", "/plans", [200; 7]),
    (
        "POST",
        "/plans",
        "/plans",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/plans/{id}",
        "/plans/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/plans/{id}",
        "/plans/1.csv",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    ("GET", "/plans/{id}", "/plans/999", [404; 7]),
    (
        "POST",
        "/plans/{id}/measures",
        "/plans/1/measures",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/plans/{id}/reports",
        "/plans/1/reports",
        [403, 422, 403, 403, 422, 422, 403],
    ),
    (
        "GET",
        "/peacekeeping",
        "/peacekeeping",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "GET",
        "/peacekeeping/training",
        "/peacekeeping/training",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/peacekeeping/institutions",
        "/peacekeeping/institutions",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/peacekeeping/courses",
        "/peacekeeping/courses",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/peacekeeping/intakes",
        "/peacekeeping/intakes",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/peacekeeping/certifications",
        "/peacekeeping/certifications",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/peacekeeping/contingents",
        "/peacekeeping/contingents",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/peacekeeping/contingents/{id}/units",
        "/peacekeeping/contingents/1/units",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/peacekeeping/mandates",
        "/peacekeeping/mandates",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    ("GET", "/api/v1/plans", "/api/v1/plans", [200; 7]),
    (
        "POST",
        "/api/v1/plans",
        "/api/v1/plans",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/plans/{id}",
        "/api/v1/plans/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/api/v1/plans/{id}/measures",
        "/api/v1/plans/1/measures",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/plans/{id}/reports",
        "/api/v1/plans/1/reports",
        [401, 422, 403, 403, 422, 422, 403],
    ),
    (
        "GET",
        "/api/v1/peacekeeping",
        "/api/v1/peacekeeping",
        [401, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/institutions",
        "/api/v1/peacekeeping/institutions",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/courses",
        "/api/v1/peacekeeping/courses",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/intakes",
        "/api/v1/peacekeeping/intakes",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/intakes/{id}/certifications",
        "/api/v1/peacekeeping/intakes/1/certifications",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/contingents",
        "/api/v1/peacekeeping/contingents",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/contingents/{id}/units",
        "/api/v1/peacekeeping/contingents/1/units",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/peacekeeping/mandates",
        "/api/v1/peacekeeping/mandates",
        [401, 403, 403, 403, 422, 403, 403],
    ),
];
