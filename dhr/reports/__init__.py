"""Reports people can hold: PDFs, spreadsheets and the board's dashboard."""
