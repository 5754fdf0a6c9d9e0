"""Reading files, the same for every importer: limits checked before reading (special files, size, workbook
extent), bytes to text (encodings found, never replaced), workbooks and PDF tables to text cells, and text cells
to money and dates (values.py, the one value parser)."""
