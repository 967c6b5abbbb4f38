//! Issue #15, `gongwen serve [EDITION] [--port N] [--no-open]`: the edition edited in a
//! browser. The real binary is started on a copy of the 2015 edition; its page is driven in
//! Debian's Chromium through WebDriver (Python's selenium), and the server is spoken to in raw
//! HTTP/1.1 over a socket for what a browser would never send (no token, a foreign Host or
//! Origin, a path that climbs out, a body too large).
//!
//! Every wait is bounded; the server is killed when a test ends, passing or failing.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

use common::*;

/// Loading the fonts and the edition before the address is printed.
const START: Duration = Duration::from_secs(120);

/// A running `gongwen serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    token: String,
    url: String,
    edition: Edition,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Self {
        let edition = edition_with(&[]);
        let mut child = gongwen_command()
            .args(["serve", "--no-open", "--port", "0", "--lang", "zh"])
            .arg(&edition.path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start gongwen serve");
        let out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let url = match rx.recv_timeout(START) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("gongwen serve printed no address:\n{err}");
            }
        };
        // The address alone on its line: http://127.0.0.1:PORT/?token=…
        let rest = url.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("not the address: {url}"));
        let (port, token) = rest.split_once("/?token=").unwrap_or_else(|| panic!("no token in {url}"));
        assert!(token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()), "a weak token: {token}");
        Server {
            child,
            port: port.parse().unwrap(),
            token: token.to_string(),
            url,
            edition,
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn cookie(&self) -> String {
        format!("gongwen-{}={}", self.port, self.token)
    }

    /// A raw request, sent as written (no path normalised), with a Host unless one is given.
    fn raw(&self, method: &str, path: &str, headers: &[(&str, String)], body: &str) -> Answer {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            req.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        req.push_str(body);
        s.write_all(req.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        Answer::parse(&bytes)
    }

    fn get(&self, path: &str) -> Answer {
        self.raw("GET", path, &[("Cookie", self.cookie())], "")
    }

    /// A POST as the page sends it: the cookie and the page's own Origin.
    fn post(&self, path: &str, body: &str) -> Answer {
        self.raw("POST", path, &[("Cookie", self.cookie()), ("Origin", self.origin())], body)
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn parse(bytes: &[u8]) -> Self {
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer");
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
        let mut body = bytes[split + 4..].to_vec();
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            body = unchunk(&body);
        }
        Answer { status, head, body }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(std::str::from_utf8(&b[..i]).unwrap().trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[i + 2..i + 2 + n]);
        b = &b[i + 2 + n + 2..];
    }
    out
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The comments of a TOML file: each `#…` outside a string, as written.
fn comments(toml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in toml.lines() {
        let mut quoted = false;
        for (i, c) in line.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '#' if !quoted => {
                    out.push(line[i..].trim_end().to_string());
                    break;
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn every_request_needs_the_token_and_the_first_load_sets_a_cookie() {
    let server = Server::start();
    let none = server.raw("GET", "/", &[], "");
    assert_eq!(none.status, 403, "{}", none.text());
    assert!(has_chinese(&none.text()), "{}", none.text());
    let wrong = server.raw("GET", &format!("/?token={}", "0".repeat(server.token.len())), &[], "");
    assert_eq!(wrong.status, 403);
    for path in ["/api/state", "/app.js", "/download/notice.pdf", "/page/x.png"] {
        assert_eq!(server.raw("GET", path, &[], "").status, 403, "{path} without the token");
    }
    let first = server.raw("GET", &format!("/?token={}", server.token), &[], "");
    assert_eq!(first.status, 200, "{}", first.text());
    let cookie = first.header("set-cookie").expect("a cookie");
    assert!(cookie.starts_with(&server.cookie()), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(first.text().contains("/app.js"));
    let csp = first.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(server.get("/api/state").status, 200);
}

#[test]
fn a_foreign_host_is_refused() {
    let server = Server::start();
    let with = |host: &str| server.raw("GET", "/api/state", &[("Host", host.to_string()), ("Cookie", server.cookie())], "");
    for host in [
        "evil.example",
        &format!("evil.example:{}", server.port),
        &format!("127.0.0.1:{}", server.port + 1),
        "127.0.0.1",
    ] {
        let a = with(host);
        assert_eq!(a.status, 403, "Host {host}: {}", a.text());
        assert!(a.text().contains("Host"), "{}", a.text());
    }
    assert_eq!(with(&format!("localhost:{}", server.port)).status, 200);
    assert_eq!(with(&format!("127.0.0.1:{}", server.port)).status, 200);
}

#[test]
fn a_save_from_a_foreign_origin_is_refused_and_writes_nothing() {
    let server = Server::start();
    let notice = server.edition.path.join("notice.toml");
    let before = std::fs::read(&notice).unwrap();
    let state = server.get("/api/state").json();
    let file = &state["files"][0];
    let mut data = file["data"].clone();
    data["body"]["addressees"] = "恶意网页改写的主送机关".into();
    let body = serde_json::json!({ "files": [{ "name": "notice.toml", "revision": file["revision"], "data": data }] }).to_string();
    for origin in [
        Some("http://evil.example".to_string()),
        Some(format!("http://localhost:{}", server.port + 1)),
        Some("null".to_string()),
        None,
    ] {
        let mut headers = vec![("Cookie", server.cookie())];
        if let Some(o) = &origin {
            headers.push(("Origin", o.clone()));
        }
        let a = server.raw("POST", "/api/save", &headers, &body);
        assert_eq!(a.status, 403, "Origin {origin:?}: {}", a.text());
        assert!(a.text().contains("Origin") && has_chinese(&a.text()), "{}", a.text());
    }
    assert_eq!(std::fs::read(&notice).unwrap(), before, "a refused save wrote the file");
    // The same request from the page's origin is saved.
    let ok = server.post("/api/save", &body);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert!(std::fs::read_to_string(&notice).unwrap().contains("恶意网页改写的主送机关"));
}

#[test]
fn paths_that_climb_out_of_the_edition_are_refused() {
    let server = Server::start();
    let secret = "gongwen-secret-outside-the-edition";
    std::fs::write(server.edition.path.parent().unwrap().join("secret.txt"), secret).unwrap();
    for path in [
        "/page/../../secret.txt",
        "/download/../secret.txt",
        "/download/..%2Fsecret.txt",
        "/%2e%2e/secret.txt",
        "/download/%2E%2E%2Fnotice.toml",
        "/made/..%5csecret.txt",
        "/../Cargo.toml",
    ] {
        let a = server.get(path);
        assert!(a.status == 400 || a.status == 404, "{path}: {} {}", a.status, a.text());
        assert!(!a.text().contains(secret) && !a.text().contains("[package]"), "{path} read outside");
        assert!(has_chinese(&a.text()), "{path}: {}", a.text());
    }
    // A save may name only the edition's own files.
    let state = server.get("/api/state").json();
    for name in ["../secret.txt", "/etc/passwd", "units.csv"] {
        let body = serde_json::json!({ "files": [{ "name": name, "revision": "", "data": {} }] }).to_string();
        let a = server.post("/api/save", &body);
        assert_eq!(a.status, 400, "{name}: {}", a.text());
    }
    assert_eq!(
        std::fs::read_to_string(server.edition.path.parent().unwrap().join("secret.txt")).unwrap(),
        secret
    );
    assert_eq!(state["files"].as_array().unwrap().len(), 3);
}

#[test]
fn a_request_body_is_bounded() {
    let server = Server::start();
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let head = format!(
        "POST /api/preview HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nOrigin: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.host(),
        server.cookie(),
        server.origin(),
        64 << 20
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let a = Answer::parse(&bytes);
    assert_eq!(a.status, 413, "{}", a.text());
    assert!(has_chinese(&a.text()));
}

#[test]
fn a_save_against_a_file_changed_meanwhile_is_refused_with_a_message() {
    let server = Server::start();
    let notice = server.edition.path.join("notice.toml");
    let state = server.get("/api/state").json();
    let file = &state["files"][0];
    // An editor (or another tab) saves the file after the page loaded it.
    let mut text = std::fs::read_to_string(&notice).unwrap();
    text.push_str("# 另一个编辑器加的注释\n");
    std::fs::write(&notice, &text).unwrap();
    let mut data = file["data"].clone();
    data["body"]["addressees"] = "本页改的主送机关".into();
    let body = serde_json::json!({ "files": [{ "name": "notice.toml", "revision": file["revision"], "data": data }] }).to_string();
    let a = server.post("/api/save", &body);
    assert_eq!(a.status, 409, "{}", a.text());
    let message = a.json()["message"].as_str().unwrap().to_string();
    assert!(message.contains("notice.toml") && message.contains("已被修改"), "{message}");
    assert_eq!(std::fs::read_to_string(&notice).unwrap(), text, "the other editor's save was overwritten");
    // Reloaded, the page has the new revision, and its save goes through.
    let state = server.get("/api/state").json();
    let body = serde_json::json!({ "files": [{ "name": "notice.toml", "revision": state["files"][0]["revision"], "data": data }] }).to_string();
    assert_eq!(server.post("/api/save", &body).status, 200);
    let saved = std::fs::read_to_string(&notice).unwrap();
    assert!(saved.contains("本页改的主送机关") && saved.contains("# 另一个编辑器加的注释"), "{saved}");
}

#[test]
fn the_server_listens_on_loopback_only() {
    let server = Server::start();
    let port = format!("{:04X}", server.port);
    let mut listening = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // local_address is ADDR:PORT in hex; state 0A is LISTEN.
            if cols.len() > 3 && cols[3] == "0A" && cols[1].ends_with(&format!(":{port}")) {
                listening.push(format!("{table} {}", cols[1]));
            }
        }
    }
    assert_eq!(
        listening,
        [format!("/proc/net/tcp 0100007F:{port}")],
        "the listening sockets of port {}",
        server.port
    );
}

#[test]
fn the_schema_is_the_models_and_previews_report_at_the_field() {
    let server = Server::start();
    let state = server.get("/api/state").json();
    let schema = &state["schemas"]["notice"];
    let parts: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        parts,
        [
            "format",
            "year",
            "dates",
            "issuers",
            "head",
            "body",
            "closing",
            "signature",
            "record",
            "attendance"
        ]
    );
    assert_eq!(schema["properties"]["head"]["title"], "版头");
    assert_eq!(schema["$defs"]["Head"]["properties"]["copy_number"]["title"], "份号");
    assert_eq!(schema["$defs"]["Signature"]["properties"]["date"]["format"], "date");
    let texts: Vec<&str> = state["placeholders"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"{year}") && texts.contains(&"{deadline}") && texts.contains(&"{card_month_start:md}"),
        "{texts:?}"
    );
    let files: Vec<(String, Vec<u8>)> = state["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), vec![]))
        .collect();
    assert_eq!(
        files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["notice.toml", "attachment-1.toml", "attachment-2.toml"]
    );
    // A date out of order is reported at its field, and the last good pages are kept.
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut files = state["files"].clone();
        f(&mut files[0]["data"]);
        let body = serde_json::json!({ "files": files }).to_string();
        server.post("/api/preview", &body).json()
    };
    let good = edit(&|_| {});
    assert_eq!(good["fresh"], true, "{good}");
    let pages = good["pages"].as_array().unwrap().clone();
    assert!(pages.len() >= 4, "{good}");
    let png = server.get(&format!("/page/{}.png", pages[0]["id"].as_str().unwrap()));
    assert_eq!(png.status, 200);
    assert!(png.body.starts_with(b"\x89PNG"), "not a PNG");
    let bad = edit(&|d| d["dates"]["activity_end"] = "2014-12-01".into());
    assert_eq!(bad["fresh"], false, "{bad}");
    assert_eq!(bad["pages"], serde_json::Value::Array(pages.clone()), "the last good pages are kept");
    let problem = bad["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["error"] == true)
        .unwrap_or_else(|| panic!("{bad}"));
    assert_eq!(problem["file"], "notice.toml");
    assert_eq!(problem["field"], "dates.activity_end");
    assert!(has_chinese(problem["message"].as_str().unwrap()), "{problem}");
    // The downloads are the edition as saved.
    let pdf = server.get("/download/notice.pdf");
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert!(pdf.body.starts_with(b"%PDF-"));
    let sheet = server.get("/download/attachment-1.xlsx");
    assert_eq!(sheet.status, 200, "{}", sheet.text());
    assert!(sheet.body.starts_with(b"PK"));
    // Next year's edition, as a zip: nothing is written beside the edition.
    let beside: Vec<String> = listing(server.edition.path.parent().unwrap());
    let made = server.post("/api/new-edition", r#"{"year": 2016}"#).json();
    let zip = server.get(made["download"].as_str().unwrap());
    assert_eq!(zip.status, 200);
    assert!(zip.body.starts_with(b"PK"));
    assert!(
        made["changed"].as_array().unwrap().iter().any(|c| c.as_str().unwrap().contains("2016")),
        "{made}"
    );
    assert_eq!(listing(server.edition.path.parent().unwrap()), beside);
}

#[test]
fn the_page_in_chromium_edits_previews_and_saves_keeping_every_comment() {
    let server = Server::start();
    let notice = server.edition.path.join("notice.toml");
    let original = std::fs::read_to_string(&notice).unwrap();
    let sentence = "认真学习宣传贯彻党的二十大精神，这是在浏览器里改写的一句话。";
    let seen: serde_json::Value = python_json("serve/browser.py", [server.url.as_str(), sentence]);
    eprintln!("the browser saw: {seen}");
    assert!(
        !seen["address_after_load"].as_str().unwrap().contains("token"),
        "the token stays in the address bar: {seen}"
    );
    assert_eq!(seen["title"], "关于{year}年元旦春节期间", "{seen}");
    assert_eq!(seen["title_label"], "标题", "{seen}");
    let legends: Vec<&str> = seen["legends"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(
        legends,
        [
            "日期（{日期名}）",
            "发文机关",
            "版头",
            "主体",
            "结尾",
            "署名和成文日期",
            "版记",
            "出席、请假、列席"
        ],
        "{seen}"
    );
    assert_eq!(seen["error_at_field"], "不能为空", "{seen}");
    assert_eq!(seen["pages_kept"], true, "the last good pages were not kept: {seen}");
    assert!(!seen["stale_note"].as_str().unwrap().is_empty(), "{seen}");
    assert_eq!(seen["image_differs"], true, "the first page did not change: {seen}");
    assert_eq!(seen["changed_pages"][0], 0, "{seen}");
    assert_eq!(seen["error_gone"], true, "{seen}");
    assert_eq!(seen["status"], "已保存", "{seen}");
    let saved = std::fs::read_to_string(&notice).unwrap();
    assert!(saved.contains(sentence), "the new sentence is not in notice.toml:\n{saved}");
    let old = "认真学习宣传贯彻党的十八届三中、四中全会";
    assert!(original.contains(old) && !saved.contains(old));
    let lost: Vec<String> = comments(&original).into_iter().filter(|c| !saved.contains(c.as_str())).collect();
    assert!(lost.is_empty(), "comments lost: {lost:#?}");
    assert!(comments(&original).len() > 40);
    // Only that paragraph changed: every other line is as it was.
    let changed: Vec<(&str, &str)> = original.lines().zip(saved.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert_eq!(original.lines().count(), saved.lines().count());
    // The saved edition builds.
    gongwen(["check".as_ref(), server.edition.path.as_os_str()]).assert_ok("gongwen check of the saved edition");
}
