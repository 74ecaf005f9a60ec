"""The contract's rules applied to a census, for the engine (:mod:`gnbv.engine`).

``batch.py`` is the full validation of a batch (every problem named, by row and column);
``query.py`` the same rules over a whole file in one polars query (clean rows summed, the
others to the full validation); ``sums.py`` the clean rows' sums; ``ids.py`` repeated ids
across batches.
"""
