"""A loopback SFTP server (asyncssh) in a background thread, for upload tests."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import asyncssh


class _PasswordServer(asyncssh.SSHServer):
    def __init__(self, username: str, password: str) -> None:
        self.username, self.password = username, password

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return (username, password) == (self.username, self.password)


class SftpServer:
    """`with SftpServer(root, "up", "pw") as server:` — files land under `root`; `server.port`."""

    def __init__(self, root: Path, username: str, password: str) -> None:
        self.root, self.username, self.password = root, username, password
        self.port = 0
        self.logins = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._listener: asyncssh.SSHAcceptor | None = None

    def __enter__(self) -> SftpServer:
        self._thread.start()
        self._listener = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        self.port = self._listener.get_port()
        return self

    async def _start(self) -> asyncssh.SSHAcceptor:
        key = asyncssh.generate_private_key("ssh-ed25519")
        root = str(self.root)

        def server_factory() -> asyncssh.SSHServer:
            self.logins += 1
            return _PasswordServer(self.username, self.password)

        return await asyncssh.listen(
            "127.0.0.1",
            0,
            server_host_keys=[key],
            server_factory=server_factory,
            sftp_factory=lambda chan: asyncssh.SFTPServer(chan, chroot=root),
        )

    def __exit__(self, *exc: object) -> None:
        assert self._listener is not None
        self._loop.call_soon_threadsafe(self._listener.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
