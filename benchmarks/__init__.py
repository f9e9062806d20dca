"""Reproducible benchmarks of Crossdock on PostgreSQL: `make bench` or `python -m benchmarks`."""
