//! Times each new connection's set-up (name lookup, TCP, TLS) apart from the request sent on it.
//!
//! A request's "answer read" line gives the time until the answer's head, which includes setting
//! up a connection when the pool had none free: a slow first request after a start says, with this
//! line inside its span, whether it waited on the connection or on the server.

use std::task::{Context, Poll};

use tower::{Layer, Service};

use crate::transport::BoxFuture;

/// The reqwest connector layer that logs "connection set up" with its `connect_ms`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TraceConnections;

impl<S> Layer<S> for TraceConnections {
    type Service = TracedConnector<S>;

    fn layer(&self, inner: S) -> Self::Service {
        TracedConnector(inner)
    }
}

/// A connector that logs how long each connection took to set up, and whether it failed.
#[derive(Debug, Clone)]
pub(crate) struct TracedConnector<S>(S);

impl<S, Target> Service<Target> for TracedConnector<S>
where
    S: Service<Target>,
    S::Future: Send + 'static,
    S::Error: std::fmt::Display,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, target: Target) -> Self::Future {
        let connecting = self.0.call(target);
        Box::pin(async move {
            let started = tokio::time::Instant::now();
            let connection = connecting.await;
            let connect_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            match &connection {
                Ok(_) => tracing::debug!(connect_ms, "connection set up"),
                Err(e) => tracing::debug!(connect_ms, error = %e, "connection failed"),
            }
            connection
        })
    }
}
