"""The demo newsroom and the benchmark's large one: seed_demo, benchmark and their content.

It composes articles, comments and newsletter; no app imports it, and readers never run it.
"""
