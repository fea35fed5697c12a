//! The framing in front of tower-lsp: reads `Content-Length` frames from the client and passes
//! on only well-formed JSON-RPC messages, in the shape tower-lsp expects.
//!
//! tower-lsp stops reading for good at the first frame it cannot decode, which would end the
//! server on a single malformed message. Here such a frame becomes a request for
//! `incident-lint/malformed`, which answers the JSON-RPC error (parse error, invalid request or
//! method not found) and lets the server go on.
//!
//! A frame whose header is broken (no or a wrong `Content-Length`, or bytes that are no header
//! at all) does not leave the reader out of step: it looks for the next `Content-Length` header
//! and goes on from there. A valid JSON body never contains a `Content-Length: <digits>` line
//! (a raw line break cannot occur inside a JSON string), so seeing one inside a body means that
//! body's length was wrong and a new frame has begun. Header lines are bounded: a line that
//! does not end within [`MAX_HEADER_LINE_BYTES`] is skipped without being kept in memory.

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tracing::warn;

/// The method that answers a malformed message with its error.
pub const MALFORMED_METHOD: &str = "incident-lint/malformed";

/// Frames larger than this are skipped rather than read into memory.
const MAX_FRAME_BYTES: usize = 512 * 1024 * 1024;

/// Header lines longer than this are skipped.
const MAX_HEADER_LINE_BYTES: usize = 64 * 1024;

/// How far a body after a header without a valid length is read, looking for one JSON value.
const MAX_UNFRAMED_BODY_BYTES: usize = 1024 * 1024;

/// How much is read from the client at a time.
const READ_CHUNK_BYTES: usize = 64 * 1024;

/// The header name, lowercase.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// Reads frames from `input` and returns a stream of checked frames for tower-lsp.
pub fn checked_input(input: impl AsyncRead + Unpin + Send + 'static) -> DuplexStream {
    let (mut writer, reader) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut frames = FrameReader::new(input);
        while let Some(body) = frames.next_body().await {
            let body = match check_message(&body) {
                Ok(Checked::Unchanged) => body,
                Ok(Checked::Normalized(value)) => serde_json::to_vec(&value).unwrap_or(body),
                Err(problem) => {
                    warn!("malformed message: {}", problem.message);
                    problem.replacement()
                }
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            let written = async {
                writer.write_all(header.as_bytes()).await?;
                writer.write_all(&body).await?;
                writer.flush().await
            };
            if written.await.is_err() {
                break;
            }
        }
    });
    reader
}

/// Splits the client's bytes into message bodies, resynchronizing after broken frames.
struct FrameReader<R> {
    input: R,
    /// Bytes read and not consumed yet.
    buffer: Vec<u8>,
    /// Set at the end of the input (or on a read error).
    finished: bool,
}

/// What one header line turned out to be.
enum HeaderLine {
    /// `buffer[..length]` is a line, with its line break.
    Line(usize),
    /// No line break within [`MAX_HEADER_LINE_BYTES`].
    TooLong,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    fn new(input: R) -> FrameReader<R> {
        FrameReader {
            input,
            buffer: Vec::new(),
            finished: false,
        }
    }

    /// Reads more input into the buffer; returns false at the end of the input.
    async fn fill(&mut self) -> bool {
        if self.finished {
            return false;
        }
        self.buffer.reserve(READ_CHUNK_BYTES);
        match self.input.read_buf(&mut self.buffer).await {
            Ok(0) | Err(_) => {
                self.finished = true;
                false
            }
            Ok(_) => true,
        }
    }

    /// Drops the first `length` bytes of the buffer.
    fn consume(&mut self, length: usize) {
        self.buffer.drain(..length.min(self.buffer.len()));
    }

    /// The next message body; `None` at the end of the input.
    async fn next_body(&mut self) -> Option<Vec<u8>> {
        // The length announced by the header block being read, and how many lines it had.
        let mut length: Option<usize> = None;
        let mut header_lines = 0usize;
        // Bytes skipped because they were no header, reported when a header is found again.
        let mut skipped = 0usize;
        loop {
            match self.header_line().await? {
                HeaderLine::TooLong => {
                    // Go on at the next header name after the line's start, keeping only what
                    // could be the start of one.
                    let resume = find_header_name(self.buffer.get(1..).unwrap_or_default())
                        .map(|position| position + 1)
                        .unwrap_or_else(|| {
                            self.buffer.len().saturating_sub(CONTENT_LENGTH.len() - 1)
                        });
                    skipped += resume;
                    self.consume(resume);
                    length = None;
                    header_lines = 0;
                }
                HeaderLine::Line(line_length) => {
                    let line = self.buffer.get(..line_length).unwrap_or_default();
                    let content = trim_line_break(line);
                    match find_header_name(content) {
                        Some(0) => {
                            length = parse_length(content);
                            if length.is_none() {
                                warn!(
                                    "unreadable header `{}`",
                                    String::from_utf8_lossy(content)
                                        .chars()
                                        .take(80)
                                        .collect::<String>()
                                );
                            }
                            header_lines += 1;
                            self.consume(line_length);
                        }
                        Some(garbage) => {
                            // Bytes before a header on the same line: skip them, read the header.
                            skipped += garbage;
                            self.consume(garbage);
                            length = None;
                            header_lines = 0;
                        }
                        None if content.is_empty() => {
                            self.consume(line_length);
                            if header_lines == 0 {
                                continue;
                            }
                            if skipped > 0 {
                                warn!("skipped {skipped} bytes that were not a message header");
                            }
                            match length {
                                Some(length) => {
                                    if let Some(body) = self.body(length).await? {
                                        return Some(body);
                                    }
                                    skipped = 0;
                                    header_lines = 0;
                                }
                                None => {
                                    warn!("a frame has no valid `Content-Length` header");
                                    if let Some(body) = self.unframed_body().await {
                                        return Some(body);
                                    }
                                    skipped = 0;
                                    header_lines = 0;
                                }
                            }
                        }
                        None if content.contains(&b':') => {
                            // Another header, such as `Content-Type`.
                            header_lines += 1;
                            self.consume(line_length);
                        }
                        None => {
                            skipped += line_length;
                            self.consume(line_length);
                            length = None;
                            header_lines = 0;
                        }
                    }
                }
            }
        }
    }

    /// Waits until the buffer holds a whole line or more than a header line may have; `None`
    /// at the end of the input.
    async fn header_line(&mut self) -> Option<HeaderLine> {
        let mut searched = 0;
        loop {
            let window = self
                .buffer
                .get(searched..self.buffer.len().min(MAX_HEADER_LINE_BYTES))
                .unwrap_or_default();
            if let Some(newline) = memchr::memchr(b'\n', window) {
                return Some(HeaderLine::Line(searched + newline + 1));
            }
            if self.buffer.len() >= MAX_HEADER_LINE_BYTES {
                return Some(HeaderLine::TooLong);
            }
            searched = self.buffer.len();
            if !self.fill().await {
                return None;
            }
        }
    }

    /// Reads a body of `length` bytes, stopping early where a new frame begins; `Some(None)`
    /// when the body is too large to keep, `None` at the end of the input.
    async fn body(&mut self, length: usize) -> Option<Option<Vec<u8>>> {
        let keep = length <= MAX_FRAME_BYTES;
        // Bytes of the body already consumed (only when it is skipped), and already searched.
        let mut dropped = 0usize;
        let mut searched = 0usize;
        loop {
            let available = self.buffer.len().min(length - dropped);
            let from = searched.saturating_sub(FRAME_START_OVERLAP);
            if let Some(start) = self
                .buffer
                .get(from..available)
                .and_then(find_frame_start)
                .map(|start| start + from)
            {
                warn!(
                    "a frame announced {length} bytes, but a new frame begins after {}",
                    dropped + start
                );
                if !keep {
                    self.consume(start);
                    return Some(None);
                }
                let rest = self.buffer.split_off(start);
                return Some(Some(std::mem::replace(&mut self.buffer, rest)));
            }
            searched = available;
            if dropped + available == length {
                if !keep {
                    self.consume(available);
                    warn!("a frame of {length} bytes is too large; skipped");
                    return Some(None);
                }
                let rest = self.buffer.split_off(available);
                return Some(Some(std::mem::replace(&mut self.buffer, rest)));
            }
            if !keep && searched > FRAME_START_OVERLAP {
                let drop = searched - FRAME_START_OVERLAP;
                self.consume(drop);
                dropped += drop;
                searched -= drop;
            }
            if !self.fill().await {
                return None;
            }
        }
    }

    /// After a header without a valid length: the JSON value that follows, if it is one.
    async fn unframed_body(&mut self) -> Option<Vec<u8>> {
        loop {
            let start = self
                .buffer
                .iter()
                .position(|byte| !byte.is_ascii_whitespace());
            match start {
                Some(start) if self.buffer.get(start) == Some(&b'{') => {
                    let bytes = self.buffer.get(start..).unwrap_or_default();
                    let mut values =
                        serde_json::Deserializer::from_slice(bytes).into_iter::<Value>();
                    match values.next() {
                        Some(Ok(_)) => {
                            let end = start + values.byte_offset();
                            let rest = self.buffer.split_off(end);
                            let body = std::mem::replace(&mut self.buffer, rest);
                            return body.get(start..).map(<[u8]>::to_vec);
                        }
                        Some(Err(error)) if error.is_eof() => {}
                        _ => return None,
                    }
                }
                Some(_) => return None,
                None => {}
            }
            if self.buffer.len() >= MAX_UNFRAMED_BODY_BYTES || !self.fill().await {
                return None;
            }
        }
    }
}

/// How many bytes before the end of what was searched are searched again, so that a frame
/// header split between two reads is found.
const FRAME_START_OVERLAP: usize = 64;

/// Where a `Content-Length` header name starts in `bytes`, in any case.
fn find_header_name(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b':', bytes).find_map(|colon| {
        let start = (colon + 1).checked_sub(CONTENT_LENGTH.len())?;
        bytes
            .get(start..=colon)
            .is_some_and(|name| name.eq_ignore_ascii_case(CONTENT_LENGTH))
            .then_some(start)
    })
}

/// Where a complete `Content-Length: <digits>` line starts in `bytes`.
fn find_frame_start(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(start) = bytes.get(from..).and_then(find_header_name) {
        let start = from + start;
        let after = bytes
            .get(start + CONTENT_LENGTH.len()..)
            .unwrap_or_default();
        let value = after
            .iter()
            .position(|byte| *byte == b'\n')
            .and_then(|newline| after.get(..newline));
        if value.is_some_and(|value| parse_length_value(value).is_some()) {
            return Some(start);
        }
        from = start + CONTENT_LENGTH.len();
    }
    None
}

/// The length in a `Content-Length: <digits>` line.
fn parse_length(line: &[u8]) -> Option<usize> {
    parse_length_value(line.get(CONTENT_LENGTH.len()..)?)
}

fn parse_length_value(value: &[u8]) -> Option<usize> {
    let value = std::str::from_utf8(value).ok()?.trim();
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

fn trim_line_break(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Why a message cannot be handled, and how to answer it.
#[derive(Debug, PartialEq)]
pub struct Problem {
    /// The request's ID when it could be read, else null.
    pub id: Value,
    /// The JSON-RPC error code.
    pub code: i64,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    fn new(id: Value, code: i64, message: impl Into<String>) -> Problem {
        Problem {
            id,
            code,
            message: message.into(),
        }
    }

    /// The request to pass on instead of the message.
    fn replacement(&self) -> Vec<u8> {
        let request = json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "method": MALFORMED_METHOD,
            "params": { "code": self.code, "message": self.message },
        });
        serde_json::to_vec(&request).unwrap_or_default()
    }
}

/// A message that can be passed on.
#[derive(Debug, PartialEq)]
pub enum Checked {
    /// As the client sent it.
    Unchanged,
    /// In the shape tower-lsp expects (see [`normalize`]).
    Normalized(Value),
}

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// Methods whose parameters are `void`: tower-lsp refuses any `params` on them, even `null`
/// or `{}`, which clients such as Eglot and lsp4ij send.
const METHODS_WITHOUT_PARAMS: [&str; 2] = ["shutdown", "exit"];

/// Checks that `body` is a JSON-RPC 2.0 request, notification or response that tower-lsp can
/// decode, and says whether it must be normalized first.
pub fn check_message(body: &[u8]) -> Result<Checked, Problem> {
    let mut value: Value = serde_json::from_slice(body)
        .map_err(|error| Problem::new(Value::Null, PARSE_ERROR, format!("parse error: {error}")))?;
    let Some(object) = value.as_object() else {
        return Err(Problem::new(
            Value::Null,
            INVALID_REQUEST,
            "a message must be a JSON object",
        ));
    };
    let id = object.get("id");
    let id_is_valid = id.is_none_or(|id| id.is_null() || id.is_string() || id.as_i64().is_some());
    let answer_id = match id {
        Some(id) if id_is_valid => id.clone(),
        _ => Value::Null,
    };
    let invalid = |message: &str| Err(Problem::new(answer_id.clone(), INVALID_REQUEST, message));
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid("`jsonrpc` must be \"2.0\"");
    }
    if !id_is_valid {
        return invalid("`id` must be an integer or a string");
    }
    match object.get("method") {
        Some(Value::String(method)) => {
            // `$/` methods are optional: a server that does not know one ignores the
            // notification and answers the request (tower-lsp would not answer it at all).
            if id.is_some() && method.starts_with("$/") {
                return Err(Problem::new(
                    answer_id.clone(),
                    METHOD_NOT_FOUND,
                    format!("method not found: `{method}`"),
                ));
            }
            Ok(if normalize(&mut value) {
                Checked::Normalized(value)
            } else {
                Checked::Unchanged
            })
        }
        Some(_) => invalid("`method` must be a string"),
        None => {
            let has_result = object.contains_key("result");
            let error_is_valid = object.get("error").is_some_and(|error| {
                error.get("code").and_then(Value::as_i64).is_some()
                    && error.get("message").is_some_and(Value::is_string)
            });
            if id.is_some() && (has_result || error_is_valid) {
                Ok(Checked::Unchanged)
            } else {
                invalid("a message needs a `method`, or an `id` with a `result` or an `error`")
            }
        }
    }
}

/// Drops `"params": null` (the protocol allows it where parameters are optional, tower-lsp
/// reads it as a wrong parameter), and any parameters of `shutdown` and `exit`; returns
/// whether the message changed.
fn normalize(message: &mut Value) -> bool {
    let Some(object) = message.as_object_mut() else {
        return false;
    };
    let takes_no_params = object
        .get("method")
        .and_then(Value::as_str)
        .is_some_and(|method| METHODS_WITHOUT_PARAMS.contains(&method));
    let drop_params = match object.get("params") {
        None => false,
        Some(Value::Null) => true,
        Some(_) => takes_no_params,
    };
    if drop_params {
        object.remove("params");
    }
    drop_params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_messages_pass() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":null}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#,
        ] {
            assert_eq!(
                check_message(body.as_bytes()),
                Ok(Checked::Unchanged),
                "{body}"
            );
        }
    }

    #[test]
    fn void_and_null_params_are_dropped() {
        let normalized = |body: &str| match check_message(body.as_bytes()) {
            Ok(Checked::Normalized(value)) => Some(value),
            _ => None,
        };
        assert_eq!(
            normalized(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#),
            Some(json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" }))
        );
        assert_eq!(
            normalized(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":{}}"#),
            Some(json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" }))
        );
        assert_eq!(
            normalized(r#"{"jsonrpc":"2.0","method":"exit","params":{}}"#),
            Some(json!({ "jsonrpc": "2.0", "method": "exit" }))
        );
        assert_eq!(
            normalized(r#"{"jsonrpc":"2.0","method":"initialized","params":null}"#),
            Some(json!({ "jsonrpc": "2.0", "method": "initialized" }))
        );
    }

    #[test]
    fn malformed_messages_get_an_error_answer() {
        let code = |body: &str| {
            check_message(body.as_bytes())
                .err()
                .map(|problem| problem.code)
        };
        assert_eq!(code("{not json"), Some(PARSE_ERROR));
        assert_eq!(code("[1, 2]"), Some(INVALID_REQUEST));
        assert_eq!(code(r#"{"foo":12}"#), Some(INVALID_REQUEST));
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#),
            Some(INVALID_REQUEST)
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":4,"method":7}"#),
            Some(INVALID_REQUEST)
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":5,"method":"$/unknown"}"#),
            Some(METHOD_NOT_FOUND)
        );
        let problem = check_message(br#"{"jsonrpc":"2.0","id":4,"method":7}"#).err();
        assert_eq!(problem.map(|problem| problem.id), Some(json!(4)));
    }

    /// The bodies that `input` splits into, read in chunks of `chunk` bytes.
    fn bodies(input: &[u8], chunk: usize) -> Vec<String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (mut writer, reader) = tokio::io::duplex(chunk.max(1));
            let input = input.to_vec();
            let feeding = async move {
                for piece in input.chunks(chunk.max(1)) {
                    writer.write_all(piece).await.unwrap();
                }
            };
            let reading = async {
                let mut frames = FrameReader::new(reader);
                let mut out = Vec::new();
                while let Some(body) = frames.next_body().await {
                    out.push(String::from_utf8_lossy(&body).into_owned());
                }
                out
            };
            let ((), out) = tokio::join!(feeding, reading);
            out
        })
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn frames_are_read_whatever_the_chunks() {
        let input = format!(
            "{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n{}{}",
            frame("{\"a\":1}"),
            frame("{\"b\":2}").replace("Content-Length", "content-length"),
            frame("{\"c\":3}"),
        );
        for chunk in [1, 3, 7, 1000] {
            assert_eq!(
                bodies(input.as_bytes(), chunk),
                ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"],
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn broken_frames_do_not_desynchronize_the_reader() {
        let good = frame("{\"ok\":1}");
        let cases = [
            // Garbage without a line break before a header.
            format!("garbage{good}"),
            // A garbage line, then a header.
            format!("garbage\r\n{good}"),
            // A length that is not a number; the body is read as the JSON value it is.
            format!("Content-Length: many\r\n\r\n{{\"x\":0}}{good}"),
            // A length that is too short: the rest of its body is skipped.
            format!("Content-Length: 3\r\n\r\n{{\"x\":0}}{good}"),
            // A length that is too long: the next header ends the body.
            format!("Content-Length: 100\r\n\r\n{{\"x\":0}}{good}"),
            // A header block without a length, and no JSON after it.
            format!("Content-Type: x\r\n\r\nnot json{good}"),
        ];
        for (case_idx, input) in cases.iter().enumerate() {
            let bodies = bodies(input.as_bytes(), 5);
            assert_eq!(
                bodies.last().map(String::as_str),
                Some("{\"ok\":1}"),
                "case {case_idx}: {bodies:?}"
            );
        }
        assert_eq!(bodies(cases[2].as_bytes(), 5), ["{\"x\":0}", "{\"ok\":1}"]);
        assert_eq!(bodies(cases[4].as_bytes(), 5), ["{\"x\":0}", "{\"ok\":1}"]);
    }

    #[test]
    fn an_endless_header_line_is_skipped_in_bounded_memory() {
        let mut input = vec![b'x'; 5 * MAX_HEADER_LINE_BYTES];
        input.extend(frame("{\"ok\":1}").as_bytes());
        input.extend(b"Content-Length: ");
        input.extend(vec![b'9'; 3 * MAX_HEADER_LINE_BYTES]);
        input.extend(b"\r\n\r\n");
        input.extend(frame("{\"ok\":2}").as_bytes());
        assert_eq!(bodies(&input, 4096), ["{\"ok\":1}", "{\"ok\":2}"]);
    }
}
