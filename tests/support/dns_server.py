"""A loopback DNS server (UDP and TCP) that answers from a dict the test controls.

    with DnsServer() as dns_server:
        dns_server.add("example.com", "MX", "10 mx.example.com.")
        dns_server.add("mx.example.com", "A", "127.0.0.2")
        dns_server.add_txt("sel._domainkey.example.com", "v=DKIM1; k=rsa; p=…")
        settings: OPENLUX_DNS_SERVERS=dns_server.address

Names not in `records` get NXDOMAIN; known names without the asked type get NOERROR/no data.
Names in `servfail` get SERVFAIL (a temporary failure).
"""

from __future__ import annotations

import socketserver
import struct
import threading
from typing import Any

import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

TTL = 60


class DnsServer:
    """Threaded UDP+TCP DNS server on 127.0.0.1 and one port."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], list[str]] = {}
        self.servfail: set[str] = set()
        # Names answered with the AD bit (as a validating resolver does for DNSSEC-signed data).
        self.authenticated: set[str] = set()
        self.queries: list[tuple[str, str]] = []
        self._udp: socketserver.ThreadingUDPServer | None = None
        self._tcp: socketserver.ThreadingTCPServer | None = None

    # -- zone editing ---------------------------------------------------------------------
    def add(self, name: str, rdtype: str, *values: str) -> None:
        """Add records in zone-file text form (`"10 mx.example.com."`, `"127.0.0.2"`)."""
        self.records.setdefault((_norm(name), rdtype.upper()), []).extend(values)

    def add_txt(self, name: str, text: str) -> None:
        """Add a TXT record, split into ≤255-byte character-strings (RFC 1035 §3.3.14)."""
        chunks = [text[i : i + 255] for i in range(0, len(text), 255)] or [""]
        self.add(name, "TXT", " ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"') + '"' for c in chunks))

    def add_mx(self, domain: str, host: str, address: str, preference: int = 10) -> None:
        """An MX for `domain` pointing at `host`, which resolves to `address`."""
        self.add(domain, "MX", f"{preference} {_norm(host)}.")
        self.add(host, "AAAA" if ":" in address else "A", address)

    def remove(self, name: str, rdtype: str | None = None) -> None:
        """Forget a name's records (of one type, or all)."""
        for key in [k for k in self.records if k[0] == _norm(name) and rdtype in (None, k[1])]:
            del self.records[key]

    def clear(self) -> None:
        """Forget every record."""
        self.records.clear()
        self.servfail.clear()
        self.authenticated.clear()

    # -- answering ------------------------------------------------------------------------
    def answer(self, wire: bytes) -> bytes:
        """The response to one query in wire format."""
        query = dns.message.from_wire(wire)
        response = dns.message.make_response(query)
        response.flags |= 0x0080  # RA: we act as a recursive resolver for the test
        question = query.question[0]
        name = _norm(question.name.to_text())
        if name in self.authenticated:
            response.flags |= 0x0020  # AD: "validated" (DANE tests)
        rdtype = dns.rdatatype.to_text(question.rdtype)
        self.queries.append((name, rdtype))
        if name in self.servfail:
            response.set_rcode(dns.rcode.SERVFAIL)
            return response.to_wire()
        if not any(key[0] == name for key in self.records):
            response.set_rcode(dns.rcode.NXDOMAIN)
            return response.to_wire()
        values = self.records.get((name, rdtype), [])
        if values:
            rrset = dns.rrset.RRset(question.name, dns.rdataclass.IN, question.rdtype)
            for value in values:
                rrset.add(dns.rdata.from_text(dns.rdataclass.IN, question.rdtype, value), TTL)
            response.answer.append(rrset)
        return response.to_wire()

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> DnsServer:
        """Listen on a free port (same number for UDP and TCP)."""
        owner = self

        class Udp(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                data, sock = self.request
                sock.sendto(owner.answer(data), self.client_address)

        class Tcp(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                header = self.rfile.read(2)
                if len(header) < 2:
                    return
                reply = owner.answer(self.rfile.read(struct.unpack("!H", header)[0]))
                self.wfile.write(struct.pack("!H", len(reply)) + reply)

        for _ in range(20):
            self._udp = socketserver.ThreadingUDPServer(("127.0.0.1", 0), Udp)
            port = self._udp.server_address[1]
            try:
                self._tcp = socketserver.ThreadingTCPServer(("127.0.0.1", port), Tcp)
                break
            except OSError:
                self._udp.server_close()
        assert self._tcp is not None and self._udp is not None
        self._udp.daemon_threads = self._tcp.daemon_threads = True
        for server in (self._udp, self._tcp):
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop both listeners."""
        for server in (self._udp, self._tcp):
            if server is not None:
                server.shutdown()
                server.server_close()

    @property
    def port(self) -> int:
        assert self._udp is not None
        return self._udp.server_address[1]

    @property
    def address(self) -> str:
        """The value for OPENLUX_DNS_SERVERS."""
        return f"127.0.0.1:{self.port}"

    def sync_resolver(self) -> Any:
        """A blocking dnspython resolver that asks only this server (for dkimpy's dnsfunc)."""
        import dns.resolver

        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = self.port
        return resolver

    def __enter__(self) -> DnsServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _norm(name: str) -> str:
    return name.strip().rstrip(".").lower()
