"""gnbv: check a province's sustainable poverty reduction plan against its household census.

Nothing heavy is imported here, so that ``gnbv --help`` and ``gnbv --version`` answer fast.
"""

__version__ = "0.1.0"
