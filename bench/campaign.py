#!/usr/bin/env python3
"""A marketing campaign to CONTACTS contacts, queued and delivered, DKIM and tracking on, beside the same campaign with both off.

    .venv/bin/python bench/campaign.py [--contacts 100000] [--rounds 1] [--backends sqlite,postgresql]
                                       [--worker-processes 1]

For each backend a fresh installation runs as `openlux api` + `openlux worker` (`--processes N` with
--worker-processes N), relaying to
Postfix's smtp-sink (plain SMTP). Set-up (not timed): a 2048-bit DKIM key for the account's domain
(createDkim), a second verified domain without one, a list of CONTACTS contacts (addContacts over
signed HTTP, calls of 10,000, two custom fields). Each round, in rotating order:
- on:  addCampaign with send_at=now, from the DKIM domain, opens and clicks tracked: every message
       gets its own open pixel, tracked links, unsubscribe URL and VERP address, and is signed;
- off: the same campaign from the domain without DKIM, tracking off.
A figure is the time from the addCampaign call until the sink has counted CONTACTS messages (the
campaign composed, queued and delivered), and the peak of the resident memory summed over every
OpenLux process (both roles and any children they start), sampled every 0.2 s. The notes add how
long composing took (getCampaign's `finished` minus `started`, whole seconds): delivery runs
beside it, and what is left of the figure is delivery of what was queued. They also add the CPU
each process used per message in the run (user + system, /proc), and how much of the machine's
cores the run kept busy: the figure can only fall below CPU-seconds / cores.
Goal (issue 11): 100,000 contacts in ≤ 60 s (≤ 90 s is done) with DKIM and tracking on, peak RSS ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    OpenLux,
    Row,
    Sink,
    alternate,
    cpu_seconds,
    database,
    log,
    postgres_server_pid,
    report,
    scratch,
    spread,
    wait_for_count,
)

from openlux.core.time import parse_datetime

SIGNED_DOMAIN, PLAIN_DOMAIN = "example.com", "plain.example.net"  # init's domain (the admin's login), another
PLAIN_SENDER = f"news@{PLAIN_DOMAIN}"
CALL_SIZE = 10_000  # addContacts per call
GOAL_SECONDS = 90  # issue 11: a 100,000-contact campaign in ≤ 90 s is done
DELIVERY = {
    "delivery_mode": "relay",
    "delivery_poll_seconds": "0.05",
    "delivery_connections_per_destination": "8",
    "delivery_workers": "16",
    "delivery_batch_size": "500",
    "delivery_messages_per_connection": "1000",
}
SUBJECT = "{{ first_name | default('Hello') }}, our {{ plan }} news for you"
LINKS = "".join(f'<p><a href="https://example.org/article/{n}?utm=news">Article {n}</a></p>\n' for n in range(4))
HTML = (
    "<html><body><h1>Hello {{ first_name | default('there') }}</h1>\n"
    "<p>Your {{ plan }} plan, for {{ email }}.</p>\n" + LINKS
    + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.</p>\n" * 40
    + "</body></html>"
)
TEXT = "Hello {{ first_name | default('there') }},\nyour {{ plan }} plan.\n" + "Lorem ipsum dolor sit amet.\n" * 40


def rss_of_tree(roots: list[int]) -> int:
    """Resident bytes of the processes `roots` and all their descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, list(roots)
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class PeakMemory:
    """The highest summed RSS of a process tree while the block runs (sampled in a thread)."""

    def __init__(self, roots: list[int]) -> None:
        self.roots, self.peak, self._stop = roots, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_of_tree(self.roots))
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


CpuLog = dict[str, list[dict[str, float]]]  # mode -> per run: {process: CPU seconds during the run}
PhaseLog = dict[str, list[dict[str, float]]]  # mode -> per run: msgs/s and each process's cores, per phase


class Timeline:
    """Messages at the sink and CPU seconds of each process, sampled every SAMPLE_SECONDS while a run waits,
    and the first sample at which getCampaign counted every message queued (composition over)."""

    SAMPLE_SECONDS = 0.5

    def __init__(self, pids: dict[str, int], contacts: int) -> None:
        self.pids, self.contacts = pids, contacts
        self.queued: Callable[[], int] = lambda: 0  # getCampaign's `queued`, set once the campaign exists
        self.samples: list[tuple[float, int, dict[str, float]]] = []
        self.composed: int | None = None  # index of the first sample after composition

    def poll(self, now: float, count: int) -> None:
        if self.samples and now - self.samples[-1][0] < self.SAMPLE_SECONDS:
            return
        self.samples.append((now, count, {name: cpu_seconds(pid) for name, pid in self.pids.items()}))
        if self.composed is None and self.queued() >= self.contacts:
            self.composed = len(self.samples) - 1

    def phases(self, started: float, finished: float) -> dict[str, float]:
        """Delivery rate and each process's cores from `started` until composition was seen over, and after."""
        first, last = self.samples[0], self.samples[-1]
        at, count, cpu = self.samples[self.composed if self.composed is not None else -1]
        out = {"while msgs/s": count / max(at - started, 1e-9),
               "after msgs/s": (self.contacts - count) / max(finished - at, 1e-9)}
        for name in self.pids:
            out[f"while {name}"] = (cpu[name] - first[2][name]) / max(at - first[0], 1e-9)
            out[f"after {name}"] = (last[2][name] - cpu[name]) / max(last[0] - at, 1e-9)
        return out


def send_campaign(olx: OpenLux, port: int, sink: Sink, list_id: int, contacts: int, *, on: bool, tag: str,
                  memory: dict[str, list[float]], composing: dict[str, list[float]], cpu: CpuLog,
                  phases: PhaseLog, pids: dict[str, int]) -> float:
    """Seconds from addCampaign until the sink holds every message; the run's peak RSS (MB) goes to
    `memory`, the seconds the campaign worker took to queue every message to `composing`, the CPU
    seconds each process of `pids` ({name: pid}) used during the run to `cpu`, and the delivery rate
    and cores of each process while the campaign was composed and after it to `phases`."""
    sink.reset()
    sender = olx.credentials["user"] if on else PLAIN_SENDER
    with olx.client(port) as api:
        api.get_user()  # authenticated outside the timed part
        with PeakMemory([p.pid for p in olx.procs]) as peak:
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            timeline = Timeline(pids, contacts)
            started = time.perf_counter()
            made = api.add_campaign(name=f"Bench {tag}", subject=SUBJECT, html=HTML, text=TEXT, lists=[list_id],
                                    from_name="ACME News", from_address=sender, send_at="now",
                                    track_opens=1 if on else 0, track_clicks=1 if on else 0)
            timeline.queued = lambda: int(api.get_campaign(campaign_id=made["campaign_id"])["queued"])
            finished = wait_for_count(sink, contacts, timeout=max(300, contacts / 50), on_poll=timeline.poll)
            used = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}
        sent = api.get_campaign(campaign_id=made["campaign_id"])
    ids = sink.message_ids()
    if len(ids) != contacts or len(set(ids)) != contacts:
        raise SystemExit(f"the sink got {len(ids)} messages ({len(set(ids))} distinct) of {contacts}")
    dump = sink.dump_file()
    if dump is not None:  # the first messages carry what this run claims: a signature, tracked links
        with dump.open("rb") as fh:
            head = fh.read(200_000)
        if (b"DKIM-Signature:" in head, b"/t/o/" in head, b"/t/c/" in head) != (on, on, on):
            raise SystemExit(f"run {tag}: DKIM signature / open pixel / tracked links not as configured")
    mode = "on" if on else "off"
    memory[mode].append(peak.peak / 1e6)
    cpu[mode].append(dict(used, wall=finished - started))
    began, ended = (parse_datetime(sent[k], field=k) for k in ("started", "finished"))
    composing[mode].append((ended - began).total_seconds())
    phases[mode].append(timeline.phases(started, finished))
    return finished - started


def run_backend(backend: str, args: argparse.Namespace,
                sink: Sink) -> tuple[dict[str, list[float]], dict, dict, CpuLog, PhaseLog]:
    tmp = scratch(f"campaign-{backend}")
    with database(backend, tmp) as url:
        olx = OpenLux.init(tmp / "data", url, relays=sink.address, **DELIVERY)
        try:
            api_process, port = olx.start("api")
            worker_process, _ = olx.start("worker", "--processes", str(args.worker_processes))
            # Whose CPU a run counts: both roles, smtp-sink (the asyncio fallback sink runs in this
            # process and is not counted) and a local PostgreSQL server's processes.
            pids = {"api": api_process.pid, "worker": worker_process.pid}
            pids.update({Path(p.args[0]).name: p.pid for p in sink.procs})
            if backend == "postgresql" and (server := postgres_server_pid()) is not None:
                pids["postgres"] = server
            with olx.client(port, account=True) as account:
                account.create_domain(domain=PLAIN_DOMAIN)
                key = account.create_dkim(domain=SIGNED_DOMAIN, key_size=2048)
                assert key["key_size"] == 2048, key
            olx.cli("domain", "verify", PLAIN_DOMAIN, "--mark")  # the operator's air-gapped verification
            olx.cli("sender", "allow", olx.credentials["user"], PLAIN_SENDER)
            began = time.perf_counter()
            with olx.client(port) as api:
                api.create_custom_field(name="first_name", type="text")
                api.create_custom_field(name="plan", type="text")
                made = api.add_list(name="Bench", from_name="ACME News", from_address=olx.credentials["user"],
                                    fields=["first_name", "plan"])
                list_id = int(made["list_id"])
                for first in range(0, args.contacts, CALL_SIZE):
                    batch = [{"email": f"c{i}@example.org",
                              "fields": {"first_name": f"Name{i}" if i % 7 else "", "plan": "gold" if i % 3 else "silver"}}
                             for i in range(first, min(args.contacts, first + CALL_SIZE))]
                    api.add_contacts(list_id=list_id, contacts=batch)
            log(f"  {args.contacts:,} contacts added in {time.perf_counter() - began:.1f}s")
            memory: dict[str, list[float]] = {"on": [], "off": []}
            composing: dict[str, list[float]] = {"on": [], "off": []}
            cpu: CpuLog = {"on": [], "off": []}
            phases: PhaseLog = {"on": [], "off": []}
            counter = iter(range(10**6))
            got = alternate(args.rounds, {
                "on": lambda: send_campaign(olx, port, sink, list_id, args.contacts, on=True,
                                            tag=f"on{next(counter)}", memory=memory, composing=composing, cpu=cpu,
                                            phases=phases, pids=pids),
                "off": lambda: send_campaign(olx, port, sink, list_id, args.contacts, on=False,
                                             tag=f"off{next(counter)}", memory=memory, composing=composing, cpu=cpu,
                                             phases=phases, pids=pids),
            })
            return got, memory, composing, cpu, phases
        finally:
            olx.stop_all()


def cpu_note(runs: list[dict[str, float]], contacts: int) -> str:
    """Each process's CPU ms per message (median over the runs with DKIM and tracking), their sum, and the
    share of the machine's cores the runs kept busy."""
    if not runs:
        return "CPU not measured"
    cores = os.cpu_count() or 1
    names = [name for name in runs[0] if name != "wall"]
    per_message = {name: [1000 * run[name] / contacts for run in runs] for name in names}
    total = [sum(run[name] for name in names) for run in runs]
    busy = [100 * t / (run["wall"] * cores) for t, run in zip(total, runs, strict=True)]
    parts = ", ".join(f"{name} {spread(values, 2)}" for name, values in per_message.items())
    return (f"CPU per message with DKIM and tracking (ms, user + system): {parts}; in all "
            f"{spread([1000 * t / contacts for t in total], 2)} ms, the {cores} cores {spread(busy)}% busy "
            f"(≤ {GOAL_SECONDS} s for 100,000 messages leaves {GOAL_SECONDS * 1000 * cores / 100_000:.2f} ms "
            "in all on these cores)")


def phase_note(runs: list[dict[str, float]], mode: str) -> str:
    """Delivery rate and each process's cores while the campaign was composed and after (medians over runs)."""
    if not runs:
        return "phases not measured"
    names = [key.split(" ", 1)[1] for key in runs[0] if key.startswith("while ") and key != "while msgs/s"]

    def phase(when: str) -> str:
        cores = ", ".join(f"{name} {spread([run[f'{when} {name}'] for run in runs], 2)}" for name in names)
        return f"{spread([run[f'{when} msgs/s'] for run in runs])} msgs/s ({cores} cores busy)"

    label = "DKIM and tracking" if mode == "on" else "neither"
    return (f"with {label}, delivered {phase('while')} while the campaign was being composed, and "
            f"{phase('after')} after (split when getCampaign first counted every message queued, sampled every "
            f"{Timeline.SAMPLE_SECONDS} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker-processes", type=int, default=1, help="openlux worker --processes N")
    args = parser.parse_args()
    tmp = scratch("campaign-sink")
    sink = Sink(tmp)
    rows, notes = [], []
    try:
        for backend in args.backends.split(","):
            log(f"{backend}:")
            got, memory, composing, cpu, phases = run_backend(backend, args, sink)
            rows += [
                Row(f"campaign of {args.contacts:,} contacts, DKIM 2048-bit + open/click tracking ({backend})",
                    got["on"], "s", "same campaign, no DKIM, no tracking", got["off"],
                    goal="≤ 60 s (≤ 90 s done) at 100,000", digits=1, higher_is_better=False),
                Row(f"peak RSS summed over all OpenLux processes, DKIM + tracking ({backend})", memory["on"], "MB",
                    "same, no DKIM, no tracking", memory["off"], goal="≤ 300 MB", digits=0,
                    higher_is_better=False),
            ]
            notes.append(f"{backend}: every message queued (composed) after {spread(composing['on'])} s with DKIM and "
                         f"tracking, {spread(composing['off'])} s without (getCampaign `finished` − `started`)")
            notes.append(f"{backend}: {cpu_note(cpu['on'], args.contacts)}")
            notes += [f"{backend}: {phase_note(phases[mode], mode)}" for mode in ("on", "off")]
    finally:
        sink.stop()
    workers = f" --processes {args.worker_processes}" if args.worker_processes > 1 else ""
    notes.append(f"{args.contacts:,} contacts (two custom fields), `openlux api` + `openlux worker{workers}`; sink: {sink.kind}; "
                 "time from addCampaign until the sink counted every message; lower is better "
                 "(ratio = with / without)")
    report("campaign", "Campaigns: a whole campaign queued and delivered, DKIM and tracking on and off", rows,
           rounds=args.rounds, notes=notes)


if __name__ == "__main__":
    main()
