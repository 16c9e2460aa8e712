"""The hostile values the sweep sends through every door (tests/sweep/): one table, shared by the
public and the admin sweeps, so a new kind of bad input is added once and tried everywhere.

Each value names why it is here. Values are text as a client would send them in a query
string, a form field or a path segment; `PATH_VALUES` are the ones that survive being put in
a URL path (no "/", "?" or "#").
"""

SCRIPT = "<script>alert(1)</script>"

HOSTILE_VALUES: dict[str, str] = {
    # Unicode digits: str.isdigit() says yes, int() says no (or reads another script's digits).
    "superscript two": "²",
    "circled one": "①",
    "arabic-indic digits": "١٢",
    "fullwidth digits": "１２",
    # A NUL byte: PostgreSQL refuses it in text; SQLite keeps it.
    "nul": "\x00",
    "nul inside": "a\x00b",
    # Numbers out of every column's range, and signs and forms int() takes or refuses.
    "huge": "9" * 30,
    "twenty digits": "12345678901234567890",
    "past 64 bits": str(2**63),
    "negative": "-1",
    "zero": "0",
    "float": "1.5",
    "exponent": "1e309",
    "plus sign": "+5",
    "padded": " 12 ",
    "hex": "0x10",
    "nan": "NaN",
    # Dates and times out of range or malformed.
    "year zero": "0000-01-01",
    "year ten thousand": "10000-01-01",
    "february thirtieth": "2020-02-30",
    "month thirteen": "2020-13",
    "huge year": "99999999999",
    "negative year": "-2020",
    # Regex, SQL and LIKE fragments.
    "regex open group": "(",
    "regex catastrophic": "(a+)+$",
    "sql quote": "' OR 1=1 --",
    "sql union": "1 UNION SELECT password FROM auth_user",
    "like wildcard": "%_%",
    # Markup, to be escaped wherever it is echoed.
    "script": SCRIPT,
    "attribute breakout": '"><img src=x onerror=alert(1)>',
    # Line breaks, which must never reach a header (a redirect's Location, a file name).
    "crlf header injection": "a\r\nSet-Cookie: evil=1",
    "lone line feed": "a\nb",
    # Length and shape.
    "over-long": "x" * 10_000,
    "empty": "",
    "whitespace": "   ",
    "right-to-left override": "\u202eevil",
    "lone surrogate escape": "%ED%A0%80",
    "path traversal": "../../etc/passwd",
}

# Values that can stand as one path segment (no separator, no query, no fragment).
PATH_VALUES: dict[str, str] = {
    name: value
    for name, value in HOSTILE_VALUES.items()
    if value and "/" not in value and "?" not in value and "#" not in value and value.strip()
}

# Methods a page may be sent that it does not take: the answer is a 405 (or a 4xx), never a 5xx.
HOSTILE_METHODS = ["POST", "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS"]

# Path segments sent as they are, not percent-encoded again: a NUL, bytes that are not UTF-8, a
# UTF-16 surrogate encoded as UTF-8 (which UTF-8 forbids), and percent signs that encode nothing.
RAW_PATH_SEGMENTS: list[str] = ["%00", "a%00b", "%ff", "%C0%AF", "%ED%A0%80", "%", "%zz", "%%32"]
