//! What every request must show before it reaches the editor: the session's token, a Host
//! of this server (against DNS rebinding), the page's own Origin for anything that changes a
//! file, a path with no way out, a bounded body. Refusals are plain Chinese text.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;
use crate::i18n::serve as msg;

/// The largest request body: the whole edition as JSON is about 60 KB.
pub const MAX_BODY: usize = 4 << 20;

/// A refusal: a status and a Chinese sentence.
pub fn refuse(status: StatusCode, message: String) -> Response {
    let mut r = (status, message).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

/// The name of the cookie that carries the token: one per port, so that two editors on one
/// machine do not take each other's.
pub fn cookie_name(port: u16) -> String {
    format!("gongwen-{port}")
}

/// Equal strings, compared in a time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A path that could name something outside what is served: `..`, encoded dots or
/// separators, backslashes.
fn bad_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    path.split('/').any(|s| s == ".." || s == ".") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || path.contains('\\')
}

/// The token given in the query (`?token=…`) or the cookie.
fn token_of(req: &Request, port: u16) -> (Option<String>, bool) {
    let from_query = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("token=")))
        .map(str::to_string);
    if from_query.is_some() {
        return (from_query, true);
    }
    let name = cookie_name(port);
    let from_cookie = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(&name).and_then(|r| r.strip_prefix('=')).map(str::to_string));
    (from_cookie, false)
}

/// The origins this server is: `http://127.0.0.1:PORT` and `http://localhost:PORT`.
fn own_host(headers: &HeaderMap, port: u16) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?.to_ascii_lowercase();
    (host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")).then_some(host)
}

/// The middleware: refuses what is not from this session's page, then lets the request
/// through and marks the answer as not to be cached, framed or sniffed.
pub async fn check(State(app): State<std::sync::Arc<App>>, req: Request, next: Next) -> Response {
    let port = app.port;
    if bad_path(req.uri().path()) {
        return refuse(StatusCode::BAD_REQUEST, msg::bad_path().zh);
    }
    let Some(host) = own_host(req.headers(), port) else {
        return refuse(StatusCode::FORBIDDEN, msg::foreign_host(port).zh);
    };
    let (token, from_query) = token_of(&req, port);
    if !token.is_some_and(|t| same_secret(&t, &app.token)) {
        return refuse(StatusCode::FORBIDDEN, msg::no_token().zh);
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let expected = format!("http://{host}");
        let origin = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok());
        if origin != Some(expected.as_str()) {
            return refuse(StatusCode::FORBIDDEN, msg::foreign_origin(expected).zh);
        }
    }
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if length.is_some_and(|n| n > MAX_BODY) {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, msg::body_too_large(MAX_BODY).zh);
    }
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if from_query {
        let cookie = format!("{}={}; HttpOnly; SameSite=Strict; Path=/", cookie_name(port), app.token);
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            headers.insert(header::SET_COOKIE, v);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'none'",
        ),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_a_way_out_are_bad() {
        assert!(bad_path("/page/../../etc/passwd"));
        assert!(bad_path("/page/%2e%2e/x"));
        assert!(bad_path("/download/..%2Fnotice.toml"));
        assert!(bad_path("/a\\b"));
        assert!(!bad_path("/page/0123.png"));
        assert!(!bad_path("/"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }
}
