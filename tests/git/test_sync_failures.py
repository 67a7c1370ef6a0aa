"""Sync never hangs and never loses work: passwords, closed ports, no remote, two at once."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.gitsync.setup import driver_command, ensure_driver, init_repo
from samenwerk_tui.services.session import Session
from samenwerk_tui.services.sync import sync

from .conftest import Advisor, Team


class _AskForPassword(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="samenwerk"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def password_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AskForPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/team.git"
    server.shutdown()
    server.server_close()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/x.git"


def test_a_remote_asking_for_a_password_fails_fast(team: Team, password_server: str) -> None:
    team.anna.git("remote", "set-url", "origin", password_server)
    team.anna.session().add_note(team.senseo_id, "Private thoughts.")
    started = time.monotonic()
    run = team.anna.sync()
    assert time.monotonic() - started < 15
    assert run.code == 1
    assert "offline: your changes are committed locally" in run.out
    assert "password" in run.err
    assert "Traceback" not in run.err


def test_a_credential_helper_that_prompts_cannot_hang_sync(
    team: Team, password_server: str
) -> None:
    team.anna.git("remote", "set-url", "origin", password_server)
    team.anna.git("config", "credential.helper", "!f() { read answer </dev/tty; }; f")
    started = time.monotonic()
    run = team.anna.sync()
    assert time.monotonic() - started < 15
    assert run.code == 1


def test_a_closed_port_is_offline(team: Team) -> None:
    team.anna.git("remote", "set-url", "origin", closed_port_url())
    run = team.anna.sync()
    assert run.code == 1
    assert "offline" in run.out


def test_no_remote_commits_locally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    solo = Advisor("Anna", tmp_path / "solo", monkeypatch)
    with solo.acting():
        init_repo(solo.root)
    solo.session().create(edits.new_partnership("Senseo"))
    run = solo.sync()
    assert run.code == 0
    assert "no remote configured" in run.out
    assert solo.git("log", "-1", "--format=%s").strip() == "Senseo: created"
    assert solo.git("status", "--porcelain") == ""


def test_not_a_repository_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = Advisor("Anna", tmp_path / "plain", monkeypatch)
    plain.samenwerk("init", str(plain.root))
    run = plain.sync()
    assert run.code == 1
    assert "not a git repository" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_two_overlapping_syncs_run_one_after_the_other(team: Team) -> None:
    team.anna.session().add_note(team.senseo_id, "One")
    results = []
    with team.anna.acting():
        threads = [
            threading.Thread(target=lambda: results.append(sync(team.anna.session())))
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert [r.exit_code for r in results] == [0, 0]
    assert team.anna.git("status", "--porcelain") == ""


def test_a_moved_python_is_rewritten(team: Team) -> None:
    ensure_driver(team.bram.root, executable="/old/venv/bin/python")
    assert "/old/venv" in team.bram.git("config", "merge.samenwerk.driver")
    assert ensure_driver(team.bram.root) is True
    assert team.bram.git("config", "merge.samenwerk.driver").strip() == driver_command()
    assert ensure_driver(team.bram.root) is False


def test_opening_a_fresh_clone_registers_the_driver(team: Team) -> None:
    from samenwerk_tui.services.sync import prepare

    assert prepare(team.bram.session()) is True
    assert team.bram.git("config", "merge.samenwerk.driver").strip() == driver_command()
    outside = Session.open(team.bram.root.parent / "plain", "Bram")
    assert prepare(outside) is False  # not a repository: nothing happens
