"""Management dialogs: catalogue, staff, branches and the end-of-shift report."""
