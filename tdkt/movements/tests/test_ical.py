"""The iCalendar feed: a secret address per user, RFC 5545 structure (CRLF, folding at 75 octets,
escaping), Vietnamese text intact, only the user's own deadlines."""

import pytest
from django.urls import reverse

from tdkt.movements.deadlines import deadlines_for, feed_token, feed_user, ical_escape, ical_fold

from .test_deadlines import MARCH_1, at, make_plan


def feed(client, user, *, day=MARCH_1):
    with at(day):
        return client.get(reverse("movements:ical_token", args=[feed_token(user)]))


def physical_lines(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    lines = body[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return lines


def unfold(body: bytes) -> list[str]:
    """Content lines after unfolding (RFC 5545 §3.1): a CRLF followed by one space joins."""
    return body.replace(b"\r\n ", b"").decode("utf-8")[:-2].split("\r\n")


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def events(lines: list[str]) -> list[dict[str, list[str]]]:
    """Each VEVENT as {property name with parameters: [values]}, VALARM lines prefixed "ALARM:"."""
    found, current, in_alarm = [], None, False
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif line == "BEGIN:VALARM":
            in_alarm = True
        elif line == "END:VALARM":
            in_alarm = False
        elif current is not None:
            name, value = line.split(":", 1)
            current.setdefault(("ALARM:" if in_alarm else "") + name, []).append(value)
    return found


@pytest.fixture
def plan(world):
    return make_plan(world, title='Phong trào "Dân vận khéo", năm 2022; đợt 1')


def test_feed_structure(client, world, plan):
    officer = world.users["unit_officer"]
    response = feed(client, officer)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    for line in physical_lines(body):
        assert len(line) <= 75
        line.decode("utf-8")  # no line is cut inside a character
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 3
    assert lines.count("BEGIN:VALARM") == lines.count("END:VALARM") == 3

    expected = {d.key: d for d in deadlines_for(officer, today=MARCH_1)}
    parsed = events(lines)
    assert {e["UID"][0].split("@")[0] for e in parsed} == set(expected)
    for event in parsed:
        key, host = event["UID"][0].split("@")
        deadline = expected[key]
        assert host == "testserver"
        assert event["DTSTART;VALUE=DATE"] == [deadline.due.strftime("%Y%m%d")]
        assert len(event["DTSTAMP"][0]) == 16
        assert event["DTSTAMP"][0].endswith("Z")
        assert unescape(event["SUMMARY"][0]) == deadline.title
        assert event["URL"] == ["http://testserver" + deadline.url]
        assert event["ALARM:ACTION"] == ["DISPLAY"]
        assert event["ALARM:TRIGGER"] == ["-P1D"]


def test_feed_escapes_and_keeps_vietnamese(client, world, plan):
    body = feed(client, world.users["unit_officer"]).content
    lines = unfold(body)
    summaries = [line for line in lines if line.startswith("SUMMARY:")]
    registration = next(s for s in summaries if s.startswith("SUMMARY:Đăng ký thi đua"))
    assert registration == ('SUMMARY:Đăng ký thi đua: Phong trào "Dân vận khéo"\\, năm 2022\\; đợt 1 (Sở Tài chính)')
    # The long lines are folded (they exceed 75 octets) and come back whole when unfolded.
    assert b"\r\n " in body
    assert "Tổ chức hội nghị phát động thi đua" in "\n".join(lines)


def test_fold_and_escape_units():
    assert ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    short = "SUMMARY:Đăng ký"
    assert ical_fold(short) == short
    line = "SUMMARY:" + "Báo cáo sơ kết 6 tháng đầu năm của Sở Tài chính, " * 4
    folded = ical_fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert len(parts) > 1
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_wrong_token_is_404(client, world, plan):
    token = feed_token(world.users["unit_officer"])
    altered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for bad in (altered, "abc", "A" * 54, "_" * 54, "x" * 200):
        assert client.get(reverse("movements:ical_token", args=[bad])).status_code == 404
    assert feed_user("not-base64!!") is None


def test_token_of_another_user_id_is_refused(world):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    # Put the leader's id in front of the officer's MAC: refused.
    import base64

    raw = base64.urlsafe_b64decode(feed_token(officer) + "==")
    forged = leader.pk.to_bytes(8, "big") + raw[8:]
    assert feed_user(base64.urlsafe_b64encode(forged).rstrip(b"=").decode()) is None
    assert feed_user(feed_token(officer)) == officer


def test_feed_needs_no_login_but_lists_only_the_users_deadlines(client, world, plan):
    home_feed = feed(client, plan.home_officer).content.decode()
    assert "(Sở Nội vụ)" in home_feed
    assert "(Sở Tài chính)" not in home_feed
    assert "Tổ chức hội nghị phát động thi đua" not in home_feed
    nobody = feed(client, world.users["nobody"]).content.decode()
    assert "BEGIN:VEVENT" not in nobody
    assert nobody.startswith("BEGIN:VCALENDAR\r\n")


def test_changing_the_password_revokes_the_feed(client, world, plan):
    officer = world.users["unit_officer"]
    old = feed_token(officer)
    assert client.get(reverse("movements:ical_token", args=[old])).status_code == 200
    officer.set_password("mật-khẩu-mới-2022")
    officer.save()
    assert client.get(reverse("movements:ical_token", args=[old])).status_code == 404
    assert feed_token(officer) != old
    assert client.get(reverse("movements:ical_token", args=[feed_token(officer)])).status_code == 200


def test_inactive_users_feed_is_404(client, world, plan):
    officer = world.users["unit_officer"]
    token = feed_token(officer)
    officer.is_active = False
    officer.save()
    assert client.get(reverse("movements:ical_token", args=[token])).status_code == 404


def test_download_for_the_signed_in_user(client, world, plan):
    url = reverse("movements:ical")
    assert client.get(url).status_code == 302  # login first
    client.force_login(world.users["unit_officer"])
    with at(MARCH_1):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.count(b"BEGIN:VEVENT") == 3


def test_calendar_page_shows_the_feed_address(client, world, plan):
    officer = world.users["unit_officer"]
    client.force_login(officer)
    with at(MARCH_1):
        text = client.get(reverse("movements:calendar")).text
    assert "http://testserver" + reverse("movements:ical_token", args=[feed_token(officer)]) in text
