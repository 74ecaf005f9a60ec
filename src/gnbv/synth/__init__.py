"""The synthetic census generator: a tool to make test and demonstration files, not the domain.

``gnbv synth`` writes a census of Bắc Giang (no real household) in the census format.
"""
