"""Repositories: one per aggregate, each with its SQL beside it (bound parameters only)."""
