"""The chain's server: the gym backend's REST contract over the same services the desk uses."""
