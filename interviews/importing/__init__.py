"""Importing interviews, in one place, read top to bottom:

- `sources/`: what an import starts from (a paste, a PDF, a Word file, a saved web page, a
  link), each read into a `SourceDocument`: the text for the parser, and what the file's or the
  page's structure says beyond it (metadata, the comment thread, what was set aside);
- `drafts.py`: a `TranscriptDraft` (what an import saves) from a parse or a JSON export;
- `services.py`: `transcript_import`, which saves a draft all at once or not at all, and the one
  way every entry point finds or creates outlets, topics and people;
- `models.py` and `editing.py`: an import in progress (`ImportDraft`), its state stored on the
  server between the preview's steps, and the edits an editor makes to it;
- `forms.py` and `preview.py`: the admin's paste form, and the preview an editor corrects a page
  of turns at a time;
- `admin_views.py`: the admin's import pages.

The `import_transcript` command and the admin are thin shells over these modules.
"""
