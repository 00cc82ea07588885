#!/usr/bin/env python3
"""Generate a realistic week of interview scheduling (`casework-schedule-instance/1`, docs/schedule-format.md).

    generate.py --seed N [--size national|medium|small] > instance.json

The national size follows DOMAIN.md "Interviews": about 3,400 slots a week across 40 interview locations (note 118),
600 interpreters over 60 language/dialect pairs with short supply in the languages 10.50-10.51 names (Kurdish
dialects, Vietnamese, Tagalog, Georgian, Bengali/Sylheti, Moroccan Arabic), 2,500 interview-trained decision makers
(the Sept 2023 figure) and 5,000 claims waiting, more than the week can take so that schedulers are compared on what
they choose to book. The same seed and size always give the same instance, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys

# --------------------------------------------------------------------------------------------------------------------
# Policy and calendar (the week is fixed so that instances of different seeds differ only in what is drawn).

WEEK = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]
# 30 November 2026 (a Monday) is St Andrew's Day, a bank holiday in Scotland only: the Scottish locations are closed
# that day although their rooms' weekly templates still produce slots for it.
SCOTTISH_BANK_HOLIDAY = "2026-11-30"
POLICY = {
    "slotMinutes": {"substantive": 120, "complex-substantive": 240, "targeted-nationality": 45, "concise": 48},
    "childBreakMinutes": 15,
}
MANIFEST_SHARE = 0.065  # 6-7% reserves against a ~10% no-show rate (8.72)

SIZES = {
    # locations (None = all), slots a week, interpreters, decision makers, claims
    "national": {"locations": None, "slots": 3400, "interpreters": 600, "decisionMakers": 2500, "claims": 5000},
    "medium": {
        "locations": ["Croydon", "Birmingham", "Solihull", "Coventry", "Wolverhampton", "Leicester", "Nottingham",
                      "Derby", "Manchester", "Liverpool", "Leeds", "Sheffield"],
        "slots": 1000, "interpreters": 180, "decisionMakers": 700, "claims": 1500,
    },
    "small": {
        "locations": ["Manchester", "Liverpool", "Leeds", "Bradford", "Preston"],
        "slots": 200, "interpreters": 40, "decisionMakers": 140, "claims": 300,
    },
}

# (name, latitude, longitude, relative size of the interview centre, Scottish)
CITIES = [
    ("Croydon", 51.3762, -0.0982, 3.0, False), ("Glasgow", 55.8642, -4.2518, 2.0, True),
    ("Cardiff", 51.4816, -3.1791, 1.3, False), ("Belfast", 54.5973, -5.9301, 1.2, False),
    ("Liverpool", 53.4084, -2.9916, 1.8, False), ("Leeds", 53.8008, -1.5491, 1.5, False),
    ("Manchester", 53.4808, -2.2426, 2.0, False), ("Birmingham", 52.4862, -1.8904, 2.0, False),
    ("Solihull", 52.4118, -1.7776, 1.5, False), ("Sheffield", 53.3811, -1.4701, 1.2, False),
    ("Newcastle", 54.9783, -1.6178, 1.2, False), ("Middlesbrough", 54.5742, -1.2350, 1.0, False),
    ("Bristol", 51.4545, -2.5879, 1.0, False), ("Plymouth", 50.3755, -4.1427, 0.6, False),
    ("Southampton", 50.9097, -1.4044, 0.8, False), ("Norwich", 52.6309, 1.2974, 0.6, False),
    ("Cambridge", 52.2053, 0.1218, 0.6, False), ("Leicester", 52.6369, -1.1398, 0.9, False),
    ("Nottingham", 52.9548, -1.1581, 0.9, False), ("Derby", 52.9225, -1.4746, 0.7, False),
    ("Hull", 53.7676, -0.3274, 0.8, False), ("Bradford", 53.7960, -1.7594, 0.9, False),
    ("Stoke", 53.0027, -2.1794, 0.8, False), ("Wolverhampton", 52.5870, -2.1288, 0.8, False),
    ("Coventry", 52.4068, -1.5197, 0.8, False), ("Swansea", 51.6214, -3.9436, 0.7, False),
    ("Edinburgh", 55.9533, -3.1883, 0.9, True), ("Aberdeen", 57.1497, -2.0943, 0.5, True),
    ("Dundee", 56.4620, -2.9707, 0.5, True), ("Exeter", 50.7184, -3.5339, 0.5, False),
    ("Brighton", 50.8225, -0.1372, 0.6, False), ("Oxford", 51.7520, -1.2577, 0.5, False),
    ("Reading", 51.4543, -0.9781, 0.6, False), ("Luton", 51.8787, -0.4200, 0.7, False),
    ("Peterborough", 52.5695, -0.2405, 0.6, False), ("Ipswich", 52.0567, 1.1482, 0.5, False),
    ("Preston", 53.7632, -2.7031, 0.6, False), ("Sunderland", 54.9069, -1.3838, 0.7, False),
    ("Carlisle", 54.8925, -2.9329, 0.4, False), ("Lincoln", 53.2307, -0.5406, 0.4, False),
]

# Language/dialect pairs: (language, dialect, claim demand weight, interpreter supply per unit of demand, cohort).
# Supply below ~0.35 marks the languages 10.50-10.51 calls short; the cohort is the operation the nationality that
# speaks it usually falls in (AMESA: Afghanistan, Eritrea, Libya, Syria, Yemen; BRIDORA: Albania; MAKHU: the rest).
LANGUAGES = [
    ("Arabic", "Levantine", 4.0, 1.0, "AMESA"), ("Arabic", "Iraqi", 2.5, 0.9, "MAKHU"),
    ("Arabic", "Sudanese", 4.5, 0.8, "MAKHU"), ("Arabic", "Egyptian", 2.0, 1.1, "MAKHU"),
    ("Arabic", "Libyan", 1.0, 0.7, "AMESA"), ("Arabic", "Yemeni", 1.0, 0.7, "AMESA"),
    ("Arabic", "Moroccan", 1.2, 0.25, "MAKHU"), ("Arabic", "Algerian", 0.8, 0.6, "MAKHU"),
    ("Arabic", "Gulf", 1.0, 0.8, "MAKHU"), ("Arabic", None, 0.3, 1.5, "MAKHU"),
    ("Kurdish", "Sorani", 7.0, 0.3, "MAKHU"), ("Kurdish", "Kurmanji", 3.0, 0.3, "MAKHU"),
    ("Kurdish", "Badini", 1.5, 0.15, "MAKHU"), ("Farsi", None, 8.0, 1.1, "MAKHU"),
    ("Dari", None, 5.0, 1.0, "AMESA"), ("Dari", "Hazaragi", 1.0, 0.6, "AMESA"),
    ("Pashto", None, 7.0, 0.8, "AMESA"), ("Tigrinya", None, 6.0, 0.7, "AMESA"),
    ("Amharic", None, 1.5, 0.9, "MAKHU"), ("Oromo", None, 1.0, 0.6, "MAKHU"),
    ("Albanian", None, 7.0, 0.9, "BRIDORA"), ("Vietnamese", None, 4.0, 0.25, "MAKHU"),
    ("Urdu", None, 4.0, 1.3, "MAKHU"), ("Punjabi", None, 2.0, 1.2, "MAKHU"),
    ("Hindi", None, 1.5, 1.3, "MAKHU"), ("Gujarati", None, 0.5, 1.2, "MAKHU"),
    ("Bengali", None, 2.0, 0.35, "MAKHU"), ("Bengali", "Sylheti", 2.0, 0.25, "MAKHU"),
    ("Tamil", None, 1.5, 1.0, "MAKHU"), ("Sinhala", None, 1.0, 0.8, "MAKHU"),
    ("Turkish", None, 2.0, 1.2, "MAKHU"), ("Georgian", None, 1.5, 0.25, "MAKHU"),
    ("Tagalog", None, 1.0, 0.25, "MAKHU"), ("Spanish", "Latin American", 1.0, 1.3, "MAKHU"),
    ("Portuguese", "Brazilian", 0.5, 1.3, "MAKHU"), ("French", None, 1.5, 1.4, "MAKHU"),
    ("Lingala", None, 0.5, 0.8, "MAKHU"), ("Somali", None, 1.5, 1.0, "MAKHU"),
    ("Swahili", None, 0.5, 1.0, "MAKHU"), ("Mandarin", None, 1.5, 1.1, "MAKHU"),
    ("Cantonese", None, 1.0, 1.0, "MAKHU"), ("Russian", None, 1.0, 1.3, "MAKHU"),
    ("Ukrainian", None, 0.5, 1.2, "MAKHU"), ("Malay", None, 0.5, 0.8, "MAKHU"),
    ("Burmese", None, 0.5, 0.7, "MAKHU"), ("Nepali", None, 0.5, 0.9, "MAKHU"),
    ("Yoruba", None, 0.5, 1.0, "MAKHU"), ("Igbo", None, 0.5, 0.9, "MAKHU"),
    ("Twi", None, 0.5, 0.9, "MAKHU"), ("Shona", None, 0.5, 0.9, "MAKHU"),
    ("Luganda", None, 0.4, 0.8, "MAKHU"), ("Krio", None, 0.3, 0.8, "MAKHU"),
    ("Romanian", None, 0.3, 1.2, "MAKHU"), ("Baluchi", None, 0.5, 0.6, "MAKHU"),
    ("Tigre", None, 0.3, 0.6, "AMESA"), ("Bilen", None, 0.2, 0.6, "AMESA"),
    ("Mongolian", None, 0.3, 0.7, "MAKHU"), ("Kinyarwanda", None, 0.3, 0.8, "MAKHU"),
    ("Fula", None, 0.3, 0.7, "MAKHU"), ("Wolof", None, 0.2, 0.7, "MAKHU"),
]
assert len(LANGUAGES) == 60 and len({(l, d) for l, d, *_ in LANGUAGES}) == 60

# Second languages an interpreter of a language often also interprets (what makes supply overlap).
RELATED = {
    "Arabic": [("Arabic", None)], "Farsi": [("Dari", None), ("Kurdish", "Sorani")],
    "Dari": [("Farsi", None), ("Pashto", None), ("Dari", "Hazaragi")], "Pashto": [("Dari", None), ("Urdu", None)],
    "Kurdish": [("Farsi", None), ("Arabic", "Iraqi"), ("Turkish", None)],
    "Tigrinya": [("Amharic", None), ("Tigre", None)], "Amharic": [("Tigrinya", None), ("Oromo", None)],
    "Urdu": [("Punjabi", None), ("Hindi", None)], "Punjabi": [("Urdu", None), ("Hindi", None)],
    "Hindi": [("Urdu", None), ("Gujarati", None)], "Bengali": [("Bengali", "Sylheti"), ("Bengali", None)],
    "Russian": [("Ukrainian", None), ("Georgian", None)], "Ukrainian": [("Russian", None)],
    "French": [("Lingala", None), ("Kinyarwanda", None), ("Wolof", None), ("Fula", None)],
    "Mandarin": [("Cantonese", None)], "Cantonese": [("Mandarin", None)], "Turkish": [("Kurdish", "Kurmanji")],
    "Tamil": [("Sinhala", None)], "Somali": [("Swahili", None)], "Yoruba": [("Igbo", None)],
}

COHORT_SHARES = [("AMESA", 0.2), ("BRIDORA", 0.1), ("MAKHU", 0.2), ("legacy", 0.25), ("general", 0.25)]


# --------------------------------------------------------------------------------------------------------------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of radius 6,371.0 km, as the format defines it."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """A point `km` away from (lat, lon) towards `bearing` (radians), good enough at UK scale."""
    dlat = km * math.cos(bearing) / 111.2
    dlon = km * math.sin(bearing) / (111.2 * math.cos(math.radians(lat)))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weighted(rng: random.Random, items: list, weights: list[float]):
    return rng.choices(items, weights=weights, k=1)[0]


# Room patterns: (name, share of rooms, [(start minute, minutes)] for ordinary rooms, the same for child-suitable
# rooms, whose slots are long enough for a child's breaks: 120 + 2 x 15 = 150 and 240 + 4 x 15 = 300).
PATTERNS = [
    ("two-a-day", 0.65, [(570, 135), (780, 135)], [(570, 150), (780, 150)]),
    ("double", 0.25, [(570, 270)], [(570, 300)]),
    ("short", 0.10, [(540, 60), (615, 60), (690, 60), (810, 60), (885, 60), (960, 60)],
     [(540, 60), (615, 60), (690, 60), (810, 60), (885, 60), (960, 60)]),
]


def build(seed: int, size: str) -> dict:
    spec = SIZES[size]
    rng = random.Random(f"casework-schedule/{size}/{seed}")
    cities = [c for c in CITIES if spec["locations"] is None or c[0] in spec["locations"]]

    # Locations and the days they are open.
    locations = []
    for index, (name, lat, lon, weight, scottish) in enumerate(cities, start=1):
        open_days = list(WEEK)
        if weight <= 0.6 and rng.random() < 0.3:  # a small centre staffed part of the week
            open_days = sorted(rng.sample(WEEK, rng.choice([3, 4])))
        if scottish and SCOTTISH_BANK_HOLIDAY in open_days:
            open_days.remove(SCOTTISH_BANK_HOLIDAY)
        locations.append({"id": f"LOC{index:02d}", "name": name, "latitude": lat, "longitude": lon,
                          "openDays": open_days, "_weight": weight, "_scottish": scottish})

    # Rooms and slots: rooms are added to each location until its share of the week's slots is reached.
    total_weight = sum(loc["_weight"] for loc in locations)
    rooms, slots = [], []
    for loc in locations:
        target = round(spec["slots"] * loc["_weight"] / total_weight)
        # Slots come from weekly templates: the Scottish bank holiday still has slots (the location is closed), a
        # part-week centre has slots only on its open days.
        slot_days = WEEK if loc["_scottish"] else loc["openDays"]
        made, number = 0, 0
        while target - made >= len(slot_days) / 2:
            number += 1
            if number == 1:
                pattern = PATTERNS[0]
            elif number == 2:
                pattern = PATTERNS[1]  # every centre has a double slot room for complex claims
            else:
                pattern = weighted(rng, PATTERNS, [p[1] for p in PATTERNS])
            # Near the target, a room whose week would overshoot by much is swapped for one with fewer slots.
            while len(pattern[2]) > 1 and made + len(pattern[2]) * len(slot_days) > target + len(slot_days):
                pattern = PATTERNS[PATTERNS.index(pattern) - 1] if pattern is PATTERNS[2] else PATTERNS[1]
            child = number == 1 or rng.random() < 0.12
            step_free = child and rng.random() < 0.7 or rng.random() < 0.3
            room = {"id": f"{loc['id']}-R{number:02d}", "location": loc["id"], "childSuitable": child,
                    "stepFree": step_free}
            rooms.append(room)
            shift = rng.choice([0, 0, 15, 30])  # rooms of one centre do not all start on the hour
            times = pattern[3] if child else pattern[2]
            for day in slot_days:
                for start, minutes in times:
                    slots.append({"room": room["id"], "date": day, "start": hhmm(start + shift), "minutes": minutes})
                    made += 1
    for index, slot in enumerate(slots, start=1):
        slot["id"] = f"S{index:05d}"
    slots = [{"id": s["id"], "room": s["room"], "date": s["date"], "start": s["start"], "minutes": s["minutes"]}
             for s in slots]

    loc_weights = [loc["_weight"] for loc in locations]

    def nearby(loc: dict, km: float) -> list[dict]:
        return [other for other in locations if other is not loc and
                haversine_km(loc["latitude"], loc["longitude"], other["latitude"], other["longitude"]) <= km]

    # Interpreters: the primary language by supply, one or two related languages, a home centre and nearby ones.
    pairs = [(lang, dialect) for lang, dialect, *_ in LANGUAGES]
    supply = [demand * per_demand for _, _, demand, per_demand, _ in LANGUAGES]
    interpreters = []
    for index in range(1, spec["interpreters"] + 1):
        # Every pair has at least one interpreter when there are enough of them; the rest follow supply.
        primary = pairs[index - 1] if spec["interpreters"] >= 3 * len(pairs) and index <= len(pairs) else \
            weighted(rng, pairs, supply)
        languages = [primary]
        related = [p for p in RELATED.get(primary[0], []) if p != primary]
        if related and rng.random() < 0.55:
            languages.append(rng.choice(related))
            if rng.random() < 0.25:
                extra = [p for p in related if p not in languages]
                if extra:
                    languages.append(rng.choice(extra))
        remote = rng.random() < 0.2
        home = weighted(rng, locations, loc_weights)
        served = [home] + rng.sample(nearby(home, 90), min(len(nearby(home, 90)), rng.choice([0, 1, 1, 2])))
        days = sorted(rng.sample(WEEK, weighted(rng, [2, 3, 4, 5], [0.2, 0.35, 0.3, 0.15])))
        interpreters.append({
            "id": f"INT{index:03d}",
            "languages": [{"language": lang, "dialect": dialect} for lang, dialect in languages],
            "locations": sorted(loc["id"] for loc in served), "remote": remote, "days": days,
            "dailyMaximum": rng.choice([2, 2, 3]),
        })

    # Decision makers: at a centre in proportion to its size, one to three declared days, their cohorts.
    decision_makers = []
    cohort_names = [c for c, _ in COHORT_SHARES]
    cohort_weights = [w for _, w in COHORT_SHARES]
    for index in range(1, spec["decisionMakers"] + 1):
        loc = weighted(rng, locations, loc_weights)
        cohorts = [weighted(rng, cohort_names, cohort_weights)]
        if cohorts[0] != "general" and rng.random() < 0.3:
            cohorts.append("general")
        if rng.random() < 0.1:
            other = weighted(rng, cohort_names, cohort_weights)
            if other not in cohorts:
                cohorts.append(other)
        days = sorted(rng.sample(WEEK, weighted(rng, [1, 2, 3], [0.3, 0.45, 0.25])))
        decision_makers.append({
            "id": f"DM{index:04d}", "location": loc["id"], "cohorts": sorted(cohorts),
            "childrenTrained": rng.random() < 0.1, "days": days, "dailyMaximum": 1 if rng.random() < 0.6 else 2,
        })

    # Claims waiting for a substantive interview.
    demand = [d for _, _, d, _, _ in LANGUAGES]
    claims, references = [], set()
    for _ in range(spec["claims"]):
        legacy = rng.random() < 0.27
        while True:
            year = rng.choice([2019, 2020, 2021, 2021, 2022]) if legacy else rng.choice([2022, 2023, 2023, 2024, 2025])
            reference = f"CW-{year}-{rng.randrange(1, 1_000_000):06d}"
            if reference not in references:
                references.add(reference)
                break
        child = rng.random() < 0.05
        if rng.random() < 0.08:
            language, op_cohort = None, "MAKHU"  # speaks English: no interpreter
        else:
            index = rng.choices(range(len(LANGUAGES)), weights=demand, k=1)[0]
            lang, dialect, _, _, op_cohort = LANGUAGES[index]
            if lang == "Arabic" and dialect is not None and rng.random() < 0.1:
                dialect = None  # any Arabic will do
            language = {"language": lang, "dialect": dialect}
        # Cohort: legacy claims are the legacy operation; flow claims mostly sit in their nationality's operation,
        # some in the general work in progress (dropped out, or no operation); children are excluded (UASC).
        if child:
            cohort = "legacy" if legacy and rng.random() < 0.5 else None
        elif legacy:
            cohort = "legacy"
        else:
            cohort = op_cohort if rng.random() < 0.72 else None
        roll = rng.random()
        if roll < 0.08:
            kind = "complex-substantive"
        elif roll < 0.38 and not child and cohort in ("AMESA", "BRIDORA", "MAKHU"):
            kind = "targeted-nationality" if cohort == "BRIDORA" or rng.random() < 0.4 else "concise"
        else:
            kind = "substantive"
        if child:
            priority = 2
        else:
            tier_roll = rng.random()
            if tier_roll < 0.02:
                priority = 1  # detained
            elif tier_roll < 0.14:
                priority = 2  # vulnerable and high-harm
            elif tier_roll < 0.19:
                priority = 3  # demand-led
            elif tier_roll < 0.55:
                priority = 4  # in receipt of asylum support
            else:
                priority = 6 if legacy else 5
        home = weighted(rng, locations, loc_weights)
        distance = rng.uniform(60, 160) if rng.random() < 0.02 else min(70.0, rng.expovariate(1 / 14))
        lat, lon = offset(home["latitude"], home["longitude"], distance, rng.uniform(0, 2 * math.pi))
        not_before = None
        if rng.random() < 0.03:
            not_before = rng.choice(WEEK[1:] + ["2026-12-07"])
        claims.append({
            "reference": reference, "priority": priority, "cohort": cohort, "kind": kind, "child": child,
            "responsibleAdult": child and rng.random() < 0.85, "language": language,
            "latitude": lat, "longitude": lon, "maximumTravelKm": rng.randint(40, 120),
            "needsStepFree": rng.random() < 0.03, "notBefore": not_before,
        })

    for loc in locations:
        for key in ("_weight", "_scottish"):
            del loc[key]
    return {
        "format": "casework-schedule-instance/1",
        "week": WEEK,
        "earliestDate": WEEK[0],
        "manifestShare": MANIFEST_SHARE,
        "policy": POLICY,
        "locations": locations,
        "rooms": rooms,
        "slots": slots,
        "interpreters": interpreters,
        "decisionMakers": decision_makers,
        "claims": claims,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="national")
    args = parser.parse_args()
    instance = build(args.seed, args.size)
    json.dump(instance, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
