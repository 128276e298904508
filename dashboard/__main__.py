"""Entry point for ``python -m dashboard`` (the same commands as ``leitbild-monitor``)."""

import sys

from dashboard.launcher import main

sys.exit(main())
