"""Domain-free building blocks every app may use: change stamps, counters, client keys.

Nothing in here imports an app of the newsroom.
"""
