"""Load: 50 concurrent users against the production server on PostgreSQL with 100,000 people.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python bench/bench_load.py \\
        [--people 100000] [--users 50] [--office 30] [--warmup 20] [--duration 60] [--think 1.0]

PostgreSQL only (on SQLite it refuses: one file behind several worker processes is not what is
measured here). Steps:

1. Builds the province of bench/province.py in a throwaway test database of its own
   (``test_<name>_load_<pid>``, so that runs side by side never collide), then ``ANALYZE``.
2. ``manage.py collectstatic`` into a temporary STATIC_ROOT and starts the server the way
   ``make run`` does: gunicorn with config/gunicorn.conf.py (its workers and threads) and the task
   worker beside it, under config.settings.prod (a random SECRET_KEY, DEBUG off, DATABASE_URL).
   Requests carry ``X-Forwarded-Proto: https`` as the reverse proxy would (the production settings
   redirect plain http).
3. Runs ``--users`` virtual users for ``--warmup`` + ``--duration`` seconds, each waiting a random
   0.5–1.5 × ``--think`` seconds between requests (0: back to back): ``--office`` of them log in
   (a third each as the province's standing office, a unit officer and a unit leader) and browse
   the office pages (home/inbox, people list with search and paging, a person, dossier list and
   dossier, candidates on their unit, organisations); the others are anonymous visitors of the
   public pages (published decisions and their golden-book list, search, notices, a certificate
   check) and fetch the static files those pages link.
4. Prints per page kind: its median alone (one request at a time, before the load: what the page
   costs without a queue), then under the load requests, errors, median, p95 and p99 in ms, and its
   p95 over the static file's p95 of the same run. An error is any answer other than 200 (a redirect,
   a 4xx, a 5xx) and any failed connection, counted from the warm-up on. Then stops the server and
   the worker and drops the database. When the server is saturated (the requests per second stop
   growing with the users), the waiting in gunicorn's queue, which static files share with pages,
   dominates both p95s.

The load generator is an asyncio client (aiohttp) in this process: it competes with the server for
the machine's cores, so its CPU share and the load average are printed next to the figures.
"""

import argparse
import asyncio
import json
import math
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
WORKDIR = Path()  # made in main(), so that importing this module (for its Plan, say) leaves nothing behind
ALONE_RUNS = 3  # requests of each kind one at a time, before the load
PEOPLE_PER_PAGE = 50  # tdkt.core.lists.paginate's default, for the paging requests
SEARCHES = ["nguyen van", "tran thi lan", "hoang minh", "le", "pham duc hai", "dang"]
# What every page links (templates/base.html): fetched as a browser without a cache would.
STATIC_FILES = [
    "vendor/bootstrap/bootstrap.min.css",
    "css/tdkt.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "django_htmx/htmx-2.min.js",
]
# (kind, weight): how often a user of the mix asks for each kind of page.
OFFICE_MIX = [
    ("home (inbox)", 3),
    ("people list", 2),
    ("people search", 2),
    ("people page N", 2),
    ("person", 3),
    ("dossier list", 2),
    ("dossier", 2),
    ("candidates", 1),
    ("organisations", 1),
    ("organisation", 1),
]
PUBLIC_MIX = [
    ("public home", 2),
    ("public search", 1),
    ("public decision", 2),
    ("public notice", 1),
    ("certificate check", 1),
    ("static file", 4),
]


def refuse_unless_postgresql() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "bench_load.py measures the production server on PostgreSQL: set DATABASE_URL, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python bench/bench_load.py\n"
            "(SQLite is refused: one database file behind several worker processes is not what this measures)."
        )


class Plan:
    """Which URL each kind of page is, for a user of a role (ids from the province built)."""

    def __init__(self, made: dict, people: int, static_urls: list[str]):
        self.made = made
        self.static_urls = static_urls
        self.pages = {
            "standing_office": max(2, math.ceil(people / PEOPLE_PER_PAGE)),
            "unit": max(2, math.ceil(people / len(made["department_ids"]) / PEOPLE_PER_PAGE)),
        }

    def url(self, kind: str, rng: random.Random, role: str | None = None) -> str:
        """The URL of a page of `kind` for a user of `role` (None: an anonymous visitor of the public
        pages); one table for both mixes, each entry drawing from `rng` only when asked for."""
        made, office = self.made, role == "standing_office"
        pages, unit = self.pages["standing_office" if office else "unit"], made["department_ids"][0]

        def pick(key: str):
            return rng.choice(made[key])

        urls = {
            "home (inbox)": lambda: "/",
            "people list": lambda: "/people/",
            "people search": lambda: f"/people/?q={rng.choice(SEARCHES).replace(' ', '+')}",
            "people page N": lambda: f"/people/?page={rng.randint(2, pages)}",
            "person": lambda: f"/people/{pick('person_ids' if office else 'unit_person_ids')}/",
            "dossier list": lambda: "/awards/",
            "dossier": lambda: f"/awards/{pick('sent_dossier_ids' if office else 'unit_dossier_ids')}/",
            # The page opens on the user's own unit; the province's office picks a department.
            "candidates": lambda: f"/candidates/?org={pick('department_ids')}" if office else "/candidates/",
            "organisations": lambda: "/organizations/",
            "organisation": lambda: f"/organizations/{pick('department_ids') if office else unit}/",
            "public home": lambda: "/cong-khai/",
            "public search": lambda: f"/cong-khai/?q={rng.choice(SEARCHES).replace(' ', '+')}",
            "public decision": lambda: f"/cong-khai/quyet-dinh/{pick('decision_ids')}/",
            "public notice": lambda: f"/cong-khai/thong-bao/{pick('notice_ids')}/",
            "certificate check": lambda: f"/xac-minh/{pick('awardee_tokens')}/",
            "static file": lambda: rng.choice(self.static_urls),
        }
        if kind not in urls:
            raise ValueError(kind)
        return urls[kind]()


class Client:
    """One virtual user: its own cookies (kept by hand: the session cookie is Secure and the host an
    IP address, which a client cookie jar would rightly not send over plain http)."""

    def __init__(self, session, base: str, samples: dict, errors: dict):
        self.session, self.base, self.samples, self.errors = session, base, samples, errors
        self.cookies: dict[str, str] = {}
        self.measure_from = math.inf  # latencies from here (after the warm-up)
        self.count_errors = False  # errors from the first request of the load, warm-up included

    def _headers(self, extra=None) -> dict:
        headers = {"X-Forwarded-Proto": "https", **(extra or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, response) -> None:
        for header in response.headers.getall("Set-Cookie", []):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    async def get(self, kind: str, url: str, *, expect: int = 200) -> tuple[int | str, str]:
        start = time.perf_counter()
        try:
            async with self.session.get(self.base + url, headers=self._headers(), allow_redirects=False) as response:
                body = await response.read()
                status = response.status
                self._keep(response)
        except Exception as exc:  # a refused or dropped connection, a timeout: an error like a 5xx
            status, body = type(exc).__name__, b""
        elapsed = (time.perf_counter() - start) * 1000
        if start >= self.measure_from:
            self.samples[kind].append(elapsed)
        if self.count_errors and status != expect:
            self.errors[kind][f"{status} {url}"] += 1
        return status, body.decode("utf-8", "replace")

    async def login(self, username: str, password: str) -> None:
        _, page = await self.get("login", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError("the login page has no CSRF token")
        referer = {"Referer": f"https://{self.base.removeprefix('http://')}/accounts/login/"}
        data = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        async with self.session.post(
            self.base + "/accounts/login/", data=data, headers=self._headers(referer), allow_redirects=False
        ) as response:
            await response.read()
            self._keep(response)
            if response.status != 302 or "sessionid" not in self.cookies:
                raise RuntimeError(f"{username} could not log in (HTTP {response.status})")


async def run_load(args, made: dict, base: str, static_urls: list[str]) -> dict:
    import aiohttp

    plan = Plan(made, args.people, static_urls)
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, Counter] = defaultdict(Counter)
    roles = list(made["users"])
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=150)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as s:
        clients = [Client(s, base, samples, errors) for _ in range(args.users)]
        office = clients[: args.office]
        # Log in first (password hashing is deliberately slow; it is not what the pages cost).
        await asyncio.gather(
            *(c.login(made["users"][roles[i % len(roles)]], made["password"]) for i, c in enumerate(office))
        )
        # Every URL kind once per role before the clock (a page the mix expects must answer), then
        # ALONE_RUNS more times one request at a time: what each page costs without a queue.
        checks, alone = [], defaultdict(list)

        async def alone_check(client: Client, who: str, kind: str, url: str) -> None:
            status, _ = await client.get(kind, url)
            if status != 200:
                checks.append(f"{who} {kind} {url}: {status}")
            for _ in range(ALONE_RUNS):
                start = time.perf_counter()
                await client.get(kind, url)
                alone[kind].append((time.perf_counter() - start) * 1000)

        # (client, role, mix, seed): one logged-in client a role, then an anonymous probe.
        visitors = [(office[i], role, OFFICE_MIX, i) for i, role in enumerate(roles)]
        visitors.append((Client(s, base, samples, errors), None, PUBLIC_MIX, 0))
        for client, role, mix, seed in visitors:
            for kind, _ in mix:
                await alone_check(client, role or "anonymous", kind, plan.url(kind, random.Random(seed), role))
        for line in checks:
            print(f"  check before the run failed: {line}")

        started = time.perf_counter()
        measure_from = started + args.warmup
        stop_at = started + args.warmup + args.duration

        async def user(n: int, client: Client) -> None:
            rng = random.Random(1000 + n)
            is_office = n < args.office
            role = roles[n % len(roles)] if is_office else None
            mix = OFFICE_MIX if is_office else PUBLIC_MIX
            kinds, weights = [k for k, _ in mix], [w for _, w in mix]
            await asyncio.sleep(rng.uniform(0, min(5.0, args.warmup / 2)))  # users arrive over a few seconds
            client.measure_from, client.count_errors = measure_from, True
            while time.perf_counter() < stop_at:
                kind = rng.choices(kinds, weights)[0]
                await client.get(kind, plan.url(kind, rng, role))
                if args.think:
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)

        load_start = os.getloadavg()[0]
        cpu_start = time.process_time()
        await asyncio.sleep(0)
        await asyncio.gather(*(user(n, c) for n, c in enumerate(clients)))
        client_cpu = (time.process_time() - cpu_start) / (time.perf_counter() - started)
    samples.pop("login", None)
    errors.pop("login", None)
    return {
        "samples": samples,
        "errors": errors,
        "checks": checks,
        "alone": {kind: statistics.median(values) for kind, values in alone.items()},
        "client_cpu": client_cpu,
        "load": (load_start, os.getloadavg()[0]),
    }


def percentile(values: list[float], p: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def report(result: dict, args) -> int:
    samples, errors, alone = result["samples"], result["errors"], result["alone"]
    static = sorted(samples.get("static file", []))
    static_p95 = percentile(static, 95) if static else float("nan")
    print(
        f"\n{'page kind':<20} {'alone':>8} | {'requests':>8} {'errors':>6} {'median':>8} {'p95':>8} {'p99':>8} "
        f"{'p95/static':>10}"
    )
    total_requests = total_errors = 0
    worst = ("", 0.0)
    for mix_name, mix in (("office", OFFICE_MIX), ("public", PUBLIC_MIX)):
        print(f"-- {mix_name} mix")
        for kind, _ in mix:
            values = sorted(samples.get(kind, []))
            failed = sum(errors.get(kind, Counter()).values())
            total_requests += len(values)
            total_errors += failed
            if not values:
                print(f"{kind:<20} {alone.get(kind, 0):>6.1f}ms | {0:>8} {failed:>6}")
                continue
            p95 = percentile(values, 95)
            ratio = p95 / static_p95
            if kind != "static file" and ratio > worst[1]:
                worst = (kind, ratio)
            print(
                f"{kind:<20} {alone.get(kind, 0):>6.1f}ms | {len(values):>8} {failed:>6} "
                f"{statistics.median(values):>6.1f}ms {p95:>6.1f}ms "
                f"{percentile(values, 99):>6.1f}ms {ratio:>9.1f}×"
            )
    seconds = args.duration
    print(
        f"\n{total_requests:,} requests in {seconds} s ({total_requests / seconds:.1f}/s), "
        f"{total_errors} errors (warm-up included); "
        f"static file p95 {static_p95:.1f} ms; slowest page p95 {worst[1]:.1f}× the static p95 ({worst[0]})"
    )
    print(
        f"load average {result['load'][0]:.2f} at the start, {result['load'][1]:.2f} at the end on {os.cpu_count()} "
        f"CPUs; the load generator (this process) used {result['client_cpu'] * 100:.0f}% of one CPU"
    )
    # Little's law: with the same requests, how much of the time under load was waiting in the queue.
    waited = sum(sum(v) for v in samples.values())
    alone_total = sum(alone.get(kind, 0) * len(v) for kind, v in samples.items())
    saturated = waited > 3 * alone_total
    if alone_total:
        print(
            f"mean answer under load {waited / total_requests:.0f} ms against {alone_total / total_requests:.0f} ms "
            f"alone for the same requests: "
            + (
                "saturated, the figures are mostly waiting in gunicorn's queue (static files wait there too)"
                if saturated
                else "not saturated"
            )
        )
    for kind, counter in errors.items():
        for what, n in counter.most_common(5):
            print(f"  error: {kind}: {what} × {n}")
    if result["checks"]:
        print(f"{len(result['checks'])} page(s) failed the check before the run (listed above)")
    verdict = total_errors == 0 and not result["checks"] and worst[1] <= 5
    print(
        ("within the target (0 errors, every page's p95 ≤ 5× the static p95)" if verdict else "NOT within the target")
        + (" — in a saturated run, where the ratio says little: see the alone column" if saturated else "")
    )
    return 0 if verdict else 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    at = "@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}{at}{host}{port}/{settings_dict['NAME']}"


def wait_until_serving(base: str, server, seconds: float = 90) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    request = urllib.request.Request(base + "/cong-khai/", headers={"X-Forwarded-Proto": "https"})
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = "\n".join((WORKDIR / "server.log").read_text().splitlines()[-30:])
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode}); the end of its log:\n{tail}")
        try:
            with urllib.request.urlopen(request, timeout=5):  # noqa: S310 - our own server on 127.0.0.1
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError("the server did not answer within 90 s")


def stop(process, name: str) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print(f"{name} did not stop within 30 s of TERM: killed")
        process.kill()
        process.wait()


def worker_memory(master_pid: int) -> str:
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        peaks = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024)
        return ", ".join(f"{mb} MB" for mb in peaks)
    except (OSError, AttributeError):
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--office", type=int, default=30, help="how many of the users log in (the rest: public)")
    parser.add_argument("--warmup", type=float, default=20, help="seconds of load before the measured window")
    parser.add_argument("--duration", type=float, default=60, help="seconds measured")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a user's requests")
    args = parser.parse_args()
    refuse_unless_postgresql()
    if not 3 <= args.office < args.users:
        sys.exit("--office must be at least 3 (one per role) and leave at least one public user")
    global WORKDIR
    WORKDIR = Path(tempfile.mkdtemp(prefix="tdkt-bench-load-"))

    import django

    django.setup()
    from django.db import connection
    from province import build_province
    from throwaway import throwaway_database

    with throwaway_database("load", WORKDIR):
        start = time.perf_counter()
        made = build_province(args.people)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have done on an established database
        print(
            f"built {args.people:,} people in {time.perf_counter() - start:.0f} s ({connection.settings_dict['NAME']})"
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.prod",
            SECRET_KEY=secrets.token_urlsafe(50),
            DEBUG="0",
            DATABASE_URL=database_url(connection.settings_dict),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            TDKT_SITE_URL=f"https://127.0.0.1:{port}",
            STATIC_ROOT=str(WORKDIR / "static"),
        )
        connection.close()  # the server's processes have the database to themselves
        python = sys.executable
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
        manifest = json.loads((WORKDIR / "static" / "staticfiles.json").read_text())["paths"]
        static_urls = [f"/static/{manifest[name]}" for name in STATIC_FILES]
        server = worker = None
        log, worker_log = (WORKDIR / "server.log").open("w"), (WORKDIR / "worker.log").open("w")
        try:
            worker = subprocess.Popen(
                [python, "manage.py", "db_worker", "--queue-name", "*"],
                cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            gunicorn = str(Path(python).with_name("gunicorn"))
            server = subprocess.Popen(
                [gunicorn, "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "config.wsgi"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            wait_until_serving(base, server)
            print(
                f"gunicorn (config/gunicorn.conf.py: {env.get('WEB_CONCURRENCY', '2')} workers × "
                f"{env.get('GUNICORN_THREADS', '4')} threads) on {base}, task worker beside it; {args.users} users "
                f"({args.office} office, {args.users - args.office} public), think {args.think} s, "
                f"warm-up {args.warmup:.0f} s, measured {args.duration:.0f} s"
            )
            result = asyncio.run(run_load(args, made, base, static_urls))
            print(f"gunicorn workers' peak memory: {worker_memory(server.pid)}")
        finally:
            stop(server, "gunicorn")
            stop(worker, "the task worker")
            log.close()
            worker_log.close()
        server_errors = [line for line in (WORKDIR / "server.log").read_text().splitlines() if "Traceback" in line]
        code = report(result, args)
        if server_errors:
            # The log goes with the work directory: show the first traceback (a JSON record, or plain lines).
            print(f"the server logged {len(server_errors)} traceback(s); the first:")
            try:
                record = json.loads(server_errors[0])
                print(record.get("message", ""), record.get("exception", "") or record, sep="\n")
            except ValueError:
                lines = (WORKDIR / "server.log").read_text().splitlines()
                first = lines.index(server_errors[0])
                print("\n".join(lines[first : first + 40]))
        return code


if __name__ == "__main__":
    sys.exit(main())
