//! The Crisis Response Centre's rows of the route table (see `routes.rs`): its pages and API,
//! requested as every affiliation.

use accord_testkit::app::TestApp;

use crate::common::Client;

/// `(method, pattern, concrete path, expected status per column)`, the columns of `routes.rs`.
pub(crate) const TABLE: &[(&str, &str, &str, [u16; 7])] = &[
    // The Crisis Response Centre, on a restricted incident opened from a national centre's
    // alert, with a report and Armenia's request, that the test prepares first; units,
    // deployments and agreements that do not exist. Pages refuse with 403 (also the anonymous);
    // forms and bodies the routes do not expect are invalid (422) for whoever may send them.
    ("GET", "/incidents", "/incidents", [200; 7]),
    (
        "POST",
        "/incidents",
        "/incidents",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/incidents/new",
        "/incidents/new",
        [403, 403, 403, 403, 403, 200, 403],
    ),
    (
        "GET",
        "/incidents/{id}",
        "/incidents/INCIDENT",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/incidents/{id}/status",
        "/incidents/INCIDENT/status",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/incidents/{id}/alerts",
        "/incidents/INCIDENT/alerts",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/incidents/{id}/sitreps",
        "/incidents/INCIDENT/sitreps",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/incidents/{id}/requests",
        "/incidents/INCIDENT/requests",
        [403, 422, 403, 403, 403, 403, 403],
    ),
    (
        "GET",
        "/incidents/{id}/sitreps/{n}",
        "/incidents/INCIDENT/sitreps/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/units",
        "/units",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/units",
        "/units",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/units/{id}/readiness",
        "/units/999999/readiness",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/requests/{id}",
        "/requests/REQUEST",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/requests/{id}/needs/{n}/withdraw",
        "/requests/REQUEST/needs/9/withdraw",
        [403, 422, 403, 403, 403, 403, 403],
    ),
    (
        "POST",
        "/requests/{id}/needs/{n}/proposals",
        "/requests/REQUEST/needs/0/proposals",
        [403, 422, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/deployments/{id}/status",
        "/deployments/999999/status",
        [403, 422, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/alerts",
        "/alerts",
        [403, 200, 200, 200, 200, 200, 200],
    ),
    (
        "GET",
        "/alerts/{id}",
        "/alerts/ALERT",
        [403, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/duty-log",
        "/duty-log",
        [403, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/duty-log",
        "/duty-log",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/exchange",
        "/exchange",
        [403, 200, 200, 200, 200, 200, 200],
    ),
    (
        "POST",
        "/exchange",
        "/exchange",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/exchange/{id}/end",
        "/exchange/999999/end",
        [403, 403, 403, 403, 403, 422, 403],
    ),
    ("GET", "/api/v1/incidents", "/api/v1/incidents", [200; 7]),
    (
        "POST",
        "/api/v1/incidents",
        "/api/v1/incidents",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/api/v1/incidents/{id}",
        "/api/v1/incidents/INCIDENT",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/api/v1/incidents/{id}/changes",
        "/api/v1/incidents/INCIDENT/changes",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/api/v1/incidents/{id}/alerts",
        "/api/v1/incidents/INCIDENT/alerts",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/api/v1/incidents/{id}/sitreps",
        "/api/v1/incidents/INCIDENT/sitreps",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/api/v1/incidents/{id}/requests",
        "/api/v1/incidents/INCIDENT/requests",
        [401, 422, 403, 403, 403, 403, 403],
    ),
    (
        "GET",
        "/api/v1/alerts",
        "/api/v1/alerts",
        [401, 200, 200, 200, 200, 200, 200],
    ),
    (
        "GET",
        "/api/v1/alerts/{id}",
        "/api/v1/alerts/ALERT",
        [401, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/api/v1/alerts/{id}/cap",
        "/api/v1/alerts/ALERT/cap",
        [401, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/api/v1/units",
        "/api/v1/units",
        [401, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/api/v1/units",
        "/api/v1/units",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/api/v1/units/{id}/readiness",
        "/api/v1/units/999999/readiness",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/api/v1/requests/{id}",
        "/api/v1/requests/REQUEST",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/api/v1/requests/{id}/needs/{need}/matches",
        "/api/v1/requests/REQUEST/needs/0/matches",
        [401, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/api/v1/requests/{id}/needs/{need}/withdraw",
        "/api/v1/requests/REQUEST/needs/9/withdraw",
        [401, 422, 403, 403, 403, 403, 403],
    ),
    (
        "POST",
        "/api/v1/requests/{id}/needs/{need}/proposals",
        "/api/v1/requests/REQUEST/needs/0/proposals",
        [401, 422, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/api/v1/deployments/{id}/status",
        "/api/v1/deployments/999999/status",
        [401, 422, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/api/v1/duty-log",
        "/api/v1/duty-log",
        [401, 200, 403, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/api/v1/duty-log",
        "/api/v1/duty-log",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "GET",
        "/api/v1/agreements",
        "/api/v1/agreements",
        [401, 200, 200, 200, 200, 200, 200],
    ),
    (
        "POST",
        "/api/v1/agreements",
        "/api/v1/agreements",
        [401, 403, 403, 403, 403, 422, 403],
    ),
    (
        "POST",
        "/api/v1/agreements/{id}/end",
        "/api/v1/agreements/999999/end",
        [401, 403, 403, 403, 403, 422, 403],
    ),
];

/// What the Centre's rows read: an alert, the incident opened from it, its first report and
/// Armenia's request.
pub(crate) struct Crisis {
    pub(crate) alert: u64,
    pub(crate) incident: u64,
    pub(crate) request: u64,
}

pub(crate) fn prepare(app: &TestApp) -> Crisis {
    use crate::crisis_api::{at, created, open_incident};
    let mut centre = crate::crisis::with_token(app, "centre.am");
    // A moderate alert: the demo's agreement with the partner releases geological alerts from
    // severe up, and this one must stay the organisation's.
    let moderate = crate::crisis::ALERT.replace(
        "<severity>Severe</severity>",
        "<severity>Moderate</severity>",
    );
    assert_ne!(moderate, crate::crisis::ALERT);
    let taken = crate::crisis::post_cap(&mut centre, &moderate);
    assert_eq!(taken.status, 201, "{}", taken.body);
    let alert = taken.json()["alert"].as_u64().unwrap();
    let mut officer = Client::signed_in(app, "duty.officer");
    let incident = open_incident(&mut officer, &[alert], None);
    created(
        &mut officer,
        &format!("/api/v1/incidents/{incident}/sitreps"),
        &serde_json::json!({"kind": "initial", "from": at(-3600), "to": at(-60),
            "situation": {"ru": "С"}, "actions": {"ru": "Д"}, "needs": {"ru": "П"}, "next_due": at(86_400)}),
    );
    let mut armenia = Client::signed_in(app, "delegate.am");
    let request = created(
        &mut armenia,
        &format!("/api/v1/incidents/{incident}/requests"),
        &serde_json::json!({"needs": [{"capability": "airlift", "quantity": 1}],
            "location": "40.18,44.51", "needed_by": at(86_400)}),
    );
    Crisis {
        alert,
        incident,
        request,
    }
}
