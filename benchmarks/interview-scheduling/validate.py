#!/usr/bin/env python3
"""Check a schedule result against its instance, rule by rule (docs/schedule-format.md, "Hard constraints").

    validate.py instance.json result.json

Prints every violation as `code: what is wrong` and exits 1 if there is any; otherwise prints the counts
(`booked N, reserves N, unbooked N`) and exits 0. It shares no code with the generator, the CP-SAT reference or the
Swift scheduler, so a mistake in one of them is not repeated here.

Codes are the document's, plus two for the result itself: `format` (unknown identifiers, a claim missing or listed
both as booked and unbooked, an unknown constraint code) and `unbooked-reason` (an unbooked claim blamed on a rule
other than the first claim-level rule that leaves no slot, tested in the document's order each on the slots the
earlier ones left, or on `capacity` when no slot meets every claim-level rule, or on a claim-level rule when one does).
An instance that cannot be read, or whose room has overlapping slots or a slot past midnight, stops the check with
exit code 2.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict

EARTH_RADIUS_KM = 6371.0

CLAIM_LEVEL_ORDER = [
    "responsible-adult", "travel-distance", "notice", "location-closed", "slot-length", "room-access",
    "interpreter-language", "interpreter-available", "decision-maker-trained", "decision-maker-available",
]
UNBOOKED_CODES = set(CLAIM_LEVEL_ORDER) | {"capacity"}


class InstanceError(Exception):
    """The instance itself cannot be read: a missing field or a value of the wrong kind."""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def field(record: dict, name: str, where: str):
    if not isinstance(record, dict) or name not in record:
        raise InstanceError(f"{where}: missing field '{name}'")
    return record[name]


class Instance:
    """The instance's lists indexed by identifier, with the derived facts the rules need."""

    def __init__(self, raw: dict):
        self.week = list(field(raw, "week", "instance"))
        self.earliest = field(raw, "earliestDate", "instance")
        self.manifest_share = float(raw.get("manifestShare") or 0)
        policy = field(raw, "policy", "instance")
        self.slot_minutes = dict(field(policy, "slotMinutes", "policy"))
        self.child_break = int(field(policy, "childBreakMinutes", "policy"))
        self.locations = {field(x, "id", "locations[]"): x for x in field(raw, "locations", "instance")}
        self.rooms = {field(x, "id", "rooms[]"): x for x in field(raw, "rooms", "instance")}
        self.slots = {field(x, "id", "slots[]"): x for x in field(raw, "slots", "instance")}
        self.interpreters = {field(x, "id", "interpreters[]"): x for x in field(raw, "interpreters", "instance")}
        self.decision_makers = {field(x, "id", "decisionMakers[]"): x
                                for x in field(raw, "decisionMakers", "instance")}
        self.claims = {field(x, "reference", "claims[]"): x for x in field(raw, "claims", "instance")}
        for sid, slot in self.slots.items():
            room = field(slot, "room", f"slot {sid}")
            if room not in self.rooms:
                raise InstanceError(f"slot {sid}: room '{room}' is not in rooms")
            if self.rooms[room]["location"] not in self.locations:
                raise InstanceError(f"room {room}: location '{self.rooms[room]['location']}' is not in locations")
        by_room = defaultdict(list)
        for sid, slot in self.slots.items():
            start = clock(field(slot, "start", f"slot {sid}"))
            if start + int(field(slot, "minutes", f"slot {sid}")) > 24 * 60:
                raise InstanceError(f"slot {sid}: ends after midnight ({slot['start']} + {slot['minutes']} minutes)")
            by_room[(slot["room"], field(slot, "date", f"slot {sid}"))].append((start, start + slot["minutes"], sid))
        for (room, date), times in by_room.items():
            times.sort()
            for (_, end, first), (start, _, second) in zip(times, times[1:]):
                if start < end:
                    raise InstanceError(f"slots {first} and {second} of room {room} overlap on {date}")
        for ref, claim in self.claims.items():
            if field(claim, "kind", f"claim {ref}") not in self.slot_minutes:
                raise InstanceError(f"claim {ref}: kind '{claim['kind']}' has no policy.slotMinutes entry")

    def slot_location(self, sid: str) -> dict:
        return self.locations[self.rooms[self.slots[sid]["room"]]["location"]]

    def required_minutes(self, claim: dict) -> int:
        base = int(self.slot_minutes[claim["kind"]])
        return base + math.ceil(base / 60) * self.child_break if claim.get("child") else base

    # ---- claim-level rules, each returning a message when broken ----------------------------------------------
    def responsible_adult(self, claim: dict) -> str | None:
        if claim.get("child") and not claim.get("responsibleAdult"):
            return "the claimant is a child with no responsible adult"
        return None

    def travel(self, claim: dict, sid: str) -> str | None:
        loc = self.slot_location(sid)
        km = distance_km(claim["latitude"], claim["longitude"], loc["latitude"], loc["longitude"])
        if km > claim["maximumTravelKm"]:
            return f"{loc['id']} is {km:.1f} km away, more than the {claim['maximumTravelKm']} km the claimant can travel"
        return None

    def notice(self, claim: dict, sid: str) -> str | None:
        date = self.slots[sid]["date"]
        if date not in self.week:
            return f"slot date {date} is not in the week"
        if date < self.earliest:
            return f"slot date {date} is before earliestDate {self.earliest}"
        if claim.get("notBefore") and date < claim["notBefore"]:
            return f"slot date {date} is before the claim's notBefore {claim['notBefore']}"
        return None

    def location_closed(self, sid: str) -> str | None:
        loc, date = self.slot_location(sid), self.slots[sid]["date"]
        if date not in loc.get("openDays", []):
            return f"{loc['id']} is not open on {date}"
        return None

    def slot_length(self, claim: dict, sid: str) -> str | None:
        need, have = self.required_minutes(claim), self.slots[sid]["minutes"]
        if have < need:
            return f"slot {sid} is {have} minutes, the claim needs {need}"
        return None

    def room_access(self, claim: dict, sid: str) -> str | None:
        room = self.rooms[self.slots[sid]["room"]]
        if claim.get("needsStepFree") and not room.get("stepFree"):
            return f"room {room['id']} is not step-free"
        if claim.get("child") and not room.get("childSuitable"):
            return f"room {room['id']} is not suitable for children"
        return None

    @staticmethod
    def speaks(interpreter: dict, need: dict) -> bool:
        for entry in interpreter.get("languages", []):
            if entry.get("language") == need["language"] and (
                    need.get("dialect") is None or entry.get("dialect") == need["dialect"]):
                return True
        return False

    def interpreter_language(self, claim: dict, iid: str | None, reserve: bool = False) -> str | None:
        need = claim.get("language")
        if need is None:
            if iid is not None and not reserve:
                return f"the claim needs no interpreter but {iid} is booked"
            return None
        if iid is None:
            return f"the claim needs {describe(need)} but no interpreter is booked"
        if not self.speaks(self.interpreters[iid], need):
            return f"{iid} does not interpret {describe(need)}"
        return None

    def interpreter_available(self, iid: str | None, sid: str) -> str | None:
        if iid is None:
            return None
        interpreter, slot, loc = self.interpreters[iid], self.slots[sid], self.slot_location(sid)
        if slot["date"] not in interpreter.get("days", []):
            return f"{iid} is not available on {slot['date']}"
        if not interpreter.get("remote") and loc["id"] not in interpreter.get("locations", []):
            return f"{iid} is not remote and does not work at {loc['id']}"
        return None

    @staticmethod
    def trained(dm: dict, claim: dict) -> bool:
        cohort = claim.get("cohort") or "general"
        return cohort in dm.get("cohorts", []) and (not claim.get("child") or bool(dm.get("childrenTrained")))

    def dm_trained(self, claim: dict, did: str) -> str | None:
        dm = self.decision_makers[did]
        cohort = claim.get("cohort") or "general"
        if cohort not in dm.get("cohorts", []):
            return f"{did} does not work the cohort '{cohort}'"
        if claim.get("child") and not dm.get("childrenTrained"):
            return f"{did} is not trained for children's claims"
        return None

    def dm_available(self, did: str, sid: str) -> str | None:
        dm, slot, loc = self.decision_makers[did], self.slots[sid], self.slot_location(sid)
        if slot["date"] not in dm.get("days", []):
            return f"{did} is not available on {slot['date']}"
        if dm.get("location") != loc["id"]:
            return f"{did} works at {dm.get('location')}, the slot is at {loc['id']}"
        return None

    def claim_level(self, claim: dict, sid: str, iid: str | None, did: str, reserve: bool = False):
        """Every claim-level rule for one (claim, slot, interpreter, decision maker): [(code, message)]."""
        checks = [
            ("responsible-adult", self.responsible_adult(claim)),
            ("travel-distance", self.travel(claim, sid)),
            ("notice", self.notice(claim, sid)),
            ("location-closed", self.location_closed(sid)),
            ("slot-length", self.slot_length(claim, sid)),
            ("room-access", self.room_access(claim, sid)),
            ("interpreter-language", self.interpreter_language(claim, iid, reserve)),
            ("interpreter-available", self.interpreter_available(iid, sid)),
            ("decision-maker-trained", self.dm_trained(claim, did)),
            ("decision-maker-available", self.dm_available(did, sid)),
        ]
        return [(code, message) for code, message in checks if message]

    # ---- why a claim cannot be booked at all -------------------------------------------------------------------
    def first_blocking_rule(self, claim: dict) -> str | None:
        """The first claim-level rule that leaves no slot, each rule narrowing what the earlier ones left; None
        when some slot, interpreter and decision maker meet every claim-level rule."""
        if self.responsible_adult(claim):
            return "responsible-adult"
        need = claim.get("language")
        speakers = {i["id"] for i in self.interpreters.values() if need is None or self.speaks(i, need)}
        trained = {d["id"] for d in self.decision_makers.values() if self.trained(d, claim)}
        km = {lid: distance_km(claim["latitude"], claim["longitude"], loc["latitude"], loc["longitude"])
              for lid, loc in self.locations.items()}
        at = self.people_at()
        remaining = list(self.slots)
        steps = [
            ("travel-distance", lambda s: km[self.slot_location(s)["id"]] <= claim["maximumTravelKm"]),
            ("notice", lambda s: not self.notice(claim, s)),
            ("location-closed", lambda s: not self.location_closed(s)),
            ("slot-length", lambda s: not self.slot_length(claim, s)),
            ("room-access", lambda s: not self.room_access(claim, s)),
            ("interpreter-language", lambda s: bool(speakers)),
            ("interpreter-available", lambda s: need is None or not speakers.isdisjoint(at[0][self.place(s)])),
            ("decision-maker-trained", lambda s: bool(trained)),
            ("decision-maker-available", lambda s: not trained.isdisjoint(at[1][self.place(s)])),
        ]
        for code, keep in steps:
            remaining = [s for s in remaining if keep(s)]
            if not remaining:
                return code
        return None

    def place(self, sid: str) -> tuple[str, str]:
        return self.slot_location(sid)["id"], self.slots[sid]["date"]

    def people_at(self):
        """Interpreters and decision makers available at each (location, date), worked out once with the rules'
        own checks."""
        if not hasattr(self, "_people_at"):
            interpreters: dict = defaultdict(set)
            dms: dict = defaultdict(set)
            places = {self.place(s): s for s in self.slots}
            for key, sid in places.items():
                interpreters[key] = {i for i in self.interpreters if not self.interpreter_available(i, sid)}
                dms[key] = {d for d in self.decision_makers if not self.dm_available(d, sid)}
            self._people_at = (interpreters, dms)
        return self._people_at


def describe(need: dict) -> str:
    return need["language"] + (f" ({need['dialect']})" if need.get("dialect") else "")


def overlap(a: dict, b: dict) -> bool:
    if a["date"] != b["date"]:
        return False
    a0, b0 = clock(a["start"]), clock(b["start"])
    return a0 < b0 + b["minutes"] and b0 < a0 + a["minutes"]


def validate(raw_instance: dict, result: dict) -> tuple[list[tuple[str, str]], dict]:
    """Returns (violations as (code, message), counts)."""
    inst = Instance(raw_instance)
    violations: list[tuple[str, str]] = []

    def bad(code: str, message: str) -> None:
        violations.append((code, message))

    if not isinstance(result, dict):
        return [("format", "the result is not a JSON object")], {}
    if result.get("format") != "casework-schedule-result/1":
        bad("format", f"format is {result.get('format')!r}, expected 'casework-schedule-result/1'")
    lists = {}
    for name in ("bookings", "reserves", "unbooked"):
        value = result.get(name)
        if not isinstance(value, list):
            bad("format", f"'{name}' is missing or not a list")
            value = []
        lists[name] = [entry for entry in value if isinstance(entry, dict)]
        if len(lists[name]) != len(value):
            bad("format", f"'{name}' has entries that are not objects")
    bookings, reserves, unbooked = lists["bookings"], lists["reserves"], lists["unbooked"]

    # Every claim exactly once; a claim never twice across bookings and reserves.
    seen: dict[str, list[str]] = defaultdict(list)
    for name in ("bookings", "reserves", "unbooked"):
        for entry in lists[name]:
            ref = entry.get("claim")
            if ref not in inst.claims:
                bad("format", f"{name}: claim {ref!r} is not in the instance")
                continue
            seen[ref].append(name)
    for ref, places in seen.items():
        booked_or_reserve = [p for p in places if p != "unbooked"]
        if len(booked_or_reserve) > 1:
            bad("double-booking", f"claim {ref} appears {len(booked_or_reserve)} times across bookings and reserves")
        elif len(places) > 1:
            bad("format", f"claim {ref} is listed in {' and '.join(places)}")
    for ref in inst.claims:
        if ref not in seen:
            bad("format", f"claim {ref} is in none of bookings, reserves and unbooked")

    # Bookings: identifiers, then every claim-level rule.
    valid_bookings = []
    slot_uses: dict[str, int] = defaultdict(int)
    for entry in bookings:
        ref, sid, iid, did = entry.get("claim"), entry.get("slot"), entry.get("interpreter"), entry.get("decisionMaker")
        where = f"booking of {ref} in {sid}"
        if ref not in inst.claims:
            continue
        if sid not in inst.slots:
            bad("format", f"{where}: slot {sid!r} is not in the instance")
            continue
        if iid is not None and iid not in inst.interpreters:
            bad("format", f"{where}: interpreter {iid!r} is not in the instance")
            continue
        if did not in inst.decision_makers:
            bad("format", f"{where}: decision maker {did!r} is not in the instance")
            continue
        slot_uses[sid] += 1
        for code, message in inst.claim_level(inst.claims[ref], sid, iid, did):
            bad(code, f"{where}: {message}")
        valid_bookings.append((ref, sid, iid, did))
    for sid, uses in slot_uses.items():
        if uses > 1:
            bad("double-booking", f"slot {sid} holds {uses} bookings")

    # Capacities per person per day.
    by_interpreter: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_dm: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ref, sid, iid, did in valid_bookings:
        date = inst.slots[sid]["date"]
        if iid is not None:
            by_interpreter[(iid, date)].append(sid)
        by_dm[(did, date)].append(sid)

    def capacity(code: str, who: str, date: str, sids: list[str], maximum: int) -> None:
        if len(sids) > maximum:
            bad(code, f"{who} has {len(sids)} bookings on {date}, more than the daily maximum {maximum}")
        ordered = sorted(sids)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if overlap(inst.slots[a], inst.slots[b]):
                    bad(code, f"{who} is booked in {a} and {b}, whose times overlap on {date}")

    for (iid, date), sids in sorted(by_interpreter.items()):
        interpreter = inst.interpreters[iid]
        capacity("interpreter-capacity", iid, date, sids, int(interpreter["dailyMaximum"]))
        if not interpreter.get("remote"):
            places = sorted({inst.slot_location(s)["id"] for s in sids})
            if len(places) > 1:
                bad("interpreter-capacity", f"{iid} interprets in person at {', '.join(places)} on {date}")
    for (did, date), sids in sorted(by_dm.items()):
        capacity("decision-maker-capacity", did, date, sids, int(inst.decision_makers[did]["dailyMaximum"]))

    # Reserves.
    booked_at = {sid: (ref, iid, did) for ref, sid, iid, did in valid_bookings}
    reserve_uses: dict[str, int] = defaultdict(int)
    for entry in reserves:
        ref, sid = entry.get("claim"), entry.get("slot")
        if ref not in inst.claims:
            continue
        where = f"reserve {ref} for {sid}"
        if sid not in booked_at:
            bad("reserve", f"{where}: the slot is not booked" if sid in inst.slots else f"{where}: no such slot")
            continue
        reserve_uses[sid] += 1
        _, iid, did = booked_at[sid]
        for code, message in inst.claim_level(inst.claims[ref], sid, iid, did, reserve=True):
            bad("reserve", f"{where}: {code}: {message}")
    for sid, uses in reserve_uses.items():
        if uses > 1:
            bad("reserve", f"slot {sid} has {uses} reserves")
    allowed = math.ceil(inst.manifest_share * len(bookings))
    if len(reserves) > allowed:
        bad("reserve", f"{len(reserves)} reserves, more than ceil({inst.manifest_share} x {len(bookings)}) = {allowed}")

    # Unbooked claims and the rule each is blamed on.
    for entry in unbooked:
        ref, code = entry.get("claim"), entry.get("constraint")
        if ref not in inst.claims:
            continue
        if code not in UNBOOKED_CODES:
            bad("format", f"unbooked {ref}: constraint {code!r} is not a claim-level rule or 'capacity'")
            continue
        first = inst.first_blocking_rule(inst.claims[ref])
        if code == "capacity" and first is not None:
            bad("unbooked-reason", f"unbooked {ref}: blamed on capacity but no slot meets '{first}'")
        elif code != "capacity" and first is None:
            bad("unbooked-reason", f"unbooked {ref}: blamed on '{code}' but a slot, interpreter and decision maker "
                                   "meet every claim-level rule")
        elif code != "capacity" and code != first:
            bad("unbooked-reason", f"unbooked {ref}: blamed on '{code}'; the first rule that leaves no slot is '{first}'")

    counts = {"booked": len(bookings), "reserves": len(reserves), "unbooked": len(unbooked)}
    return violations, counts


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: validate.py instance.json result.json", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            instance = json.load(f)
        with open(argv[2], encoding="utf-8") as f:
            result = json.load(f)
        violations, counts = validate(instance, result)
    except (OSError, json.JSONDecodeError, InstanceError) as error:
        print(f"cannot validate: {error}", file=sys.stderr)
        return 2
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        print(f"cannot validate: a field is missing or of the wrong type ({type(error).__name__}: {error})",
              file=sys.stderr)
        return 2
    for code, message in violations:
        print(f"{code}: {message}")
    if violations:
        print(f"{len(violations)} violation(s)")
        return 1
    print(f"booked {counts['booked']}, reserves {counts['reserves']}, unbooked {counts['unbooked']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
