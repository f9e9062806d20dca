"""Crossdock: an open-source omnichannel order management system."""
