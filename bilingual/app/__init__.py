"""Use cases: what each command does, with the configuration loaded and merged once. No printing, no exiting."""
