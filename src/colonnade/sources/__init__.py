"""Sources: feed and sitemap parsing, feed discovery, OPML, the starter catalog."""
