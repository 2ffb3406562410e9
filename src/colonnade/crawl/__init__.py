"""The crawl: check due feeds, queue new article URLs, fetch, extract and store them."""
