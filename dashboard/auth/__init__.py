"""Logins, roles and the permission checks every write goes through (issue 7)."""
