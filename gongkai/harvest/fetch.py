"""Polite, bounded HTTP fetching with a conditional-request cache (httpx).

Contract of `Fetcher.get(url)` → `Fetched`:
- only http(s) URLs on the allowed hosts; robots.txt of each host is honoured (a host whose
  robots.txt cannot be fetched for a server error is not crawled, RFC 9309 §2.3.1.3);
- at least `delay` seconds between two requests to one host;
- a timeout per request; connection errors, timeouts, 429 and 5xx are retried with exponential
  back-off (`retries` times);
- redirects are followed by hand, at most `MAX_REDIRECTS`, and only within the allowed hosts;
- the body is read in chunks and abandoned past `max_bytes` (never an unbounded download);
- with a cache directory, the last ETag / Last-Modified of each URL is sent back
  (If-None-Match / If-Modified-Since); a 304 answer gives the cached body, status "revalidated".
It never raises: every failure is a `Fetched` with `error` set to a Chinese reason.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "gongkai-report-harvest/1 (annual report audit)"
MAX_REDIRECTS = 5


@dataclass
class Fetched:
    url: str
    final_url: str
    status: str  # "fetched", "revalidated" or "error"
    content: bytes = b""
    content_type: str = ""
    error: str | None = None
    code: str | None = None  # a stable code for the error: fetch.unreachable, fetch.too_large, ...


@dataclass
class Answer:
    status_code: int
    headers: httpx.Headers
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Cache:
    """DIR/cache: index.json (url -> validators and body file) and one file per body."""

    def __init__(self, directory: Path | None):
        self.directory = directory
        self.index: dict[str, dict] = {}
        self.lock = threading.Lock()
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            index = directory / "index.json"
            if index.is_file():
                try:
                    self.index = json.loads(index.read_text(encoding="utf-8"))
                except ValueError:
                    self.index = {}

    def validators(self, url: str) -> dict[str, str]:
        entry = self.index.get(url)
        if not entry or self.directory is None or not (self.directory / entry["body"]).is_file():
            return {}
        headers = {}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers

    def body(self, url: str) -> tuple[bytes, str] | None:
        entry = self.index.get(url)
        if not entry or self.directory is None:
            return None
        path = self.directory / entry["body"]
        return (path.read_bytes(), entry.get("content_type", "")) if path.is_file() else None

    def store(self, url: str, response: Answer, content: bytes) -> None:
        if self.directory is None:
            return
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if not etag and not modified:
            return
        name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        (self.directory / name).write_bytes(content)
        with self.lock:
            self.index[url] = {
                "etag": etag,
                "last_modified": modified,
                "body": name,
                "content_type": response.headers.get("content-type", ""),
            }

    def save(self) -> None:
        if self.directory is not None:
            with self.lock:
                text = json.dumps(self.index, ensure_ascii=False)
            (self.directory / "index.json").write_text(text, encoding="utf-8")


class Fetcher:
    def __init__(
        self,
        allowed_hosts,
        delay: float = 1.0,
        timeout: float = 20.0,
        retries: int = 2,
        max_bytes: int = 30 * 1024 * 1024,
        cache_dir: Path | None = None,
        backoff: float = 0.5,
    ):
        self.allowed = {h.lower() for h in allowed_hosts}
        self.delay, self.retries, self.max_bytes, self.backoff = delay, retries, max_bytes, backoff
        self.cache = Cache(cache_dir)
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            event_hooks={"request": [self._stamp]},
        )
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.unreachable: dict[str, str] = {}
        self.lock = threading.Lock()

    def close(self) -> None:
        self.cache.save()
        self.client.close()

    def _stamp(self, request: httpx.Request) -> None:
        """When a request really leaves: the next one to its host waits `delay` from here, so a
        busy machine that sends late never shortens the gap the host sees."""
        host = (request.url.host or "").lower()
        with self.lock:
            self.last_request[host] = max(self.last_request.get(host, float("-inf")), time.monotonic())

    def _wait_turn(self, host: str) -> None:
        """Wait until `delay` seconds have passed since the last request to `host` started (reserving
        the turn at once, so two threads never share it)."""
        while True:
            with self.lock:
                now = time.monotonic()
                ready = self.last_request.get(host, float("-inf")) + self.delay
                if ready <= now:
                    self.last_request[host] = now
                    return
            time.sleep(ready - now)

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        host = host_of(url)
        if host not in self.robots:
            parser = urllib.robotparser.RobotFileParser()
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            response = self._request(robots_url, {})
            if isinstance(response, str):
                self.unreachable[host] = response
                self.robots[host] = None
            elif response.status_code >= 500:
                self.robots[host] = None  # robots.txt answers a server error: do not crawl the host
            elif response.status_code >= 400:
                parser.parse([])
                self.robots[host] = parser
            else:
                parser.parse(response.text.splitlines())
                self.robots[host] = parser
        parser = self.robots[host]
        return parser is not None and parser.can_fetch(USER_AGENT, url)

    def _request(self, url: str, headers: dict) -> Answer | str:
        """One GET with retries; the response (body read up to the cap) or a Chinese reason."""
        host = host_of(url)
        last = "无法连接"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_turn(host)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    if response.status_code in (429, 500, 502, 503, 504) and attempt < self.retries:
                        last = f"服务器返回 {response.status_code}"
                        continue
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        return (
                            f"文件过大（{int(declared) // 1024 // 1024} MB，上限 {self.max_bytes // 1024 // 1024} MB）"
                        )
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > self.max_bytes:
                            return f"文件过大（超过 {self.max_bytes // 1024 // 1024} MB 上限），已停止下载"
                    return Answer(response.status_code, response.headers, bytes(body))
            except httpx.TimeoutException:
                last = "请求超时"
            except (httpx.TransportError, httpx.InvalidURL, httpx.UnsupportedProtocol) as failure:
                last = f"无法连接（{type(failure).__name__}）"
        return last

    def get(self, url: str) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return Fetched(url, current, "error", error="只抓取 http/https 地址", code="fetch.scheme")
            if host_of(current) not in self.allowed:
                return Fetched(
                    url, current, "error", error=f"跳转到允许范围之外的网站：{host_of(current)}", code="fetch.off_site"
                )
            if not self._robots_allow(current):
                if host_of(current) in self.unreachable:
                    return Fetched(
                        url,
                        current,
                        "error",
                        error=f"网站无法访问：{self.unreachable[host_of(current)]}",
                        code="fetch.unreachable",
                    )
                return Fetched(
                    url, current, "error", error="robots.txt 不允许抓取（或无法读取 robots.txt）", code="fetch.robots"
                )
            response = self._request(current, self.cache.validators(current))
            if isinstance(response, str):
                code = (
                    "fetch.too_large"
                    if "过大" in response
                    else ("fetch.timeout" if "超时" in response else "fetch.unreachable")
                )
                return Fetched(url, current, "error", error=response, code=code)
            if response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    return Fetched(url, current, "error", error="跳转缺少目标地址", code="fetch.redirect")
                current = urljoin(current, location)
                continue
            if response.status_code == 304:
                cached = self.cache.body(current)
                if cached is not None:
                    return Fetched(url, current, "revalidated", cached[0], cached[1])
                return Fetched(url, current, "error", error="服务器返回 304 但缓存中没有内容", code="fetch.cache")
            if response.status_code >= 400:
                return Fetched(url, current, "error", error=f"服务器返回 {response.status_code}", code="fetch.status")
            content = response.content
            self.cache.store(current, response, content)
            return Fetched(url, current, "fetched", content, response.headers.get("content-type", ""))
        return Fetched(url, current, "error", error=f"跳转超过 {MAX_REDIRECTS} 次", code="fetch.redirect_loop")
