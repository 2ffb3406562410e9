"""`colonnade serve`: the reader web site, JSON API and feeds."""

from __future__ import annotations

import errno
import socket

import click

from colonnade.cli.context import AppContext


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` (0: any free port), or one `Error:` line saying why not.
    Bound here, before the site starts, so a busy port is reported before "serving on"."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot listen on {host!r}: {exc.strerror}") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(
                f"port {port} on {host} is in use (another server?): "
                "stop it, or choose another port with --port"
            ) from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


def run_site(app: AppContext, host: str, port: int) -> None:
    import uvicorn

    from colonnade.web.app import create_app

    sock = listening_socket(host, port)
    site = create_app(app.storage, app.settings)
    bound = sock.getsockname()[1]
    click.echo(f"serving on http://{host}:{bound}/  (Ctrl-C to stop)", err=True)
    server = uvicorn.Server(uvicorn.Config(site, log_level="warning"))
    server.run(sockets=[sock])


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.pass_obj
def serve(app: AppContext, host: str, port: int) -> None:
    """Serve the web site and API from the database."""
    run_site(app, host, port)


COMMANDS = [serve]
