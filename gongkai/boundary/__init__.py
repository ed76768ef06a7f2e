"""The boundary: what every form, query string, import and upload passes through (issue 11).

- `forms.CleanForm` / `CleanModelForm`: every CharField cleaned by `gongkai.core.text.clean_text`,
  every IntegerField parsed from ASCII digits only, a length limit on every text field.
- `params`: numbers and text from query strings (400 or a Chinese error, never a 500).
- `gongkai.core.archive_limits`: size caps per upload kind, archive checks before decompression,
  bounded XLSX/PDF reading.
"""
