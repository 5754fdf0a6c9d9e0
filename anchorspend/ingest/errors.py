"""The one error ingest raises for a file it cannot load, with a message fit for a person."""


class IngestError(Exception):
    """A file could not be loaded; the message is one line saying why."""
