"""What every route needs: the Site, and the columnist or publication an address names."""

from __future__ import annotations

from fastapi import Request

from colonnade.errors import NotFound
from colonnade.store import Columnist, Publication
from colonnade.web.errors import Moved
from colonnade.web.site import Site


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def columnist_by_slug(site: Site, slug: str, missing: str) -> Columnist:
    """The columnist at exactly this slug; Moved when it is the old slug of a columnist merged
    into another; else NotFound(missing)."""
    found = site.storage.columnists.by_slug(slug)
    if found is None:
        current = site.storage.columnists.moved_to(slug)
        if current is not None:
            raise Moved(slug, current)
        raise NotFound(missing)
    return found


def publication_by_slug(site: Site, slug: str, missing: str) -> Publication:
    """The publication at exactly this slug, or NotFound(missing)."""
    found = site.storage.publications.by_slug(slug)
    if found is None:
        raise NotFound(missing)
    return found
