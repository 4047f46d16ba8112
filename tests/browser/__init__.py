"""Tests that drive the system chromium through Playwright."""
