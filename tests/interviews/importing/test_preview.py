"""preview.py: what the import's preview page shows of a draft."""

from interviews.importing.preview import comment_rows


def test_the_preview_counts_every_reply_below_a_comment_as_the_public_page_does():
    def comment(text, *replies):
        return {"author": text.upper(), "posted": None, "text": text, "replies": list(replies)}

    rows = comment_rows([comment("a", comment("b", comment("c"))), comment("d")])
    assert [(row.text, row.depth, row.reply_count, len(row.closing_levels)) for row in rows] == [
        ("a", 0, 2, 0),
        ("b", 1, 1, 0),
        ("c", 2, 0, 2),
        ("d", 0, 0, 0),
    ]
