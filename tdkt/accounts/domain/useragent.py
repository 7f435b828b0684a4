"""A browser and system name from a User-Agent header, for the list of one's sessions (no Django).

Only what a person recognises ("Chrome trên Windows", "Cốc Cốc trên Android"); the header is the
client's word and is shown as a hint, never trusted for anything.
"""

# Order matters: Edge, Opera and Cốc Cốc say "Chrome" too, and Chrome says "Safari".
_BROWSERS = (
    ("coc_coc_browser", "Cốc Cốc"),
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
    ("python-requests/", "Python"),
)
_SYSTEMS = (
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe(user_agent: str) -> str:
    """'Chrome trên Windows'; 'Trình duyệt không rõ' when nothing is recognised."""
    ua = user_agent or ""
    browser = next((name for mark, name in _BROWSERS if mark in ua), "")
    system = next((name for mark, name in _SYSTEMS if mark in ua), "")
    if browser and system:
        return f"{browser} trên {system}"
    return browser or system or "Trình duyệt không rõ"
