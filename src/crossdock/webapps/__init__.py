"""Staff web apps (store, pos, service, ops)."""
