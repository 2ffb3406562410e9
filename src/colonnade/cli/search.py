"""`colonnade search QUERY`: full-text search over stored articles."""

from __future__ import annotations

import json

import click

from colonnade.cli.context import AppContext
from colonnade.cli.validate import language_code
from colonnade.store import ArticleQuery


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option(
    "--language", callback=language_code, help="Only articles in this ISO 639-1 language."
)
@click.option("--newest", is_flag=True, help="Newest first instead of best match first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def search(
    app: AppContext,
    query: tuple[str, ...],
    limit: int,
    language: str | None,
    newest: bool,
    as_json: bool,
) -> None:
    """Search titles, text and columnists. QUERY is plain words; no syntax is needed. The
    results, and their order, are those of the site's search and of /api/v1/search."""
    wanted = ArticleQuery(
        text=" ".join(query),
        order="newest" if newest else "relevance",
        language=language,
        limit=limit,
    )
    hits = app.storage.articles.find(wanted).hits
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
