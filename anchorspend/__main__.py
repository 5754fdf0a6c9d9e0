"""`python -m anchorspend` is the `anchorspend` command."""

from anchorspend.cli import main

raise SystemExit(main())
