"""A minimal SMTP client that goes as far as STARTTLS and no further (RFC 5321, RFC 3207).

aiosmtplib hides the handshake facts we report (and fails STARTTLS and certificate errors
alike), so the probe speaks the four commands it needs itself.
"""

from __future__ import annotations

import asyncio
import ssl

MAX_REPLY_LINES = 100  # a hostile server must not keep us reading forever
MAX_LINE = 2048  # RFC 5321 §4.5.3.1.5: reply lines are at most 512 octets; leave room for sloppy servers


class ProbeError(Exception):
    """The conversation ended before TLS was established; the message says where."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SmtpProbe:
    """One SMTP connection to a host and port."""

    def __init__(self, address: str, port: int, *, helo: str) -> None:
        self.address, self.port, self.helo = address, port, helo
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        """Open the connection and read the 220 greeting."""
        try:
            self._reader, self._writer = await asyncio.open_connection(self.address, self.port)
        except OSError as exc:
            raise ProbeError(f"Connection to {self.address} port {self.port} failed: {exc.strerror or exc}.") from None
        code, text = await self._reply()
        if code != 220:
            raise ProbeError(f"The server greeted with {code} {text[0] if text else ''}".strip() + ".")

    async def offers_starttls(self) -> bool:
        """Send EHLO; True when the reply lists STARTTLS."""
        code, lines = await self.command(f"EHLO {self.helo}")
        if code != 250:
            raise ProbeError(f"EHLO was answered with {code}.")
        return any(line.split(" ", 1)[0].upper() == "STARTTLS" for line in lines[1:])

    async def starttls(self, context: ssl.SSLContext, *, server_hostname: str) -> ssl.SSLObject:
        """Upgrade the connection; certificate errors propagate as ssl.SSLCertVerificationError."""
        code, lines = await self.command("STARTTLS")
        if code != 220:
            raise ProbeError(f"STARTTLS was refused: {code} {lines[0] if lines else ''}".strip() + ".")
        assert self._writer is not None
        try:
            await self._writer.start_tls(context, server_hostname=server_hostname)
        except ssl.SSLCertVerificationError:
            raise
        except (ssl.SSLError, OSError) as exc:
            raise ProbeError(f"The TLS handshake failed: {exc}.") from None
        ssl_object: ssl.SSLObject | None = self._writer.get_extra_info("ssl_object")
        if ssl_object is None:
            raise ProbeError("The TLS handshake did not complete.")
        return ssl_object

    async def quit(self) -> None:
        """Say EHLO again over TLS (RFC 3207 §4.2) and QUIT politely; errors here do not matter."""
        try:
            await self.command(f"EHLO {self.helo}")
            await self.command("QUIT")
        except (ProbeError, OSError, ssl.SSLError):
            pass

    async def command(self, line: str) -> tuple[int, list[str]]:
        """Send one command line and read its reply."""
        assert self._writer is not None
        try:
            self._writer.write(line.encode("ascii") + b"\r\n")
            await self._writer.drain()
        except OSError as exc:
            raise ProbeError(f"The connection broke while sending {line.split()[0]}: {exc}.") from None
        return await self._reply()

    async def _reply(self) -> tuple[int, list[str]]:
        """(code, text lines) of one possibly multi-line reply."""
        assert self._reader is not None
        lines: list[str] = []
        for _ in range(MAX_REPLY_LINES):
            try:
                raw = await self._reader.readline()
            except (OSError, ValueError) as exc:
                raise ProbeError(f"The connection broke: {exc}.") from None
            if not raw:
                raise ProbeError("The server closed the connection.")
            text = raw[:MAX_LINE].decode("utf-8", "replace").rstrip("\r\n")
            if len(text) < 3 or not text[:3].isdigit():
                raise ProbeError(f"The server sent a malformed reply: {text[:80]!r}.")
            lines.append(text[4:])
            if text[3:4] != "-":
                return int(text[:3]), lines
        raise ProbeError("The server sent an endless reply.")

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        writer.close()
        try:
            async with asyncio.timeout(2):  # not wait_for: it can swallow cancellation on 3.11
                await writer.wait_closed()
        except (OSError, ssl.SSLError, TimeoutError):
            pass
