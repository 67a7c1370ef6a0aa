"""Allow ``python -m samenwerk_tui``."""

from samenwerk_tui.cli.main import main

raise SystemExit(main())
