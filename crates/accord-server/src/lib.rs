#![doc = include_str!("../README.md")]

pub mod access;
pub mod accounts;
pub mod akn;
pub mod api;
pub mod app;
pub mod assets;
pub mod atom;
pub mod auth;
pub mod cache;
pub mod calendar;
pub mod crisis;
pub mod deadlines;
pub mod entries;
pub mod error;
pub mod export;
pub mod feeds;
pub mod i18n;
pub mod intake;
pub mod log;
pub mod map;
pub mod media;
pub mod metrics;
pub mod ops;
pub mod pages;
pub mod plans;
pub mod publications;
pub mod scenario;
pub mod search;
pub mod secretariat;
pub mod seed;
pub mod status;
pub mod tokens;
pub mod viewer;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use accord_ledger::VerifierKey;
use accord_store::{AnyStore, Journal};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use app::{App, AppState, ServerConfig, WitnessKey};

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The message catalogue is broken.
    #[error(transparent)]
    Catalog(#[from] i18n::CatalogError),
    /// Serving failed.
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
    /// The search index could not be made.
    #[error(transparent)]
    Search(#[from] accord_search::SearchError),
}

/// A server bound to its address, ready to run.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    app: AppState,
    router: Router,
    stop: watch::Sender<bool>,
}

/// Builds the application and binds its listener (port 0 picks a free port; see
/// [`Server::local_addr`]).
pub async fn bind(
    config: ServerConfig,
    journal: Journal<AnyStore>,
    log_key: VerifierKey,
) -> Result<Server, ServerError> {
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|source| ServerError::Bind {
            address: config.listen,
            source,
        })?;
    let (stop, stopping) = watch::channel(false);
    let feeds = feeds::FeedBoard::new(&config.feeds);
    let app = Arc::new(App {
        journal,
        catalog: i18n::Catalog::load()?,
        config,
        log_key,
        throttle: auth::Throttle::new(),
        metrics: metrics::Metrics::default(),
        cache: cache::ReadCache::default(),
        map: map::MapState::default(),
        feeds,
        stopping,
        search: search::SearchState::new()?,
        tokens: viewer::TokenCache::default(),
    });
    let router = router(app.clone());
    Ok(Server {
        listener,
        app,
        router,
        stop,
    })
}

impl Server {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The shared state (for in-process callers such as the demo).
    pub fn app(&self) -> &AppState {
        &self.app
    }

    /// Serves `routes` beside the application's own, outside its layers: no viewer, metrics,
    /// body limit or security headers apply to them. For embedders and benchmarks (the HTTP
    /// benchmark adds its floor, a handler returning a fixed body, this way); the server's own
    /// routing never includes them. A path both routers answer panics, as [`Router::merge`]
    /// does.
    #[must_use]
    pub fn merge(mut self, routes: Router) -> Self {
        self.router = self.router.merge(routes);
        self
    }

    /// Serves until `shutdown` completes, then stops live streams, lets requests in flight
    /// finish, and closes the journal, which signs a last checkpoint.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let Server {
            listener,
            app,
            router,
            stop,
        } = self;
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down");
            let _ = stop.send(true);
        };
        let scheduler = {
            let app = app.clone();
            let stopping = app.stopping.clone();
            tokio::spawn(async move { deadlines::run(&app.journal, stopping).await })
        };
        let poller = tokio::spawn(feeds::run(app.clone(), app.stopping.clone()));
        let searcher = tokio::spawn(search::follow(app.clone(), app.stopping.clone()));
        let served = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal)
        .await;
        let _ = scheduler.await;
        let _ = poller.await;
        let _ = searcher.await;
        app.journal.close().await;
        tracing::info!(
            log.size = app.journal.committed(),
            "stopped; the last checkpoint is signed"
        );
        served.map_err(ServerError::Serve)
    }
}

/// Every route: pages (errors as pages), the API (errors as problem documents), the log,
/// operations and assets, under the viewer, metrics and security-header layers.
pub fn router(app: AppState) -> Router {
    let (pages, api, log, ops) = routes();
    let pages = pages
        .router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            pages::error::pages,
        ));
    Router::new()
        .nest("/api/v1", api.router.fallback(not_found))
        .nest("/log", log.router.fallback(not_found))
        .merge(ops.router)
        .merge(pages)
        .layer(DefaultBodyLimit::max(app.config.max_body))
        .layer(middleware::from_fn_with_state(app.clone(), viewer::resolve))
        .layer(middleware::from_fn_with_state(app.clone(), metrics::track))
        .layer(
            // A span per request: what handlers log carries the method and the path (never
            // the query, which may hold a return address or a search).
            tower_http::trace::TraceLayer::new_for_http().make_span_with(
                |request: &axum::http::Request<_>| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path()
                    )
                },
            ),
        )
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

/// Every route the server answers, as `(method, path pattern)`: the list the route-by-route
/// access test must cover.
pub fn route_list() -> Vec<(&'static str, String)> {
    let (pages, api, log, ops) = routes();
    let mut list = Vec::new();
    for (prefix, group) in [("", pages), ("/api/v1", api), ("/log", log), ("", ops)] {
        list.extend(
            group
                .list
                .into_iter()
                .map(|(method, path)| (method, format!("{prefix}{path}"))),
        );
    }
    list
}

/// A router that remembers the routes it was given.
struct Routes {
    router: Router<AppState>,
    list: Vec<(&'static str, &'static str)>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    fn add(
        mut self,
        path: &'static str,
        methods: &[&'static str],
        handler: axum::routing::MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, handler);
        self.list.extend(methods.iter().map(|m| (*m, path)));
        self
    }

    fn get<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add(path, &["GET"], get(handler))
    }

    fn post<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add(path, &["POST"], post(handler))
    }
}

fn routes() -> (Routes, Routes, Routes, Routes) {
    let pages = Routes::new()
        .get("/", pages::home::public)
        .get("/home", pages::home::workspace)
        .get("/organisation", pages::organisation::page)
        .get("/record", pages::record::index)
        .get("/record/rows", pages::record::rows_after)
        .get("/record/{seq}", pages::record::entry)
        .get("/record/{seq}/proof", pages::record::proof)
        .add(
            "/login",
            &["GET", "POST"],
            get(pages::login::form).post(pages::login::submit),
        )
        .post("/logout", pages::login::logout)
        .get("/lang/{code}", pages::switch_language)
        .get("/admin", pages::admin::page)
        .post("/admin/tokens", pages::admin::create)
        .post("/admin/tokens/{id}/revoke", pages::admin::revoke)
        .get("/api/v1/docs", pages::api_docs)
        .add(
            "/sessions",
            &["GET", "POST"],
            get(pages::sessions::list).post(pages::sessions::create),
        )
        .get("/sessions/{id}", pages::session::page)
        .post("/sessions/{id}/status", pages::session::status)
        .post("/sessions/{id}/items", pages::session::add_item)
        .post("/sessions/{id}/packages", pages::session::create_package)
        .post("/sessions/{id}/minutes", pages::session::record_minutes)
        .post(
            "/sessions/{id}/items/{n}/conclude",
            pages::session::conclude_item,
        )
        .post(
            "/sessions/{id}/items/{n}/recommend",
            pages::session::recommend,
        )
        .post(
            "/sessions/{id}/items/{n}/procedures",
            pages::session::open_procedure,
        )
        .add(
            "/documents",
            &["GET", "POST"],
            get(pages::documents::list).post(pages::documents::create),
        )
        .get("/documents/{id}", pages::document::page)
        .post("/documents/{id}/amendments", pages::drafting::propose)
        .post("/documents/{id}/versions", pages::drafting::make_version)
        .post("/documents/{id}/silence", pages::drafting::launch_silence)
        .post(
            "/procedures/{id}/positions",
            pages::procedures::state_position,
        )
        .post("/procedures/{id}/close", pages::procedures::close)
        .post("/procedures/{id}/break", pages::procedures::break_silence)
        .get("/decisions/{id}", pages::decisions::page)
        .post("/decisions/{id}/signatures", pages::decisions::sign)
        .post("/delegation/key", pages::decisions::register_key)
        .get("/calendar.ics", pages::calendar::feed)
        // The Crisis Response Centre's pages.
        .add(
            "/incidents",
            &["GET", "POST"],
            get(pages::incidents::list).post(pages::incidents::create),
        )
        .get("/incidents/new", pages::incidents::new)
        .get("/incidents/{id}", pages::incident::page)
        .post("/incidents/{id}/status", pages::incident::change)
        .post("/incidents/{id}/alerts", pages::incident::link_alert)
        .post("/incidents/{id}/sitreps", pages::incident::issue_sitrep)
        .post("/incidents/{id}/requests", pages::incident::request)
        .get("/incidents/{id}/sitreps/{n}", pages::sitrep::page)
        .add(
            "/units",
            &["GET", "POST"],
            get(pages::units::board).post(pages::units::register),
        )
        .post("/units/{id}/readiness", pages::units::readiness)
        .get("/requests/{id}", pages::request::page)
        .post(
            "/requests/{id}/needs/{n}/withdraw",
            pages::request::withdraw,
        )
        .post(
            "/requests/{id}/needs/{n}/proposals",
            pages::request::propose,
        )
        .post("/deployments/{id}/status", pages::request::advance)
        .get("/alerts", pages::alerts::list)
        .get("/alerts/{id}", pages::alerts::page)
        .add(
            "/duty-log",
            &["GET", "POST"],
            get(pages::duty::log).post(pages::duty::write),
        )
        .add(
            "/exchange",
            &["GET", "POST"],
            get(pages::exchange::list).post(pages::exchange::make),
        )
        .post("/exchange/{id}/end", pages::exchange::end)
        .get("/map", pages::map::page)
        // Feed polling and the partner exchange feed.
        .get("/feeds", pages::feeds::page)
        // Plans and strategies, peacekeeping (issue 8).
        .add(
            "/plans",
            &["GET", "POST"],
            get(pages::plans::list).post(pages::plans::create),
        )
        .get("/plans/{id}", pages::plan::page)
        .post("/plans/{id}/measures", pages::plan::add_measure)
        .post("/plans/{id}/reports", pages::plan::report)
        .get("/peacekeeping", pages::peacekeeping::overview)
        .get("/peacekeeping/training", pages::peacekeeping::training)
        .post(
            "/peacekeeping/institutions",
            pages::peacekeeping_forms::establish_institution,
        )
        .post(
            "/peacekeeping/courses",
            pages::peacekeeping_forms::add_course,
        )
        .post(
            "/peacekeeping/intakes",
            pages::peacekeeping_forms::open_intake,
        )
        .post(
            "/peacekeeping/certifications",
            pages::peacekeeping_forms::certify,
        )
        .post(
            "/peacekeeping/contingents",
            pages::peacekeeping_forms::form_contingent,
        )
        .post(
            "/peacekeeping/contingents/{id}/units",
            pages::peacekeeping_forms::assign_unit,
        )
        .post(
            "/peacekeeping/mandates",
            pages::peacekeeping_forms::issue_mandate,
        )
        // Public information: the public site's news and the Secretariat's pages.
        .get("/news", pages::news::list)
        .get("/news/{id}", pages::news::item)
        .get("/news/feed/{file}", pages::news::feed)
        .get("/media/{hash}", media::serve)
        .add(
            "/publications",
            &["GET", "POST"],
            get(pages::publications::list).post(pages::publications::create),
        )
        .add(
            "/publications/{id}",
            &["GET", "POST"],
            get(pages::publications::page).post(pages::publications::edit),
        )
        .post("/publications/{id}/publish", pages::publications::publish)
        .post("/publications/{id}/withdraw", pages::publications::withdraw)
        .add(
            "/publications/{id}/images",
            &["POST"],
            post(pages::publications::upload)
                .layer(DefaultBodyLimit::max(publications::UPLOAD_LIMIT)),
        )
        // Status applications, the chairmanship and joint positions in forums.
        .add(
            "/applications",
            &["GET", "POST"],
            get(pages::applications::list).post(pages::applications::create),
        )
        .get("/applications/{id}", pages::applications::page)
        .post("/applications/{id}/steps", pages::applications::link_step)
        .post("/applications/{id}/withdraw", pages::applications::withdraw)
        .get("/chairmanship", pages::chairmanship::page)
        .post(
            "/chairmanship/priorities",
            pages::chairmanship::set_priorities,
        )
        .post("/documents/{id}/deliveries", pages::deliveries::record)
        // Full-text search.
        .get("/search", pages::search::page)
        // Sessions open to observers.
        .post(
            "/sessions/{id}/open-to-observers",
            pages::session::set_open_to_observers,
        )
        .post("/sessions/{id}/observers", pages::session::record_observers)
        // Partnership protocols.
        .post("/protocols", pages::organisation::record_protocol);
    let api = Routes::new()
        .get("/organisation", api::organisation::get)
        .get("/entries", api::entries::list)
        .get("/entries/{seq}", api::entries::get)
        .get("/checkpoint", api::entries::checkpoint)
        .get("/me", api::entries::me)
        .post("/notes", api::notes::create)
        .add(
            "/tokens",
            &["GET", "POST"],
            get(api::tokens::list).post(api::tokens::create),
        )
        .add(
            "/tokens/{id}",
            &["DELETE"],
            axum::routing::delete(api::tokens::revoke),
        )
        .add(
            "/accounts/{username}/sessions",
            &["DELETE"],
            axum::routing::delete(api::tokens::revoke_sessions),
        )
        .get("/events/stream", api::stream::stream)
        .post("/cap", api::cap::intake)
        .get("/map", api::map::get)
        .get("/map/stream", api::map::stream)
        .add(
            "/sessions",
            &["GET", "POST"],
            get(api::secretariat::list_sessions).post(api::secretariat::schedule),
        )
        .add(
            "/sessions/{id}",
            &["GET", "PUT"],
            get(api::secretariat::get_session).put(api::secretariat::change_session),
        )
        .post("/sessions/{id}/status", api::secretariat::set_status)
        .post("/sessions/{id}/items", api::secretariat::add_item)
        .post(
            "/sessions/{id}/items/{item}/outcome",
            api::secretariat::conclude_item,
        )
        .post(
            "/sessions/{id}/items/{item}/recommendation",
            api::secretariat::recommend,
        )
        .post(
            "/sessions/{id}/items/{item}/procedures",
            api::secretariat::open_procedure,
        )
        .post("/sessions/{id}/packages", api::secretariat::create_package)
        .post("/sessions/{id}/minutes", api::secretariat::record_minutes)
        .add(
            "/documents",
            &["GET", "POST"],
            get(api::secretariat::list_documents).post(api::secretariat::register),
        )
        .get("/documents/{id}", api::secretariat::get_document)
        .post("/documents/{id}/versions", api::secretariat::make_version)
        .post(
            "/documents/{id}/amendments",
            api::secretariat::propose_amendment,
        )
        .post("/documents/{id}/silence", api::secretariat::launch_silence)
        .get("/documents/{id}/compare", api::secretariat::compare)
        .get("/procedures/{id}", api::secretariat::get_procedure)
        .post(
            "/procedures/{id}/positions",
            api::secretariat::state_position,
        )
        .post("/procedures/{id}/break", api::secretariat::break_silence)
        .post("/procedures/{id}/close", api::secretariat::close_procedure)
        .get("/decisions/{id}", api::secretariat::get_decision)
        .post("/decisions/{id}/signatures", api::secretariat::sign)
        .post("/delegation/key", api::secretariat::register_key)
        .get("/documents/{id}/akn/{lang}", export::document)
        .get("/packages/{id}/akn/{lang}", export::package)
        .get("/amendments/{id}/akn/{lang}", export::amendment)
        // The Crisis Response Centre's API.
        .add(
            "/incidents",
            &["GET", "POST"],
            get(api::crisis::list_incidents).post(api::crisis::open_incident),
        )
        .get("/incidents/{id}", api::crisis::get_incident)
        .post("/incidents/{id}/changes", api::crisis::change_incident)
        .post("/incidents/{id}/alerts", api::crisis::link_alert)
        .post("/incidents/{id}/sitreps", api::crisis::issue_sitrep)
        .post("/incidents/{id}/requests", api::crisis::request_assistance)
        .get("/alerts", api::alerts::list_alerts)
        .get("/alerts/{id}", api::alerts::get_alert)
        .get("/alerts/{id}/cap", api::alerts::alert_cap)
        .add(
            "/units",
            &["GET", "POST"],
            get(api::forces::list_units).post(api::forces::register_unit),
        )
        .post("/units/{id}/readiness", api::forces::set_readiness)
        .get("/requests/{id}", api::forces::get_request)
        .get("/requests/{id}/needs/{need}/matches", api::forces::matches)
        .post(
            "/requests/{id}/needs/{need}/withdraw",
            api::forces::withdraw_need,
        )
        .post(
            "/requests/{id}/needs/{need}/proposals",
            api::forces::propose_unit,
        )
        .post("/deployments/{id}/status", api::forces::advance_deployment)
        .add(
            "/duty-log",
            &["GET", "POST"],
            get(api::forces::list_duty_log).post(api::forces::write_note),
        )
        .add(
            "/agreements",
            &["GET", "POST"],
            get(api::forces::list_agreements).post(api::forces::make_agreement),
        )
        .post("/agreements/{id}/end", api::forces::end_agreement)
        .get("/openapi.json", api::openapi)
        // Feed polling and the partner exchange feed.
        .get("/feeds", api::feeds::list)
        .get("/exchange/{agreement}/feed.atom", api::exchange::feed)
        // Plans and strategies, peacekeeping (issue 8).
        .add(
            "/plans",
            &["GET", "POST"],
            get(api::plans::list_plans).post(api::plans::create_plan),
        )
        .get("/plans/{id}", api::plans::get_plan)
        .post("/plans/{id}/measures", api::plans::add_measure)
        .post("/plans/{id}/reports", api::plans::report_progress)
        .get("/peacekeeping", api::peacekeeping::overview)
        .post("/peacekeeping/institutions", api::peacekeeping::establish)
        .post("/peacekeeping/courses", api::peacekeeping::add_course)
        .post("/peacekeeping/intakes", api::peacekeeping::open_intake)
        .post(
            "/peacekeeping/intakes/{id}/certifications",
            api::peacekeeping::certify,
        )
        .post(
            "/peacekeeping/contingents",
            api::peacekeeping::form_contingent,
        )
        .post(
            "/peacekeeping/contingents/{id}/units",
            api::peacekeeping::assign_unit,
        )
        .post("/peacekeeping/mandates", api::peacekeeping::issue_mandate)
        // Public information.
        .add(
            "/publications",
            &["GET", "POST"],
            get(api::publications::list).post(api::publications::create),
        )
        .add(
            "/publications/{id}",
            &["GET", "PUT"],
            get(api::publications::get).put(api::publications::edit),
        )
        .post("/publications/{id}/publish", api::publications::publish)
        .post("/publications/{id}/withdraw", api::publications::withdraw)
        .add(
            "/publications/{id}/images",
            &["POST"],
            post(api::publications::images)
                .layer(DefaultBodyLimit::max(publications::UPLOAD_LIMIT)),
        )
        // Status applications, the chairmanship and joint positions in forums.
        .add(
            "/applications",
            &["GET", "POST"],
            get(api::status::list).post(api::status::create),
        )
        .get("/applications/{id}", api::status::get)
        .post("/applications/{id}/steps", api::status::link_step)
        .post("/applications/{id}/withdraw", api::status::withdraw)
        .get("/chairmanship", api::status::chairmanship)
        .post("/chairmanship/priorities", api::status::set_priorities)
        .post("/documents/{id}/deliveries", api::status::deliver)
        // Full-text search.
        .get("/search", api::search::search)
        // Sessions open to observers.
        .post(
            "/sessions/{id}/open-to-observers",
            api::secretariat::set_open_to_observers,
        )
        .post(
            "/sessions/{id}/observers",
            api::secretariat::record_observers,
        )
        // Partnership protocols.
        .add(
            "/protocols",
            &["GET", "POST"],
            get(api::status::protocols).post(api::status::record_protocol),
        );
    let log = Routes::new()
        .get("/checkpoint", log::checkpoint)
        .get("/tile/{*rest}", log::tile)
        .get("/bodies/{hex}", log::body)
        .post("/witness/add-checkpoint", log::add_checkpoint);
    let ops = Routes::new()
        .get("/healthz", ops::healthz)
        .get("/readyz", ops::readyz)
        .get("/metrics", ops::metrics)
        .get("/assets/{*path}", assets::serve);
    (pages, api, log, ops)
}

async fn not_found() -> error::AppError {
    error::AppError::NotFound
}

/// Headers on every response: no inline script anywhere, no framing, no sniffing, no referrer
/// beyond this origin.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    response
}
