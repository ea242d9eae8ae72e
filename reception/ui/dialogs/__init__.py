"""Dialogs of the desk window; `base.Dialog` remembers where each one was placed."""
