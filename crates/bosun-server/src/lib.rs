//! The HTTPS server behind `bosun serve`: TLS termination, routing, body
//! limits, health and metrics. What a review decides is not decided here: a
//! [`Reviewer`] gets the request body of `/validate` or `/mutate` and returns
//! the response body, so the same decision code runs in tests without a
//! socket.
//!
//! Routes: `POST /validate`, `POST /mutate`, `GET /healthz` (the process
//! answers), `GET /readyz` (the reviewer is ready: policies loaded),
//! `GET /metrics` (Prometheus text). Anything else is 404; a body over the
//! limit is 413 without being read further.

pub mod metrics;
pub mod tls;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use metrics::Metrics;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tls::ReloadingResolver;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// Which review a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Validate,
    Mutate,
}

impl Endpoint {
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Validate => "validate",
            Endpoint::Mutate => "mutate",
        }
    }
}

/// What a reviewer answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    /// JSON.
    pub body: Vec<u8>,
    /// For metrics: `allowed`, `denied`, `bad_request`, `error`...
    pub outcome: &'static str,
}

/// Decides reviews; called on the server's worker threads, many at a time.
pub trait Reviewer: Send + Sync + 'static {
    fn review(&self, endpoint: Endpoint, body: &[u8]) -> Reply;

    /// Whether `/readyz` says ready.
    fn ready(&self) -> bool {
        true
    }
}

#[derive(Debug, Clone)]
pub struct ServerOptions {
    pub listen: SocketAddr,
    /// Larger request bodies get 413 (the API server itself caps objects near 3 MiB).
    pub max_body_bytes: usize,
    /// How often the certificate files are checked for changes.
    pub reload_interval: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            listen: SocketAddr::from(([0, 0, 0, 0], 8443)),
            max_body_bytes: 3 << 20,
            reload_interval: Duration::from_secs(10),
        }
    }
}

/// A started server: its address, and a handle that stops it when dropped.
pub struct Running {
    pub addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    /// Blocks until the server stops (it does not, unless it failed).
    pub fn wait(mut self) {
        if let Some(runtime) = self.runtime.take() {
            let (_keep, never) = tokio::sync::oneshot::channel::<()>();
            let _ = runtime.block_on(never);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(2));
        }
    }
}

struct State {
    reviewer: Arc<dyn Reviewer>,
    metrics: Metrics,
    max_body_bytes: usize,
}

/// Binds and starts serving on a multi-threaded runtime of its own.
pub fn start(
    options: &ServerOptions,
    resolver: Arc<ReloadingResolver>,
    reviewer: Arc<dyn Reviewer>,
) -> Result<Running, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("bosun-serve")
        .build()
        .map_err(|e| format!("starting the server runtime: {e}"))?;
    let listener = runtime
        .block_on(TcpListener::bind(options.listen))
        .map_err(|e| format!("listening on {}: {e}", options.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let mut config =
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_no_client_auth()
            .with_cert_resolver(resolver.clone());
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let state =
        Arc::new(State { reviewer, metrics: Metrics::default(), max_body_bytes: options.max_body_bytes });
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let interval = options.reload_interval;
    runtime.spawn(reload_loop(resolver, interval));
    runtime.spawn(accept_loop(listener, acceptor, state, stopped));
    Ok(Running { addr, runtime: Some(runtime), stop: Some(stop) })
}

async fn reload_loop(resolver: Arc<ReloadingResolver>, interval: Duration) {
    let mut ticks = tokio::time::interval(interval);
    loop {
        ticks.tick().await;
        match resolver.reload_if_changed() {
            Ok(true) => eprintln!("bosun serve: certificate reloaded"),
            Ok(false) => {}
            Err(e) => eprintln!("bosun serve: keeping the current certificate: {e}"),
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    state: Arc<State>,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stopped => return,
        };
        let Ok((stream, _peer)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let acceptor = acceptor.clone();
        let state = state.clone();
        tokio::spawn(async move {
            // A client that never finishes the handshake must not hold a task forever.
            let handshake = tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await;
            let Ok(Ok(tls)) = handshake else { return };
            let service = service_fn(move |request| handle(state.clone(), request));
            let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

async fn handle(
    state: Arc<State>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let endpoint = match (request.method(), request.uri().path()) {
        (&Method::GET, "/healthz") => return Ok(text(StatusCode::OK, "ok\n")),
        (&Method::GET, "/readyz") => {
            return Ok(if state.reviewer.ready() {
                text(StatusCode::OK, "ready\n")
            } else {
                text(StatusCode::SERVICE_UNAVAILABLE, "not ready\n")
            })
        }
        (&Method::GET, "/metrics") => return Ok(text(StatusCode::OK, &state.metrics.render())),
        (&Method::POST, "/validate") => Endpoint::Validate,
        (&Method::POST, "/mutate") => Endpoint::Mutate,
        (_, "/validate" | "/mutate" | "/healthz" | "/readyz" | "/metrics") => {
            return Ok(text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n"))
        }
        _ => return Ok(text(StatusCode::NOT_FOUND, "not found\n")),
    };
    let started = Instant::now();
    let body = match Limited::new(request.into_body(), state.max_body_bytes).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            let too_large = error.downcast_ref::<http_body_util::LengthLimitError>().is_some();
            let (status, outcome, message) = if too_large {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    format!("body over {} bytes\n", state.max_body_bytes),
                )
            } else {
                (StatusCode::BAD_REQUEST, "bad_request", "unreadable body\n".to_string())
            };
            state.metrics.record(endpoint.as_str(), outcome, started.elapsed());
            return Ok(text(status, &message));
        }
    };
    let reply = state.reviewer.review(endpoint, &body);
    state.metrics.record(endpoint.as_str(), reply.outcome, started.elapsed());
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    Ok(response)
}

fn text(status: StatusCode, body: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    response
}
