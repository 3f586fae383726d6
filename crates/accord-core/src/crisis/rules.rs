//! The Centre's rules as pure functions: great-circle distance, ranking units against a need
//! with the reason for each rank, when a need and a request are met, and when a situation report
//! is overdue.

use serde::Serialize;

use crate::crisis::model::{
    Deployment, GeoPoint, Incident, IncidentStatus, Need, Readiness, Request, SitrepKind, Unit,
    UnitId,
};
use crate::time::Timestamp;

/// The mean radius of the Earth, in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The great-circle distance between two points, in kilometres (haversine).
pub fn great_circle_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (lat1, lat2) = (a.lat().to_radians(), b.lat().to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon() - a.lon()).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Kilometres rounded to a whole number (the distance of two points on the Earth is far below
/// `u32::MAX`; the value is clamped first).
#[expect(
    clippy::cast_possible_truncation,
    reason = "clamped to u32's range and rounded before the cast"
)]
fn whole_km(km: f64) -> u32 {
    km.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// Why a unit ranks where it does: each fact the ranking weighed, for the duty officer to read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The unit is ready.
    Ready,
    /// The unit is ready with reduced capacity or longer notice.
    Reduced,
    /// The unit is not available.
    NotAvailable,
    /// The unit is deployed elsewhere.
    Deployed,
    /// Deployed on time: it can arrive `spare_hours` before the needed-by time.
    InTime {
        /// Hours to spare.
        spare_hours: i64,
    },
    /// Too late: it would arrive `late_hours` after the needed-by time.
    TooLate {
        /// Hours late.
        late_hours: i64,
    },
    /// Its home base is this far from where it is needed.
    Distance {
        /// Kilometres, rounded.
        km: u32,
    },
    /// Its capacity covers this much of what is still needed.
    Covers {
        /// Its capacity.
        capacity: u32,
        /// What is still needed.
        outstanding: u32,
    },
}

/// A unit proposed for a need, with its rank (1 is best) and the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The unit.
    pub unit: UnitId,
    /// Its rank, from 1.
    pub rank: usize,
    /// Whether it can be proposed at all (ready or reduced, not deployed elsewhere).
    pub available: bool,
    /// The facts the rank rests on.
    pub reasons: Vec<Reason>,
}

fn readiness_order(readiness: Readiness) -> u8 {
    match readiness {
        Readiness::Ready => 0,
        Readiness::Reduced => 1,
        Readiness::NotAvailable => 2,
        Readiness::Deployed => 3,
    }
}

/// Ranks the units of the need's capability for a request made at `now`: first the units that
/// can go (ready before reduced), then by whether they arrive by the needed-by time, then by
/// distance from home base to the place of need, then by capacity (larger first). Units of other
/// capabilities are not proposed. `outstanding` is what the need still lacks.
pub fn rank_units<'u>(
    need: &Need,
    outstanding: u32,
    location: GeoPoint,
    needed_by: Timestamp,
    now: Timestamp,
    units: impl IntoIterator<Item = &'u Unit>,
) -> Vec<Match> {
    let mut candidates: Vec<(&Unit, f64, i64)> = units
        .into_iter()
        .filter(|u| u.capability == need.capability)
        .map(|u| {
            let km = great_circle_km(u.home, location);
            let arrival = now.unix_seconds() + i64::from(u.deployment_hours) * 3600;
            let spare_hours = (needed_by.unix_seconds() - arrival).div_euclid(3600);
            (u, km, spare_hours)
        })
        .collect();
    candidates.sort_by(|(a, akm, aspare), (b, bkm, bspare)| {
        readiness_order(a.readiness)
            .min(2)
            .cmp(&readiness_order(b.readiness).min(2))
            .then_with(|| (*aspare < 0).cmp(&(*bspare < 0)))
            .then_with(|| readiness_order(a.readiness).cmp(&readiness_order(b.readiness)))
            .then_with(|| akm.total_cmp(bkm))
            .then_with(|| b.capacity.cmp(&a.capacity))
            .then_with(|| a.id.cmp(&b.id))
    });
    candidates
        .into_iter()
        .enumerate()
        .map(|(i, (unit, km, spare))| {
            let mut reasons = vec![match unit.readiness {
                Readiness::Ready => Reason::Ready,
                Readiness::Reduced => Reason::Reduced,
                Readiness::NotAvailable => Reason::NotAvailable,
                Readiness::Deployed => Reason::Deployed,
            }];
            reasons.push(if spare >= 0 {
                Reason::InTime { spare_hours: spare }
            } else {
                Reason::TooLate { late_hours: -spare }
            });
            reasons.push(Reason::Distance { km: whole_km(km) });
            reasons.push(Reason::Covers {
                capacity: unit.capacity,
                outstanding,
            });
            Match {
                unit: unit.id,
                rank: i + 1,
                available: matches!(unit.readiness, Readiness::Ready | Readiness::Reduced),
                reasons,
            }
        })
        .collect()
}

/// What need `index` of `request` still lacks, counting the capacity of the units accepted and
/// on their way or on site.
pub fn outstanding<'d>(
    request: &Request,
    index: usize,
    deployments: impl IntoIterator<Item = &'d Deployment>,
    capacity_of: impl Fn(UnitId) -> u32,
) -> u32 {
    let Some(need) = request.needs.get(index) else {
        return 0;
    };
    if need.withdrawn {
        return 0;
    }
    let covered: u32 = deployments
        .into_iter()
        .filter(|d| d.request == request.id && d.need == index && d.status().counts())
        .map(|d| capacity_of(d.unit))
        .fold(0u32, u32::saturating_add);
    need.quantity.saturating_sub(covered)
}

/// Whether every need of the request is met or withdrawn.
pub fn request_done(
    request: &Request,
    deployments: &[&Deployment],
    capacity_of: impl Fn(UnitId) -> u32,
) -> bool {
    (0..request.needs.len())
        .all(|i| outstanding(request, i, deployments.iter().copied(), &capacity_of) == 0)
}

/// Whether the incident's next situation report is overdue at `now`: it is open, its last
/// report was not final, and that report's next-report time has passed.
pub fn sitrep_overdue(incident: &Incident, now: Timestamp) -> bool {
    if incident.status == IncidentStatus::Closed {
        return false;
    }
    match incident.sitreps.last() {
        Some(last) if last.kind == SitrepKind::Final => false,
        Some(last) => last.next_due.is_some_and(|due| due < now),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crisis::model::{
        Capability, DeploymentId, DeploymentStatus, DeploymentStep, IncidentId, RequestId,
    };
    use crate::ids::{Actor, StateCode};
    use crate::lang::{Lang, Text};

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).expect("time")
    }

    fn point(lat: f64, lon: f64) -> GeoPoint {
        GeoPoint::new(lat, lon).expect("point")
    }

    fn unit(
        id: u64,
        capability: Capability,
        readiness: Readiness,
        home: GeoPoint,
        hours: u32,
        capacity: u32,
    ) -> Unit {
        Unit {
            id: UnitId(id),
            state: StateCode::parse("RU").expect("code"),
            name: Text::new(Lang::parse("ru").expect("ru"), format!("Отряд {id}")).expect("text"),
            capability,
            capacity,
            self_sufficiency_days: 14,
            deployment_hours: hours,
            readiness,
            home,
        }
    }

    #[test]
    fn moscow_to_yerevan_is_about_1800_km() {
        let km = great_circle_km(point(55.7558, 37.6173), point(40.1792, 44.4991));
        // An independent haversine (Python, the same mean radius) gives 1,804.07 km.
        assert!((km - 1804.07).abs() < 0.01, "{km}");
        assert_eq!(great_circle_km(point(0.0, 0.0), point(0.0, 0.0)), 0.0);
        // Antipodes: half the circumference.
        let half = great_circle_km(point(0.0, 0.0), point(0.0, 180.0));
        assert!((half - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1.0);
    }

    #[test]
    fn points_are_kept_to_a_millionth_of_a_degree_and_written_as_text() {
        let p = point(40.1833, -44.5152);
        assert_eq!(p.to_string(), "40.183300,-44.515200");
        assert_eq!(GeoPoint::parse("40.1833,-44.5152"), Ok(p));
        assert_eq!(GeoPoint::parse(&p.to_string()), Ok(p));
        assert!(GeoPoint::parse("40.1234567,44").is_err());
        assert!(GeoPoint::parse("1e2,3").is_err());
        assert!(GeoPoint::parse("40").is_err());
        let json = serde_json::to_string(&p).expect("json");
        assert_eq!(json, "\"40.183300,-44.515200\"");
    }

    #[test]
    fn points_off_the_globe_are_refused() {
        assert!(GeoPoint::new(91.0, 0.0).is_err());
        assert!(GeoPoint::new(0.0, -180.5).is_err());
        assert!(GeoPoint::new(f64::NAN, 0.0).is_err());
    }

    #[test]
    fn units_rank_by_readiness_then_time_then_distance_with_reasons() {
        let yerevan = point(40.18, 44.50);
        let now = at("2020-12-01T00:00:00Z");
        let needed_by = at("2020-12-02T00:00:00Z");
        let need = Need {
            capability: Capability::FieldHospital,
            quantity: 100,
            withdrawn: false,
        };
        let units = [
            // Near but only reduced readiness.
            unit(
                1,
                Capability::FieldHospital,
                Readiness::Reduced,
                point(40.8, 44.5),
                12,
                50,
            ),
            // Ready, far, in time.
            unit(
                2,
                Capability::FieldHospital,
                Readiness::Ready,
                point(55.75, 37.62),
                20,
                100,
            ),
            // Ready, near, in time: the best.
            unit(
                3,
                Capability::FieldHospital,
                Readiness::Ready,
                point(43.24, 76.89),
                6,
                60,
            ),
            // Ready and nearest, but too slow to arrive by the needed-by time.
            unit(
                4,
                Capability::FieldHospital,
                Readiness::Ready,
                point(40.2, 44.6),
                48,
                200,
            ),
            // Deployed elsewhere.
            unit(
                5,
                Capability::FieldHospital,
                Readiness::Deployed,
                point(40.2, 44.5),
                1,
                100,
            ),
            // Another capability: never proposed.
            unit(
                6,
                Capability::Airlift,
                Readiness::Ready,
                point(40.2, 44.5),
                1,
                100,
            ),
        ];
        let ranked = rank_units(&need, 100, yerevan, needed_by, now, &units);
        let order: Vec<u64> = ranked.iter().map(|m| m.unit.0).collect();
        assert_eq!(order, [2, 3, 4, 1, 5]);
        // 2 is ranked over 3: both ready and in time, and Moscow is nearer Yerevan than Almaty.
        assert_eq!(ranked[0].rank, 1);
        assert!(
            ranked[0]
                .reasons
                .contains(&Reason::InTime { spare_hours: 4 })
        );
        assert!(
            ranked[2]
                .reasons
                .contains(&Reason::TooLate { late_hours: 24 })
        );
        assert!(!ranked[4].available);
        assert!(ranked[4].reasons.contains(&Reason::Deployed));
    }

    fn deployment(id: u64, need: usize, unit: u64, status: DeploymentStatus) -> Deployment {
        Deployment {
            id: DeploymentId(id),
            request: RequestId(1),
            need,
            unit: UnitId(unit),
            steps: vec![DeploymentStep {
                status,
                by: Actor::System,
                at: at("2020-12-01T00:00:00Z"),
            }],
        }
    }

    #[test]
    fn a_request_is_done_when_accepted_units_cover_every_need_or_it_is_withdrawn() {
        let mut request = Request {
            id: RequestId(1),
            incident: IncidentId(1),
            state: StateCode::parse("KG").expect("code"),
            needs: vec![
                Need {
                    capability: Capability::FieldHospital,
                    quantity: 100,
                    withdrawn: false,
                },
                Need {
                    capability: Capability::BiosecurityLaboratory,
                    quantity: 1,
                    withdrawn: false,
                },
            ],
            location: point(42.87, 74.59),
            needed_by: at("2020-12-05T00:00:00Z"),
            requested_at: at("2020-12-01T00:00:00Z"),
            deployments: vec![],
            closed: false,
        };
        let capacity = |u: UnitId| if u.0 == 1 { 60 } else { 50 };
        let offered = deployment(1, 0, 1, DeploymentStatus::Offered);
        let accepted = deployment(2, 0, 1, DeploymentStatus::Accepted);
        let second = deployment(3, 0, 2, DeploymentStatus::EnRoute);
        // An offer does not count; an accepted unit does.
        assert_eq!(outstanding(&request, 0, [&offered], capacity), 100);
        assert_eq!(outstanding(&request, 0, [&accepted], capacity), 40);
        assert_eq!(outstanding(&request, 0, [&accepted, &second], capacity), 0);
        assert!(!request_done(&request, &[&accepted, &second], capacity));
        request.needs[1].withdrawn = true;
        assert!(request_done(&request, &[&accepted, &second], capacity));
        let released = deployment(4, 0, 2, DeploymentStatus::Released);
        assert!(!request_done(&request, &[&accepted, &released], capacity));
    }

    #[test]
    fn every_deployment_step_names_what_may_follow() {
        use DeploymentStatus as D;
        let order = [
            D::Requested,
            D::Offered,
            D::Accepted,
            D::Mobilising,
            D::EnRoute,
            D::OnSite,
            D::Released,
        ];
        for pair in order.windows(2) {
            assert!(pair[0].allowed().contains(&pair[1]), "{:?}", pair);
        }
        for status in order {
            // Never backwards, never skipping a step (except standing down).
            for target in status.allowed() {
                let (from, to) = (
                    order.iter().position(|s| *s == status),
                    order.iter().position(|s| *s == target),
                );
                assert!(to > from);
                assert!(target == D::Released || to == from.map(|f| f + 1));
            }
        }
        assert!(D::Released.allowed().is_empty());
        assert!(!D::Mobilising.allowed().contains(&D::Accepted));
    }
}
