"""The web layer: a FastAPI app over the store (read-only without a token)."""
