"""`colonnade search QUERY`: full-text search over stored articles."""

from __future__ import annotations

import json

import click

from colonnade.cli.context import AppContext


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--language", help="Only articles in this ISO 639-1 language.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def search(
    app: AppContext, query: tuple[str, ...], limit: int, language: str | None, as_json: bool
) -> None:
    """Search titles, text and columnists. QUERY is plain words; no syntax is needed."""
    hits = app.storage.search(" ".join(query), limit=limit, language=language)
    if not hits:
        click.echo("no matches", err=True)
        return
    for hit in hits:
        article = hit.article
        if as_json:
            row = article.to_dict() | {"rank": hit.rank, "snippet": hit.snippet}
            row.pop("text", None)
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        authors = ", ".join(article.authors) or "-"
        date = (article.published or "")[:10] or "undated"
        click.echo(f"[{article.id}] {article.title}")
        click.echo(f"    {authors} · {article.publication} · {date}")
        click.echo(f"    {article.canonical_url or article.url}")
        if hit.snippet:
            click.echo(f"    {hit.snippet}")


COMMANDS = [search]
