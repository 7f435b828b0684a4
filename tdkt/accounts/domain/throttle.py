"""Login throttling rules, without Django: how long a name must wait at one address, and which
address a request really comes from.

A name is throttled per address, never globally: someone guessing a colleague's password from
elsewhere must not keep the colleague out. An address gets a cap of its own, which only ever
refuses that address.
"""

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def pair_delay_seconds(failures: int, *, free: int, base: int, cap: int) -> int:
    """The wait after `failures` consecutive failures of one name at one address: none for the
    first `free` (typing mistakes), then base, 2×base, 4×base… never more than `cap`."""
    over = failures - free
    if over <= 0:
        return 0
    # The exponent is bounded so that a long run of failures cannot build a huge integer.
    return min(base * 2 ** min(over - 1, 40), cap)


def wait_text(seconds: int) -> str:
    """'45 giây', '3 phút' — rounded up, so the user never retries a moment too early."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return f"{seconds} giây"
    return f"{-(-seconds // 60)} phút"


def parse_networks(values: Iterable[str]) -> list[Network]:
    """Trusted proxies from the setting: addresses or CIDRs; a wrong entry is an error at start-up."""
    return [ipaddress.ip_network(v.strip(), strict=False) for v in values if v and v.strip()]


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(addr, networks: list[Network]) -> bool:
    return addr is not None and any(addr in net for net in networks)


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted: list[Network]) -> str | None:
    """The client's address. X-Forwarded-For is believed only when the connection comes from a
    trusted proxy, and then only up to the first hop (from the right) that is not itself trusted:
    anything to the left of that hop was written by the client and may be forged."""
    peer = _address(remote_addr or "")
    if peer is None:
        return remote_addr or None
    if not forwarded_for or not _trusted(peer, trusted):
        return str(peer)
    client = peer
    for hop in reversed([h for h in forwarded_for.split(",") if h.strip()]):
        addr = _address(hop)
        if addr is None:
            # A garbled hop: stop at the last address a trusted proxy vouched for.
            break
        client = addr
        if not _trusted(addr, trusted):
            break
    return str(client)
