"""Export a briefing for paper: `pdf.export_pdf` and the charts it draws (QtGui, no widgets)."""
