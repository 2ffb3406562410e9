"""The reader: server-rendered HTML pages, a JSON API under /api/v1/ and Atom feeds.

    app = create_app(storage, settings)      # colonnade.web.app; run it with uvicorn

Everything is read through `colonnade.store.Storage`; nothing here fetches or extracts (the
administration API hands discovery and crawls to colonnade.sources and colonnade.pipeline).
"""
