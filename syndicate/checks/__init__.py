"""Checks that run on every post before it is published (privacy, readability, photos)."""
