"""From a view model to .docx bytes: docxtpl, then what docxtpl cannot do."""
