"""Store reliability learned from offer outcomes: recomputed when outcomes are written, read by routing."""
