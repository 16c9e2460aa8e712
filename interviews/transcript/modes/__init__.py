"""The ways a transcript's body is read, each a function from its input to a `ModeResult`.

- subtitled.py: SRT and WebVTT captions;
- labelled.py: turns opened by speaker labels ("Name:", "Q:", "**NAME:**", "Name  0:35");
- alternating.py: no labels, questions (ending in "?", or set apart) and the answers under them.

A mode gets what the page says (reading.TextPage) and gives back its segments with the lines it
set aside, the places it gave lines, its warnings and the metadata it read: it changes nothing
else, so parser.py can try one mode, look at its result, and read the page the other way
instead without undoing anything.
"""
