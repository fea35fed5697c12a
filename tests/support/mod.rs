//! A small LSP client for the integration tests: starts `incident-lint lsp`, frames JSON-RPC
//! messages with `Content-Length`, numbers requests, answers the server's own requests, and
//! waits for responses and notifications with a timeout.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long a test waits for an answer before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A running server and what it has sent so far.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    responses: HashMap<i64, Value>,
    /// Notifications received and not yet taken, in order.
    pub notifications: Vec<Value>,
    /// Requests the server sent to the client (they are answered with `null`, or as
    /// `answers` says).
    pub server_requests: Vec<Value>,
    /// The answer to the server's requests of a method: a result, or `None` for no answer.
    pub answers: HashMap<String, Option<Value>>,
    stderr: Arc<Mutex<String>>,
}

impl Client {
    /// Starts the server without initializing it.
    pub fn spawn() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
            .arg("lsp")
            .env("INCIDENT_LINT_LSP_TEST_HOOKS", "1")
            .env("INCIDENT_LINT_LOG", "debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start incident-lint lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stderr_pipe = child.stderr.take().expect("stderr");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_sink = stderr.clone();
        std::thread::spawn(move || {
            let reader = BufReader::new(stderr_pipe);
            for line in reader.lines().map_while(Result::ok) {
                let mut sink = stderr_sink.lock().unwrap();
                sink.push_str(&line);
                sink.push('\n');
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 1,
            responses: HashMap::new(),
            notifications: Vec::new(),
            server_requests: Vec::new(),
            answers: HashMap::new(),
            stderr,
        }
    }

    /// Starts and initializes a server for the workspace folder `root`, offering `encodings`
    /// (such as `["utf-8", "utf-16"]`; empty offers nothing, so the server picks UTF-16).
    pub fn start(root: &Path, encodings: &[&str]) -> (Client, Value) {
        let root_uri = file_uri(root);
        let mut capabilities = default_capabilities();
        if !encodings.is_empty() {
            capabilities["general"] = json!({ "positionEncodings": encodings });
        }
        Client::start_with(json!({
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{ "uri": root_uri, "name": "root" }],
            "capabilities": capabilities,
        }))
    }

    /// Starts and initializes a server with these `initialize` params.
    pub fn start_with(initialize_params: Value) -> (Client, Value) {
        Client::start_answering(initialize_params, HashMap::new())
    }

    /// Starts and initializes a server that gets `answers` to its requests (see
    /// [`Client::answers`]) from the start.
    pub fn start_answering(
        initialize_params: Value,
        answers: HashMap<String, Option<Value>>,
    ) -> (Client, Value) {
        let mut client = Client::spawn();
        client.answers = answers;
        let result = client.request("initialize", initialize_params);
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// What the server wrote to standard error so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until the server has written `needle` to standard error (a thread reads it, so
    /// a line logged before a message may still be on its way); returns all it wrote.
    pub fn wait_stderr(&self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let stderr = self.stderr();
            if stderr.contains(needle) || Instant::now() >= deadline {
                return stderr;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Writes raw bytes to the server's standard input.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Sends one framed message.
    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({ "jsonrpc": "2.0", "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
    }

    /// Sends a request and returns its id without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
        id
    }

    /// Sends a request and waits for its result; fails the test on an error answer.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}\nserver log:\n{}", self.stderr());
        }
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    /// Sends a request and waits for the whole response object (result or error).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_response(id)
    }

    /// Waits for the response to request `id`.
    pub fn wait_response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(response) = self.responses.remove(&id) {
                return response;
            }
            if !self.pump(deadline) {
                panic!(
                    "no response to request {id} within {TIMEOUT:?}\nserver log:\n{}",
                    self.stderr()
                );
            }
        }
    }

    /// Waits for a response with a null id (the answer to a message that could not be read).
    pub fn wait_null_id_response(&mut self) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(response) = self.responses.remove(&-1) {
                return response;
            }
            if !self.pump(deadline) {
                panic!(
                    "no answer to a malformed message\nserver log:\n{}",
                    self.stderr()
                );
            }
        }
    }

    /// Waits for a notification `method` whose params satisfy `accept`, and takes it (and the
    /// notifications before it).
    pub fn wait_notification(
        &mut self,
        method: &str,
        mut accept: impl FnMut(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(position) = self.notifications.iter().position(|notification| {
                notification["method"] == method && accept(&notification["params"])
            }) {
                let found = self.notifications[position]["params"].clone();
                self.notifications.drain(..=position);
                return found;
            }
            if !self.pump(deadline) {
                panic!(
                    "no {method} notification within {TIMEOUT:?}; received {:#?}\nserver log:\n{}",
                    self.notifications,
                    self.stderr()
                );
            }
        }
    }

    /// Waits for diagnostics of `uri` that satisfy `accept`, and takes them alone: the
    /// notifications before them stay, for documents published together.
    pub fn take_diagnostics(&mut self, uri: &str, mut accept: impl FnMut(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(position) = self.notifications.iter().position(|notification| {
                notification["method"] == "textDocument/publishDiagnostics"
                    && notification["params"]["uri"] == uri
                    && accept(&notification["params"])
            }) {
                return self.notifications.remove(position)["params"].clone();
            }
            if !self.pump(deadline) {
                panic!(
                    "no matching diagnostics of {uri} within {TIMEOUT:?}; received {:#?}\nserver log:\n{}",
                    self.notifications,
                    self.stderr()
                );
            }
        }
    }

    /// Waits for diagnostics of `uri` that satisfy `accept`, and returns them.
    pub fn wait_diagnostics(&mut self, uri: &str, mut accept: impl FnMut(&Value) -> bool) -> Value {
        self.wait_notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == uri && accept(params)
        })
    }

    /// Collects every message that arrives within `duration`.
    pub fn drain_for(&mut self, duration: Duration) {
        let deadline = Instant::now() + duration;
        while self.pump(deadline) {}
    }

    /// Reads one message, if one arrives before `deadline`; returns whether one did.
    fn pump(&mut self, deadline: Instant) -> bool {
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        match self.incoming.recv_timeout(deadline - now) {
            Ok(message) => {
                self.dispatch(message);
                true
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => false,
        }
    }

    fn dispatch(&mut self, message: Value) {
        let has_method = message.get("method").is_some();
        let id = message.get("id").cloned();
        match (has_method, id) {
            (true, Some(id)) => {
                let method = message["method"].as_str().unwrap_or_default();
                match self.answers.get(method).cloned() {
                    Some(None) => {}
                    Some(Some(result)) => {
                        self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                    }
                    None => self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null })),
                }
                self.server_requests.push(message);
            }
            (true, None) => self.notifications.push(message),
            (false, Some(Value::Number(id))) => {
                self.responses.insert(id.as_i64().unwrap_or(-1), message);
            }
            (false, _) => {
                self.responses.insert(-1, message);
            }
        }
    }

    /// Opens a document.
    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "incident", "version": 1, "text": text } }),
        );
    }

    /// Sends one incremental change.
    pub fn change(&mut self, uri: &str, version: i64, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range, "text": text }],
            }),
        );
    }

    /// Sends `shutdown` and `exit`, and returns how the process ended.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the process to end (closing its input first if it is still running).
    pub fn wait_exit(mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit\nserver log:\n{}", self.stderr());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The capabilities [`Client::start`] offers, those of an editor that takes everything the
/// server can send: snippets, label details, every completion kind, related information, rule
/// links, versioned diagnostics, Markdown hovers, code action literals, watched files and
/// workspace folders. [`minimal_initialize_params`] offer none of them.
pub fn default_capabilities() -> Value {
    json!({
        "textDocument": {
            "completion": {
                "completionItem": {
                    "snippetSupport": true,
                    "labelDetailsSupport": true,
                    "preselectSupport": true,
                },
                "completionItemKind": { "valueSet": (1..=25).collect::<Vec<u32>>() },
            },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "codeAction": {
                "codeActionLiteralSupport": {
                    "codeActionKind": { "valueSet": ["quickfix", "source"] },
                },
                "isPreferredSupport": true,
            },
            "publishDiagnostics": {
                "relatedInformation": true,
                "codeDescriptionSupport": true,
                "versionSupport": true,
            },
        },
        "workspace": {
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true,
        },
    })
}

/// The `initialize` params of a client that states no optional capability, with the
/// workspace folder `root`.
pub fn minimal_initialize_params(root: &Path) -> Value {
    let root_uri = file_uri(root);
    json!({
        "processId": null,
        "rootUri": root_uri,
        "workspaceFolders": [{ "uri": root_uri, "name": "root" }],
        "capabilities": {},
    })
}

/// The `file://` URI of a path.
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// An LSP range.
pub fn range(start_line: u32, start_character: u32, end_line: u32, end_character: u32) -> Value {
    json!({
        "start": { "line": start_line, "character": start_character },
        "end": { "line": end_line, "character": end_character },
    })
}

/// An LSP position.
pub fn position(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

/// Applies LSP text edits (in the encoding `utf16` says) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            let start = offset_of(text, &edit["range"]["start"], utf16);
            let end = offset_of(text, &edit["range"]["end"], utf16);
            (start, end, edit["newText"].as_str().unwrap().to_owned())
        })
        .collect();
    resolved.sort_by_key(|(start, end, _)| std::cmp::Reverse((*start, *end)));
    let mut out = text.to_owned();
    for (start, end, new_text) in resolved {
        out.replace_range(start..end, &new_text);
    }
    out
}

/// The byte offset of an LSP position in `text` (lines end at `\n`).
pub fn offset_of(text: &str, position: &Value, utf16: bool) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let mut offset = 0;
    for (index, line_text) in text.split_inclusive('\n').enumerate() {
        if index == line {
            let content = line_text.trim_end_matches(['\n', '\r']);
            let mut units = 0;
            for (byte, ch) in content.char_indices() {
                if units >= character {
                    return offset + byte;
                }
                units += if utf16 { ch.len_utf16() } else { ch.len_utf8() };
            }
            return offset + content.len();
        }
        offset += line_text.len();
    }
    text.len()
}
