"""Persistence: the one Django app. Only services/ may import it."""
