"""Routing: profiles (which orders, which locations, what it costs), placement, offers."""
