"""A synthetic archive for scale tests, made by `manage.py generate_archive`: realistic rows, fast.

`archive.archive_generate(interviews=N, seed=S)` adds N interviews (20 to 200 turns each, 0 to 300
reader comments in threads) with about 5,000 people, 200 outlets and 300 topics, dated over 30
years. The same N and seed give the same rows. The modules, by what they make:

    words.py       the names, subjects, places and sentence templates the text is made of
    catalogue.py   the people, outlets and topics
    interviews.py  one interview's rows: the interview, its people and topics, its turns
    comments.py    an interview's reader comments, in threads
    database.py    the writers: COPY on PostgreSQL (psycopg 3), `bulk_create` elsewhere
    archive.py     the whole archive, a chunk of interviews per transaction

Primary keys are given explicitly, from the largest one in the table up, so that a reply can name
its parent before it is written; the sequences are moved past them at the end.

The package sits beside `commands/`, not in it, because Django lists every module in `commands/`
as a command.
"""
