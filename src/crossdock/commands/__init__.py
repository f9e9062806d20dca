"""Sub-commands of the `crossdock` CLI. Each module has `register(subparsers)`."""
