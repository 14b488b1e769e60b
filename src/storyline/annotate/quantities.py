"""Amounts and quantities in English news text, found and normalized.

News states its figures in many ways: "Rs 40,000 crore", "over USD 5 billion", "about 35
miles", "five missile systems", "two-thirds", "between 5 and 7 million". This module finds
each one with its character offsets and gives back a plain value (scale applied), a
normalized unit (an ISO currency code, a unit name, or the lemma of the counted noun), the
kind of amount and the writer's qualifier ("over", "about", "up to"...), so that figures told
differently by different outlets can be compared.

It is rules only: precompiled regular expressions and small lexicons written for English
news, no model, because it runs on every sentence of large corpora. Numbers that are not
amounts stay out: years, dates, clock times, ordinals, phone numbers, scores, and names
that carry digits ("S-400", "F-35", "AK-203", "COVID-19", "iPhone 11", "S&P 500").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Quantity", "find_quantities", "QUALIFIER_RELATION", "KINDS"]

#: The kinds of amount, from the most to the least specific.
KINDS = ("money", "percent", "measure", "count", "number")

#: What each normalized qualifier says about the true value relative to the stated one.
QUALIFIER_RELATION = {
    "over": ">", "more than": ">", "at least": ">=",
    "under": "<", "less than": "<", "at most": "<=", "up to": "<=",
    "about": "~", "around": "~", "some": "~", "nearly": "~", "almost": "~",
}


@dataclass(frozen=True)
class Quantity:
    """One amount; `text == source[start:end]`.

    `value` has the scale applied ("Rs 40,000 crore" -> 4.0e11). For a range, `low` and
    `high` are its ends and `value` their midpoint ("hundreds of miles" is the range
    100-1000). `unit` is an ISO 4217 code for money ("$" alone is read as USD); 'cent',
    'penny' or 'sen' for sub-units, whose value stays as written; 'percent' or
    'percentage point'; a unit name ('kilometre', 'tonne', 'year of age', 'USD per
    barrel'); 'times' for "3200 times", "sixfold"; 'fraction' for "two-thirds of";
    the lemma of the counted noun ('rifle'); or '' for a bare number.

    `entity` names what a count or a fraction counts, as a normalized noun phrase: the
    modifiers written before the head noun kept (adjectives, noun modifiers, hyphenated
    compounds, a possessor after "of": "600,000 AK-203 assault rifles" -> 'AK-203 assault
    rifle', "two of Johnson's deputies" -> 'Johnson deputy'), determiners, numbers and
    words about the amount left out ("combined", "more", "most"), comparatives and
    superlatives in their base form ("one of the best wireless speakers" -> 'good wireless
    speaker'), the head noun in the singular, and a superlative's domain added ("the
    oldest ballparks in America" -> 'old ballpark America'). '' for other amounts and
    where nothing is named ("half of them").
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str
    qualifier: str | None
    low: float | None = None
    high: float | None = None
    entity: str = ""


# -- lexicons -----------------------------------------------------------------------

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_MAGNITUDE = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "million": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "trillion": 1e12,
    "dozen": 12,
}
# Abbreviated scales; the one-letter ones are judged in context (see _scale_ok).
_SCALE_ABBR = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "MM": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "cr": 1e7, "Cr": 1e7,
}
_FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4,
           "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625,
           "⅞": 0.875}

# Currency symbols and codes written before the number: (surface, ISO code).
_CURRENCY_PREFIXES = [
    ("US$", "USD"), ("US $", "USD"), ("U.S.$", "USD"), ("U.S. $", "USD"), ("$US", "USD"),
    ("A$", "AUD"), ("AU$", "AUD"), ("AU $", "AUD"), ("$A", "AUD"), ("C$", "CAD"),
    ("C $", "CAD"), ("CA$", "CAD"), ("Can$", "CAD"), ("NZ$", "NZD"), ("NZ $", "NZD"),
    ("HK$", "HKD"), ("HK $", "HKD"), ("S$", "SGD"), ("S $", "SGD"), ("R$", "BRL"),
    ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("Rs.", "INR"),
    ("Rs", "INR"), ("Re.", "INR"), ("Re", "INR"), ("RM", "MYR"), ("₩", "KRW"), ("₽", "RUB"),
    ("₺", "TRY"), ("₪", "ILS"), ("NIS", "ILS"), ("₦", "NGN"), ("₱", "PHP"), ("฿", "THB"),
    ("₫", "VND"), ("Rp", "IDR"), ("Tk", "BDT"), ("৳", "BDT"), ("₴", "UAH"), ("₿", "BTC"),
    ("E£", "EGP"), ("CN¥", "CNY"), ("元", "CNY"), ("₡", "CRC"), ("₾", "GEL"), ("₭", "LAK"),
    ("ரூ", "LKR"), ("₼", "AZN"), ("₸", "KZT"), ("₮", "MNT"), ("៛", "KHR"), ("₲", "PYG"),
    ("₵", "GHS"), ("USD$", "USD"), ("AUD$", "AUD"), ("CAD$", "CAD"), ("NZD$", "NZD"),
    ("MXN$", "MXN"), ("Mex$", "MXN"), ("MX$", "MXN"), ("SGD$", "SGD"), ("HKD$", "HKD"),
    # ASCII-folded feeds (unidecode) write £ as "PS" and ¥ as "Y=".
    ("PS", "GBP"), ("Y=", "JPY"),
]
_ISO_CODES = (
    "USD EUR GBP JPY CNY RMB INR AUD CAD NZD HKD SGD CHF SEK NOK DKK RUB KRW BRL MXN ZAR TRY "
    "ILS PKR BDT LKR NPR IDR MYR THB PHP VND AED SAR QAR KWD BHD OMR EGP NGN KES GHS ETB TZS "
    "UGX ARS CLP COP PEN UAH PLN CZK HUF RON BGN HRK ISK TWD IRR IQD AFN MMK KZT BTC"
).split()
_ISO_ALIAS = {"RMB": "CNY"}

# Currency names written after the number: name -> default code (None: unknown country);
# a country adjective before the name decides when it can.
_CURRENCY_NAMES = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "ringgit": "MYR", "shekel": "ILS",
    "krone": None, "kroner": None, "krona": "SEK", "kronor": "SEK", "crown": None,
    "rouble": "RUB", "ruble": "RUB", "won": "KRW", "peso": None, "franc": "CHF",
    "lira": "TRY", "lire": "ITL", "rand": "ZAR", "naira": "NGN", "dirham": "AED",
    "riyal": "SAR", "dinar": None, "taka": "BDT", "dong": "VND", "real": "BRL", "reais": "BRL",
    "zloty": "PLN", "zlotys": "PLN", "forint": "HUF", "hryvnia": "UAH", "cedi": "GHS",
    "shilling": None, "tenge": "KZT", "lari": "GEL", "afghani": "AFN", "kyat": "MMK",
    "rupiah": "IDR", "baht": "THB", "markka": "FIM", "guilder": "NLG", "peseta": "ESP",
    "deutsche mark": "DEM", "deutschmark": "DEM", "bitcoin": "BTC",
}
_CURRENCY_ADJ = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "singaporean": "SGD",
    "taiwan": "TWD", "new taiwan": "TWD", "taiwanese": "TWD", "zimbabwean": "ZWL",
    "jamaican": "JMD", "namibian": "NAD", "fijian": "FJD", "brunei": "BND",
    "british": "GBP", "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP", "sudanese": "SDG",
    "japanese": "JPY", "chinese": "CNY", "indian": "INR", "pakistani": "PKR",
    "sri lankan": "LKR", "nepalese": "NPR", "nepali": "NPR", "mauritian": "MUR",
    "malaysian": "MYR", "israeli": "ILS", "new israeli": "ILS", "danish": "DKK", "norwegian": "NOK",
    "swedish": "SEK", "czech": "CZK", "icelandic": "ISK", "russian": "RUB",
    "south korean": "KRW", "korean": "KRW", "mexican": "MXN", "philippine": "PHP",
    "argentine": "ARS", "argentinian": "ARS", "chilean": "CLP", "colombian": "COP",
    "swiss": "CHF", "french": "FRF", "turkish": "TRY", "italian": "ITL",
    "south african": "ZAR", "nigerian": "NGN", "uae": "AED", "emirati": "AED",
    "moroccan": "MAD", "saudi": "SAR", "qatari": "QAR", "kuwaiti": "KWD", "iraqi": "IQD",
    "jordanian": "JOD", "bahraini": "BHD", "serbian": "RSD", "tunisian": "TND",
    "algerian": "DZD", "bangladeshi": "BDT", "vietnamese": "VND", "brazilian": "BRL",
    "polish": "PLN", "hungarian": "HUF", "ukrainian": "UAH", "ghanaian": "GHS",
    "kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "finnish": "FIM", "dutch": "NLG",
    "spanish": "ESP", "german": "DEM", "indonesian": "IDR", "thai": "THB",
}
# Sub-units stay themselves: their value is not converted to the main unit.
_MINOR_CURRENCY = {"cent": "cent", "cents": "cent", "penny": "penny", "pence": "penny",
                   "sen": "sen"}

# Units: canonical name -> (kind, case-insensitive words, case-sensitive abbreviations).
_UNITS: dict[str, tuple[str, str, str]] = {
    # length
    "kilometre": ("measure", "kilometre|kilometres|kilometer|kilometers|kms", "km|Km|KM"),
    "metre": ("measure", "metre|metres|meter|meters", "m"),
    "centimetre": ("measure", "centimetre|centimetres|centimeter|centimeters", "cm"),
    "millimetre": ("measure", "millimetre|millimetres|millimeter|millimeters", "mm"),
    "micrometre": ("measure", "micrometre|micrometres|micrometer|micrometers|micron|microns", "μm|µm"),
    "nanometre": ("measure", "nanometre|nanometres|nanometer|nanometers", "nm"),
    "mile": ("measure", "mile|miles", "mi"),
    "nautical mile": ("measure", "nautical mile|nautical miles", "nmi"),
    "foot": ("measure", "foot|feet", "ft|′"),
    "inch": ("measure", "inch|inches", "″"),
    "yard": ("measure", "yard|yards", "yd|yds"),
    "light year": ("measure", "light year|light years|light-year|light-years", ""),
    # area
    "square kilometre": ("measure", "square kilometre|square kilometres|square kilometer|"
                         "square kilometers|square km|square kms|sq km|sq. km|sq kms", "km2|km²"),
    "square metre": ("measure", "square metre|square metres|square meter|square meters|sq m|"
                     "sq. m|sqm|sq metres|sq meters", "m2|m²"),
    "square foot": ("measure", "square foot|square feet|sq ft|sq. ft|sqft", "ft2|ft²"),
    "square mile": ("measure", "square mile|square miles|sq mi|sq miles", ""),
    "hectare": ("measure", "hectare|hectares", "ha"),
    "acre": ("measure", "acre|acres", ""),
    # volume
    "litre": ("measure", "litre|litres|liter|liters", "l|L|ltr"),
    "millilitre": ("measure", "millilitre|millilitres|milliliter|milliliters", "ml|mL"),
    "cubic metre": ("measure", "cubic metre|cubic metres|cubic meter|cubic meters", "m3|m³"),
    "cubic foot": ("measure", "cubic foot|cubic feet", "cu ft"),
    "gallon": ("measure", "gallon|gallons", "gal"),
    "pint": ("measure", "pint|pints", "pt"),
    "quart": ("measure", "quart|quarts", "qt"),
    "fluid ounce": ("measure", "fluid ounce|fluid ounces", "fl oz|fl. oz"),
    "cup": ("measure", "cup|cups", ""),
    "tablespoon": ("measure", "tablespoon|tablespoons", "tbsp"),
    "teaspoon": ("measure", "teaspoon|teaspoons", "tsp"),
    "barrel": ("measure", "barrel|barrels", "bbl|bbls"),
    "cubic feet per day": ("measure", "", "cfd"),
    # mass
    "kilogram": ("measure", "kilogram|kilograms|kilogramme|kilogrammes|kilo|kilos", "kg|kgs|Kg"),
    "gram": ("measure", "gram|grams|gramme|grammes", "g|gm"),
    "milligram": ("measure", "milligram|milligrams|milligramme|milligrammes", "mg"),
    "microgram": ("measure", "microgram|micrograms|microgramme|microgrammes", "μg|µg|mcg"),
    "tonne": ("measure", "tonne|tonnes|metric ton|metric tons|metric tonne|metric tonnes", "t|MT"),
    "ton": ("measure", "ton|tons", ""),
    "megatonne": ("measure", "megatonne|megatonnes|megaton|megatons", "Mt"),
    "gigatonne": ("measure", "gigatonne|gigatonnes|gigaton|gigatons", "Gt"),
    "pound": ("measure", "pound|pounds", "lb|lbs"),
    "ounce": ("measure", "ounce|ounces", "oz"),
    "carat": ("measure", "carat|carats", ""),
    # energy, power, electricity
    "watt": ("measure", "watt|watts", "W"),
    "kilowatt": ("measure", "kilowatt|kilowatts", "kW|KW|kw"),
    "megawatt": ("measure", "megawatt|megawatts", "MW"),
    "gigawatt": ("measure", "gigawatt|gigawatts", "GW"),
    "terawatt": ("measure", "terawatt|terawatts", "TW"),
    "kilowatt hour": ("measure", "kilowatt hour|kilowatt hours|kilowatt-hour|kilowatt-hours", "kWh|KWh|kwh"),
    "megawatt hour": ("measure", "megawatt hour|megawatt hours|megawatt-hour|megawatt-hours", "MWh"),
    "gigawatt hour": ("measure", "gigawatt hour|gigawatt hours|gigawatt-hour|gigawatt-hours", "GWh"),
    "terawatt hour": ("measure", "terawatt hour|terawatt hours|terawatt-hour|terawatt-hours", "TWh"),
    "horsepower": ("measure", "horsepower", "hp|HP|bhp|PS"),
    "volt": ("measure", "volt|volts", "V"),
    "kilovolt": ("measure", "kilovolt|kilovolts", "kV"),
    "ampere": ("measure", "ampere|amperes|amp|amps", ""),
    "milliampere hour": ("measure", "", "mAh"),
    "joule": ("measure", "joule|joules", ""),
    "calorie": ("measure", "calorie|calories|kilocalorie|kilocalories", "kcal"),
    "british thermal unit": ("measure", "", "BTU|Btu|mmBTU|MMBtu"),
    # frequency, data, rates
    "hertz": ("measure", "hertz", "Hz|HZ"),
    "kilohertz": ("measure", "kilohertz", "kHz"),
    "megahertz": ("measure", "megahertz", "MHz"),
    "gigahertz": ("measure", "gigahertz", "GHz|Ghz"),
    "kilobyte": ("measure", "kilobyte|kilobytes", "KB|kB"),
    "megabyte": ("measure", "megabyte|megabytes", "MB"),
    "gigabyte": ("measure", "gigabyte|gigabytes", "GB"),
    "terabyte": ("measure", "terabyte|terabytes", "TB"),
    "petabyte": ("measure", "petabyte|petabytes", "PB"),
    "megabit per second": ("measure", "", "Mbps|Mb/s"),
    "gigabit per second": ("measure", "", "Gbps|Gb/s"),
    "mile per hour": ("measure", "miles an hour|mile an hour", "mph|m.p.h.|MPH"),
    "kilometre per hour": ("measure", "", "km/h|km/hr|kmph|kph|km/hour|kmh"),
    "metre per second": ("measure", "", "m/s"),
    "mile per gallon": ("measure", "", "mpg|MPG"),
    "knot": ("measure", "knot|knots", "kt|kts"),
    "revolution per minute": ("measure", "", "rpm|RPM"),
    "point per game": ("measure", "", "ppg"),
    "rebound per game": ("measure", "", "rpg"),
    "assist per game": ("measure", "", "apg"),
    # temperature, angle
    "celsius": ("measure", "degrees celsius|degree celsius|degrees centigrade|celsius|centigrade|"
                "deg c|° celsius|º celsius|degrees c|degree c|deg celsius|celcius|degrees celcius",
                "°C|ºC|° C|°c|C|degC"),
    "fahrenheit": ("measure", "degrees fahrenheit|degree fahrenheit|fahrenheit|deg f|° fahrenheit|"
                   "º fahrenheit|degrees f|degree f|deg fahrenheit|farenheit|degrees farenheit",
                   "°F|ºF|° F|F|degF"),
    "kelvin": ("measure", "kelvin|kelvins", ""),
    "degree": ("measure", "degree|degrees", "°|º|deg"),
    # pressure, concentration, sound, torque
    "pascal": ("measure", "pascal|pascals", "Pa"),
    "kilopascal": ("measure", "kilopascal|kilopascals", "kPa"),
    "megapascal": ("measure", "megapascal|megapascals", "MPa"),
    "gigapascal": ("measure", "gigapascal|gigapascals", "GPa"),
    "pound per square inch": ("measure", "pounds per square inch|pound per square inch", "psi"),
    "kilopound per square inch": ("measure", "", "ksi"),
    "part per million": ("measure", "parts per million|part per million", "ppm"),
    "part per billion": ("measure", "parts per billion|part per billion", "ppb"),
    "decibel": ("measure", "decibel|decibels", "dB"),
    "newton metre": ("measure", "newton metre|newton metres|newton meter|newton meters", "Nm"),
    "pound-foot": ("measure", "pound-feet|pound-foot|pound feet", "lb-ft|lb ft"),
    # time
    "millisecond": ("measure", "millisecond|milliseconds", "ms"),
    "second": ("measure", "second|seconds|secs", "sec"),
    "minute": ("measure", "minute|minutes|mins", "min"),
    "hour": ("measure", "hour|hours|hrs", "hr"),
    "day": ("measure", "day|days", ""),
    "week": ("measure", "week|weeks", ""),
    "month": ("measure", "month|months", ""),
    "year": ("measure", "year|years", ""),
    "decade": ("measure", "decade|decades", ""),
    "century": ("measure", "century|centuries", ""),
    "year of age": ("measure", "years old|year old|years of age|year-old|years-old|yr-old|year old|yrs old",
                    "yo|y.o."),
    "month of age": ("measure", "months old|month old|month-old|months-old|months of age|month of age", ""),
    "week of age": ("measure", "weeks old|week old|week-old|weeks-old|weeks of age|week of age", ""),
    "day of age": ("measure", "days old|day old|day-old|days-old|days of age|day of age", ""),
    # market and economic units
    "point": ("measure", "point|points", "pts"),
    "basis point": ("measure", "basis point|basis points", "bps|bp"),
    "percentage point": ("percent", "percentage point|percentage points|percent point|percent points|% points|% point", "pp|ppt"),
    "cylinder": ("measure", "cylinder|cylinders", ""),
    "times": ("count", "times|fold", "x"),
}
_TIME_UNITS = {"millisecond", "second", "minute", "hour", "day", "week", "month", "year",
               "decade", "century"}

# Units that may stand after "per" / "a" / "an" / "/" to make a rate.
_DENOMINATORS = {
    "hour": "hour", "hr": "hour", "h": "hour", "day": "day", "week": "week", "month": "month",
    "year": "year", "yr": "year", "annum": "year", "minute": "minute", "min": "minute",
    "second": "second", "sec": "second", "barrel": "barrel", "bbl": "barrel", "share": "share",
    "gallon": "gallon", "litre": "litre", "liter": "litre", "ounce": "ounce", "oz": "ounce",
    "gram": "gram", "gramme": "gram", "g": "gram", "kilogram": "kilogram", "kg": "kilogram", "kilo": "kilogram",
    "tonne": "tonne", "ton": "ton", "pound": "pound", "lb": "pound",
    "square foot": "square foot", "square feet": "square foot", "sq ft": "square foot",
    "square metre": "square metre", "square meter": "square metre", "sq m": "square metre",
    "sqm": "square metre", "person": "person", "head": "person", "capita": "person",
    "game": "game", "night": "night", "unit": "unit", "kilometre": "kilometre",
    "kilometer": "kilometre", "km": "kilometre", "mile": "mile", "kwh": "kilowatt hour",
    "kilowatt hour": "kilowatt hour", "kilowatt-hour": "kilowatt hour", "mwh": "megawatt hour",
    "megawatt hour": "megawatt hour", "megawatt-hour": "megawatt hour", "century": "century",
    "decade": "decade", "dozen": "dozen", "acre": "acre", "hectare": "hectare",
    "centimetre": "centimetre", "centimeter": "centimetre", "cm": "centimetre", "metre": "metre",
    "meter": "metre", "millisecond": "millisecond", "ms": "millisecond",
    "mmbtu": "british thermal unit", "passenger": "passenger", "seat": "seat",
}

_DEN_KEYS = {re.sub(r"[\s\-.]+", "", k.lower()): v for k, v in _DENOMINATORS.items()}

# Counted nouns whose plural does not end in -s, and -s words that are not plurals.
_IRREGULAR_PLURALS = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "staff": "staff",
    "police": "police", "personnel": "personnel", "cattle": "cattle", "sheep": "sheep",
    "fish": "fish", "teeth": "tooth", "mice": "mouse", "geese": "goose", "feet": "foot",
    "aircraft": "aircraft", "deer": "deer", "crew": "crew", "offspring": "offspring",
    "data": "data", "media": "media", "criteria": "criterion", "phenomena": "phenomenon",
    "fishermen": "fisherman", "firemen": "fireman", "policemen": "policeman",
    "servicemen": "serviceman", "spokesmen": "spokesman", "gunmen": "gunman",
    "businessmen": "businessman", "congressmen": "congressman", "militia": "militia",
    "livestock": "livestock", "poultry": "poultry", "infantry": "infantry", "troops": "troop",
    "alumni": "alumnus", "bacteria": "bacterium", "headquarters": "headquarters",
    "series": "series", "species": "species", "crises": "crisis", "analyses": "analysis",
    "hypotheses": "hypothesis", "theses": "thesis", "diagnoses": "diagnosis", "oases": "oasis",
}
# "digital and physical sales": a run of words may cross "and" after a likely adjective
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "ed", "ing", "ary", "ern", "ish", "ese",
                      "an", "ian", "ent", "ant", "ible", "able", "less", "ar")
_UNINFLECTED = {"police", "staff", "people", "sheep", "fish", "personnel", "cattle", "media",
                "data", "aircraft", "deer", "crew", "livestock", "poultry", "infantry", "series",
                "species"}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s", "ics")
_IES_KEEP = {"movies", "cookies", "rookies", "calories", "zombies", "selfies", "pies", "ties",
             "lies", "goalies", "hippies", "smoothies", "freebies", "newbies", "hoodies",
             "brownies", "aussies", "kiwis", "prairies", "sorties", "genies", "cowries"}

# Words that end a run of words naming the counted thing.
_STOP = set("""
a an the this that these those of in on at to for from by with without within into onto upon
about above below over under after before during since until till than as and or but nor so
yet if then else when where while who whom whose which what why how is are was were be been
being am has have had having do does did done will would shall should can could may might must
not no its it itself their theirs his her hers our ours your yours my mine they them he she we
you i me us him per each every all both some any most least much very too also only just even
still already again ever never here there now ago later earlier today yesterday tomorrow
tonight up down out off away back apiece respectively versus vs via plus minus against between
among across through around along including like such same own whilst whereas although though
because unless once nearly almost about approximately roughly respectively annually a-year
total totalling totaling worth valued priced costing compared according left right ahead
alone apart aside instead either neither nor each per cent percent behind beside besides
beyond near inside outside toward towards throughout despite except amid amidst beneath
underneath past till via worldwide nationwide overall apiece whose
said says told had got made took went came saw gave found became ran paid sold bought began
wrote spent kept held brought thought felt met sent built fell rose grew died lived joined
others
""".split())
# Modifiers that may come between the number and the counted noun but never head it.
_NOT_HEAD = {"more", "other", "additional", "extra", "new", "further", "fewer", "less",
             "different", "separate", "straight", "consecutive", "successive", "previous",
             "last", "first", "next", "top", "major", "key", "main", "big", "small", "large",
             "few", "such", "many", "several", "various", "whole", "entire", "full"}

_MONTHS = ("Jan|January|Feb|February|Mar|March|Apr|April|May|Jun|June|Jul|July|Aug|August|"
           "Sep|Sept|September|Oct|October|Nov|November|Dec|December")
_QUALIFIERS = {
    "more than": "more than", "greater than": "more than", "over": "over", "well over": "over",
    "just over": "over", "above": "over", "upwards of": "over", "in excess of": "over",
    "north of": "over", "exceeding": "over", "about": "about", "around": "around",
    "approximately": "about", "approx.": "about", "roughly": "about", "circa": "about",
    "an estimated": "about", "estimated": "about", "some": "some", "nearly": "nearly",
    "almost": "almost", "close to": "nearly", "up to": "up to", "as many as": "up to",
    "as much as": "up to", "as high as": "up to", "at least": "at least",
    "no less than": "at least", "no fewer than": "at least", "a minimum of": "at least",
    "less than": "less than", "fewer than": "less than", "under": "under", "below": "under",
    "just under": "under", "at most": "at most", "no more than": "at most",
    "a maximum of": "at most", "~": "about", "≈": "about", "c.": "about", ">": "more than",
    "<": "less than", "≥": "at least", "≤": "at most", "sub-": "under", "sub": "under",
}
# Words after which a capitalized word's number is a name ("Game 7") but which are not names.
_FUNCTION_CAPS = set("""
The A An All Only Just These Those Its Their His Her Our My Your With By In At Of For From To On
After Before Since Until About Around Over Under Nearly Almost Roughly Some Up More Less Fewer
Another Each Every And But Or Approximately Between Last Next First Than Exactly Total
Totalling Additional Both Nearly Within Among
""".split())
# Words whose following number is a label, not an amount ("category 4", "No. 5").
_LABELS = set("""
category level phase stage number no no. grade class type version room page chapter section
article row seat gate flight route highway platform district ward tier round episode season exit
part act scene figure table item lot unit apartment suite floor pier terminal zone game match
race week day channel flat block sector plot line bus train squad jersey shirt pick
""".split())

_YEAR_PREPOSITIONS = set("in since from until till by during before after between and to of "
                         "circa c. ad a.d. bc b.c. year fiscal early late mid".split())
_YEAR_DETERMINERS = set("the its his her their our this that these those whose".split())


# -- compiled patterns --------------------------------------------------------------

def _alternation(surfaces, flags_insensitive: bool) -> str:
    """One regex alternative per surface, longest first; words may vary spaces, hyphens, dots."""
    parts = []
    for s in sorted(set(surfaces), key=len, reverse=True):
        p = re.escape(s)
        if flags_insensitive:
            p = p.replace(r"\ ", r"[\s-]?").replace(r"\-", r"[\s-]?").replace(r"\.", r"\.?")
        parts.append(p)
    body = "|".join(parts)
    return f"(?i:{body})" if flags_insensitive else f"(?:{body})"


def _build_unit_lexicon():
    words: dict[str, str] = {}
    abbrs: dict[str, str] = {}
    surfaces: list[str] = []
    for unit, (_kind, w, a) in _UNITS.items():
        for f in w.split("|"):
            if f.strip():
                words[_key(f)] = unit
                surfaces.append(f.strip())
        for f in a.split("|"):
            if f.strip():
                abbrs[f.strip()] = unit
    return words, abbrs, surfaces


def _key(s: str) -> str:
    """Lookup key for a unit surface: lower case, without spaces, hyphens and dots."""
    return re.sub(r"[\s\-.]+", "", s.lower())


_UNIT_WORDS, _UNIT_ABBRS, _UNIT_SURFACES = _build_unit_lexicon()
# Words that are also units but ambiguous with money ("pounds") are judged in context.
_UNIT_RE = re.compile(
    r"(?P<sep>\s?|-|\s?-\s?)(?:(?P<word>" + _alternation(_UNIT_SURFACES, True) + r")|(?P<abbr>"
    + _alternation([a for a in _UNIT_ABBRS if a[0] in "°º′″"], False) + r"|(?<![\w])"
    + _alternation([a for a in _UNIT_ABBRS if a[0] not in "°º′″"], False) + r"))(?![A-Za-z0-9²³])"
)
_UNIT_ATTACHED_RE = re.compile(  # a unit glued to the number, where one-letter units are safe
    r"(?P<abbr>" + _alternation(_UNIT_ABBRS, False) + r")(?![A-Za-z0-9²³])")

_NUMBER_WORD = "|".join(sorted(_SMALL, key=len, reverse=True))
_TENS_WORD = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
_MAG_WORD = "hundred|thousand|million|billion|trillion|lakhs?|lacs?|crores?|dozen"
_WORDNUM = (rf"(?:(?:{_TENS_WORD})[\s-](?:{_UNIT_WORD})\b|(?:{_NUMBER_WORD})\b)")

# Patterns that scan whole texts start with a plain character class, so that the regex
# engine skips ahead quickly; the word patterns run case-sensitively on a lower-cased copy.
_VULGAR_CHARS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_DIGITS_RE = re.compile(
    r"(?P<digits>\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{2,3})+(?!\d)|\d*)(?:\.\d+)?|\.(?<![\w.,]\.)\d+)"
    rf"(?P<vulgar>[{_VULGAR_CHARS}])?"
)
_SOLO_VULGAR_RE = re.compile(rf"(?P<solo>[{_VULGAR_CHARS}])")
_WORDS_RE = re.compile(  # on lower-cased text
    rf"(?P<words>\b(?:a\s+(?:{_MAG_WORD})\b|(?:a\s+)?(?:half|quarter)\s+(?:a\s+)?(?:million|billion|trillion|dozen)\b|"
    rf"{_WORDNUM})(?:(?:\s+and\s+|\s+|-)(?:{_WORDNUM}|(?:{_MAG_WORD})\b))*"
    r"(?:\s+and\s+a\s+half\b)?)"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SCALE_RE = re.compile(
    r"(?:\s+|-)?(?P<scale>(?i:hundred|thousand|million|billion|trillion|lakhs?|lacs?|crores?)\b)"
    r"|(?P<abbr>mn|mln|mil|bn|bln|tn|trn|MM|Cr|cr|[kKmMbB])(?![A-Za-z0-9])"
)
_SCALE_SPACED_ABBR_RE = re.compile(r"\s(?P<abbr>mn|bn|tn|B|cr|Cr)(?![A-Za-z0-9])")

_PERCENT_RE = re.compile(
    r"\s?(?:(?P<pp>(?i:percentage[\s-]points?|percent(?:age)?[\s-]points?|per\s?cent(?:age)?\s+points?)|%\s?points?\b)"
    r"|(?P<pct>%|(?i:per[\s-]?cent\b|percent\b|pct\b)|pc\b))(?:-owned)?"
)
_CURRENCY_PREFIX_RE = re.compile(
    "(?<![\\w'’])(?:" + "|".join(
        re.escape(s).replace(r"\ ", r"\s?") for s, _ in sorted(_CURRENCY_PREFIXES, key=lambda x: -len(x[0]))
    ) + "|(?i:us\\s?\\$|hk\\s?\\$|c\\s?\\$|nz\\s?\\$|au\\s?\\$|s\\s\\$|u\\.s\\.?\\s?\\$)"
    + r"|\b(?:" + "|".join(_ISO_CODES) + r"))\s?\Z"
)
_CURRENCY_PREFIX_MAP = {re.sub(r"\s", "", s).upper(): c for s, c in _CURRENCY_PREFIXES}
_CURRENCY_SUFFIX_CODE_RE = re.compile(r"\s?(?P<code>" + "|".join(_ISO_CODES) + r")(?![A-Za-z])=?")
_CURRENCY_SUFFIX_SYMBOL_RE = re.compile(r"\s?(?P<sym>[€£¥₹₩₽₺₪₦₱฿₫₴元₡₾₭₼₸₮៛₲₵]|ரூ|\$(?!\s?\d))")
_CURRENCY_NAME_RE = re.compile(
    r"[\s-](?P<adj>(?i:" + "|".join(re.escape(a).replace(r"\ ", r"\s") for a in
                                  sorted(_CURRENCY_ADJ, key=len, reverse=True)) + r")\s)?"
    r"(?P<name>(?i:deutsche\s?marks?|deutschmarks?|dollars?|euros?|pounds?\s+sterling|pounds?|"
    r"sterling|yen|yuan|renminbi|rupees?|ringgits?|shekels?|new\s+shekels?|kroner|krone|kronor|"
    r"krona|crowns?|roubles?|rubles?|won|pesos?|francs?|lira|lire|liras|rand|naira|dirhams?|"
    r"riyals?|dinars?|taka|dong|reais|reals?|zlotys?|zloty|forints?|hryvnias?|cedis?|shillings?|"
    r"tenge|lari|afghanis?|kyats?|rupiah|baht|markkas?|markka|guilders?|pesetas?|bitcoins?))"
    r"(?![A-Za-z])"
)
_MINOR_CURRENCY_RE = re.compile(r"(?:\s|-)?(?P<minor>(?i:cents?|pence|penny)\b|sen\b|p\b(?!\.m))")
_US_AFTER_DOLLAR_RE = re.compile(r"\s(?:US|U\.S\.)(?![\w])")
_PER_RE = re.compile(
    r"(?:\s*/\s*|\s+per\s+|\s+an?\s+|\s*an?-|-an?-)(?P<den>(?i:"
    + "|".join(re.escape(d).replace(r"\ ", r"[\s-]") for d in sorted(_DENOMINATORS, key=len, reverse=True))
    + r")(?:e?s)?)(?![A-Za-z])(?!\s+(?:ago|earlier|later|before|after|prior)\b)"
)
_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z])")
_OF_DET_RE = re.compile(  # "of the", "of Johnson's", "of the Nets'": the possessor is kept
    r"[ \t]+of[ \t]+(?:(?:the|my|his|her|their|its|our|your|these|those)\b|(?P<poss>[A-Z][\w’']*?)(?:’s|'s)"
    r"|(?P<poss2>[A-Z][\w’']*?s)(?:’|'))"
)
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(\[\"'“‘]))(?P<q>" + "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=len, reverse=True)
        if q[0].isalpha()) + r")\s+\Z|(?P<sym>[~≈><≥≤])\s?\Z|(?i:\bsub-)\Z",
    re.IGNORECASE,
)
_RANGE_DASH_RE = re.compile(r"\d[-–]\Z|\d\s+[-–]\s+\Z|\d\s*–\Z")
_SIGN_RE = re.compile(r"(?:(?<![\w.,%])[-−–]|(?i:\bminus[\s-]|\bnegative\s))\Z")
_PLUS_RE = re.compile(r"(?<![\w.,%])\+\Z")
_VAGUE_RE = re.compile(  # on lower-cased text; starts with a literal, so the scan is quick
    r"(?P<base>dozens|hundreds|thousands|millions|billions|trillions|lakhs|crores)\b(?P<of>\s+of\b)?"
)
_VAGUE_NEXT_RE = re.compile(r"\s+of\s+(?:thousands|millions|billions|trillions|lakhs|crores)\b")
_VAGUE_MULT_RE = re.compile(r"(?<![\w-])(?P<mult>tens|hundreds|dozens)\s+of\s+\Z")
_VAGUE_BASE = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
               "billions": 1e9, "trillions": 1e12, "lakhs": 1e5, "crores": 1e7}
_FRACTION_RE = re.compile(  # on lower-cased text, anchored on the fraction word
    r"(?P<den>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
)
_FOLD_RE = re.compile(  # "sixfold", "a hundredfold"
    r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand)"
    r"-?fold\b")
_OF_AFTER_RE = re.compile(r"\s+of\b")
_DET_AFTER_RE = re.compile(r"\s+(?:of|the|its|their|his|her|our|all|those|these)\b")
_FRACTION_NUM_RE = re.compile(r"(?<![\w-])(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+\Z")
_ONE_IN_RE = re.compile(  # "one in five", "3 out of 4"
    r"(?:o(?<![\w-]o)ne|t(?<![\w-]t)(?:wo|hree)|\d(?<![\w.,]\d)\d*)\s+(?:out\s+of|in)\s+"
    r"(?P<den2>two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?=\s+[a-z])"
)
_SLASH_FRACTION_RE = re.compile(r"(?P<a>\d{1,3})[/⁄](?P<b>\d{1,3})(?![\w/])")
_WHOLE_BEFORE_RE = re.compile(r"(?<![\w/.,])(\d+)\s\Z")

# Numbers that are not amounts, tried where a number starts: dates, clock times, phone
# numbers, version strings, street addresses.
_EXCLUDE_AT_RE = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}}\b)?"
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b"
    r"|\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\d+\\?/\d+\b"                                     # 24/7, 9/11 (fractions are read before)
    r"|(?:19|20)\d\d\s?[-–/]\s?\d\d\b(?![\d.,%]|\s?(?:%|per\s?cent|percent))"       # 2014-15
    r"|\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.\s?m\.?|[ap]m\b|[AP]\.?M\.?\b)"                 # 5 p.m.
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b"                                           # 10:45
    r"|\d{3,4}\s?(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|IST|hrs\b|hours GMT)"
    r"|\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"                                                # 212-555-1234
    r"|\d+(?:\.\d+){2,}\b"                                                               # 1.2.3
    r"|\d+:\d+\b"
    r"|\d+(?:[-–]\d+)?[A-Za-z]?\s+(?:[A-Z][\w.]*\s+){0,3}(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|"
    r"Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway|Hwy)\b\.?"
)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?\s+(?:the\s+)?\Z")
_DAY_RE = re.compile(r"(?:[12]\d|3[01]|0?[1-9])(?![\d.,]\d)(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{1,2}\b)?"
                     r"(?:,?\s+\d{4}\b)?|\d{4}\b")
_PHONE_INTL_RE = re.compile(r"\d{1,3}[\s.-]\d[\d\s.-]{6,}\d")
_TIME_AFTER_RE = re.compile(r"\s?(?:[ap]\.\s?m\.?|[ap]m\b|[AP]\.?M\.?\b|GMT\b|UTC\b|[ECMP][SD]T\b|PT\b|ET\b|BST\b|IST\b|hrs\b)")
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|age|ages)\s+(?:of\s+)?(?:between\s+)?\Z", re.IGNORECASE)
_EXPONENT_RE = re.compile(r"\s?[×x*]\s?10\s?(?:\^|\*\*)?\s?(?P<exp>[-−–]?\d{1,3}|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![\d.])")
_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
_APPOSITION_RE = re.compile(r"\b[A-Z][a-z]+\s?,\s\Z")
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th|ST|ND|RD|TH)\b")
_POSSESSIVE_S_RE = re.compile(r"(?:['’′]s|s)\b")


# -- numbers ------------------------------------------------------------------------

def _words_value(text: str) -> float | None:
    """Value of a number written in words ("twenty-three", "half a million", "two lakh crore")."""
    tokens = re.findall(r"[a-z]+", text.lower())
    total = 0.0
    current = 0.0
    last_mag = 0.0
    seen = False
    half = False
    if tokens[-3:] == ["and", "a", "half"]:
        half = True
        tokens = tokens[:-3]
    if tokens[:1] == ["a"] and tokens[1:2] in (["half"], ["quarter"]):
        tokens = tokens[1:]
    if tokens[:1] in (["half"], ["quarter"]):
        frac = "0.5" if tokens[0] == "half" else "0.25"
        tokens = [frac] + tokens[2 if tokens[1:2] == ["a"] else 1:]
    for tok in tokens:
        if tok == "and":
            continue
        if tok in ("0.5", "0.25"):
            current = float(tok)
            seen = True
        elif tok == "a":
            current = 1
            seen = True
        elif tok in _SMALL:
            current += _SMALL[tok]
            seen = True
        elif tok in _MAGNITUDE:
            mag = _MAGNITUDE[tok]
            if mag == 100:
                current = (current or 1) * 100
            elif current == 0 and total > 0 and mag > last_mag:
                total *= mag
                last_mag = mag
            else:
                total += (current or 1) * mag
                current = 0
                last_mag = mag
            seen = True
        else:
            return None
    if not seen:
        return None
    value = total + current
    if half:
        value += 0.5 if value < 100 else 0
    return value


def _digits_value(s: str) -> float | None:
    """Value of digits with Western (1,000,000) or Indian (10,00,000) grouping, else None."""
    if "," in s:
        head, _, dec = s.partition(".")
        groups = head.split(",")
        tail = groups[1:]
        western = all(len(g) == 3 for g in tail)
        indian = len(tail[-1]) == 3 and all(len(g) == 2 for g in tail[:-1]) and len(groups[0]) <= 2
        if not (western or indian):
            return None
        s = "".join(groups) + ("." + dec if dec else "")
    elif len(s.partition(".")[0]) > 12:
        return None   # a long run of digits is an identifier, not an amount
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass
class _Part:
    """A number being read, with what its context says about it."""

    start: int           # span of the whole expression, prefix and unit included
    end: int
    num_start: int       # span of the number itself
    num_end: int
    value: float
    raw: str
    is_word: bool = False
    scaled: bool = False
    scale: float = 1.0
    unit: str = ""
    kind: str = "number"
    qualifier: str | None = None
    currency_prefix: bool = False
    explicit_unit: bool = False   # a unit, currency or percent written next to the number
    low: float | None = None
    high: float | None = None
    drop: bool = False
    hyphen_unit: bool = False
    vague: bool = False
    entity: str = ""     # what a count or fraction counts, as a noun phrase (see Quantity)


# -- the reader ---------------------------------------------------------------------

def find_quantities(text: str) -> list[Quantity]:
    """Every amount in `text`, in order of appearance, with offsets into `text`."""
    if not text:
        return []
    low = text.lower()
    if len(low) != len(text):   # a few non-ASCII letters change length when lower-cased
        low = text.translate(_ASCII_LOWER)
    parts: list[_Part] = []
    taken: list[tuple[int, int]] = []
    for part in _vague_parts(text, low):
        parts.append(part)
        taken.append((part.num_start, part.num_end))
    for part in _fraction_parts(text, low):
        if not _overlaps(part.num_start, part.num_end, taken):
            parts.append(part)
            taken.append((part.num_start, part.num_end))
    matches = list(_DIGITS_RE.finditer(text))
    matches += _WORDS_RE.finditer(low)
    if any(ch in text for ch in _VULGAR_CHARS):
        matches += _SOLO_VULGAR_RE.finditer(text)
        matches.sort(key=lambda m: m.start())
    elif len(matches) > 1:
        matches.sort(key=lambda m: m.start())
    last_end = -1
    for m in matches:
        s, e = m.span()
        if s < last_end or (taken and _overlaps(s, e, taken)):
            continue
        skip_to = _excluded_until(text, s) if m.re is _DIGITS_RE else -1
        if skip_to > s:
            last_end = skip_to
            continue
        part = _read_atom(text, m)
        if part is not None:
            parts.append(part)
    parts.sort(key=lambda p: p.num_start)
    parts = _merge_ranges(text, parts)
    out = []
    for p in parts:
        if p.drop or _is_not_amount(text, p):
            continue
        value = p.value if p.low is None else (p.low + p.high) / 2
        entity = p.entity
        if entity and p.kind == "count" and p.qualifier is None:
            entity = _with_premodifier(text, p.start, entity)
        out.append(Quantity(p.start, p.end, text[p.start:p.end], value, p.unit, p.kind,
                            p.qualifier, p.low, p.high, entity))
    return _dedupe(out)


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


def _excluded_until(text: str, s: int) -> int:
    """Where the date, clock time, phone number, address or link holding the number that
    starts at `s` ends; -1 when the number is not part of one."""
    m = _EXCLUDE_AT_RE.match(text, s)
    if m:
        return m.end()
    before = text[s - 1] if s else ""
    if before.isalpha() or before == " " or before == ".":
        if _MONTH_BEFORE_RE.search(text, max(0, s - 16), s):
            day = _DAY_RE.match(text, s)
            if day:
                return day.end()
    elif before == "+":
        m = _PHONE_INTL_RE.match(text, s)
        if m:
            return m.end()
    elif before == "#":
        return s + 1
    if before and not before.isspace():
        # inside a link or an e-mail address
        token_start = max(text.rfind(" ", 0, s), text.rfind("\n", 0, s)) + 1
        token = text[token_start:s]
        if "://" in token or "www." in token or "@" in token or "/" in token and "." in token:
            end = text.find(" ", s)
            return len(text) if end < 0 else end
    return -1


def _dedupe(qs: list[Quantity]) -> list[Quantity]:
    qs.sort(key=lambda q: (q.start, -q.end))
    out: list[Quantity] = []
    for q in qs:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def _read_atom(text: str, m: re.Match) -> _Part | None:
    """Read one number with its scale, currency, unit, qualifier and sign."""
    s, e = m.span()
    groups = m.groupdict()
    if groups.get("digits"):
        raw = m.group("digits")
        value = _digits_value(raw)
        if value is None:
            return None
        if m.group("vulgar"):
            value += _VULGAR[m.group("vulgar")]
        is_word = False
    elif groups.get("solo"):
        value = _VULGAR[m.group("solo")]
        raw = m.group("solo")
        is_word = False
    else:
        raw = text[s:e]
        value = _words_value(raw)
        if value is None:
            return None
        is_word = True
        # "one" as a pronoun: "no one", "the one", "each one", "one another"
        low = raw.lower()
        if low == "one":
            before = text[max(0, s - 12):s].lower().split()
            if before and before[-1] in {"no", "the", "this", "that", "each", "every", "any",
                                          "which", "same", "another", "someone", "anyone", "little",
                                          "big", "new", "only", "right", "wrong", "last", "first",
                                          "next", "old", "a"}:
                return None
    part = _Part(s, e, s, e, value, raw, is_word=is_word)
    if is_word:
        part.scale = _trailing_scale(raw)
        part.scaled = part.scale >= 1000
    glued = not is_word and _glued_word_before(text, s)
    if not is_word:
        m_exp = _EXPONENT_RE.match(text, e)
        if m_exp:
            exp = m_exp.group("exp").translate(_SUPERSCRIPT).replace("−", "-").replace("–", "-")
            part.value *= 10.0 ** int(exp)
            e = part.num_end = m_exp.end()
    pos = _read_scale(text, part, e)
    _read_left(text, part)
    if glued and not part.currency_prefix:
        # designators such as "S23", "F-35", "COVID-19": out, unless a unit follows ("now-18 month-old")
        if glued[:1].isupper() or glued[-1:].isdigit() or not re.fullmatch(r"[a-z]+", glued):
            return None
    pos = _read_right(text, part, pos)
    if glued and not part.currency_prefix and (not part.explicit_unit or part.kind == "count"):
        return None
    part.end = max(part.end, pos)
    return part


_GLUED_RE = re.compile(r"([A-Za-z][\w.&]*)-?\Z")


def _glued_word_before(text: str, s: int) -> str:
    """The word glued to a number ("S" in "S23", "AK" in "AK-203"), or ''."""
    if s == 0 or not (text[s - 1].isalpha() or (text[s - 1] in "-‐" and s >= 2 and text[s - 2].isalpha())):
        return ""
    m = _GLUED_RE.search(text, max(0, s - 20), s)
    if not m:
        return ""
    word = m.group(1)
    if text[s - 1] in "-‐" and word.lower() in {"to", "and", "or", "minus", "sub", "then"}:
        return ""
    return word


def _read_scale(text: str, part: _Part, pos: int) -> int:
    while True:
        m = _SCALE_RE.match(text, pos)
        if not m:
            m2 = _SCALE_SPACED_ABBR_RE.match(text, pos)
            if m2 and (m2.group("abbr") != "B" or _plural_follows(text, m2.end())):
                m = m2
            else:
                return pos
        if m.groupdict().get("scale"):
            mult = _MAGNITUDE[m.group("scale").lower()]
        else:
            abbr = m.group("abbr")
            if not _scale_ok(text, part, abbr, m.end()):
                return pos
            mult = _SCALE_ABBR[abbr]
        if part.scaled and mult == 100:
            return pos
        if mult == 100 and part.is_word:
            return pos
        part.value *= mult
        part.scale *= mult
        part.scaled = True
        pos = m.end()
        part.num_end = pos


def _scale_ok(text: str, part: _Part, abbr: str, end: int) -> bool:
    """One-letter scales are read as scales only where a metre, byte or bit is unlikely."""
    if abbr in ("k", "K"):
        return True
    money = _CURRENCY_PREFIX_RE.search(text, max(0, part.num_start - 8), part.num_start) is not None
    if abbr in ("m", "M"):
        if money or abbr == "M":
            return not _UNIT_RE.match(text, end) or _plural_follows(text, end)
        # "12.3m tonnes", "35m of its devices" are millions; "37m (121ft)" is metres
        nxt = text[end:end + 40]
        if re.match(r"\s?(?:tonnes|tons|barrels|people|users|euros|pounds|dollars|rupees|yuan)\b", nxt):
            return True
        if re.match(r"[ \t]+of[ \t]+(?:its|their|the|his|her|our)\b", nxt):
            return True
        return _plural_follows(text, end)
    if abbr in ("b", "B"):
        return money or (abbr == "B" and _plural_follows(text, end))
    return True


def _plural_follows(text: str, pos: int) -> bool:
    return any(_is_plural(w) for w, _ in _run_words_spans(text, pos, 5, through_and=True))


def _read_left(text: str, part: _Part) -> None:
    """Currency symbol, sign and qualifier written before the number."""
    s = part.num_start
    left = text[max(0, s - 24):s]
    s = _read_currency_prefix(text, part, s)
    left = text[max(0, s - 24):s]
    m = _SIGN_RE.search(left)
    # a dash glued to the digits after a space is a sign ("FTSE -0.6%"); "10-12", "10 - 12" are ranges
    if m and not _RANGE_DASH_RE.search(left):
        part.value = -part.value
        s -= len(m.group(0))
        if not part.currency_prefix:   # "$-50.8bn"
            s = _read_currency_prefix(text, part, s)
    elif _PLUS_RE.search(left):
        s -= 1
    part.start = s
    left = text[max(0, s - 24):s]
    m = _QUALIFIER_RE.search(left)
    if m:
        q = (m.group("q") or m.group("sym") or "sub-").lower()
        q = re.sub(r"\s+", " ", q)
        part.qualifier = _QUALIFIERS.get(q, _QUALIFIERS.get(q.rstrip("-"), q))
        part.start = s - (len(left) - m.start())


def _read_currency_prefix(text: str, part: _Part, s: int) -> int:
    """A currency written just before position `s` ("$", "Rs ", "US$", "EUR"); the new start."""
    m = _CURRENCY_PREFIX_RE.search(text, max(0, s - 10), s)
    if not m:
        return s
    code = _currency_code_of_prefix(m.group(0))
    if not code or not _prefix_is_currency(text, m.start(), m.group(0)):
        return s
    part.unit, part.kind, part.currency_prefix, part.explicit_unit = code, "money", True, True
    return m.start()


def _currency_code_of_prefix(sym: str) -> str | None:
    key = re.sub(r"\s", "", sym).upper()
    if key in _CURRENCY_PREFIX_MAP:
        return _CURRENCY_PREFIX_MAP[key]
    for s, c in _CURRENCY_PREFIXES:
        if re.sub(r"\s", "", s).upper() == key:
            return c
    if key in _ISO_CODES:
        return _ISO_ALIAS.get(key, key)
    return None


def _prefix_is_currency(text: str, start: int, sym: str) -> bool:
    """Letter prefixes ("Rs", "RM", "PS", "Re") count only as whole words glued or spaced."""
    core = sym.strip()
    if core[:1].isalpha():
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-"):
            return False
        if core in {"PS", "Re", "Tk", "Rp"} and sym != core:
            return False  # "PS" and "Re" only glued to the number
    return True


def _read_right(text: str, part: _Part, pos: int) -> int:
    """Unit, currency name, percent sign, rate or counted noun written after the number."""
    # clock times, ordinals, decades, and names glued to the number are not amounts
    if not part.is_word:
        if _TIME_AFTER_RE.match(text, pos) and not part.currency_prefix:
            part.drop = True
            return pos
        if not part.scaled and _ORDINAL_RE.match(text, pos):
            part.drop = True
            return pos
        if not part.scaled and _POSSESSIVE_S_RE.match(text, pos) and not part.currency_prefix:
            part.drop = True
            return pos
    # percent
    m = _PERCENT_RE.match(text, pos)
    if m and not (m.group("pct") == "pc" and text[m.end():m.end() + 1].isalpha()):
        part.unit = "percentage point" if m.group("pp") else "percent"
        part.kind = "percent"
        part.explicit_unit = True
        return _read_per(text, part, m.end())
    # currency after the number: "5 billion USD", "1,200€", "800 yuan", "10.5 million Australian dollars"
    if not part.currency_prefix:
        m = _CURRENCY_SUFFIX_CODE_RE.match(text, pos)
        if m:
            code = m.group("code")
            part.unit, part.kind, part.explicit_unit = _ISO_ALIAS.get(code, code), "money", True
            return _read_per(text, part, m.end())
        m = _CURRENCY_SUFFIX_SYMBOL_RE.match(text, pos)
        if m:
            code = _CURRENCY_PREFIX_MAP.get(m.group("sym"))
            if code:
                part.unit, part.kind, part.explicit_unit = code, "money", True
                return _read_per(text, part, m.end())
        m = _CURRENCY_NAME_RE.match(text, pos)
        if m and _currency_name_ok(text, part, m):
            code = _currency_name_code(m)
            if code is not None:
                part.unit, part.kind, part.explicit_unit = code, "money", True
                return _read_per(text, part, m.end())
        m = _MINOR_CURRENCY_RE.match(text, pos)
        if m and _minor_ok(part, m):
            part.unit = _MINOR_CURRENCY.get(m.group("minor").lower(), "penny")
            part.kind, part.explicit_unit = "money", True
            return _read_per(text, part, m.end())
    else:
        m = _US_AFTER_DOLLAR_RE.match(text, pos)
        if m and part.unit == "USD":
            pos = m.end()
        m = _CURRENCY_NAME_RE.match(text, pos)  # "$ 5 million dollars", "$1.25 sterling"
        if m and m.group("name").lower() in {"dollar", "dollars", "sterling"}:
            if m.group("name").lower() == "sterling":
                part.unit = "GBP"
            pos = m.end()
        return _read_per(text, part, pos)
    # units
    m = _UNIT_RE.match(text, pos)
    if m is None and pos > part.num_start and text[pos - 1].isdigit():
        m = _UNIT_ATTACHED_RE.match(text, pos)
    if m is not None:
        unit = _unit_of(text, part, m)
        if unit is not None:
            part.unit = unit
            part.kind = _UNITS[unit][0] if unit in _UNITS else "measure"
            part.explicit_unit = True
            part.hyphen_unit = m.group(0).startswith("-") if "sep" in m.re.groupindex else False
            end = m.end()
            if unit == "year of age" or unit.endswith("of age"):
                return end
            if unit == "year" and _AGE_BEFORE_RE.search(text, max(0, part.num_start - 16), part.num_start):
                part.unit = "year of age"
                return end
            # "30-year-old" reads as a unit "year" followed by "-old"
            m_old = re.match(r"[\s-]old\b", text[end:end + 5])
            if unit in _TIME_UNITS and m_old:
                part.unit = unit + " of age"
                return end + m_old.end()
            if part.hyphen_unit and unit in _TIME_UNITS | {"speed"}:
                part.drop = True  # "a five-year plan" names a kind of plan, not an amount
                return end
            return _read_per(text, part, end)
    if (not part.is_word and 0 < part.value < 120
            and _AGE_BEFORE_RE.search(text, max(0, part.num_start - 16), part.num_start)):
        part.unit, part.kind, part.explicit_unit = "year of age", "measure", True
        return pos
    # "Maddon, 66, said": an age in apposition to a name
    if (not part.is_word and part.value == int(part.value) and 0 < part.value < 120
            and text[pos:pos + 2].lstrip()[:1] == "," and _APPOSITION_RE.search(text, max(0, part.num_start - 30), part.num_start)):
        part.unit, part.kind, part.explicit_unit = "year of age", "measure", True
        return pos
    # glued letters that are no unit: "5G", "4K", "3D", "90x"
    if pos < len(text) and text[pos].isalpha() and not part.is_word:
        part.drop = True
        return pos
    # "four-cylinder", "12-page": a hyphenated noun names a kind, not a count
    if pos < len(text) and text[pos] == "-" and pos + 1 < len(text) and text[pos + 1].isalpha():
        if not re.match(r"-(?:to|and|or)\b", text[pos:pos + 5]):
            part.drop = True
            return pos
    # counted things: "600,000 AK-203 assault rifles", "one of the best speakers"
    return _read_count(text, part, pos)


def _currency_name_ok(text: str, part: _Part, m: re.Match) -> bool:
    name = m.group("name").lower()
    if name.startswith("pound") and "sterling" not in name:
        # pounds are money with a scale or a currency context, weight otherwise
        return part.scaled or bool(m.group("adj"))
    if name == "won" or name == "dong" or name.startswith("real"):
        return part.scaled or bool(m.group("adj")) or name == "reais"
    if name == "rand":
        return part.scaled or bool(m.group("adj"))
    return True


def _currency_name_code(m: re.Match) -> str | None:
    """ISO code of a currency name ("Australian dollars" -> AUD), or the name where unknown."""
    name = re.sub(r"\s+", " ", m.group("name").lower()).replace("new ", "")
    if "sterling" in name:
        return "GBP"
    if name.startswith("deutsch"):
        name = "deutsche mark"
    elif name not in _CURRENCY_NAMES:
        name = name[:-1]
        if name not in _CURRENCY_NAMES:
            return None
    if m.group("adj"):
        code = _CURRENCY_ADJ.get(re.sub(r"\s+", " ", m.group("adj").strip().lower()))
        if code:
            return code
    return _CURRENCY_NAMES[name] or name


def _minor_ok(part: _Part, m: re.Match) -> bool:
    """Pence are "164p" or "68 p" after a figure, not "1080p" video nor "p.m."."""
    if m.group("minor") != "p":
        return True
    return (not part.is_word and part.value not in (360, 480, 720, 1080, 1440, 2160)
            and m.group(0) in ("p", " p"))


def _unit_of(text: str, part: _Part, m: re.Match) -> str | None:
    """The canonical unit of a unit match, or None where the match is no unit here."""
    word = m.group("word") if "word" in m.re.groupindex else None
    abbr = m.group("abbr")
    sep = m.group("sep") if "sep" in m.re.groupindex else ""
    if word:
        key = _key(word)
        unit = _UNIT_WORDS.get(key)
        if unit == "pound" and part.scaled:
            return None   # "5 million pounds" is money, read before units
        return unit
    if abbr:
        unit = _UNIT_ABBRS.get(abbr)
        if unit is None:
            return None
        if len(abbr) == 1 and sep and abbr not in "°º′″":
            # one letter apart from the number is a unit only for W, V, C, F ("5 W charger",
            # "12 C"), and C or F not before a capitalized word ("12 C Smith")
            if abbr not in "WVCF":
                return None
            if abbr in "CF" and (part.is_word or re.match(r" [A-Z]", text[m.end():m.end() + 2])):
                return None
        if abbr == "m" and part.currency_prefix:
            return None
        if abbr == "PS" and not sep:
            return None   # glued "PS6m" is a pound sign folded to ASCII, read before units
        return unit
    return None


def _read_per(text: str, part: _Part, pos: int) -> int:
    """A rate after a unit: "$58 per barrel", "barrels a day", "percent a year"; also after a
    conversion in brackets ("9 billion shekels ($2.4 billion) a year") and, for a measure,
    after what is measured ("2.4 billion gallons of jet fuel a year"), which stay outside
    the span."""
    m = _PER_RE.match(text, pos)
    if m is None:
        skip = _PAREN_RE.match(text, pos)
        if skip is None and part.kind == "measure":
            skip = _OF_COMPLEMENT_RE.match(text, pos)
        if skip is None:
            return pos
        m = _PER_RE.match(text, skip.end())
        if m is None:
            return pos
        _rate_of(part, m)
        return pos
    return m.end() if _rate_of(part, m) else pos


def _rate_of(part: _Part, m: re.Match) -> bool:
    den = _key(m.group("den"))
    den_unit = _DEN_KEYS.get(den) or _DEN_KEYS.get(den[:-2] if den.endswith("es") else den[:-1])
    if den_unit:
        part.unit = f"{part.unit} per {den_unit}" if part.unit else f"per {den_unit}"
        return True
    return False


_PAREN_RE = re.compile(r"[ \t]*\([^()\n]{1,40}\)")
_OF_COMPLEMENT_RE = re.compile(r"[ \t]+of(?:[ \t]+(?!(?:a|an|per|the)\b)[a-z][a-z-]*){1,3}")


def _run_words_spans(text: str, pos: int, limit: int, through_and: bool = False) -> list[tuple[str, int]]:
    """The words after `pos` up to a function word; with `through_and`, across one "and"/"or"
    when the first word is no plural ("digital and physical sales")."""
    out: list[tuple[str, int]] = []
    crossed = False
    for _ in range(limit):
        m = _NEXT_WORD_RE.match(text, pos)
        if not m:
            break
        w = m.group(1)
        low = w.lower()
        if (low in ("and", "or") and through_and and not crossed and out
                and not any(_is_plural(x) for x, _ in out)
                and (out[-1][0].lower().endswith(_ADJECTIVE_ENDINGS)
                     or out[-1][0][0].isupper() and text[m.end():m.end() + 2].strip()[:1].isupper())):
            crossed = True
            pos = m.end()
            continue
        if low in _STOP and not (len(w) > 1 and w.isupper()):   # "US", "IT" are names
            break
        out.append((w, m.end()))
        pos = m.end()
    if crossed and not any(_is_plural(x) for x, _ in out):
        return out[:1] if out else out
    return out


def _is_plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    if not word.isascii() or not word.replace("-", "").replace("'", "").isalpha():
        return False
    if len(low) < 3 or not low.endswith("s") or low.endswith(_NOT_PLURAL_ENDINGS):
        return False
    return low not in _STOP and low not in {"this", "its", "was", "has", "does", "always",
                                            "perhaps", "besides", "whereas", "towards",
                                            "afterwards", "sometimes", "news", "gas", "bus",
                                            "lens", "plus", "yes", "less", "unless"}


def _lemma(word: str) -> str:
    """Singular of a plural English noun, by rule (enough for counted nouns in news)."""
    low = word.lower() if not word.isupper() else word
    key = low.lower()
    if key in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[key]
    if key.endswith("men") and len(key) > 4:
        return low[:-3] + "man"
    if key.endswith("ies") and key not in _IES_KEEP and len(key) > 4:
        return low[:-3] + "y"
    if key.endswith("ves") and key[:-3] in {"wol", "hal", "shel", "thie", "lea", "cal", "el"}:
        return low[:-3] + "f"
    if key.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return low[:-2]
    if key.endswith("uses") and len(key) > 5 and key[-5] not in "aeiou":
        return low[:-2]
    if key.endswith("oes") and key not in {"shoes", "toes", "canoes", "oboes"}:
        return low[:-2]
    if key.endswith("s"):
        return low[:-1]
    return low


def _read_count(text: str, part: _Part, pos: int) -> int:
    """The counted noun after a number, as its lemma; a unit word heads a measure instead."""
    if part.value == 1 and not part.scaled:
        return _read_count_one(text, part, pos)
    run = _run_words_spans(text, pos, 6, through_and=True)
    if run and run[0][0][0].isupper() and not _is_plural(run[0][0]) and not any(
            _is_plural(w) for w, _ in run):
        part.drop = True  # "787 Dreamliner", "90049 ZIP Code": a number naming something
        return pos
    lead: list[str] = []
    degree = False
    if not run:
        # partitive: "35m of its Echo devices", "five of the seven players", "two of Johnson's deputies"
        m = _OF_DET_RE.match(text, pos)
        if m:
            lead = _possessor(m)
            after, degree = _skip_degree(text, m.end())
            run = _run_words_spans(text, after, 5, through_and=True)
    return _head_of_plural_run(part, run, text, pos, lead, degree)


def _head_of_plural_run(part: _Part, run: list[tuple[str, int]], text: str, pos: int,
                        lead: list[str] | tuple = (), degree: bool = False) -> int:
    for i, (w, end) in enumerate(run):
        if _is_plural(w) and w.lower() not in _NOT_HEAD:
            if (w.lower() in _UNINFLECTED and i + 1 < len(run) and _is_plural(run[i + 1][0])):
                continue   # "three police stations": the noun before the head looks plural
            unit = _UNIT_WORDS.get(_key(w)) if w[0].islower() else None
            if unit and unit != "pound":
                part.unit, part.kind = unit, _UNITS[unit][0]
                part.explicit_unit = True
            else:
                part.unit, part.kind = _lemma(w), "count"
                part.entity = _noun_phrase(text, list(lead) + [x for x, _ in run[:i]], w, end, degree)
            return _read_per(text, part, end)
    return pos


def _possessor(m: re.Match) -> list[str]:
    poss = m.group("poss") or m.group("poss2")
    return [poss] if poss else []


def _skip_degree(text: str, pos: int) -> tuple[int, bool]:
    """After "one of the", a degree word before an adjective ("most", "very") is skipped;
    the flag says whether it makes a superlative ("the most gifted and unpredictable
    attackers in the Premier League"), whose domain then belongs to the noun phrase."""
    m = re.match(r"[ \t]+(?:most|more|very|least)\b", text[pos:pos + 12])
    if not m:
        return pos, False
    return pos + m.end(), m.group(0).strip() in ("most", "least")


def _read_count_one(text: str, part: _Part, pos: int) -> int:
    """ "one proposal", "one of the best speakers": a count of one needs its noun."""
    m = _OF_DET_RE.match(text, pos)
    if m:
        if part.raw.lower() != "one":
            return pos
        after, degree = _skip_degree(text, m.end())
        lead = _possessor(m)
        return _head_of_plural_run(part, _run_words_spans(text, after, 6, through_and=True), text,
                                   pos, lead, degree)
    run = _run_words_spans(text, pos, 4)
    if not run:
        return pos
    # the noun ends where a verb-like word ("asks", "told", "running"), a modifier of
    # what follows ("last night") or a name begins
    cut = len(run)
    for i, (w, _) in enumerate(run[1:], 1):
        low = w.lower()
        if (low.endswith(("s", "ed", "ing")) or low in _NOT_HEAD
                or (w[0].isupper() and not run[0][0][0].isupper())):
            cut = i
            break
    w, end = run[cut - 1]
    low = w.lower()
    if low in _NOT_HEAD or low in {"day", "time", "way", "thing", "point"} or _is_plural(w):
        return pos
    if w[0].isupper() and part.raw[0].islower():
        return pos
    unit = _UNIT_WORDS.get(_key(w))
    if unit:
        part.unit, part.kind = unit, _UNITS[unit][0]
        part.explicit_unit = True
        return _read_per(text, part, end)
    part.unit, part.kind = low if not w.isupper() else w, "count"
    part.entity = _noun_phrase(text, [x for x, _ in run[:cut - 1]], w, end)
    return _read_per(text, part, end)


# -- the counted thing as a noun phrase ------------------------------------------------

# Comparatives and superlatives not formed by rule.
_IRREGULAR_DEGREE = {"best": "good", "better": "good", "worst": "bad", "worse": "bad",
                     "eldest": "old", "farthest": "far", "furthest": "far", "oddest": "odd"}
# Words in -est that are no superlatives.
_NOT_SUPERLATIVE = set("""
test interest forest rainforest guest chest west midwest northwest southwest quest request
conquest inquest bequest nest vest harvest rest unrest arrest crest pest contest protest
manifest modest immodest honest dishonest earnest digest behest zest priest tempest suggest
invest attest detest infest molest jest fest everest budapest bucharest retest backrest
headrest armrest
""".split())
# Adjectives whose comparative in -er is read as one (most words in -er are nouns:
# "power", "soccer", "container"); superlatives in -est are read by rule.
_GRADABLE = set("""
big small large great high low long short old new young fast slow quick hot cold warm cool
deep shallow wide narrow broad thick thin heavy light dark bright strong weak hard soft easy
tough rich poor cheap dear close near late early safe clean dirty dry wet full empty busy
happy sad healthy wealthy lucky pretty ugly tall fine nice real true pure rare proud brave
wise strange simple gentle noble clear quiet calm mild wild harsh rough smooth flat steep
dense firm vast grand bold keen fair fresh sharp smart tight loose sure fat fit slim tiny
huge lean mean neat plain ripe rude sweet sour tame vague weird angry costly deadly friendly
lively lonely lovely likely silly crazy funny hungry risky scary sunny windy humble able odd
cute lame loud lush grim dim dull
""".split())
# Words in -ly that are adjectives or nouns, not adverbs.
_LY_NOT_ADVERB = set("""
early elderly daily weekly monthly yearly quarterly hourly nightly only friendly deadly costly
lonely lovely likely unlikely holy ugly silly family ally rally belly jelly bully lily supply
assembly reply monopoly anomaly july italy fly butterfly firefly orderly timely lowly burly
curly jolly lively scholarly leisurely stately homely unruly
""".split())
# Words about the amount, not about the thing counted: quantifiers ("five more picks",
# "several"), degree words, and "2.7m combined sales", "a whopping 500".
_AMOUNT_WORDS = {"more", "fewer", "less", "few", "many", "several", "such", "most", "least",
                 "very", "much", "combined", "total", "cumulative", "overall", "aggregate",
                 "whopping", "staggering", "mere", "paltry", "estimated", "approximate", "whole",
                 "entire", "full", "respective", "own", "same"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her",
                "its", "our", "their", "some", "any", "all", "every", "each", "both", "no"}
_POSSESSIVE_END_RE = re.compile(r"(?:['’]s|s['’]|['’])\Z")
_EST_E_RE = re.compile(r"(?:^|[^aeiou])[aeiou][bcdfgklmnprstvz]\Z")
_DOMAIN_RE = re.compile(  # a superlative's domain: "in the world", "(ever) to grace a match"
    r"[ \t]+(?:ever[ \t]+)?(?:to[ \t]+(?:ever[ \t]+)?(?P<verb>[a-z]+)\b|(?:in|on|at|of)\b)")
_DOMAIN_DET_RE = re.compile(r"[ \t]+(?:the|a|an|this|that|these|those|my|your|his|her|its|our|their)\b")


def _base_degree(word: str) -> str | None:
    """The base form of a comparative or superlative adjective ("earliest" -> "early",
    "hottest" -> "hot", "smaller" -> "small", "best" -> "good"), or None."""
    if word in _IRREGULAR_DEGREE:
        return _IRREGULAR_DEGREE[word]
    if word.endswith("est") and len(word) >= 6 and word not in _NOT_SUPERLATIVE:
        return _degree_stem(word[:-3], strict=False)
    if word.endswith("er") and len(word) >= 5:
        return _degree_stem(word[:-2], strict=True)
    return None


def _degree_stem(stem: str, strict: bool) -> str | None:
    if stem.endswith("i"):
        base = stem[:-1] + "y"                       # earliest, happier
    elif len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "bdgmnpt":
        base = stem[:-1]                             # biggest, hotter
    elif stem[-1] in "aeiou":
        base = stem + "e"                            # truest, freer
    elif (_EST_E_RE.search(stem) and len(re.findall(r"[aeiouy]+", stem)) == 1) or stem.endswith("rg"):
        base = stem + "e"                            # latest, closer, largest
    elif len(stem) >= 3 and stem[-1] == "l" and stem[-2] in "bptdkg":
        base = stem + "e"                            # simplest, gentler
    else:
        base = stem                                  # oldest, smaller, proudest
    if strict and base not in _GRADABLE:
        return None
    return base


def _modifier(word: str) -> tuple[str | None, bool]:
    """A word before the head noun as it stands in the noun phrase (None: left out), and
    whether it is a superlative."""
    low = word.lower()
    if low in _DETERMINERS or low in _AMOUNT_WORDS or low in _SMALL or low in _MAGNITUDE:
        return None, False
    word = _POSSESSIVE_END_RE.sub("", word)
    if not word:
        return None, False
    if word[0].isupper():
        return word, False                           # a name: "NBA teams", "Johnson's deputies"
    low = word.lower()
    base = _base_degree(low) if "-" not in low else None
    if base:
        return base, low.endswith("est") or low in {"best", "worst"}
    return low, False


def _noun_phrase(text: str, mods: list[str], head: str, end: int, degree: bool = False) -> str:
    """The counted thing as a noun phrase: kept modifiers, then the head noun in the singular,
    then a superlative's domain ("one of the hottest luxury cars in the world")."""
    words: list[str] = []
    superlative = degree
    skip_next = False
    for i, w in enumerate(mods):
        if skip_next:
            skip_next = False
            continue
        if _is_adverb(w):
            # an adverb and the participle it modifies: "decently sized", "newly built"
            nxt = mods[i + 1].lower() if i + 1 < len(mods) else ""
            skip_next = nxt.endswith(("ed", "ing")) and "-" not in nxt
            continue
        m, sup = _modifier(w)
        if m:
            words.append(m)
            superlative = superlative or sup
    words.append(_head_lemma(head))
    if superlative:
        words += _domain(text, end)
    return " ".join(words)


def _is_adverb(word: str) -> bool:
    """An adverb in -ly ("decently", "newly"), not an adjective in -ly ("early", "elderly")."""
    return (word.endswith("ly") and len(word) >= 5 and word[0].islower() and "-" not in word
            and word.lower() not in _LY_NOT_ADVERB)


def _head_lemma(word: str) -> str:
    lemma = _lemma(word) if _is_plural(word) else (word if word.isupper() else word.lower())
    if word[0].isupper() and not word.isupper() and lemma.islower():
        lemma = lemma[0].upper() + lemma[1:]         # "World Cups" -> "World Cup"
    return lemma


def _domain(text: str, pos: int) -> list[str]:
    """The content words of a superlative's domain after its noun: "in his life" -> ['life'],
    "ever to grace a World Cup match" -> ['grace', 'World', 'Cup', 'match']."""
    m = _DOMAIN_RE.match(text, pos)
    if not m:
        return []
    words = [m.group("verb")] if m.group("verb") else []
    if words and words[0] in _STOP:
        return []
    pos = m.end()
    det = _DOMAIN_DET_RE.match(text, pos)
    run = _run_words_spans(text, det.end() if det else pos, 5)
    for w, _ in run:
        if _is_plural(w):
            words.append(_head_lemma(w))
        else:
            m2, _ = _modifier(w)
            if m2:
                words.append(m2)
    return words


def _with_premodifier(text: str, start: int, entity: str) -> str:
    """An adjective between a determiner and the number belongs to the counted thing:
    "the top three seeds" -> 'top seed', "a record 32 goals" -> 'record goal'."""
    m = _PREMODIFIER_RE.search(text, max(0, start - 24), start)
    if not m:
        return entity
    w = m.group("w")
    low = w.lower()
    if (low in _STOP or low in _SMALL or low in _MAGNITUDE or _key(w) in _UNIT_WORDS or _is_adverb(w)
            or low.endswith("ed")):
        return entity   # participles there tell of the amount: "the combined 4.3M", "the reported 300"
    mod, _ = _modifier(w)
    return f"{mod} {entity}" if mod else entity


_PREMODIFIER_RE = re.compile(
    r"(?<![\w-])(?i:the|a|an|its|their|his|her|our|my|your|these|those)[ \t]+(?P<w>[a-z][a-z-]*[a-z])[ \t]+\Z")


# -- vague amounts and fractions ------------------------------------------------------

def _vague_parts(text: str, lower: str):
    """"hundreds of", "tens of thousands of": a range from the scale to ten times it."""
    for m in _VAGUE_RE.finditer(lower):
        start = m.start()
        if start and lower[start - 1].isalnum():
            continue
        if m.group("base") in ("hundreds", "dozens") and _VAGUE_NEXT_RE.match(lower, m.end("base")):
            continue   # "hundreds of thousands": the next scale word reads both
        mult = _VAGUE_MULT_RE.search(lower, max(0, start - 16), start)
        if not (mult or m.group("of")):
            continue   # "in the thousands": no amount of anything
        low = _VAGUE_BASE[m.group("base")]
        if mult:
            low *= {"tens": 10, "hundreds": 100, "dozens": 12}[mult.group("mult")]
            start = mult.start()
        part = _Part(start, m.end(), start, m.end(), low, text[start:m.end()], is_word=True,
                     scaled=True, low=low, high=low * 10, vague=True)
        pos = m.end()
        # what there are hundreds of: "dollars", "miles", "Americans"
        mc = _CURRENCY_NAME_RE.match(text, pos)
        code = _currency_name_code(mc) if mc else None
        mu = _UNIT_RE.match(text, pos) if not code else None
        if code:
            part.unit, part.kind, part.explicit_unit, part.end = code, "money", True, mc.end()
        elif mu and mu.group("word") and _UNIT_WORDS.get(_key(mu.group("word"))):
            part.unit = _UNIT_WORDS[_key(mu.group("word"))]
            part.kind, part.end = _UNITS[part.unit][0], mu.end()
        else:
            part.end = _read_count(text, part, pos) if not _OF_DET_RE.match(text, pos) else pos
            part.drop = False
            if not part.unit:
                part.end = m.end("base")  # leave " of" out of the bare span
        part.value = part.low
        yield part


def _fraction_parts(text: str, lower: str):
    """ "two-thirds of", "one in five", "half the", "1/2 cup", "3/4 of"."""
    for m in _FRACTION_RE.finditer(lower):
        start, den = m.start(), m.group("den")
        if start and lower[start - 1].isalnum():
            continue
        num = _FRACTION_NUM_RE.search(lower, max(0, start - 8), start)
        if num and _OF_AFTER_RE.match(lower, m.end()):
            n = 1 if num.group("num") in ("a", "an") else _SMALL[num.group("num")]
            value = n / _FRACTION_WORDS[den]
            start = num.start()
        elif den == "half" and not num and _DET_AFTER_RE.match(lower, m.end()):
            before = lower[max(0, start - 8):start].split()
            if before and before[-1] in {"the", "first", "second", "this", "that", "and"}:
                continue
            value = 0.5
        else:
            continue
        part = _Part(start, m.end(), start, m.end(), value, text[start:m.end()], is_word=True,
                     unit="fraction", kind="number", explicit_unit=True,
                     entity=_fraction_entity(text, m.end()))
        _read_left(text, part)
        yield part
    for m in _FOLD_RE.finditer(lower):
        if m.start() and lower[m.start() - 1].isalnum():
            continue
        part = _Part(m.start(), m.end(), m.start(), m.end(), float(_SMALL.get(m.group("n"), 0) or
                     _MAGNITUDE[m.group("n")]), text[m.start():m.end()], is_word=True,
                     unit="times", kind="count", explicit_unit=True)
        _read_left(text, part)
        yield part
    for m in _ONE_IN_RE.finditer(lower):
        a, b = m.group(0).split()[0], m.group("den2")
        n = int(a) if a.isdigit() else _SMALL[a]
        d = int(b) if b.isdigit() else _SMALL[b]
        if not d or n >= d or n == 0:
            continue
        part = _Part(m.start(), m.end(), m.start(), m.end(), n / d, text[m.start():m.end()],
                     is_word=True, unit="fraction", kind="number", explicit_unit=True,
                     entity=_fraction_entity(text, m.end()))
        _read_left(text, part)
        yield part
    if "/" not in text and "⁄" not in text:
        return
    for m in _SLASH_FRACTION_RE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "/.,"):
            continue
        if not b or a >= b or b not in (2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128):
            continue
        value = a / b
        whole = _WHOLE_BEFORE_RE.search(text, max(0, start - 12), start)
        if whole:
            value += int(whole.group(1))
            start = whole.start()
        part = _Part(start, m.end(), start, m.end(), value, text[start:m.end()], unit="fraction",
                     kind="number", explicit_unit=True)
        _read_left(text, part)
        if part.kind == "money":
            part.end = m.end()
            yield part
            continue
        pos = m.end()
        mo = re.match(r"\s+of\s+an?\s+(?:US\s+)?", text[pos:pos + 20])
        probe = pos + mo.end() - 1 if mo else pos
        mu = _UNIT_RE.match(text, probe)
        if mu:
            unit = _unit_of(text, part, mu)
            if unit:
                part.unit, part.kind = unit, _UNITS[unit][0]
                part.end = mu.end()
                yield part
                continue
        mp = _PERCENT_RE.match(text, pos)
        if mp:
            part.unit, part.kind, part.end = "percent", "percent", mp.end()
            yield part
            continue
        if mo or re.match(r"\s+of\b", text[pos:pos + 4]):
            part.entity = _fraction_entity(text, pos)
            yield part


_FRACTION_NP_RE = re.compile(
    r"[ \t]+(?:of[ \t]+)?(?:(?:the|its|their|his|her|our|my|your|all|these|those|this|that)[ \t]+)?"
    r"(?:(?P<poss>[A-Z][\w’']*?)(?:’s|'s)[ \t]+)?")
_NUMBER_TOKEN_RE = re.compile(r"[ \t]+\d[\d.,]*[A-Za-z]{0,3}(?![\w])")
# Verbs in -s that follow the noun a fraction is of ("a third of the population lives").
_VERBS_S = set("""
lives says has does goes makes wants needs believes thinks supports opposes remains comes gets
uses owns feels sees knows faces receives lacks prefers agrees expects favors favours earns
spends suffers struggles lives
""".split())


def _fraction_entity(text: str, pos: int) -> str:
    """What a fraction is a fraction of: "two-thirds of the combined 4.3M digital and physical
    sales" -> 'digital physical sale', "half of which" -> ''."""
    m = _FRACTION_NP_RE.match(text, pos)
    pos = m.end() - 1 if m.end() > pos and text[m.end() - 1] in " \t" else m.end()
    lead = [m.group("poss")] if m.group("poss") else []
    run = _run_words_spans(text, pos, 6, through_and=True)
    mn = _NUMBER_TOKEN_RE.match(text, run[-1][1] if run else pos)
    if mn:   # a number inside the noun phrase: "the combined 4.3M digital sales"
        run += _run_words_spans(text, mn.end(), 6, through_and=True)
    words = [w for w, _ in run]
    for i, w in enumerate(words):
        if _is_plural(w) and w.lower() not in _NOT_HEAD and not (
                i and w.lower() in _VERBS_S and not _is_plural(words[i - 1])):
            return _noun_phrase(text, lead + words[:i], w, run[i][1])
    cut = len(words)
    for i, w in enumerate(words[1:], 1):
        low = w.lower()
        if low in _VERBS_S or (low.endswith(("ed", "ing")) and "-" not in low):
            cut = i
            break
    if not cut:
        return ""
    head = words[cut - 1]
    low = head.lower()
    if low in _NOT_HEAD or low in _AMOUNT_WORDS or (low.endswith("ed") and head[0].islower()):
        return ""   # "a third of those screened": no noun
    return _noun_phrase(text, lead + words[:cut - 1], head, run[cut - 1][1])


# -- ranges -------------------------------------------------------------------------

_RANGE_SEP_RE = re.compile(r"\s*(?:-|–|—|-to-|\bto\b-?|\band\b|\bthrough\b|\bor\b|\bup\s+to\b)\s*",
                           re.IGNORECASE)
_SUSPENDED_RE = re.compile(r"-\s*,?\s*(?:(?:or|and|to)\s+)?", re.IGNORECASE)
_DASHES = ("-", "–", "—")


def _merge_ranges(text: str, parts: list[_Part]) -> list[_Part]:
    """Join "10-12 km", "between 5 and 7 million", "from $10 to $15 billion" into ranges;
    let a unit written once stand for both in "eight or nine euros", "7- or 8-inch"."""
    # suspended hyphens, right to left: "four-, five- and six-cylinder"
    for a, b in reversed(list(zip(parts, parts[1:]))):
        if not a.unit and b.explicit_unit and _SUSPENDED_RE.fullmatch(text, a.num_end, b.start):
            a.unit, a.kind, a.explicit_unit, a.drop = b.unit, b.kind, True, False
            a.entity = b.entity
    out: list[_Part] = []
    i = 0
    while i < len(parts):
        a = parts[i]
        b = parts[i + 1] if i + 1 < len(parts) else None
        merged = None if b is None else _range_of(text, a, b)
        if merged is None:
            out.append(a)
            i += 1
        elif merged is a:      # the two stay apart, nothing consumed
            out.append(a)
            i += 1
        else:
            out.append(merged)
            i += 2
    return out


def _range_of(text: str, a: _Part, b: _Part) -> _Part | None:
    """The range that `a` and `b` form, or None; `a` itself where only a unit was shared."""
    if a.drop or b.drop or a.vague or b.vague or a.low is not None or b.low is not None:
        return None
    gap_start = a.end if (a.explicit_unit or a.currency_prefix) else a.num_end
    m = _RANGE_SEP_RE.fullmatch(text, gap_start, b.start)
    if not m:
        return None
    sep = re.sub(r"\s+", " ", m.group(0).strip().lower()).strip("-") or "-"
    before = text[max(0, a.start - 10):a.start].lower()
    between = re.search(r"\bbetween\s+\Z", before)
    from_ = re.search(r"\bfrom\s+\Z", before)
    if sep == "and" and not between or sep == "up to" and not from_:
        return None
    if sep == "or":
        # "eight or nine euros": the unit written once stands for both
        if not a.unit and b.unit and (b.explicit_unit or b.kind == "count"):
            a.unit, a.kind, a.explicit_unit, a.entity = b.unit, b.kind, True, b.entity
            if b.scaled and not a.scaled and a.value <= b.value / b.scale:
                a.value *= b.scale
                a.scale, a.scaled = b.scale, True
        return a
    if a.explicit_unit and re.search(r"\bby\s+\Z", before):
        return None   # "increased by $43.6 billion to $419.2 billion": a change, then a level
    if a.unit and b.unit and a.unit != b.unit and not b.unit.startswith(a.unit + " per "):
        return None
    if (a.unit and not b.unit and not (from_ or between) and sep not in _DASHES
            and a.unit != "year of age"):
        return None   # "fell 0.4 per cent to 13176"; but "aged 18 to 34"
    if _year_like(a) and not a.explicit_unit:
        if _both_years(a, b) and not b.explicit_unit:
            a.drop = b.drop = True    # "between 1600 and 1900", "from 2008 to 2012"
            return None
        if b.scaled or b.value < a.value:
            return None               # "in 2018 to 3.9 million", "from 2008 to 29 mpg"
    if (sep in _DASHES and not (between or from_) and not a.explicit_unit and not b.explicit_unit
            and (not b.unit or a.value >= b.value)):
        a.drop = b.drop = True        # "2-1", "89-89", "a 3-2 win": scores, not ranges
        return None
    lo, hi = a.value, b.value
    if b.scaled and not a.scaled and a.value <= b.value / b.scale:
        lo = a.value * b.scale        # "5 to 7 million", "$10 to $15 billion"
    start = a.start
    if between:
        start -= len(between.group(0))
    elif from_:
        start -= len(from_.group(0))
    return _Part(start, max(a.end, b.end), a.num_start, b.num_end, lo, a.raw,
                 scaled=a.scaled or b.scaled, scale=b.scale, unit=b.unit or a.unit,
                 kind=b.kind if b.unit else a.kind, qualifier=a.qualifier or b.qualifier,
                 explicit_unit=a.explicit_unit or b.explicit_unit,
                 currency_prefix=a.currency_prefix or b.currency_prefix,
                 low=min(lo, hi), high=max(lo, hi), entity=b.entity if b.unit else a.entity)


_TRAILING_MAG_RE = re.compile(r"(?i)(?:\s+|-)(thousand|million|billion|trillion|lakhs?|lacs?|crores?)\Z")


def _trailing_scale(raw: str) -> float:
    """The scale words ending a number in words ("five thousand" -> 1e3, "two lakh crore" -> 1e12)."""
    scale = 1.0
    while True:
        m = _TRAILING_MAG_RE.search(raw)
        if not m or not raw[:m.start()].strip():
            return scale
        scale *= _MAGNITUDE[m.group(1).lower()]
        raw = raw[:m.start()]


def _both_years(a: _Part, b: _Part) -> bool:
    return _year_like(a) and (_year_like(b) or re.fullmatch(r"\d{2}", b.raw) is not None)


def _year_like(p: _Part) -> bool:
    return (not p.is_word and not p.scaled and re.fullmatch(r"\d{4}", p.raw) is not None
            and 1000 <= p.value <= 2199 and not p.currency_prefix)


# -- what is not an amount ----------------------------------------------------------

def _is_not_amount(text: str, p: _Part) -> bool:
    """Years, labels ("Game 7"), names with numbers ("S&P 500"), and bare number words."""
    if p.low is not None:
        return False
    if p.explicit_unit and (p.kind != "count" or p.unit.startswith("times")):
        return False
    before_text = text[max(0, p.start - 30):p.start]
    before_words = re.findall(r"[\w.&'’-]+", before_text)
    prev = before_words[-1] if before_words else ""
    directly_after_word = bool(prev) and before_text.endswith(prev + " ") and p.qualifier is None
    if _year_like(p) and p.qualifier is None:
        if 1900 <= p.value <= 2099 and p.kind != "count":
            return True
        low_prev = prev.lower()
        if low_prev in _YEAR_PREPOSITIONS or low_prev in _YEAR_DETERMINERS or prev.endswith(("'s", "’s")):
            return True
        if 1900 <= p.value <= 2099 and p.kind == "count" and (low_prev in _YEAR_DETERMINERS or prev[:1].isupper()):
            return True
    if directly_after_word and not p.currency_prefix:
        if prev.lower() in _LABELS or prev.lower().rstrip(".") in _LABELS:
            return True   # "category 4", "No. 5"
        if (re.search(r"[A-Z&]", prev) and prev not in _FUNCTION_CAPS
                and prev.capitalize() not in _FUNCTION_CAPS and not re.fullmatch(_MONTHS, prev.rstrip("."))):
            return True   # "Game 7", "S&P 500", "iPhone 11", "Windows 10", "Section 427"
    if p.kind == "number" and text[p.start - 1:p.start] == "(" and text[p.end:p.end + 1] == ")":
        return True   # "(4)": a reference or a shirt number
    if p.is_word and p.kind == "number" and p.value < 1000:
        return True   # "the two", "all three": pronoun-like uses
    if p.is_word and p.value == 1 and p.kind not in ("count", "measure") and not p.scaled:
        return True
    return False


