"""``samenwerk demo [--path DIR]``: create (once) the demo workspace and open it.

The demo is written in the language in use (``--lang``, ``$SAMENWERK_LANG``, the config,
the locale). It lives in ``<user data dir>/demo-nl`` or ``demo-en`` unless ``--path`` says
otherwise, so switching language gives that language's demo instead of the one made
before; it is created only if it does not exist yet, so an advisor's experiments in it
survive the next start.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context, UsageError

ORDER = 5


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "demo", help=i18n.t("cli.demo.help"), description=i18n.t("cli.demo.help")
    )
    parser.add_argument(
        "--path", metavar=i18n.t("cli.metavar.folder"), help=i18n.t("cli.demo.path")
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.cli.commands.open import open_tui

    # Imported here: the demo data is only needed by this command.
    from samenwerk_tui.services.demo import create_demo, demo_language
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.services.workspaces import demo_folder

    lang = demo_language(i18n.language())
    default = demo_folder(lang)
    root = Path(ctx.args.path).expanduser() if ctx.args.path else default
    if root.exists() and not root.is_dir():
        raise UsageError("cli.init.not_a_folder", path=str(root))
    create_demo(root, lang)
    ctx.quiet_author = True  # the app asks for a name if it only has the login name
    session = Session.open(root, ctx.author, create=True, load=False)
    return open_tui(ctx, session, loaded=False)
