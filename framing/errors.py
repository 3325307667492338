"""The common base of every error the package reports to a user.

Each module raises its own subclass (``CodebookError``, ``TermsError``, ``RunError``...)
with a one-line message that names the file, row or option and says how to fix it; the
``framing`` command prints any :class:`FramingError` as that one line, never a traceback.
"""

from __future__ import annotations


class FramingError(Exception):
    """Bad input or a failed step, explained in one line for the user."""
