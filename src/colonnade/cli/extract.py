"""`colonnade extract FILE_OR_URL`: run extraction on one page and print the result."""

from __future__ import annotations

import json
from pathlib import Path

import click

from colonnade.cli.context import AppContext
from colonnade.cli.validate import check_host_name
from colonnade.errors import BadRequest
from colonnade.extract import extract as extract_article
from colonnade.fetch.client import fetch_sync


@click.command("extract")
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--url", help="The page's address, when SOURCE is a file (for links and dates).")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.pass_obj
def extract(app: AppContext, source: str, url: str | None, as_json: bool) -> None:
    """Extract the article from a saved HTML file or a live URL."""
    if source.startswith(("http://", "https://")):
        check_host_name(source)
        page = fetch_sync(source, app.settings)
        html: str | bytes = (
            page.body.decode(page.encoding, errors="replace") if page.encoding else page.body
        )
        article = extract_article(html, url=url or page.final_url)
    else:
        path = Path(source)
        if not path.is_file():
            raise BadRequest(f"{source}: no such file (give a file path or an http(s) URL)")
        article = extract_article(path.read_bytes(), url=url)
    data = article.to_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key, value in data.items():
        if key == "text":
            continue
        if isinstance(value, list):
            value = ", ".join(value)
        click.echo(f"{key:14} {value if value not in (None, '') else '-'}")
    click.echo("")
    click.echo(data["text"])


COMMANDS = [extract]
