#!/usr/bin/env python3
"""A reference schedule from Google OR-Tools CP-SAT, for comparison with `casework schedule`.

    cpsat_reference.py instance.json [--time-limit 60] [--workers 2] [--no-hint] [--log] > result.json

Reads `casework-schedule-instance/1` and writes `casework-schedule-result/1` (docs/schedule-format.md) with
`solver: "cp-sat"`. It shares no code with the Swift scheduler or with validate.py. One line of figures (model size,
status, the bound on bookings, times) goes to standard error, starting `cp-sat: `.

The model is exact (README.md gives it in full). A claim's travel limit, notice, slot length and room needs depend only
on the slot's location, date and room class (minutes, child-suitable, step-free), so instead of a boolean per claim
and slot it has:

- u[s,t]: slot s is booked for a claim of type t = (language need, decision-maker class), one type at most per slot;
- f[c,δ]: claim c is booked at destination δ = (location, room class), at most one per claim; for each type and
  destination the claims sent there equal the slots of that type booked there, and, for each notBefore date D, the
  claims with notBefore ≥ D are no more than the booked slots dated ≥ D (the suffix form of Hall's condition, enough
  because the dates a claim accepts are nested);
- y[s,i], z[s,d]: the interpreter and decision maker of slot s; one interpreter when the type needs a language and
  none otherwise, exactly one decision maker when booked; for each need, the slots of that need are covered by chosen
  interpreters able to serve it, and the same for decision-maker classes;
- per person per day: the daily maximum, at most one booking per maximal set of overlapping slots, and, for an
  in-person interpreter, w[i,day,location] choosing one location.

The objective books as many claims as possible, then the most urgent: each booking weighs BIG + (lowest urgency -
priority), with BIG larger than any possible sum of the priority bonuses, so the count comes first.

A greedy schedule (most urgent claims first, each into the fitting slot that wastes the fewest minutes) is given to
CP-SAT as a complete hint, so it starts from a feasible answer and spends its time improving it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict

RADIUS_KM = 6371.0
# Share of the time limit spent on the count of bookings; the rest goes to urgency at that count.
COUNT_PHASE_SHARE = 0.8


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, la2 = math.radians(lat1), math.radians(lat2)
    s = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * RADIUS_KM * math.asin(min(1.0, math.sqrt(s)))


def minutes_of(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def need_of(claim: dict) -> tuple[str, str | None] | None:
    language = claim.get("language")
    return None if language is None else (language["language"], language.get("dialect"))


def serves(pairs: set, need: tuple[str, str | None]) -> bool:
    """Whether an interpreter listing `pairs` can interpret for `need` (a null claim dialect takes any dialect)."""
    language, dialect = need
    if dialect is None:
        return any(l == language for l, _ in pairs)
    return (language, dialect) in pairs


def dm_class(claim: dict) -> tuple[str, bool]:
    return (claim.get("cohort") or "general", bool(claim.get("child")))


def dm_fits(dm: dict, klass: tuple[str, bool]) -> bool:
    cohort, child = klass
    return cohort in dm["cohorts"] and (not child or dm["childrenTrained"])


def maximal_overlaps(intervals: list[tuple[int, int, object]]) -> list[list[object]]:
    """The maximal sets of pairwise-overlapping intervals [start, end): for intervals these are the sets active at a
    start time that the next start time does not extend. One at-most-one each forbids every overlap."""
    starts = sorted({a for a, _, _ in intervals})
    cliques = []
    for k, t in enumerate(starts):
        active = [(a, b, key) for a, b, key in intervals if a <= t < b]
        following = starts[k + 1] if k + 1 < len(starts) else None
        if (following is None or any(b <= following for _, b, _ in active)) and len(active) > 1:
            cliques.append([key for _, _, key in active])
    return cliques


class Problem:
    """The instance with the facts the model and the greedy need, worked out once."""

    def __init__(self, raw: dict):
        self.week = set(raw["week"])
        self.earliest = raw["earliestDate"]
        self.share = float(raw.get("manifestShare") or 0)
        self.policy = raw["policy"]
        self.locations = {l["id"]: l for l in raw["locations"]}
        rooms = {r["id"]: r for r in raw["rooms"]}
        self.claims = raw["claims"]
        self.interpreters = raw["interpreters"]
        self.dms = raw["decisionMakers"]
        self.slots = []
        for s in raw["slots"]:
            room = rooms[s["room"]]
            loc, start = room["location"], minutes_of(s["start"])
            self.slots.append({
                "id": s["id"], "loc": loc, "date": s["date"], "start": start, "end": start + s["minutes"],
                "minutes": s["minutes"], "child": bool(room["childSuitable"]), "stepFree": bool(room["stepFree"]),
                "rc": (s["minutes"], bool(room["childSuitable"]), bool(room["stepFree"])),
                "open": s["date"] in self.week and s["date"] >= self.earliest
                and s["date"] in self.locations[loc]["openDays"],
            })
        # Usable slots by destination (location, room class), latest date first.
        self.dest_slots = defaultdict(list)
        for k, s in enumerate(self.slots):
            if s["open"]:
                self.dest_slots[(s["loc"], s["rc"])].append(k)
        for ks in self.dest_slots.values():
            ks.sort(key=lambda k: (self.slots[k]["date"], k), reverse=True)
        self.classes_at_loc = defaultdict(set)
        for loc, rc in self.dest_slots:
            self.classes_at_loc[loc].add(rc)
        self.interpreter_pairs = [frozenset((p["language"], p.get("dialect")) for p in i["languages"])
                                  for i in self.interpreters]
        # Who can be at a (location, date).
        places = {(s["loc"], s["date"]) for s in self.slots}
        self.interpreters_at = {place: [] for place in places}
        self.dms_at = {place: [] for place in places}
        for n, i in enumerate(self.interpreters):
            for loc, date in places:
                if date in i["days"] and (i["remote"] or loc in i["locations"]):
                    self.interpreters_at[(loc, date)].append(n)
        for n, d in enumerate(self.dms):
            for date in d["days"]:
                if (d["location"], date) in self.dms_at:
                    self.dms_at[(d["location"], date)].append(n)
        self._interpreter_cache: dict = {}
        self._dm_cache: dict = {}

    def required(self, claim: dict) -> int:
        base = int(self.policy["slotMinutes"][claim["kind"]])
        return base + math.ceil(base / 60) * int(self.policy["childBreakMinutes"]) if claim["child"] else base

    def interpreters_for(self, need, place) -> list[int]:
        """Interpreters who can be at `place` and serve `need`, in-person before remote, fewest languages first."""
        key = (need, place)
        if key not in self._interpreter_cache:
            found = [n for n in self.interpreters_at[place] if serves(self.interpreter_pairs[n], need)]
            found.sort(key=lambda n: (self.interpreters[n]["remote"], len(self.interpreter_pairs[n]), n))
            self._interpreter_cache[key] = found
        return self._interpreter_cache[key]

    def dms_for(self, klass, place) -> list[int]:
        key = (klass, place)
        if key not in self._dm_cache:
            found = [n for n in self.dms_at[place] if dm_fits(self.dms[n], klass)]
            found.sort(key=lambda n: (len(self.dms[n]["cohorts"]), n))
            self._dm_cache[key] = found
        return self._dm_cache[key]

    def slot_serves(self, k: int, need, klass) -> bool:
        place = (self.slots[k]["loc"], self.slots[k]["date"])
        return (need is None or bool(self.interpreters_for(need, place))) and bool(self.dms_for(klass, place))

    def reach(self, claim: dict) -> list[str]:
        return [loc for loc, l in sorted(self.locations.items())
                if great_circle_km(claim["latitude"], claim["longitude"], l["latitude"], l["longitude"])
                <= claim["maximumTravelKm"]]

    def room_fits(self, claim: dict, rc: tuple[int, bool, bool]) -> bool:
        minutes, child, step_free = rc
        return (minutes >= self.required(claim) and (child or not claim["child"])
                and (step_free or not claim["needsStepFree"]))

    def destinations(self, claim: dict) -> dict[tuple, list[int]]:
        """Destination -> the usable slots there that meet every claim-level rule with some interpreter and decision
        maker (empty when the claim cannot be booked anywhere)."""
        if claim["child"] and not claim["responsibleAdult"]:
            return {}
        need, klass, not_before = need_of(claim), dm_class(claim), claim.get("notBefore")
        found = {}
        for loc in self.reach(claim):
            for rc in sorted(self.classes_at_loc[loc]):
                if not self.room_fits(claim, rc):
                    continue
                ks = [k for k in self.dest_slots[(loc, rc)]
                      if (not_before is None or self.slots[k]["date"] >= not_before) and self.slot_serves(k, need, klass)]
                if ks:
                    found[(loc, rc)] = ks
        return found

    def blocking_rule(self, claim: dict) -> tuple[str, str]:
        """For a claim no slot can take: the first claim-level rule that leaves no slot, each rule narrowing what the
        earlier ones left (the document's order), with a sentence for the planner."""
        need, klass = need_of(claim), dm_class(claim)
        if claim["child"] and not claim["responsibleAdult"]:
            return "responsible-adult", "A child's claim is booked only with a responsible adult"
        reach = set(self.reach(claim))
        spoken = f"{need[0]}{' (' + need[1] + ')' if need[1] else ''}" if need else ""
        lower = max(self.earliest, claim.get("notBefore") or self.earliest)
        steps = [
            ("travel-distance", lambda s: s["loc"] in reach,
             f"No interview location within {claim['maximumTravelKm']} km"),
            ("notice", lambda s: s["date"] in self.week and s["date"] >= lower,
             f"No slot within reach in the week on or after {lower}"),
            ("location-closed", lambda s: s["open"], "Every slot within reach is on a day its location is closed"),
            ("slot-length", lambda s: s["minutes"] >= self.required(claim),
             f"No open slot within reach is {self.required(claim)} minutes long"),
            ("room-access", lambda s: self.room_fits(claim, s["rc"]),
             "No long enough slot within reach is in a room the claimant can use"),
            ("interpreter-language", lambda s: need is None or any(serves(p, need) for p in self.interpreter_pairs),
             f"No interpreter in {spoken} in the instance"),
            ("interpreter-available", lambda s: need is None or bool(self.interpreters_for(need, (s["loc"], s["date"]))),
             f"No interpreter in {spoken} is available at a location within {claim['maximumTravelKm']} km in the week"),
            ("decision-maker-trained", lambda s: any(dm_fits(d, klass) for d in self.dms),
             f"No decision maker works the cohort '{klass[0]}'" + (" and is trained for children" if klass[1] else "")),
            ("decision-maker-available", lambda s: bool(self.dms_for(klass, (s["loc"], s["date"]))),
             "No trained decision maker is at a usable location on a usable day"),
        ]
        remaining = self.slots
        for code, keep, text in steps:
            remaining = [s for s in remaining if keep(s)]
            if not remaining:
                return code, text
        raise AssertionError(f"claim {claim['reference']} has slots left after every rule")


# ----------------------------------------------------------------------------------------------------------------
class Greedy:
    """Most urgent claims first (then those with fewest slots); each into the fitting slot that wastes the fewest
    minutes, with the first free decision maker and interpreter (in-person before remote, fewest languages first).
    Its schedule is the hint CP-SAT starts from."""

    def __init__(self, problem: Problem, options: dict[int, dict]):
        self.p = problem
        self.options = options
        self.taken: dict[int, tuple[int, int | None, int]] = {}
        self.i_day = defaultdict(list)  # (interpreter, date) -> [(start, end, location)]
        self.d_day = defaultdict(list)

    @staticmethod
    def free(busy: list, s: dict, maximum: int) -> bool:
        return len(busy) < maximum and all(b <= s["start"] or a >= s["end"] for a, b, _ in busy)

    def run(self) -> dict[int, tuple[int, int | None, int]]:
        p = self.p
        slots_of = {c: [k for ks in dests.values() for k in ks] for c, dests in self.options.items()}
        order = sorted(self.options, key=lambda c: (p.claims[c]["priority"], len(slots_of[c]), c))
        for c in order:
            claim = p.claims[c]
            need, klass, required = need_of(claim), dm_class(claim), p.required(claim)
            for k in sorted(slots_of[c], key=lambda k: (p.slots[k]["minutes"] - required, k)):
                if k in self.taken:
                    continue
                s = p.slots[k]
                place = (s["loc"], s["date"])
                dm = next((d for d in p.dms_for(klass, place)
                           if self.free(self.d_day[(d, s["date"])], s, p.dms[d]["dailyMaximum"])), None)
                if dm is None:
                    continue
                interpreter = None
                if need is not None:
                    for n in p.interpreters_for(need, place):
                        busy = self.i_day[(n, s["date"])]
                        if self.free(busy, s, p.interpreters[n]["dailyMaximum"]) and (
                                p.interpreters[n]["remote"] or all(l == s["loc"] for _, _, l in busy)):
                            interpreter = n
                            break
                    if interpreter is None:
                        continue
                    self.i_day[(interpreter, s["date"])].append((s["start"], s["end"], s["loc"]))
                self.d_day[(dm, s["date"])].append((s["start"], s["end"], s["loc"]))
                self.taken[k] = (c, interpreter, dm)
                break
        return self.taken


# ----------------------------------------------------------------------------------------------------------------
def solve(p: Problem, options: dict[int, dict], time_limit: float, workers: int, hint: bool, log: bool,
          sat_parameters: str, stats: dict):
    """Builds and solves the model; returns {slot: (claim, interpreter or None, decision maker)}."""
    from google.protobuf import text_format
    from ortools.sat.python import cp_model

    built = time.monotonic()
    greedy = Greedy(p, options).run() if hint else {}
    stats["greedy booked"] = len(greedy)
    stats["greedy seconds"] = round(time.monotonic() - built, 1)

    model = cp_model.CpModel()
    Sum = cp_model.LinearExpr.sum

    # Claims to destinations, grouped by type.
    f: dict[tuple[int, tuple], object] = {}
    groups = defaultdict(list)  # (type, destination) -> claims
    for c, dests in options.items():
        claim = p.claims[c]
        t = (need_of(claim), dm_class(claim))
        for dest in dests:
            f[(c, dest)] = model.new_bool_var("")
            groups[(t, dest)].append(c)
        if len(dests) > 1:
            model.add_at_most_one(f[(c, dest)] for dest in dests)

    # Slots to types, per group, with the balance and the notBefore suffix conditions.
    u: dict[tuple[int, tuple], object] = {}
    types_at = defaultdict(list)  # slot -> types with a u variable
    for (t, dest), cs in groups.items():
        need, klass = t
        dates = [p.claims[c].get("notBefore") for c in cs]
        lowest = None if any(d is None for d in dates) else min(dates)
        ks = [k for k in p.dest_slots[dest]
              if (lowest is None or p.slots[k]["date"] >= lowest) and p.slot_serves(k, need, klass)]
        for k in ks:
            if (k, t) not in u:
                u[(k, t)] = model.new_bool_var("")
                types_at[k].append(t)
        model.add(Sum([f[(c, dest)] for c in cs]) == Sum([u[(k, t)] for k in ks]))
        for date in sorted({d for d in dates if d is not None and (lowest is None or d > lowest)}):
            model.add(Sum([f[(c, dest)] for c in cs if (p.claims[c].get("notBefore") or "") >= date])
                      <= Sum([u[(k, t)] for k in ks if p.slots[k]["date"] >= date]))

    # Per slot: one type, its interpreter and its decision maker.
    y: dict[tuple[int, int], object] = {}
    z: dict[tuple[int, int], object] = {}
    i_slots = defaultdict(list)  # (interpreter, date) -> slots where y exists
    d_slots = defaultdict(list)
    for k, types in types_at.items():
        s = p.slots[k]
        place = (s["loc"], s["date"])
        if len(types) > 1:
            model.add_at_most_one(u[(k, t)] for t in types)
        needs = sorted({t[0] for t in types if t[0] is not None}, key=repr)
        if needs:
            useful = sorted({n for need in needs for n in p.interpreters_for(need, place)})
            for n in useful:
                y[(k, n)] = model.new_bool_var("")
                i_slots[(n, s["date"])].append(k)
            model.add(Sum([y[(k, n)] for n in useful]) == Sum([u[(k, t)] for t in types if t[0] is not None]))
            for need in needs:
                able = set(p.interpreters_for(need, place))
                if len(able) < len(useful) or len(needs) > 1:
                    model.add(Sum([u[(k, t)] for t in types if t[0] == need])
                              <= Sum([y[(k, n)] for n in useful if n in able]))
        classes = sorted({t[1] for t in types})
        useful = sorted({n for klass in classes for n in p.dms_for(klass, place)})
        for n in useful:
            z[(k, n)] = model.new_bool_var("")
            d_slots[(n, s["date"])].append(k)
        model.add(Sum([z[(k, n)] for n in useful]) == Sum([u[(k, t)] for t in types]))
        for klass in classes:
            able = set(p.dms_for(klass, place))
            if len(able) < len(useful):
                model.add(Sum([u[(k, t)] for t in types if t[1] == klass])
                          <= Sum([z[(k, n)] for n in useful if n in able]))

    # People per day: daily maximum, one booking at a time, in-person interpreters at one location.
    w = {}
    overlap_constraints = 0
    for (n, date), ks in i_slots.items():
        maximum = p.interpreters[n]["dailyMaximum"]
        if len(ks) > maximum:
            model.add(Sum([y[(k, n)] for k in ks]) <= maximum)
        if maximum > 1:
            for clique in maximal_overlaps([(p.slots[k]["start"], p.slots[k]["end"], k) for k in ks]):
                model.add_at_most_one(y[(k, n)] for k in clique)
                overlap_constraints += 1
        if not p.interpreters[n]["remote"]:
            locs = sorted({p.slots[k]["loc"] for k in ks})
            if len(locs) > 1:
                for loc in locs:
                    w[(n, date, loc)] = model.new_bool_var("")
                model.add_at_most_one(w[(n, date, loc)] for loc in locs)
                for k in ks:
                    model.add_implication(y[(k, n)], w[(n, date, p.slots[k]["loc"])])
    for (n, date), ks in d_slots.items():
        maximum = p.dms[n]["dailyMaximum"]
        if len(ks) > maximum:
            model.add(Sum([z[(k, n)] for k in ks]) <= maximum)
        if maximum > 1:
            for clique in maximal_overlaps([(p.slots[k]["start"], p.slots[k]["end"], k) for k in ks]):
                model.add_at_most_one(z[(k, n)] for k in clique)
                overlap_constraints += 1

    # Objective, in two phases: the count alone (most of the time), then, with at least that count, urgency: each
    # booking weighs BIG + (least urgent priority - priority), BIG above any sum of the bonuses, so the count still
    # comes first.
    keys = list(f)
    count = Sum([f[key] for key in keys])
    priorities = [claim["priority"] for claim in p.claims] or [1]
    least_urgent = max(priorities)
    big = (least_urgent - min(priorities)) * len(p.claims) + 1
    weighted = cp_model.LinearExpr.weighted_sum(
        [f[key] for key in keys], [big + least_urgent - p.claims[key[0]]["priority"] for key in keys])
    model.maximize(count)

    if greedy:
        chosen_f, chosen_u, chosen_y, chosen_z = set(), set(), set(), set()
        where = defaultdict(set)
        for k, (c, n_i, n_d) in greedy.items():
            claim, s = p.claims[c], p.slots[k]
            chosen_f.add((c, (s["loc"], s["rc"])))
            chosen_u.add((k, (need_of(claim), dm_class(claim))))
            chosen_z.add((k, n_d))
            if n_i is not None:
                chosen_y.add((k, n_i))
                where[(n_i, s["date"])].add(s["loc"])
        for variables, chosen in ((f, chosen_f), (u, chosen_u), (y, chosen_y), (z, chosen_z)):
            for key, var in variables.items():
                model.add_hint(var, key in chosen)
        for (n, date, loc), var in w.items():
            model.add_hint(var, loc in where[(n, date)])

    proto = model.proto
    stats.update({"f (claim, destination)": len(f), "u (slot, type)": len(u), "y (slot, interpreter)": len(y),
                  "z (slot, decision maker)": len(z), "w (interpreter, day, location)": len(w),
                  "variables": len(proto.variables), "constraints": len(proto.constraints),
                  "overlap constraints": overlap_constraints, "build seconds": round(time.monotonic() - built, 1)})

    def run(seconds: float):
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.5, seconds)
        solver.parameters.num_workers = workers
        solver.parameters.log_search_progress = log
        solver.parameters.log_to_stdout = False
        if log:
            solver.log_callback = lambda line: print(line, file=sys.stderr)
        if sat_parameters:
            text_format.Merge(sat_parameters, solver.parameters)
        return solver, solver.solve(model)

    started = time.monotonic()
    solver, status = run(time_limit * COUNT_PHASE_SHARE)
    stats["status"] = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        stats["solve seconds"] = round(time.monotonic() - started, 1)
        return {}
    stats["count phase booked"] = int(solver.objective_value)
    stats["booked upper bound"] = int(solver.best_objective_bound)
    stats["count phase seconds"] = round(time.monotonic() - started, 1)
    # Urgency phase: start from the count phase's answer, keep at least its count.
    model.clear_hints()
    for variables in (f, u, y, z, w):
        for var in variables.values():
            model.add_hint(var, solver.boolean_value(var))
    model.add(count >= int(solver.objective_value))
    model.maximize(weighted)
    second, second_status = run(time_limit - (time.monotonic() - started))
    if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        solver = second
        stats["urgency phase status"] = second.status_name(second_status)
    stats["solve seconds"] = round(time.monotonic() - started, 1)

    # Claims to slots within each group: the latest notBefore takes the latest date.
    bookings: dict[int, tuple[int, int | None, int]] = {}
    for (t, dest), cs in groups.items():
        sent = [c for c in cs if solver.boolean_value(f[(c, dest)])]
        booked = [k for k in p.dest_slots[dest] if (k, t) in u and solver.boolean_value(u[(k, t)])]
        sent.sort(key=lambda c: p.claims[c].get("notBefore") or "", reverse=True)
        assert len(sent) == len(booked), "balance constraint broken"
        for c, k in zip(sent, booked):  # slots are latest date first
            place = (p.slots[k]["loc"], p.slots[k]["date"])
            n_i = None
            if t[0] is not None:
                n_i = next(n for n in p.interpreters_at[place] if (k, n) in y and solver.boolean_value(y[(k, n)]))
            n_d = next(n for n in p.dms_at[place] if (k, n) in z and solver.boolean_value(z[(k, n)]))
            bookings[k] = (c, n_i, n_d)
    return bookings


def reserves_for(p: Problem, bookings: dict, options: dict[int, dict]) -> dict[int, int]:
    """Reserves after the schedule: the most urgent claims left over, each for the first booked slot it could take
    with that slot's interpreter and decision maker, up to ceil(manifestShare x bookings), one a slot."""
    allowed = math.ceil(p.share * len(bookings))
    booked_claims = {c for c, _, _ in bookings.values()}
    reserve_of: dict[int, int] = {}
    for c in sorted((c for c in options if c not in booked_claims), key=lambda c: (p.claims[c]["priority"], c)):
        if len(reserve_of) >= allowed:
            break
        claim = p.claims[c]
        need, klass = need_of(claim), dm_class(claim)
        for k in (k for ks in options[c].values() for k in ks):
            if k not in bookings or k in reserve_of:
                continue
            _, n_i, n_d = bookings[k]
            if need is None:
                interpreter_fits = n_i is None
            else:
                interpreter_fits = n_i is not None and serves(p.interpreter_pairs[n_i], need)
            if interpreter_fits and dm_fits(p.dms[n_d], klass):
                reserve_of[k] = c
                break
    return reserve_of


def main() -> int:
    parser = argparse.ArgumentParser(description="CP-SAT reference schedule for casework-schedule-instance/1")
    parser.add_argument("instance")
    parser.add_argument("--time-limit", type=float, default=60.0, help="CP-SAT's time limit in seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-hint", action="store_true", help="start CP-SAT without the greedy schedule")
    parser.add_argument("--log", action="store_true", help="CP-SAT's search log on standard error")
    parser.add_argument("--sat-parameters", default="", help="extra CP-SAT parameters in text format, e.g. "
                        "'max_presolve_iterations: 1'")
    args = parser.parse_args()

    started = time.monotonic()
    try:
        with open(args.instance, encoding="utf-8") as f:
            raw = json.load(f)
        if raw.get("format") != "casework-schedule-instance/1":
            raise ValueError(f"format is {raw.get('format')!r}, expected 'casework-schedule-instance/1'")
        problem = Problem(raw)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"{args.instance}: cannot read the instance: {type(error).__name__}: {error}", file=sys.stderr)
        return 2

    options: dict[int, dict] = {}
    reasons: dict[int, tuple[str, str]] = {}
    for c, claim in enumerate(problem.claims):
        dests = problem.destinations(claim)
        if dests:
            options[c] = dests
        else:
            reasons[c] = problem.blocking_rule(claim)
    stats: dict = {"claims": len(problem.claims), "claims bookable": len(options),
                   "claim-slot pairs": sum(len(ks) for d in options.values() for ks in d.values()),
                   "preparation seconds": round(time.monotonic() - started, 1)}
    bookings = solve(problem, options, args.time_limit, args.workers, not args.no_hint, args.log,
                     args.sat_parameters, stats)
    reserve_of = reserves_for(problem, bookings, options)

    booked = {c for c, _, _ in bookings.values()}
    reserved = set(reserve_of.values())
    result = {
        "format": "casework-schedule-result/1",
        "solver": "cp-sat",
        "seconds": round(time.monotonic() - started, 2),
        "bookings": [{"claim": problem.claims[c]["reference"], "slot": problem.slots[k]["id"],
                      "interpreter": None if n_i is None else problem.interpreters[n_i]["id"],
                      "decisionMaker": problem.dms[n_d]["id"]}
                     for k, (c, n_i, n_d) in sorted(bookings.items())],
        "reserves": [{"claim": problem.claims[c]["reference"], "slot": problem.slots[k]["id"]}
                     for k, c in sorted(reserve_of.items())],
        "unbooked": [],
    }
    for c, claim in enumerate(problem.claims):
        if c in booked or c in reserved:
            continue
        code, text = reasons.get(c, ("capacity", "Every slot, interpreter or decision maker that could have taken "
                                                  "it went to other claims"))
        result["unbooked"].append({"claim": claim["reference"], "constraint": code, "explanation": text})
    stats.update({"booked": len(bookings), "reserves": len(reserve_of), "total seconds": result["seconds"]})
    print("cp-sat: " + json.dumps(stats), file=sys.stderr)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
