"""A branch desk connected to the chain's server: its replica, its outbox pushed, the server's changes pulled."""
