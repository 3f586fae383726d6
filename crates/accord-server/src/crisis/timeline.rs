//! An incident's timeline: its opening, the changes of its status, severity or lead, the alerts
//! on it, its situation reports, the requests
//! for assistance made for it, every step of their deployments and the duty notes about it, in
//! time order; and the duty log, the officers' notes among the Centre's events. Only what the
//! reader may see is on it.

use accord_core::crisis::alerts::Alert;
use accord_core::crisis::duty::DutyNote;
use accord_core::crisis::model::{
    Deployment, DeploymentStep, Incident, IncidentChange, Request, Sitrep,
};
use accord_core::{State, Timestamp};

use crate::viewer::Ctx;

use super::{may_see_alert, may_see_incident, may_see_note, may_see_sitrep};

/// What happened.
#[derive(Debug, Clone, Copy)]
pub enum Happened<'s> {
    /// The incident was opened.
    Opened(&'s Incident),
    /// Its status, severity or lead changed.
    Changed(&'s IncidentChange),
    /// An alert joined it.
    Alert(&'s Alert),
    /// A situation report was issued.
    Sitrep(&'s Sitrep),
    /// A member state requested assistance.
    Request(&'s Request),
    /// A deployment moved on.
    Deployment(&'s Deployment, &'s DeploymentStep),
    /// An officer wrote in the duty log.
    Note(&'s DutyNote),
}

/// One entry of a timeline.
#[derive(Debug, Clone, Copy)]
pub struct Item<'s> {
    /// When.
    pub at: Timestamp,
    /// The incident it belongs to.
    pub incident: &'s Incident,
    /// What.
    pub what: Happened<'s>,
}

impl Item<'_> {
    /// Its kind, as the API names it.
    pub fn kind(&self) -> &'static str {
        match self.what {
            Happened::Opened(_) => "opened",
            Happened::Changed(_) => "changed",
            Happened::Alert(_) => "alert",
            Happened::Sitrep(_) => "sitrep",
            Happened::Request(_) => "request",
            Happened::Deployment(..) => "deployment",
            Happened::Note(_) => "note",
        }
    }
}

/// The incident's timeline, oldest first, as far as the reader may see it (the reader may see
/// the incident).
pub fn of_incident<'s>(ctx: &Ctx, state: &'s State, incident: &'s Incident) -> Vec<Item<'s>> {
    let crisis = state.crisis();
    let item = |at, what| Item { at, incident, what };
    let mut items = vec![item(incident.opened_at, Happened::Opened(incident))];
    items.extend(
        incident
            .changes
            .iter()
            .map(|c| item(c.at, Happened::Changed(c))),
    );
    items.extend(
        incident
            .alerts
            .iter()
            .filter_map(|a| crisis.alert(*a))
            .filter(|a| may_see_alert(ctx, state, a))
            .map(|a| item(a.received_at, Happened::Alert(a))),
    );
    items.extend(
        incident
            .sitreps
            .iter()
            .filter(|s| may_see_sitrep(ctx, state, incident, s))
            .map(|s| item(s.issued_at, Happened::Sitrep(s))),
    );
    for request in incident.requests.iter().filter_map(|r| crisis.request(*r)) {
        items.push(item(request.requested_at, Happened::Request(request)));
        for deployment in crisis.deployments_of(request) {
            items.extend(
                deployment
                    .steps
                    .iter()
                    .map(|step| item(step.at, Happened::Deployment(deployment, step))),
            );
        }
    }
    items.extend(
        crisis
            .duty_log()
            .values()
            .filter(|n| n.incident == Some(incident.id))
            .map(|n| item(n.at, Happened::Note(n))),
    );
    // Stable: what happened at the same second keeps the order above.
    items.sort_by_key(|i| i.at);
    items
}

/// A line of the duty log.
#[derive(Debug, Clone, Copy)]
pub enum LogLine<'s> {
    /// Something the Centre recorded about an incident.
    Event(Item<'s>),
    /// An officer's note (about an incident or none).
    Note(&'s DutyNote),
}

impl LogLine<'_> {
    /// When.
    pub fn at(&self) -> Timestamp {
        match self {
            LogLine::Event(item) => item.at,
            LogLine::Note(note) => note.at,
        }
    }
}

/// The duty log: every note the reader may see among the events of the incidents they may
/// see, in time order.
pub fn duty_log<'s>(ctx: &Ctx, state: &'s State) -> Vec<LogLine<'s>> {
    let crisis = state.crisis();
    let mut out = Vec::new();
    for incident in crisis
        .incidents()
        .values()
        .filter(|i| may_see_incident(ctx, i))
    {
        out.extend(
            of_incident(ctx, state, incident)
                .into_iter()
                .filter(|i| !matches!(i.what, Happened::Note(_)))
                .map(LogLine::Event),
        );
    }
    out.extend(
        crisis
            .duty_log()
            .values()
            .filter(|n| may_see_note(ctx, state, n))
            .map(|n| LogLine::Note(n)),
    );
    out.sort_by_key(LogLine::at);
    out
}
