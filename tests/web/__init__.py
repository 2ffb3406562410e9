"""Tests of the reader: pages, API, feeds, security, views, administration, browser."""
