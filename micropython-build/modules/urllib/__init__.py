"""Package of `urllib.parse` (the only urllib module in the sandbox: there is no network access
through urllib.request; use the `fetch` builtin when the host grants a network policy)."""
