//! The `incident-lint lsp` language server: diagnostics, fixes, completion, hover, navigation,
//! symbols, folding, semantic tokens, inlay hints and formatting for `.incident` files.
//!
//! This is the only crate that sees LSP types. Diagnostics come from the same
//! `incident_rules::check_in_workspace` as the command line, and every conversion between byte
//! offsets and LSP positions goes through [`convert`]. Standard output carries the protocol, so
//! the server logs with `tracing` to standard error (filter with `INCIDENT_LINT_LOG`).
//!
//! Every workspace folder of `initialize` and `workspace/didChangeWorkspaceFolders` is part of
//! the workspace. A document's settings come from the nearest `incident-lint.toml` above its
//! file, with the editor's `incident-lint` settings over them ([`editor_settings`]: `select`,
//! `extendSelect`, `ignore`, `preview`, `preset`, pushed with `workspace/didChangeConfiguration`
//! or pulled per folder with `workspace/configuration`); the editor wins, as the command line's
//! flags do.

#![deny(clippy::print_stdout)]

pub mod analysis;
pub mod client_support;
mod config;
pub mod convert;
pub mod document;
pub mod editor_settings;
pub mod handlers;
mod open_documents;
mod server;
mod state;
mod test_hooks;
pub mod transport;
pub mod workspace;

use std::process::ExitCode;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Notify;
use tower::Service;
use tower_lsp::jsonrpc::Request;
use tower_lsp::{LspService, Server};

pub use server::Backend;
pub use test_hooks::resident_memory_kb;

/// How the server behaves; [`Options::default`] is what `incident-lint lsp` runs with.
#[derive(Clone, Debug)]
pub struct Options {
    /// How long the text must stay unchanged before it is linted again.
    pub debounce: Duration,
    /// Enables the `incident-lint/test/*` requests that the integration tests use to check that
    /// a panicking or slow handler does not stop the server.
    pub test_hooks: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            debounce: Duration::from_millis(150),
            test_hooks: std::env::var_os("INCIDENT_LINT_LSP_TEST_HOOKS").is_some(),
        }
    }
}

/// Serves the protocol on standard input and output until the client says `exit` (or closes
/// the input). The exit code is 0 after a `shutdown` request, 1 otherwise, as LSP asks.
pub fn run_stdio() -> ExitCode {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!("cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        Options::default(),
    ));
    // Background work (a lint still running) must not keep the process alive.
    runtime.shutdown_timeout(Duration::from_millis(100));
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Serves the protocol on `input` and `output`; returns whether `shutdown` came before the end.
pub async fn serve<I, O>(input: I, output: O, options: Options) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let test_hooks = options.test_hooks;
    let input = transport::checked_input(input);
    let mut builder = LspService::build(|client| Backend::new(client, options))
        .custom_method(transport::MALFORMED_METHOD, Backend::malformed);
    if test_hooks {
        builder = builder
            .custom_method("incident-lint/test/panic", Backend::test_panic)
            .custom_method("incident-lint/test/sleep", Backend::test_sleep)
            .custom_method("incident-lint/test/memory", Backend::test_memory)
            .custom_method("incident-lint/test/document", Backend::test_document);
    }
    let (service, socket) = builder.finish();
    let shutdown = service.inner().shutdown_flag();
    // tower-lsp stops serving only when the next message arrives after `exit`, or when the
    // input closes; the protocol wants the process to end on `exit` itself.
    let exit = Arc::new(Notify::new());
    let service = ExitWatch {
        inner: service,
        exit: exit.clone(),
    };
    tokio::select! {
        () = Server::new(input, output, socket).serve(service) => {}
        () = exit.notified() => {}
    }
    shutdown.load(std::sync::atomic::Ordering::SeqCst)
}

/// Passes every message to the server, and signals when the client sent `exit`.
struct ExitWatch<S> {
    inner: S,
    exit: Arc<Notify>,
}

impl<S: Service<Request>> Service<Request> for ExitWatch<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let is_exit = request.method() == "exit";
        let future = self.inner.call(request);
        if is_exit {
            self.exit.notify_one();
        }
        future
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("INCIDENT_LINT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
