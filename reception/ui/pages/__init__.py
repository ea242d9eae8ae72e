"""The pages of the desk window."""
