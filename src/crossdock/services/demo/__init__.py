"""The demo network: a deterministic, realistic retailer seeded from one integer."""
