"""The workspace's own git files: what ``init`` writes, and sync keeps in place.

``.gitattributes`` names the merge driver; ``.gitignore`` keeps the store's temporary
files, the lock files and editors' swap and backup files out of every commit.
"""

from __future__ import annotations

from samenwerk_tui.store.atomic import TEMP_SUFFIX
from samenwerk_tui.store.lock import IGNORE_PATTERN

GITATTRIBUTES = """\
* text=auto eol=lf
partnerships/*.toml text eol=lf merge=samenwerk
"""
GITIGNORE = f"""\
# temporary files of samenwerk's atomic writes
*{TEMP_SUFFIX}
.merge_file_*
# the lock files saves and syncs share (never synced)
{IGNORE_PATTERN}
# editors' swap and backup files
*.swp
*~
.#*
*.bak
*.orig
"""
