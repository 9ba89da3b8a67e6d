"""`python -m pipeline` is the same as the `barometer` command."""

import sys

from pipeline.cli import main

sys.exit(main())
