"""The reports benchmark runs end to end (tiny sizes; the real run is on PostgreSQL)."""

import pytest
from django.core.management import call_command

from marketplace.sales import benchmark

pytestmark = pytest.mark.django_db


def test_bench_reports_measures_every_page_for_both_roles(monkeypatch, capsys):
    monkeypatch.setattr(benchmark, "CENTRES", 2)
    monkeypatch.setattr(benchmark, "ARTISANS_PER_CENTRE", 2)
    monkeypatch.setattr(benchmark, "PRODUCTS_PER_ARTISAN", 2)
    monkeypatch.setattr(benchmark, "MONTHS", 1)
    call_command("bench_reports", "--lines", "60", "--repeat", "1")
    out = capsys.readouterr().out
    rows = [
        line
        for line in out.splitlines()
        if line.startswith("| admin") or line.startswith("| manager")
    ]
    assert len(rows) == 14
    assert all(line.rstrip().endswith("| 200 |") for line in rows)
