"""The shipped nginx configuration (deploy/nginx/gongkai.conf), filled in for an installation."""

from __future__ import annotations

from importlib import resources

from django.conf import settings


def template() -> str:
    return resources.files("gongkai.publishing").joinpath("nginx.conf.in").read_text(encoding="utf-8")


def config(*, listen: str, upstream: str, publish_dir=None) -> str:
    root = str(publish_dir or settings.GONGKAI_PUBLISH_DIR)
    return (
        template()
        .replace("@LISTEN@", str(listen))
        .replace("@UPSTREAM@", upstream)
        .replace("@PUBLISH_DIR@", root)
        .replace("@STATIC_DIR@", root + "/static")
    )


def standalone_config(*, listen: str, upstream: str, publish_dir, prefix, workers: int = 2) -> str:
    """A whole nginx.conf around the server block, for a run without the system's nginx set-up
    (tests and benchmarks: `nginx -p PREFIX -c PREFIX/nginx.conf`)."""
    server = config(listen=listen, upstream=upstream, publish_dir=publish_dir)
    return f"""worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    open_file_cache max=10000 inactive=20s;
    open_file_cache_valid 1s;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{server}
}}
"""
