"""full_name_for_label: the full name a page gives a speaker it labels with one name."""

import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.transcript.full_names import full_name_among, full_name_for_label
from interviews.transcript.text import fold

INTRO = "Welcome to the show. My guest today is Judy Hart, who grows roses in Kent.\n\n"
TURNS = "Judy: Thanks for having me.\nHost: Tell us about the garden.\nJudy: Well, it began...\n"


# --- The page names them ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Judy", INTRO + TURNS),
        ("JUDY", INTRO + TURNS.upper()),
        ("Hart", INTRO + TURNS.replace("Judy:", "Hart:")),
        ("HART", "By Judy Hart\n\nHART: Roses, mostly."),
        ("Judy", "Judy Hart: Thanks for having me.\nJudy: And the roses..."),
        ("Judy", "**Judy Hart:** Thanks for having me.\n**Judy:** And the roses..."),
        ("Judy", "[00:01:23] Judy Hart: Thanks.\n[00:02:10] Judy: Roses."),
        ("Judy", "Judy Hart (00:01:23): Thanks.\nJudy (00:02:10): Roses."),
        ("Judy", "# Interview with Judy Hart\n\nQ: How did it start?\nJudy: With roses."),
        ("Judy", "An Interview With Judy Hart\n\nJudy: Hello."),
        ("Judy", "Gardening Weekly — interviewed by Sam Lee\nTalking to Judy Hart about roses."),
        ("Judy", "Joining me today is Judy Hart."),
        ("Judy", "I'm here with Judy Hart this morning."),
        ("Judy", "Judy Hart is a historian of gardens.\n\nJudy: Hello."),
        ("Judy", "JUDY HART, HOST: Good evening.\nJUDY: Our guest..."),
        ("Judy", "Host: Judy Hart\nGuest: Sam Lee\n\nJudy: Hello."),
        ("Hart", "Meet Dr. Judy Hart, the gardener.\nDR. HART: Hello."),
        ("Dr. Hart", "Meet Dr. Judy Hart, the gardener.\nDR. HART: Hello."),
        ("**Judy:**", "My guest is Judy Hart.\n**Judy:** Hello."),
        ("Judy (00:01:23)", "My guest is Judy Hart.\nJudy (00:01:23): Hello."),
        ("JUDY, GUEST", "My guest is Judy Hart.\nJUDY, GUEST: Hello."),
        ("Judy", "Yesterday Judy Hart, who grows roses, came by."),
        ("Judy", "I spoke with Judy Hart's neighbours first.\nJudy: Hello."),
        # A heading alone on its line, when nothing else names her.
        ("Judy", "Judy Hart\n\nJudy: The roses came first.\nQ: Why?"),
    ],
)
def test_the_full_name_the_page_gives(label, text):
    assert full_name_for_label(label, text) == "Judy Hart"


def test_a_name_in_capitals_only_is_title_cased():
    assert full_name_for_label("JUDY", "MY GUEST TONIGHT IS JUDY HART.\nJUDY: Hi.") == "Judy Hart"


def test_the_page_s_own_case_is_preferred_to_capitals():
    text = "JUDY HART: Hello.\nJUDY: Roses.\n\nThanks to Judy Hart for the photographs."
    assert full_name_for_label("JUDY", text) == "Judy Hart"


def test_spacing_inside_the_name_is_made_single():
    assert full_name_for_label("Judy", "My guest is Judy  Hart.") == "Judy Hart"


@pytest.mark.parametrize(
    ("label", "text", "full_name"),
    [
        ("Francois", "An interview with François Chollet, the creator of Keras.", None),
        ("François", "An interview with François Chollet, the creator of Keras.", None),
        ("FRANÇOIS", "An interview with François Chollet, the creator of Keras.", None),
        ("Chollet", "An interview with François Chollet, the creator of Keras.", None),
        ("Ngũgĩ", "Today I'm talking with Ngũgĩ wa Thiong'o about language.", None),
        ("Ngugi", "Today I'm talking with Ngũgĩ wa Thiong'o about language.", None),
        ("Thiong'o", "Today I'm talking with Ngũgĩ wa Thiong'o about language.", None),
        ("THIONG’O", "Today I'm talking with Ngũgĩ wa Thiong'o about language.", None),
        ("Zhang", "My guest is Zhang Wei, a historian of the Song dynasty.", None),
        ("Wei", "My guest is Zhang Wei, a historian of the Song dynasty.", None),
        ("ZHANG", "Zhang Wei: Thank you.\nZHANG: The archives...", None),
        ("Godard", "A conversation with Jean-Luc Godard (1930–2022).", None),
        ("Jean-Luc", "A conversation with Jean-Luc Godard (1930–2022).", None),
        ("Ursula", "By Ursula K. Le Guin", None),
        ("Le Guin", "Interview with Ursula K. Le Guin\nLE GUIN: Yes.", None),
        ("Guin", "Interview with Ursula K. Le Guin\nGUIN: Yes.", None),
        ("Tolkien", "A 1966 interview with J. R. R. Tolkien, who", "J. R. R. Tolkien"),
        ("Maria", "Our guest is Maria de la Cruz, the poet.", "Maria de la Cruz"),
        ("Beethoven", "Letters by Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("O'Brien", "Conan O'Brien: Hello!\nO'Brien: So.", "Conan O'Brien"),
        ("Adichie", "Welcome Chimamanda Ngozi Adichie.", "Chimamanda Ngozi Adichie"),
        ("Márquez", "Una entrevista. By Gabriel García Márquez", "Gabriel García Márquez"),
        ("Marquez", "Una entrevista. By Gabriel García Márquez", "Gabriel García Márquez"),
        ("Björk", "Björk Guðmundsdóttir: Hello.", "Björk Guðmundsdóttir"),
        ("Толстой", "Лев Толстой: Да.\nТолстой: Нет.", "Лев Толстой"),
        ("Al", "My guest is Al Gore.", "Al Gore"),
        ("Will", "With Will Smith, the actor.", "Will Smith"),
        ("Edward", "My guest is Edward Said, who said it first.", "Edward Said"),
    ],
)
def test_names_from_many_languages_and_shapes(label, text, full_name):
    expected = (
        full_name
        or {
            "francois": "François Chollet",
            "françois": "François Chollet",
            "chollet": "François Chollet",
            "ngũgĩ": "Ngũgĩ wa Thiong'o",
            "ngugi": "Ngũgĩ wa Thiong'o",
            "thiong'o": "Ngũgĩ wa Thiong'o",
            "thiong’o": "Ngũgĩ wa Thiong'o",
            "zhang": "Zhang Wei",
            "wei": "Zhang Wei",
            "godard": "Jean-Luc Godard",
            "jean-luc": "Jean-Luc Godard",
            "ursula": "Ursula K. Le Guin",
            "le guin": "Ursula K. Le Guin",
            "guin": "Ursula K. Le Guin",
        }[label.casefold()]
    )
    assert full_name_for_label(label, text) == expected


def test_decomposed_accents_are_the_same_letters():
    decomposed = "An interview with Franc\u0327ois Chollet, the creator of Keras."
    assert full_name_for_label("Francois", decomposed) == "François Chollet"


# --- No answer rather than a wrong one ----------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    ["Interviewer", "INTERVIEWEE", "Q", "Q.", "A", "Host", "HOST", "Guest", "Moderator", "Speaker"],
)
def test_a_role_has_no_full_name(label):
    assert full_name_for_label(label, f"Host: Judy Hart\n{label} Hart: hello") is None


@pytest.mark.parametrize(
    "label", ["Judy Hart", "JUDY HART", "Dr. Judy Hart", "Jean-Luc Godard", "Judy (Jay) Hart"]
)
def test_a_full_name_is_left_as_it_is(label):
    assert full_name_for_label(label, "My guest is Judy Hart Smith, who") is None


@pytest.mark.parametrize("label", ["JH", "J.", "J", "Speaker 2", "romulo_dev", "", "  ", "The"])
def test_initials_handles_and_non_names_have_none(label):
    assert full_name_for_label(label, "My guest is Judy Hart, who. JH: hi. J: hi") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Judy: Hello.\nHost: Hi, Judy.\nJudy: Roses.",
        "judy hart: hello",  # no capitals: not written as a name
        # Two different full names: the editor chooses.
        "My guest today is Judy Hart, who...\nLater we hear from Judy Smith, the curator.",
        # Title-cased headlines that start with the label.
        "Judy Said That Nobody Came\n\nJudy: Nobody did.",
        "Judy Remembers\n\nJudy: She remembers the war, and so do I.",
        "Interview: Judy Hart Talks\n\nJudy: She talks, I listen.",
        # A name does not end with an initial, nor hold the label in its middle.
        "I spoke with Judy B. Then we left.",
        "Hosted by Mary Judy Hart, the gardener.",
        # Five capitalised words in a row are a title, not a name.
        "By Judy Hart Makes Roses Grow\n\nJudy: Yes.",
        # A sentence, not an introduction.
        "Judy Said so, and nobody said otherwise.",
    ],
)
def test_no_single_name_in_a_name_like_context_gives_none(text):
    assert full_name_for_label("Judy", text) is None


def test_a_name_beside_two_surnames_is_ambiguous_for_the_surname():
    text = "With Judy Hart, the gardener, and Hart Crane, the poet."
    assert full_name_for_label("Hart", text) is None
    assert full_name_for_label("Crane", text) == "Hart Crane"


def test_a_hyphenated_surname_is_one_word():
    text = "By Judy Hart-Smith\n\nJudy: Hello."
    assert full_name_for_label("Judy", text) == "Judy Hart-Smith"
    assert full_name_for_label("Hart", text) is None


def test_the_label_inside_a_longer_name_is_not_its_end():
    assert full_name_for_label("Luther", "A talk with Martin Luther King, who") is None


# --- Any input, in linear time ------------------------------------------------------------------

NAMEISH = st.sampled_from(
    [
        "Judy",
        "JUDY",
        "Hart",
        "Judy Hart",
        "K.",
        "de",
        "wa",
        "Ngũgĩ",
        "Thiong'o",
        "Hart’s",
        "-",
        "with",
        "By",
        "my guest today is",
        ":",
        "**",
        ",",
        ", who",
        ".",
        "(",
        "\n",
        "\t",
        " ",
        "  ",
        "Dr.",
        "The",
        "É",
        "\u0301",
        "'",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(NAMEISH, max_size=60).map(" ".join))
LABELS = st.one_of(st.text(max_size=30), NAMEISH, st.sampled_from(["Judy", "Hart", "Le Guin"]))


@settings(max_examples=300, deadline=None, database=None)
@given(LABELS, TEXTS)
def test_never_raises_and_answers_a_name_from_the_text_or_none(label, text):
    found = full_name_for_label(label, text)

    if found is not None:
        # Two to four names, with at most two particles between each two of them.
        assert 2 <= len(found.split()) <= 10
        page = " ".join(unicodedata.normalize("NFC", text).split())
        assert fold(found) in fold(page)


def _seconds(label: str, text: str) -> float:
    started = time.perf_counter()
    full_name_for_label(label, text)
    return time.perf_counter() - started


# The machine's speed varies with its load: the 1 MB text is timed against the same text cut to
# a tenth, and against a budget far above what it takes (a quadratic pass would take minutes).
MEGABYTE = 1_000_000
BUDGET_SECONDS = 10


@settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(NAMEISH, min_size=1, max_size=40).map(" ".join), LABELS)
def test_a_megabyte_of_text_takes_linear_time(fragment, label):
    text = (fragment * (MEGABYTE // len(fragment) + 1))[:MEGABYTE]
    tenth = text[: MEGABYTE // 10]

    small = min(_seconds(label, tenth) for _ in range(2))
    large = _seconds(label, text)

    assert large < BUDGET_SECONDS
    # Ten times the text, at most about ten times the time (plus room for the clock's noise).
    assert large < 25 * small + 0.5


@pytest.mark.parametrize(
    ("label", "names", "expected"),
    [
        ("Adrian", ["Sam", "Adrian Rosebrock", "adrian rosebrock", "Ana Ruiz"], "Adrian Rosebrock"),
        ("ROSEBROCK", ["Adrian Rosebrock"], "Adrian Rosebrock"),
        ("Le Guin", ["Ursula K. Le Guin"], "Ursula K. Le Guin"),
        ("Adrian", ["Adrian Rosebrock", "Adrian Smith"], None),  # two people: no guess
        ("Adrian", ["Adrian Rosebrock", "Adrian Birch", "Adrian Rosebrock"], None),
        # The page's author answering many comments, beside a reader of the same first name.
        ("Adrian", ["Adrian Rosebrock"] * 3 + ["Adrian Birch"], "Adrian Rosebrock"),
        ("Adrian", ["Adrian"], None),
        ("Adrian", ["adrian rosebrock"], None),  # not written as a name
        ("Adrian", ["Adrian says: great post"], None),
        ("Q", ["Q Anon"], None),
        ("Ana Ruiz", ["Ana Ruiz Lopez"], None),  # a full name already
        ("Adrian", [], None),
    ],
)
def test_a_full_name_is_found_among_the_names_a_page_gives(label, names, expected):
    assert full_name_among(label, names) == expected
