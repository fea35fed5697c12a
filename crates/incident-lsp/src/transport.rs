//! The framing in front of tower-lsp: reads `Content-Length` frames from the client and passes
//! on only well-formed JSON-RPC messages.
//!
//! tower-lsp stops reading for good at the first frame it cannot decode, which would end the
//! server on a single malformed message. Here such a frame becomes a request for
//! `incident-lint/malformed`, which answers the JSON-RPC error (parse error or invalid request)
//! and lets the server go on.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tracing::warn;

/// The method that answers a malformed message with its error.
pub const MALFORMED_METHOD: &str = "incident-lint/malformed";

/// Frames larger than this are skipped rather than read into memory.
const MAX_FRAME_BYTES: usize = 512 * 1024 * 1024;

/// Reads frames from `input` and returns a stream of checked frames for tower-lsp.
pub fn checked_input(input: impl AsyncRead + Unpin + Send + 'static) -> DuplexStream {
    let (mut writer, reader) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        while let Some(frame) = read_frame(&mut input).await {
            let body = match frame {
                Frame::Body(body) => match check_message(&body) {
                    Ok(()) => body,
                    Err(problem) => {
                        warn!("malformed message: {}", problem.message);
                        problem.replacement()
                    }
                },
                Frame::Skipped(reason) => {
                    warn!("unreadable frame skipped: {reason}");
                    continue;
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

enum Frame {
    Body(Vec<u8>),
    Skipped(String),
}

/// Reads one frame; `None` at the end of the input.
async fn read_frame(input: &mut (impl AsyncBufReadExt + Unpin)) -> Option<Frame> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = input.read_until(b'\n', &mut line).await.ok()?;
        if read == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Some(Frame::Skipped(
            "no valid `Content-Length` header".to_owned(),
        ));
    };
    if length > MAX_FRAME_BYTES {
        let mut remaining = length as u64;
        let mut sink = tokio::io::sink();
        let mut limited = input.take(remaining);
        remaining -= tokio::io::copy(&mut limited, &mut sink).await.ok()?;
        if remaining > 0 {
            return None;
        }
        return Some(Frame::Skipped(format!("{length} bytes is too large")));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await.ok()?;
    Some(Frame::Body(body))
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

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

/// Checks that `body` is a JSON-RPC 2.0 request, notification or response that tower-lsp can
/// decode.
pub fn check_message(body: &[u8]) -> Result<(), Problem> {
    let value: Value = serde_json::from_slice(body)
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
        Some(Value::String(_)) => Ok(()),
        Some(_) => invalid("`method` must be a string"),
        None => {
            let has_result = object.contains_key("result");
            let error_is_valid = object.get("error").is_some_and(|error| {
                error.get("code").and_then(Value::as_i64).is_some()
                    && error.get("message").is_some_and(Value::is_string)
            });
            if id.is_some() && (has_result || error_is_valid) {
                Ok(())
            } else {
                invalid("a message needs a `method`, or an `id` with a `result` or an `error`")
            }
        }
    }
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
        ] {
            assert_eq!(check_message(body.as_bytes()), Ok(()), "{body}");
        }
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
        let problem = check_message(br#"{"jsonrpc":"2.0","id":4,"method":7}"#).err();
        assert_eq!(problem.map(|problem| problem.id), Some(json!(4)));
    }
}
