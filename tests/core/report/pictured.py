"""Checking a report whose tables were pictures (test helper): each table read exactly, or null
with `table.image` — never a wrong figure."""

from __future__ import annotations


def empty(cells) -> bool:
    """Whether every cell of a table (row -> column -> value) is null."""
    return all(v is None for row in cells.values() for v in row.values())


def exact_or_null(result, report, tables) -> int:
    """Each of `tables` read exactly, or null with `table.image`, none missing; how many exactly."""
    assert result.report is not None, result.findings
    codes = {f.code for f in result.findings}
    read, truth = result.report.to_json(), report.to_json()
    exact = 0
    for table in tables:
        assert f"missing.table.{table}" not in codes
        if read[table] == truth[table]:
            exact += 1
        else:
            assert "table.image" in codes and empty(read[table]), table
    return exact
