"""kehoach-docs: a provincial plan (Kế hoạch) as data, and every Word document from it."""

__version__ = "0.1.0"
