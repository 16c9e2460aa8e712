"""find_comment_section: the reader-comment thread of a pasted web page, found and threaded."""

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interviews.transcript.comments import find_comment_section, posted_from_text

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SAMPLES = Path(__file__).resolve().parent / "samples"


def page_lines(path):
    return path.read_text(encoding="utf-8").split("\n")


def all_comments(comments):
    """Comments and their replies, in page order."""
    for comment in comments:
        yield comment
        yield from all_comments(comment.replies)


def shape(comments):
    """(author, posted, replies) trees: the threading at a glance."""
    return [(c.author, c.posted, shape(c.replies)) for c in comments]


@pytest.fixture(scope="module")
def chollet_lines():
    return page_lines(SEEDS / "000_4dfcc7687fa37658.txt")


@pytest.fixture(scope="module")
def chollet(chollet_lines):
    return find_comment_section(chollet_lines)


def sample(name):
    lines = page_lines(SAMPLES / f"comments_{name}.txt")
    return lines, find_comment_section(lines)


# --- Seed 000: "43 Responses to An interview with Francois Chollet" ---------------------------


def test_the_section_starts_at_its_heading_and_reads_the_announced_count(chollet, chollet_lines):
    assert chollet_lines[chollet.start] == "43 Responses to An interview with Francois Chollet"
    assert chollet.announced == 43


def test_the_seed_thread_has_33_comments_and_10_replies_and_nothing_to_warn_about(chollet):
    replies = [reply for comment in chollet.comments for reply in comment.replies]

    assert len(chollet.comments) == 33
    assert len(replies) == 10
    assert not any(reply.replies for reply in replies)
    assert chollet.warnings == []


def test_the_seed_authors_are_read_in_page_order(chollet):
    assert [comment.author for comment in all_comments(chollet.comments)] == [
        "Zubair Ahmed",
        "Falah Gate Salieh",
        "Joshua Gierend",
        "Thierry Jeanneret",
        "Adrian Rosebrock",
        "Samih Eisa",
        "Basel Alyafi",
        "Kudzai",
        "Adrian Rosebrock",
        "Brian Karemba",
        "David Hoffman",
        "Emeka",
        "Jesudas",
        "Felipe",
        "Carlo Lisi",
        "Hilman",
        "Dipti Pawar",
        "hiankun",
        "Pedram Nimreezi",
        "JANSEN SIMANULLANG",
        "Adrian Rosebrock",
        "Matija Ponikvar",
        "Khadoudja Ghanem",
        "Jeremiah",
        "Matthew Teow",
        "Jean-Claude KOUASSI",
        "Cole",
        "Jeff Bass",
        "Adrian Rosebrock",
        "Adrian Birch",
        "Mark C",
        "Mark C",
        "Adrian Rosebrock",
        "Vikas Bhardwaj",
        "David Stone",
        "Adrian Rosebrock",
        "Nigel",
        "Alejandro Booman",
        "Adrian Rosebrock",
        "Mohammed Ehsan Ur Rahman",
        "Adrian Rosebrock",
        "Yuliya",
        "Adrian Rosebrock",
    ]


def test_kudzai_has_the_two_bulleted_replies_beneath_it(chollet):
    kudzai = chollet.comments[6]

    assert (kudzai.author, kudzai.posted) == ("Kudzai", "2018-07-02T13:16")
    assert shape(kudzai.replies) == [
        ("Adrian Rosebrock", "2018-07-02T13:37", []),
        ("Brian Karemba", "2018-07-03T03:58", []),
    ]
    assert kudzai.replies[1].text == (
        "Kudzai, sounds Zimbabwean? Would be awesome to network locally if you are.\n\n"
        "Thanks Adrian and Francois – inspiring as usual. Cant wait for PyImageConf!!"
    )


def test_twelve_oclock_times_are_read_as_noon_and_midnight(chollet):
    posted = {c.author: c.posted for c in all_comments(chollet.comments)}

    assert posted["Samih Eisa"] == "2018-07-02T12:02"  # 12:02 pm
    assert posted["hiankun"] == "2018-07-03T00:03"  # 12:03 am
    assert posted["Zubair Ahmed"] == "2018-07-02T10:29"
    assert posted["Dipti Pawar"] == "2018-07-02T23:48"


def test_a_long_comment_keeps_its_paragraphs_exactly(chollet):
    vikas = chollet.comments[27]

    assert vikas.author == "Vikas Bhardwaj"
    assert vikas.posted == "2018-07-04T13:52"
    assert vikas.text.split("\n\n") == [
        "Thanks for great interview. One clarification, I want on Francois comments when he "
        "said keras is now part of tensor flow. What does that mean?",
        "Can we now just totally depend on keras for production level code(distributed "
        "computing) and not depend on pure tensorflow code?",
        "Can I just use tf.keras api as part of tensorflow and then take that code and directly "
        "deploy on production(on GPU clusters or CPU clusters)? or do i need to still do any "
        "intermediate steps to make the code production ready(performant and and be able to sue "
        "distribtuted computing power).",
        "1.) Before we had limitation that keras code either needed to be re-written in "
        "tensorflow code or use keras with mxnet for distrbuted computing.",
        "2.) in tensorflow 1.4, the doc said u can convert keras model to tensorflow estimator "
        "and then deploy that way.",
        "Does Francois comment mean, I do not have to do any of above steps and tf.keras api is "
        "distributable out of box and will perform same way as raw tensorflow code?",
    ]


def test_line_breaks_inside_a_paragraph_are_kept(chollet):
    falah = chollet.comments[1]

    assert falah.text == (
        "Thank you Adrian for your interview with Francois …. frankly I am a follower of "
        "Francois Research\n"
        "Keras Library, a deep learning library.\n"
        "Which helped me in research and classification methods\n"
        "I thank you again Francois and you Adrian"
    )


def test_emoji_and_curly_quotes_are_kept_as_written(chollet):
    thierry = chollet.comments[3]

    assert (
        thierry.text == "It’s a real pleasure to read from you both, thanks a lot for both of you."
    )
    assert thierry.replies[0].text == "Thank you for being a PyImageSearch reader, Thierry 🙂"


def test_stray_blank_lines_around_a_comment_are_dropped(chollet):
    yuliya = chollet.comments[32]

    assert yuliya.author == "Yuliya"
    assert yuliya.text == "What would you recommend similar to PyImageConf based in EU or UK?"
    assert yuliya.replies[0].text == "Sorry, I do not follow EU or UK conferences closely."


def test_the_section_ends_where_the_comment_guidelines_begin(chollet, chollet_lines):
    assert chollet_lines[chollet.end] == "Before you leave a comment..."
    assert not any("guidelines" in c.text for c in all_comments(chollet.comments))


def test_trailing_whitespace_and_windows_line_endings_change_nothing(chollet, chollet_lines):
    messy = [line + " \r" for line in chollet_lines]

    assert find_comment_section(messy) == chollet


def test_a_page_without_comments_and_with_related_article_teasers_has_no_thread():
    assert find_comment_section(page_lines(SEEDS / "001_25023ba15ad2cbed.txt")) is None


# --- Other page styles ------------------------------------------------------------------------


def test_wordpress_says_threads_nest_replies_three_deep():
    _, section = sample("wordpress_says")

    assert shape(section.comments) == [
        (
            "Tom Becker",
            "2019-03-03T09:14",
            [("Maria Santos", "2019-03-03T11:02", [("Tom Becker", "2019-03-03T12:40", [])])],
        ),
        ("Priya N.", "2019-03-04T20:05", [("Maria Santos", "2019-03-05T00:15", [])]),
    ]
    assert section.announced == 5
    assert section.warnings == []


def test_wordpress_reply_links_are_ignored_and_the_form_is_left_out():
    lines, section = sample("wordpress_says")
    priya = section.comments[1]

    assert priya.text == (
        "Which Python libraries do you rely on for cleaning?\n\n"
        "I have tried pandas but it gets slow\nwith 10 GB files."
    )
    assert section.ignored == ["Reply"] * 5
    assert lines[section.end] == "Leave a Reply Cancel reply"


def test_disqus_author_and_date_lines_with_relative_dates():
    _, section = sample("disqus")

    assert shape(section.comments) == [
        ("Anna K.", None, [("Lee Wong", None, [("Anna K.", None, [])])]),
        ("Dev Patel", "2021-03-03T16:05", []),
    ]
    assert section.comments[1].text == (
        "Is there a full transcript of the Q&A at the end?\n\n"
        "It cut off right when he started on hydrophones."
    )


def test_disqus_controls_are_ignored_and_the_footer_ends_the_thread():
    lines, section = sample("disqus")

    assert "4 • Reply • Share ›" in section.ignored
    assert "Load more comments" in section.ignored
    assert "Sort by Best" in section.ignored
    assert lines[section.end] == "Add Disqus to your site"


def test_a_heading_announcing_more_comments_than_are_shown_is_warned_about():
    _, section = sample("disqus")

    assert section.announced == 12
    assert section.warnings == ["the heading announces 12 comments but 4 were found"]


def test_a_thoughts_on_heading_with_dash_and_handle_headers():
    lines, section = sample("thoughts")

    assert lines[section.start] == (
        "3 thoughts on “In conversation: Ruth Okafor on building rural clinics”"
    )
    assert section.announced == 3
    assert shape(section.comments) == [
        ("Samuel Adeyemi", "2018-07-02", [("@ruthokafor", "2018-07-03", [])]),
        ("Margit Holm", "2018-07-05T13:16", []),
    ]
    assert section.comments[0].replies[0].text == (
        "Exactly — the ribbon-cutting gets the photo, the generator repairs get nothing.\n\n"
        "Thanks for reading, Samuel."
    )


def test_comments_are_closed_ends_the_thread():
    lines, section = sample("thoughts")

    assert lines[section.end] == "Comments are closed."
    assert section.warnings == []


def test_in_reply_to_markers_thread_a_flat_list():
    _, section = sample("reply_links")

    assert section.announced == 5
    assert shape(section.comments) == [
        ("Jane Doe", "2019-03-03T16:05", [("Kofi Mensah", "2019-03-03T18:40", [])]),
        (
            "Ana Lima",
            "2019-03-04",
            [("Sam Ortiz", "2019-03-04T11:30", [("Daniel Roth", "2019-03-05T08:00", [])])],
        ),
    ]
    assert section.warnings == []


def test_permalinks_reply_links_and_reply_markers_are_listed_as_ignored():
    lines, section = sample("reply_links")

    assert section.ignored == [
        "Sort by: Newest",
        "#",
        "Reply",
        "In reply to Jane Doe.",
        "Log in to Reply",
        "Reply",
        "Reply",
        "Reply",
        "Load more comments",
    ]
    assert section.comments[0].text == (
        "Loved the photos of the workshop.\n\nThe bit about photocopying made me wince."
    )
    assert lines[section.end] == "Leave a comment"


def test_a_page_with_dated_numbered_lists_but_no_comments_has_no_thread():
    _, section = sample("none_numbered_list")

    assert section is None


def test_a_spelled_out_count_that_does_not_match_is_warned_about():
    _, section = sample("count_mismatch")

    assert section.announced == 7
    assert shape(section.comments) == [
        ("Olav Dahl", "2020-07-09T08:12", []),
        ("Grace Liu", "2020-07-09T10:40", [("Sofia Berg", "2020-07-09T21:05", [])]),
        ("Hamid Rezaei", "2020-07-11T18:30", []),
    ]
    assert section.warnings == ["the heading announces 7 comments but 4 were found"]


def test_a_thread_without_heading_at_the_end_of_the_page_is_found_with_a_warning():
    lines, section = sample("headless")

    assert lines[section.start] == "Jonas Weber says:"
    assert [c.author for c in section.comments] == ["Jonas Weber", "Clara Nunez"]
    assert section.announced is None
    assert section.warnings == [
        "no heading introduces the comments: the thread was recognised by its dated headers"
    ]


# --- Small pages: one rule each ---------------------------------------------------------------


def test_one_response_to_announces_one_comment():
    section = find_comment_section(
        ["One Response to “A talk”", "", "Ida Berg on 2 July 2018 at 9:05", "", "Thanks!"]
    )

    assert section.announced == 1
    assert shape(section.comments) == [("Ida Berg", "2018-07-02T09:05", [])]


def test_reader_comments_heading_with_a_count_in_parentheses():
    section = find_comment_section(
        [
            "Reader comments (2)",
            "",
            "Ida Berg",
            "2018-07-02 21:40",
            "",
            "Lovely.",
            "",
            "Leave a Reply",
        ]
    )

    assert section.announced == 2
    assert section.comments[0].posted == "2018-07-02T21:40"
    assert section.warnings == ["the heading announces 2 comments but 1 was found"]


def test_blogger_said_headers_take_the_date_printed_after_the_text():
    section = find_comment_section(
        [
            "2 comments:",
            "",
            "Anonymous said...",
            "Who took the photographs?",
            "",
            "March 4, 2019 at 1:05 AM",
            "Delete",
            "",
            "Post a Comment",
        ]
    )

    assert shape(section.comments) == [("Anonymous", "2019-03-04T01:05", [])]
    assert section.comments[0].text == "Who took the photographs?"


def test_a_numeric_date_that_could_be_day_or_month_first_is_left_undated_with_a_warning():
    section = find_comment_section(["Comments", "", "Bo Lind 4/3/2019 at 17:05", "", "Hej."])

    assert section.comments[0].posted is None
    assert section.warnings == [
        "the comment by Bo Lind: “4/3/2019” could be read day or month first"
    ]


def test_interview_turns_mentioning_dates_are_not_comments():
    lines = [
        "Adrian: When did you start Keras?",
        "",
        "Francois: On March 27, 2015 at 9:00 am I pushed the first commit.",
        "",
        "Adrian: And the book?",
        "",
        "Francois: It came out on December 22, 2017 at 10:00 am.",
    ]

    assert find_comment_section(lines) is None


def test_a_discussion_heading_over_a_dated_list_of_events_is_not_a_thread():
    lines = [
        "Discussion",
        "",
        "  1. Maria Lopez — September 12, 1978",
        "  2. Arthur Klein — June 1, 2004",
    ]

    assert find_comment_section(lines) is None


def test_an_empty_page_has_no_thread():
    assert find_comment_section([]) is None
    assert find_comment_section([""]) is None


# --- Robustness and scale ---------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "",
        "   ",
        "12 Comments",
        "Comments (3)",
        "Discussion",
        "One Response to “X”",
        "  1. Jane Doe July 2, 2018 at 10:29 am #",
        "    • Adrian Rosebrock July 2, 2018 at 12:15 am #",
        "Jane Doe says:",
        "Jane Doe",
        "March 3, 2019 at 4:05 pm",
        "@handle · 3 Jul 2018",
        "John — 2 July 2018",
        "In reply to Jane Doe.",
        "Reply",
        "Log in to Reply",
        "#",
        "Load more comments",
        "Leave a Reply",
        "Before you leave a comment...",
        "Thank you 🙂",
        "1.) Before we had limitation",
        "Francois: I work at Google.",
        "5 years ago",
        "Bo Lind 4/3/2019 at 17:05",
        "Ann 31/2/2019",
        "ſep 3, 2019",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=40))
def test_any_lines_give_a_section_within_the_page_or_none(lines):
    section = find_comment_section(lines)

    if section is not None:
        assert 0 <= section.start <= section.end <= len(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=60))
def test_comment_like_pages_parse_the_same_way_twice(lines):
    first = find_comment_section(lines)

    assert first == find_comment_section(lines)
    if first is not None:
        assert 0 <= first.start <= first.end <= len(lines)
        found = sum(1 for _ in all_comments(first.comments))
        assert found > 0


def synthetic_thread(comment_count):
    lines = ["An interview", "", "Q: Why?", "", "A: Because.", "", f"{comment_count} Comments", ""]
    for n in range(comment_count):
        day = n % 28 + 1
        if n % 3 == 2:
            lines += [f"    • Moderator {n} March {day}, 2019 at 1:{n % 60:02d} pm #", ""]
            lines += [f"      Thanks, reader {n - 1}.", "", "      Reply", ""]
        else:
            lines += [f"  {n + 1}. Reader Number{n} March {day}, 2019 at 10:{n % 60:02d} am #", ""]
            lines += [f"    First line of comment {n}", "    second line.", "", "    Reply", ""]
    return [*lines, "Leave a Reply", "", "Your email address will not be published."]


def test_a_thread_of_fifty_thousand_lines_is_read_whole():
    lines = synthetic_thread(7_500)

    started = time.perf_counter()
    section = find_comment_section(lines)
    elapsed = time.perf_counter() - started

    print(f"\n{len(lines)} lines, 7500 comments: {elapsed:.3f}s")
    assert len(lines) > 50_000
    assert len(section.comments) == 5_000
    assert sum(1 for _ in all_comments(section.comments)) == 7_500
    assert section.comments[1].replies[0].text == "Thanks, reader 1."
    assert lines[section.end] == "Leave a Reply"
    assert section.warnings == []


def test_fifty_thousand_lines_of_prose_are_read_without_finding_a_thread():
    lines = [
        "Comments",
        "Jane Doe",
        "He said it was on July 2, 2018 at 10:29 am, I think.",
    ] * 17_000

    started = time.perf_counter()
    section = find_comment_section(lines)
    print(f"\n{len(lines)} lines of prose: {time.perf_counter() - started:.3f}s")

    assert section is None


@pytest.mark.parametrize(
    ("printed", "posted"),
    [
        ("5. Oktober 2013 um 14:03", "2013-10-05T14:03"),
        ("Samstag, 5. Oktober 2013 um 14:03 Uhr", "2013-10-05T14:03"),
        ("5 octobre 2013 à 14h03", "2013-10-05T14:03"),
        ("5 de octubre de 2013 a las 14:03", "2013-10-05T14:03"),
        ("5 ottobre 2013 alle 14:03", "2013-10-05T14:03"),
        ("5 oktober 2013 om 14:03", "2013-10-05T14:03"),
        ("5 de outubro de 2013 às 14:03", "2013-10-05T14:03"),
        ("5. Okt. 2013", "2013-10-05"),
    ],
)
def test_comment_dates_in_other_languages(printed, posted):
    assert posted_from_text(printed) == posted


def test_a_german_comment_header_gives_author_and_date():
    lines = [
        "Das Interview",
        "",
        "3 Kommentare:",
        "",
        "Ruby 5. Oktober 2013 um 21:00",
        "Ein wirklich tolles Interview, vielen Dank dafür!",
        "",
        "Anne 6. Oktober 2013 um 09:15",
        "Danke dir, Ruby!",
    ]
    section = find_comment_section(lines)
    assert section is not None
    assert [(c.author, c.posted) for c in section.comments] == [
        ("Ruby", "2013-10-05T21:00"),
        ("Anne", "2013-10-06T09:15"),
    ]
