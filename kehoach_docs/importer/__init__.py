"""`kehoach import`: a plan received as a Word file (or a PDF exported from one) becomes a
draft workspace: plans/co-quan.yaml and plans/<mã>.yaml, every doubt marked."""

from .run import ImportResult, import_plan

__all__ = ["ImportResult", "import_plan"]
