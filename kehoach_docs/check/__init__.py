"""`kehoach check`: any .docx audited against the form rules of Nghị định 30/2020/NĐ-CP."""

from .findings import Finding, Report
from .rules import check_docx

__all__ = ["Finding", "Report", "check_docx"]
