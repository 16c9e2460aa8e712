"""threads: walking, counting, copying and nesting any comment thread, without recursion."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from interviews.transcript import threads

replies_of = attrgetter("replies")


@dataclass
class Node:
    name: str
    replies: list[Node] = field(default_factory=list)


def thread() -> list[Node]:
    #  a            b
    #  ├ a1         └ b1
    #  │ └ a1x
    #  └ a2
    return [
        Node("a", [Node("a1", [Node("a1x")]), Node("a2")]),
        Node("b", [Node("b1")]),
    ]


def chain(levels: int) -> list[Node]:
    """One node with a reply with a reply... `levels` deep, built without recursion."""
    roots: list[Node] = []
    replies = roots
    for level in range(levels):
        node = Node(str(level))
        replies.append(node)
        replies = node.replies
    return roots


def names(pairs) -> list[tuple[str, int]]:
    return [(node.name, depth) for node, depth in pairs]


def test_walk_lists_each_node_before_its_replies_with_its_depth():
    assert names(threads.walk(thread(), children=replies_of)) == [
        ("a", 0),
        ("a1", 1),
        ("a1x", 2),
        ("a2", 1),
        ("b", 0),
        ("b1", 1),
    ]


def test_walk_reads_a_nodes_replies_only_after_yielding_it():
    seen = []

    def children(node):
        seen.append(("children", node.name))
        return node.replies

    for node, _ in threads.walk([Node("a", [Node("b")])], children=children):
        seen.append(("yielded", node.name))
    assert seen[:2] == [("yielded", "a"), ("children", "a")]


def test_walk_with_a_cap_lists_deeper_replies_at_the_last_level_after_their_parent():
    pairs = names(threads.walk([*chain(5), Node("z")], children=replies_of, max_depth=3))
    assert pairs == [("0", 0), ("1", 1), ("2", 2), ("3", 2), ("4", 2), ("z", 0)]


def test_a_thread_100_000_levels_deep_is_walked_counted_and_copied():
    deep = chain(100_000)
    assert [depth for _, depth in threads.walk(deep, children=replies_of)][-1] == 99_999
    assert threads.count(deep, children=replies_of) == 100_000
    copied = threads.map_tree(
        deep,
        lambda node: {"name": node.name, "replies": []},
        children=replies_of,
        replies=itemgetter("replies"),
    )
    assert threads.count(copied, children=itemgetter("replies")) == 100_000
    rows = threads.rows_with_levels(deep, children=replies_of)
    assert rows[0].descendants == 99_999 and rows[-1].closing_levels == 99_999


def test_count_counts_replies_at_every_depth():
    assert threads.count(thread(), children=replies_of) == 6
    assert threads.count([], children=replies_of) == 0


def test_map_tree_copies_the_shape():
    copied = threads.map_tree(
        thread(),
        lambda node: {"name": node.name.upper(), "replies": []},
        children=replies_of,
        replies=itemgetter("replies"),
    )
    assert copied == [
        {
            "name": "A",
            "replies": [
                {"name": "A1", "replies": [{"name": "A1X", "replies": []}]},
                {"name": "A2", "replies": []},
            ],
        },
        {"name": "B", "replies": [{"name": "B1", "replies": []}]},
    ]


def test_map_tree_with_a_cap_keeps_deeper_replies_in_order_at_the_last_level():
    copied = threads.map_tree(
        chain(4),
        lambda node: Node(node.name),
        children=replies_of,
        replies=replies_of,
        max_depth=2,
    )
    assert [node.name for node in copied] == ["0"]
    assert [node.name for node in copied[0].replies] == ["1", "2", "3"]
    assert all(not node.replies for node in copied[0].replies)


def test_with_parent_indexes_points_each_reply_at_its_parent():
    flat = threads.with_parent_indexes(thread(), children=replies_of)
    assert [(node.name, parent) for node, parent in flat] == [
        ("a", None),
        ("a1", 0),
        ("a1x", 1),
        ("a2", 0),
        ("b", None),
        ("b1", 4),
    ]


def test_nest_builds_the_tree_from_parent_ids_and_drops_orphans_with_their_replies():
    rows = [(1, None), (2, 1), (3, 9), (4, 3), (5, None), (6, 2)]
    nested = threads.nest(rows, key=itemgetter(0), parent_of=itemgetter(1))
    assert nested.roots == [(1, None), (5, None)]

    def children(row):
        return nested.replies.get(row[0], [])

    assert [row[0] for row, _ in threads.walk(nested.roots, children=children)] == [1, 2, 6, 5]


def test_rows_with_levels_give_descendants_and_the_lists_closing_after_each_row():
    rows = threads.rows_with_levels(thread(), children=replies_of)
    assert [(row.node.name, row.depth, row.descendants, row.closing_levels) for row in rows] == [
        ("a", 0, 3, 0),
        ("a1", 1, 1, 0),
        ("a1x", 2, 0, 1),  # closes a1's list of replies
        ("a2", 1, 0, 1),  # closes a's
        ("b", 0, 1, 0),
        ("b1", 1, 0, 1),
    ]
    # Every list opened is closed: one per node with replies.
    assert sum(row.closing_levels for row in rows) == sum(1 for row in rows if row.descendants)
