"""Walking a comment thread: any tree whose nodes have replies, whatever the nodes are.

The parser's ParsedComments, a draft's dicts and the site's Comment rows are all threads; these
functions are the one place that walks, counts, copies and nests them. They never recurse: a
thread can be nested deeper than Python's stack.

`children` is always a function giving a node's replies in page order (`attrgetter("replies")`,
`lambda item: item.get("replies") or []`, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import NamedTuple, TypeVar

Node = TypeVar("Node")
Copy = TypeVar("Copy")
Key = TypeVar("Key", bound=Hashable)

# Levels of replies a thread keeps nested, top-level comments being the first: an import keeps
# no more (a draft nested deeper is refused) and the exports nest no deeper. Deeper replies are
# listed after their parent, at the last level, in page order.
MAX_DEPTH = 100


def walk(
    roots: Iterable[Node],
    *,
    children: Callable[[Node], Iterable[Node]],
    max_depth: int | None = None,
) -> Iterator[tuple[Node, int]]:
    """Every node in page order (each one followed by its replies) with its depth, 0 at the top.

    With `max_depth`, depths stop at `max_depth - 1`: deeper replies come at that depth, still
    after their parent. `children(node)` is called only once the node has been yielded, so a
    caller may check a node before its replies are read.
    """
    deepest = None if max_depth is None else max_depth - 1
    stack = [(root, 0) for root in reversed(list(roots))]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        reply_depth = depth + 1 if deepest is None else min(depth + 1, deepest)
        stack.extend((reply, reply_depth) for reply in reversed(list(children(node))))


def count(roots: Iterable[Node], *, children: Callable[[Node], Iterable[Node]]) -> int:
    """How many nodes the thread holds, replies at every depth included."""
    return sum(1 for _ in walk(roots, children=children))


def with_parent_indexes(
    roots: Iterable[Node], *, children: Callable[[Node], Iterable[Node]]
) -> list[tuple[Node, int | None]]:
    """Every node in page order with the index of its parent in this list (None at the top)."""
    flat: list[tuple[Node, int | None]] = []
    open_indexes: list[int] = []  # the index of the latest node at each depth
    for node, depth in walk(roots, children=children):
        del open_indexes[depth:]
        flat.append((node, open_indexes[-1] if open_indexes else None))
        open_indexes.append(len(flat) - 1)
    return flat


def from_depths(
    nodes: Iterable[tuple[Copy, int]], *, replies: Callable[[Copy], list[Copy]]
) -> list[Copy]:
    """The tree whose page order is `nodes`, (node, depth) pairs: its roots, each reply appended
    to `replies(parent)`. A depth may drop any number of levels but rise only by one."""
    roots: list[Copy] = []
    open_lists = [roots]  # the reply list open at each depth
    for node, depth in nodes:
        del open_lists[depth + 1 :]
        open_lists[depth].append(node)
        open_lists.append(replies(node))
    return roots


def map_tree(
    roots: Iterable[Node],
    make: Callable[[Node], Copy],
    *,
    children: Callable[[Node], Iterable[Node]],
    replies: Callable[[Copy], list[Copy]],
    max_depth: int | None = None,
) -> list[Copy]:
    """The thread copied node by node with `make`; each copy's replies go in `replies(copy)`.

    With `max_depth`, replies deeper than that many levels are listed after their parent, at the
    last level (see `walk`).
    """
    made = (
        (make(node), depth) for node, depth in walk(roots, children=children, max_depth=max_depth)
    )
    return from_depths(made, replies=replies)


class Nested(NamedTuple):
    roots: list
    replies: dict  # key -> the rows answering it, in the order given


def nest(
    rows: Iterable[Node], *, key: Callable[[Node], Key], parent_of: Callable[[Node], Key | None]
) -> Nested:
    """Flat rows that name their parent, as a tree: the rows without a parent, and each row's
    replies by key. A row whose parent is not among the rows is left out, with its replies:
    alone it would answer nothing."""
    rows = list(rows)
    known = {key(row) for row in rows}
    roots, replies = [], {}
    for row in rows:
        parent = parent_of(row)
        if parent is None:
            roots.append(row)
        elif parent in known:
            replies.setdefault(parent, []).append(row)
    return Nested(roots, replies)


class Row(NamedTuple):
    """A node of a thread flattened for a template that opens and closes nested lists."""

    node: object
    depth: int
    # Every reply below the node, at any depth.
    descendants: int
    # How many reply lists end right after this node: none when it has replies (its list item
    # stays open around them), else as many as the next node is shallower.
    closing_levels: int


def rows_with_levels(
    roots: Iterable[Node], *, children: Callable[[Node], Iterable[Node]]
) -> list[Row]:
    """Every node in page order with its depth, its descendants and the lists closing after it."""
    in_order = list(walk(roots, children=children))
    descendants = _descendant_counts([depth for _, depth in in_order])
    rows = []
    for index, (node, depth) in enumerate(in_order):
        next_depth = in_order[index + 1][1] if index + 1 < len(in_order) else 0
        closing = 0 if descendants[index] else depth - next_depth
        rows.append(Row(node, depth, descendants[index], closing))
    return rows


def _descendant_counts(depths: list[int]) -> list[int]:
    """For each node of a page order, how many nodes follow it before one as shallow."""
    counts = [0] * len(depths)
    open_indexes: list[int] = []  # ancestors of the current node, shallowest first
    for index, depth in enumerate(depths):
        while open_indexes and depths[open_indexes[-1]] >= depth:
            done = open_indexes.pop()
            counts[done] = index - done - 1
        open_indexes.append(index)
    for done in open_indexes:
        counts[done] = len(depths) - done - 1
    return counts
