//! `vangnet bench http`: throughput and latency of four real pages under
//! wrk, each beside `/healthz` measured the same way in the same run, so
//! the ratio says what a page costs beyond the server's own overhead. The
//! server is this binary's demo (without history) on a throwaway SQLite
//! file, on 127.0.0.1 only, started as a child process and stopped after.

use super::CliResult;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// wrk's own threads and the connections they keep open. One thread: on
/// a small machine the server needs the other cores.
const WRK_THREADS: &str = "1";
const CONNECTIONS: &str = "16";

/// wrk prints this JSON line when done, so nothing parses its text table.
const REPORT_SCRIPT: &str = r#"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"errors":%d,"bad_status":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"#;

/// The demo server as a child process, killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> CliResult<SocketAddr> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("geen vrije poort: {e}"))?;
    listener.local_addr().map_err(|e| e.to_string())
}

fn vangnet(database: &str) -> CliResult<Command> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command.args(["--database-url", database]);
    Ok(command)
}

/// A GET over HTTP/1.0 (so the answer is never chunked): status and body.
fn get(address: SocketAddr, path: &str, token: Option<&str>) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let authorization = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {address}\r\n{authorization}\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

fn start(database: &str) -> CliResult<Server> {
    let address = free_port()?;
    eprintln!("demoserver starten op http://{address} …");
    let child = vangnet(database)?
        .args(["demo", "--no-history", "--listen", &address.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("kan de demoserver niet starten: {e}"))?;
    let mut server = Server { child, address };
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok((200, _)) = get(address, "/healthz", None) {
            return Ok(server);
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            return Err(format!("de demoserver stopte meteen ({status})"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err("de demoserver was na 120 s nog niet bereikbaar".into())
}

fn api_token(database: &str) -> CliResult<String> {
    let output = vangnet(database)?
        .args(["token", "create", "--org", "haagse-woningstichting"])
        .args(["--name", "benchmark", "--scopes", "tenancies:read"])
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "token aanmaken mislukte: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// A published practice's slug, as a visitor would find it.
fn some_practice(address: SocketAddr) -> CliResult<String> {
    let (status, body) =
        get(address, "/api/v1/kennisbank?q=huurachterstand", None).map_err(|e| e.to_string())?;
    let answer: serde_json::Value = serde_json::from_str(&body)
        .map_err(|e| format!("kennisbank zoeken gaf {status} zonder JSON: {e}"))?;
    answer["hits"][0]["slug"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "de demokennisbank vond niets voor 'huurachterstand'".into())
}

/// One wrk run against `path`; its JSON line with the rate and the
/// latencies in milliseconds added.
fn load(
    wrk: &Path,
    script: &Path,
    address: SocketAddr,
    path: &str,
    token: Option<&str>,
    seconds: u32,
) -> CliResult<serde_json::Value> {
    let mut command = Command::new(wrk);
    command
        .args(["-t", WRK_THREADS, "-c", CONNECTIONS])
        .arg(format!("-d{seconds}s"))
        .arg("-s")
        .arg(script);
    if let Some(token) = token {
        command.args(["-H", &format!("Authorization: Bearer {token}")]);
    }
    let output = command
        .arg(format!("http://{address}{path}"))
        .output()
        .map_err(|e| format!("wrk starten mislukte: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| format!("wrk gaf geen resultaat voor {path}: {text}"))?;
    let mut figures: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let number = |key: &str| figures[key].as_f64().unwrap_or_default();
    let rate = number("requests") / (number("duration_us") / 1e6).max(1e-9);
    let (p50, p99) = (number("p50_us") / 1000.0, number("p99_us") / 1000.0);
    figures["requests_per_second"] = rate.round().into();
    figures["p50_ms"] = p50.into();
    figures["p99_ms"] = p99.into();
    Ok(figures)
}

fn wrk_path() -> CliResult<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("wrk"))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            "wrk ontbreekt: installeer het eerst (Debian: apt-get install wrk)".to_string()
        })
}

/// The measured pages: (name, path, needs the API token).
fn pages(practice: &str) -> [(&'static str, String, bool); 4] {
    [
        ("inlogpagina", "/inloggen".into(), false),
        ("praktijkpagina", format!("/kennisbank/{practice}"), false),
        (
            "zoekpagina",
            "/kennisbank/zoeken?q=huurachterstand".into(),
            false,
        ),
        ("api_huurovereenkomsten", "/api/v1/tenancies".into(), true),
    ]
}

pub fn http(seconds: u32) -> CliResult<serde_json::Value> {
    let wrk = wrk_path()?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let script = dir.path().join("report.lua");
    std::fs::write(&script, REPORT_SCRIPT).map_err(|e| e.to_string())?;
    let database = format!("sqlite://{}", dir.path().join("http.db").display());
    let server = start(&database)?;
    let token = api_token(&database)?;
    let practice = some_practice(server.address)?;
    let address = server.address;
    println!(
        "HTTP onder wrk ({CONNECTIONS} verbindingen, {seconds} s per pagina), naast /healthz:"
    );
    let healthz = load(&wrk, &script, address, "/healthz", None, seconds)?;
    let rate = |v: &serde_json::Value| v["requests_per_second"].as_f64().unwrap_or_default();
    let p99 = |v: &serde_json::Value| v["p99_ms"].as_f64().unwrap_or_default();
    let mut results = serde_json::Map::new();
    for (name, path, authenticated) in pages(&practice) {
        let token = authenticated.then_some(token.as_str());
        let (status, _) = get(address, &path, token).map_err(|e| e.to_string())?;
        if status != 200 {
            return Err(format!("{path} gaf {status} in plaats van 200"));
        }
        let mut figures = load(&wrk, &script, address, &path, token, seconds)?;
        figures["path"] = path.clone().into();
        figures["ratio_rate_to_healthz"] = (rate(&figures) / rate(&healthz).max(1e-9)).into();
        figures["ratio_p99_to_healthz"] = (p99(&figures) / p99(&healthz).max(1e-9)).into();
        println!(
            "  {name:<24} {:>7.0} verzoeken/s  p99 {:>7.2} ms  ({:.2}× /healthz-tempo)",
            rate(&figures),
            p99(&figures),
            figures["ratio_rate_to_healthz"]
                .as_f64()
                .unwrap_or_default()
        );
        results.insert(name.into(), figures);
    }
    println!(
        "  {:<24} {:>7.0} verzoeken/s  p99 {:>7.2} ms  (basislijn)",
        "/healthz",
        rate(&healthz),
        p99(&healthz)
    );
    drop(server);
    Ok(serde_json::json!({
        "seconds": seconds,
        "connections": CONNECTIONS.parse::<u32>().unwrap_or_default(),
        "wrk_threads": WRK_THREADS.parse::<u32>().unwrap_or_default(),
        "healthz": healthz,
        "pages": results,
    }))
}
