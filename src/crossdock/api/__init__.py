"""REST API: parse, call a service, map domain errors to HTTP. No logic here."""
