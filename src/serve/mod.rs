//! `gongwen serve`: the edition edited in a browser, its pages beside the form.
//!
//! A small HTTP server on 127.0.0.1 (axum on a one-thread tokio runtime; compiling and
//! drawing run on the blocking pool, one at a time) serves the page (`assets/`, built into
//! the binary), the schema the page builds its form from ([`schema`]), the pages of each edit
//! ([`preview`]), saving back into the TOML ([`save`]), downloads and next year's edition.
//! Every request passes [`guard`] first.

pub mod guard;
pub mod preview;
pub mod save;
pub mod schema;

use std::collections::HashMap;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use clap::ValueEnum;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::build::{self, Options};
use crate::diag::Diagnostics;
use crate::export::Format;
use crate::i18n::serve as msg;
use crate::typeset::Document;
pub use preview::{Preview, Previewer};

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// The server's state: the token, the port, the edition open for editing.
pub struct App {
    pub token: String,
    pub port: u16,
    previewer: Mutex<Previewer>,
    /// Next year's editions made, as zip files, by name (`2016.zip`).
    made: Mutex<HashMap<String, Vec<u8>>>,
}

/// A fresh random token: 24 bytes from the operating system, as hex.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Serves the edition in `edition` on 127.0.0.1:`port` (0: any free port) until the process
/// ends. `ready` is called with the address to open, token included, once the server listens.
pub fn serve(edition: &Path, port: u16, options: &Options, ready: impl FnOnce(&str)) -> Result<(), Diagnostics> {
    let fail = |m: String| Diagnostics(vec![crate::diag::Diagnostic::file_error(edition, m)]);
    let previewer = Previewer::open(edition, options)?;
    let token = new_token().map_err(|e| fail(msg::cannot_start(e).text()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| fail(msg::cannot_start(e).text()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .await
            .map_err(|e| fail(msg::cannot_listen(port, e).text()))?;
        let port = listener.local_addr().map_err(|e| fail(msg::cannot_start(e).text()))?.port();
        let app = Arc::new(App {
            token,
            port,
            previewer: Mutex::new(previewer),
            made: Mutex::new(HashMap::new()),
        });
        ready(&format!("http://127.0.0.1:{port}/?token={}", app.token));
        axum::serve(listener, router(app)).await.map_err(|e| fail(msg::cannot_start(e).text()))
    })
}

/// Every route, behind the guard.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }))
        .route("/app.css", get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }))
        .route("/api/state", get(state))
        .route("/api/preview", post(preview))
        .route("/api/save", post(save))
        .route("/api/new-edition", post(new_edition))
        .route("/page/{name}", get(page))
        .route("/download/{name}", get(download))
        .route("/made/{name}", get(made))
        .fallback(|| async { guard::refuse(StatusCode::NOT_FOUND, msg::not_found().zh) })
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard::check))
        .with_state(app)
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

async fn index() -> Response {
    asset(INDEX, "text/html; charset=utf-8")
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut r = (status, value.to_string()).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    r
}

/// Runs `f` with the previewer on the blocking pool (compiling takes the CPU).
async fn with_previewer<T: Send + 'static>(app: &Arc<App>, f: impl FnOnce(&mut Previewer) -> T + Send + 'static) -> Result<T, Response> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let mut p = app.previewer.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut p)
    })
    .await
    .map_err(|e| guard::refuse(StatusCode::INTERNAL_SERVER_ERROR, msg::cannot_start(e).zh))
}

/// Reads a JSON body, bounded.
async fn read_json<T: for<'de> Deserialize<'de>>(body: Body) -> Result<T, Response> {
    let bytes = axum::body::to_bytes(body, guard::MAX_BODY)
        .await
        .map_err(|_| guard::refuse(StatusCode::PAYLOAD_TOO_LARGE, msg::body_too_large(guard::MAX_BODY).zh))?;
    serde_json::from_slice(&bytes).map_err(|e| guard::refuse(StatusCode::BAD_REQUEST, msg::bad_request(e).zh))
}

/// The edition as the page edits it: its files (as JSON, with their revisions), the schemas,
/// the placeholders, the downloads and the page's words.
async fn state(State(app): State<Arc<App>>) -> Response {
    let result = with_previewer(&app, |p| p.reload().map(|()| state_json(p))).await;
    match result {
        Ok(Ok(v)) => json_response(StatusCode::OK, &v),
        Ok(Err(d)) => guard::refuse(StatusCode::CONFLICT, d.to_string()),
        Err(r) => r,
    }
}

fn state_json(p: &Previewer) -> Value {
    let files: Vec<Value> = p
        .files
        .iter()
        .map(|f| json!({ "name": f.name, "kind": f.kind.name(), "revision": f.revision, "data": save::to_json(&f.doc) }))
        .collect();
    let notice = &p.files[0].doc;
    let mut placeholders = Vec::new();
    if let Some(year) = notice.get("year").and_then(|y| y.as_integer()) {
        for (text, y) in [("{year}", year), ("{year-1}", year - 1), ("{year+1}", year + 1)] {
            placeholders.push(json!({ "text": text, "prints": y.to_string() }));
        }
    }
    if let Some(dates) = notice.get("dates").and_then(|d| d.as_table_like()) {
        for (name, item) in dates.iter() {
            let Some(d) = item.as_datetime().and_then(|d| d.date) else { continue };
            let Some(date) = chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()) else {
                continue;
            };
            placeholders.push(json!({ "text": format!("{{{name}}}"), "prints": crate::text::format_date(date) }));
            placeholders.push(json!({ "text": format!("{{{name}:md}}"), "prints": crate::text::format_month_day(date) }));
        }
    }
    let mut downloads = Vec::new();
    for (i, _) in p.files.iter().enumerate() {
        let document = if i == 0 { Document::Notice } else { Document::Attachment(i) };
        for format in Format::value_variants() {
            if document == Document::Notice && !format.paged() {
                continue;
            }
            downloads.push(format!("{}.{}", document.stem(), format.extension()));
        }
    }
    let words: serde_json::Map<String, Value> = msg::page_words().into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect();
    json!({
        "edition": p.shown.display().to_string(),
        "files": files,
        "schemas": schema::schemas(),
        "placeholders": placeholders,
        "downloads": downloads,
        "words": words,
    })
}

#[derive(Deserialize)]
struct Edits {
    files: Vec<FileEdit>,
}

#[derive(Deserialize)]
struct FileEdit {
    name: String,
    #[serde(default)]
    revision: String,
    data: Value,
}

async fn preview(State(app): State<Arc<App>>, body: Body) -> Response {
    let edits: Edits = match read_json(body).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let edits: Vec<(String, Value)> = edits.files.into_iter().map(|f| (f.name, f.data)).collect();
    match with_previewer(&app, move |p| p.preview(&edits)).await {
        Ok(preview) => json_response(StatusCode::OK, &serde_json::to_value(preview).unwrap_or_default()),
        Err(r) => r,
    }
}

async fn save(State(app): State<Arc<App>>, body: Body) -> Response {
    let edits: Edits = match read_json(body).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let edits: Vec<(String, String, Value)> = edits.files.into_iter().map(|f| (f.name, f.revision, f.data)).collect();
    match with_previewer(&app, move |p| p.save(&edits)).await {
        Ok(Ok(saved)) => {
            let names: Vec<&str> = saved.iter().map(|(n, _)| n.as_str()).collect();
            let files: Vec<Value> = saved.iter().map(|(n, r)| json!({ "name": n, "revision": r })).collect();
            json_response(StatusCode::OK, &json!({ "files": files, "message": msg::saved_files(names.join("、")).zh }))
        }
        Ok(Err(preview::SaveError::Changed(m))) => json_response(StatusCode::CONFLICT, &json!({ "message": m })),
        Ok(Err(preview::SaveError::Refused(m))) => json_response(StatusCode::BAD_REQUEST, &json!({ "message": m })),
        Err(r) => r,
    }
}

async fn page(State(app): State<Arc<App>>, UrlPath(name): UrlPath<String>) -> Response {
    let id = name.strip_suffix(".png").unwrap_or_default().to_string();
    match with_previewer(&app, move |p| p.png(&id)).await {
        Ok(Some(png)) => {
            let mut r = Response::new(Body::from(png.as_ref().clone()));
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
            r
        }
        Ok(None) => guard::refuse(StatusCode::NOT_FOUND, msg::not_found().zh),
        Err(r) => r,
    }
}

/// A document of the edition as saved, in one format: `notice.pdf`, `attachment-1.xlsx`.
async fn download(State(app): State<Arc<App>>, UrlPath(name): UrlPath<String>) -> Response {
    let result = with_previewer(&app, move |p| -> Result<(String, Vec<u8>), String> {
        let (stem, ext) = name.rsplit_once('.').ok_or_else(|| msg::no_such_download(&name).zh)?;
        let format = Format::value_variants()
            .iter()
            .copied()
            .find(|f| f.extension() == ext)
            .ok_or_else(|| msg::no_such_download(&name).zh)?;
        let document = match stem {
            "notice" => Document::Notice,
            other => other
                .strip_prefix("attachment-")
                .and_then(|n| n.parse().ok())
                .filter(|&n| n >= 1)
                .map(Document::Attachment)
                .ok_or_else(|| msg::no_such_download(&name).zh)?,
        };
        let options = Options {
            formats: vec![format],
            ..p.options().clone()
        };
        let checked = build::check_with_fonts(&p.edition, &options, p.fonts()).map_err(|d| d.to_string())?;
        if !checked.documents().contains(&document) {
            return Err(msg::no_such_download(&name).zh);
        }
        let (output, _) = checked.render(document, &options).map_err(|d| d.to_string())?;
        let file = output.file(format).ok_or_else(|| msg::no_such_download(&name).zh)?;
        Ok((file.name.clone(), file.bytes.clone()))
    })
    .await;
    match result {
        Ok(Ok((name, bytes))) => attachment(&name, bytes),
        Ok(Err(m)) => guard::refuse(StatusCode::CONFLICT, m),
        Err(r) => r,
    }
}

fn attachment(name: &str, bytes: Vec<u8>) -> Response {
    let kind = match name.rsplit('.').next() {
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    };
    let mut r = Response::new(Body::from(bytes));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

#[derive(Deserialize)]
struct NewYear {
    year: i32,
}

/// Next year's edition (`new-edition`), made in a private folder and offered as a zip: the
/// server writes nothing outside the edition.
async fn new_edition(State(app): State<Arc<App>>, body: Body) -> Response {
    let NewYear { year } = match read_json(body).await {
        Ok(y) => y,
        Err(r) => return r,
    };
    let result = with_previewer(&app, move |p| -> Result<(crate::reissue::Report, Vec<u8>), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let to = dir.path().join(year.to_string());
        let report = crate::reissue::new_edition(&p.edition, year, &to).map_err(|d| {
            d.0.iter()
                .map(|d| d.message.replace(&*dir.path().to_string_lossy(), ""))
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        Ok((report, zip_folder(&to, &year.to_string()).map_err(|e| e.to_string())?))
    })
    .await;
    match result {
        Ok(Ok((report, zip))) => {
            let name = format!("{year}.zip");
            app.made.lock().unwrap_or_else(|e| e.into_inner()).insert(name.clone(), zip);
            json_response(
                StatusCode::OK,
                &json!({ "changed": report.changed, "decide": report.decide, "download": format!("/made/{name}") }),
            )
        }
        Ok(Err(m)) => json_response(StatusCode::BAD_REQUEST, &json!({ "message": m })),
        Err(r) => r,
    }
}

async fn made(State(app): State<Arc<App>>, UrlPath(name): UrlPath<String>) -> Response {
    let zip = app.made.lock().unwrap_or_else(|e| e.into_inner()).get(&name).cloned();
    match zip {
        Some(bytes) => attachment(&name, bytes),
        None => guard::refuse(StatusCode::NOT_FOUND, msg::not_found().zh),
    }
}

/// The files of `dir` in a zip, under `prefix/`.
fn zip_folder(dir: &Path, prefix: &str) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![(dir.to_path_buf(), prefix.to_string())];
    while let Some((d, p)) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)?.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = format!("{p}/{}", e.file_name().to_string_lossy());
            if e.file_type()?.is_dir() {
                stack.push((e.path(), name));
            } else {
                zip.start_file(name, options).map_err(std::io::Error::other)?;
                zip.write_all(&std::fs::read(e.path())?)?;
            }
        }
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
