"""Report exports: the XLSX workbook and the DOCX review report."""
