//! `incident-lint/test/*` requests, enabled by [`crate::Options::test_hooks`]: the integration
//! tests use them to show that a panicking or slow handler does not stop the server, that
//! memory stays flat, and what text the server holds.

use std::time::Duration;

use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::Url;

use crate::Backend;
use crate::server::run_blocking;
use crate::state::read_lock;

impl Backend {
    /// Test hook: a handler that panics, to show that the server answers and keeps serving.
    pub async fn test_panic(&self, _params: Value) -> Result<Value> {
        run_blocking("incident-lint/test/panic", || -> Value {
            std::panic::resume_unwind(Box::new("test hook: a handler panicked"))
        })
        .await
    }

    /// Test hook: a request that takes `{"ms": n}` milliseconds, to test cancellation.
    pub async fn test_sleep(&self, params: Value) -> Result<Value> {
        let millis = params.get("ms").and_then(Value::as_u64).unwrap_or(10_000);
        tokio::time::sleep(Duration::from_millis(millis)).await;
        Ok(Value::Bool(true))
    }

    /// Test hook: the server's resident memory in kilobytes and how many documents it holds.
    pub async fn test_memory(&self, _params: Value) -> Result<Value> {
        let documents = read_lock(&self.shared.documents).len();
        Ok(serde_json::json!({
            "rss_kb": resident_memory_kb(),
            "documents": documents,
        }))
    }

    /// Test hook: the server's copy of a document, `{"uri": …}` → `{"text", "version"}`.
    pub async fn test_document(&self, params: Value) -> Result<Value> {
        let uri = params
            .get("uri")
            .and_then(Value::as_str)
            .and_then(|uri| Url::parse(uri).ok())
            .ok_or_else(|| Error::invalid_params("expected {\"uri\": …}"))?;
        let documents = read_lock(&self.shared.documents);
        Ok(documents.get(&uri).map_or(Value::Null, |open| {
            serde_json::json!({
                "text": open.document.text(),
                "version": open.document.version(),
            })
        }))
    }
}

/// The resident memory of this process in kilobytes (Linux), or 0.
pub fn resident_memory_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
