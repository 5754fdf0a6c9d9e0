"""The one error the register importers raise."""


class RegisterError(ValueError):
    """A register file that cannot be imported; the message is one line for the user."""
