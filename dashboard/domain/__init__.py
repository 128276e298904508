"""Domain rules every layer shares: pure, no I/O."""
