"""Money at the rate of its time: yearly average exchange rates, units per US dollar.

The table `rates.csv` beside this module is made by `tools/exchange_rates.py` from the
European Central Bank's euro foreign exchange reference rates (daily since 1999): each day's
rate per dollar is the currency's rate per euro over the dollar's, and a year's figure is
their mean over the days the ECB quoted both. Complete years 1999-2025; the rouble stops
in 2021, when the ECB stopped quoting it. A year outside the table takes the nearest year
the table has, at most `MAX_YEARS_AWAY` years off, and says so.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RATES_PATH = Path(__file__).with_name("rates.csv")
SOURCE = "ECB euro reference rates, yearly averages per US dollar"
#: How far a year may lie from the table and still borrow its nearest year's rate.
MAX_YEARS_AWAY = 1


@dataclass(frozen=True)
class Rate:
    currency: str
    year: int  # the year whose average was used
    per_usd: float
    asked_year: int | None  # the year wanted, when a different one had to stand in

    @property
    def note(self) -> str:
        used = f"{self.per_usd:,.4g} {self.currency} per USD, {self.year} average"
        if self.asked_year is not None and self.asked_year != self.year:
            used += f" (nearest to {self.asked_year})"
        return used


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[int, float]]:
    table: dict[str, dict[int, float]] = {"USD": {}}
    with RATES_PATH.open(newline="") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["currency"], {})[int(row["year"])] = float(row["per_usd"])
    return table


def currencies() -> list[str]:
    return sorted(_table())


def rate(currency: str, year: int | None) -> Rate | None:
    """Units of `currency` per US dollar in `year` (the nearest year known), or None if unknown."""
    if currency == "USD":
        return Rate("USD", year or 0, 1.0, None)
    years = _table().get(currency)
    if not years:
        return None
    if year is None:
        return None
    used = year if year in years else min(years, key=lambda y: (abs(y - year), -y))
    if abs(used - year) > MAX_YEARS_AWAY:
        return None
    return Rate(currency, used, years[used], year)


def to_usd(amount: float, currency: str, year: int | None) -> tuple[float, Rate] | None:
    """An amount in US dollars at the year's average rate, with the rate used."""
    r = rate(currency, year)
    if r is None:
        return None
    return amount / r.per_usd, r
