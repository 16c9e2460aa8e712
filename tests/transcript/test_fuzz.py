"""The parser on at least 10,000 generated inputs (marked slow: `./dev test -m slow`; CI runs it).

Each input is any string, lines in the shapes the parser's rules look for, or a generated
interview, with or without hints; the strategies and checks are test_robustness.py's. For every
one: parse never raises nor reports an internal error, every word of every turn is in the input,
every non-blank line is in exactly one place (accounting.py), and parsing again gives the same
result.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.transcript import parse
from tests.transcript.test_robustness import (
    HINTS,
    LINES,
    assert_conserved,
    assert_parses_cleanly,
    assert_words_come_from,
    interviews,
)

EXAMPLES = int(os.environ.get("TRANSCRIPT_FUZZ_EXAMPLES", "10000"))
INPUTS = st.one_of(st.text(), LINES.map("\n".join), interviews())


@pytest.mark.slow
def test_the_parser_holds_on_ten_thousand_generated_inputs():
    checked = [0]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        # The failing input is printed; nothing is written beside the checkout.
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(INPUTS, st.one_of(st.none(), HINTS))
    def parse_holds(text, hints):
        parsed = assert_parses_cleanly(text, hints)
        assert_words_come_from(parsed, text)
        assert_conserved(parsed, text)
        assert parse(text, hints) == parsed
        assert parse(text, hints).as_json() == parsed.as_json()
        checked[0] += 1

    parse_holds()

    assert checked[0] >= EXAMPLES
