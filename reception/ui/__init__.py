"""The PySide6 desk window. Only this package imports Qt."""
