"""Helpers for the tests that open pages in a real headless Chromium (Debian's ``chromium``)."""
