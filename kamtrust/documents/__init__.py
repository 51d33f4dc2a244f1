"""The JSON documents kamtrust writes and reads about groups, each beside its reader.

The engine returns plain models; here they become documents with a schema id, the time they
were made and the tool's version, both passed in by the command (the engine has no clock).

- ``summary``: the group summary, ``kamtrust.group-summary/1`` (``to_document``).
- ``compare``: the group comparison, ``kamtrust.group-compare/1`` (``to_document``).
- ``against``: reads a group summary back, for a person's profile to stand beside its means.

A person's own result document (``kamtrust.result/1``) lives with its storage, in
:mod:`kamtrust.results.document`.
"""
