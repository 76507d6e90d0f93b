"""See ARCHITECTURE.md for what lives in this package and why."""
