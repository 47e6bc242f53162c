"""PDF, spreadsheet and chart exports."""
