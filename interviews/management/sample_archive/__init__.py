"""The sample archive, fixtures/sample_archive.json, made by `manage.py build_sample_archive`.

The seeds are plain-text copies of two published interviews with François Chollet:

    fixtures/seeds/000_4dfcc7687fa37658.txt  PyImageSearch, 2 July 2018, with 43 reader comments
    fixtures/seeds/001_25023ba15ad2cbed.txt  DataCamp blog, December 2017, no comments

The turns, intros, closing notes and comments are read from the seed text by the transcript
parser the admin's importer uses (interviews/transcript/), told only who interviews whom; the
editorial metadata (people, outlets, topics, dates, URLs) is held as data in metadata.py. build.py
parses, checks and writes; it reads no database.

The package sits beside `commands/`, not in it, because Django lists every module in `commands/`
as a command.
"""
