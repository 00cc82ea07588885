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
# Up to this many (claim, slot) pairs "auto" solves the whole week's model, which then usually proves its optimum.
# Above it, searching by neighbourhoods books more in a minute on two cores: on the small weeks (~19,000 pairs) by up
# to 3%, on the medium (~280,000) by 2%, and the national model (~1.4 million) does not get past presolve.
WHOLE_MODEL_PAIRS = 5_000
# A neighbourhood gets seconds, not minutes: one round of presolve, without probing, leaves time to search.
NEIGHBOURHOOD_PARAMETERS = "max_presolve_iterations: 1 cp_model_probing_level: 0 symmetry_level: 0"


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
    """Claims whose language fewest interpreters speak first (interpreters are what runs out), then the most urgent,
    then those with fewest slots; each into the fitting slot that wastes the fewest minutes, with the first free
    decision maker (fewest cohorts) and interpreter (in person before remote, fewest languages). Its schedule is the
    hint CP-SAT starts from (on the national week of seed 1 this order books 3,162; most urgent first, 3,054)."""

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
        speakers: dict = {}
        for c in self.options:
            need = need_of(p.claims[c])
            if need is not None and need not in speakers:
                speakers[need] = sum(serves(pairs, need) for pairs in p.interpreter_pairs)

        def scarcity(c: int) -> float:
            need = need_of(p.claims[c])
            return math.inf if need is None else speakers[need]

        order = sorted(self.options, key=lambda c: (scarcity(c), p.claims[c]["priority"], len(slots_of[c]), c))
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
class ScheduleModel:
    """The exact model of the module docstring over a set of claims (each with the destinations it may use) and the
    slots those destinations hold (only those in `allowed`, when given). `busy` lists, per (interpreter, date),
    bookings kept fixed outside the model: the model then leaves their times, their location (in person) and their
    share of the daily maximum alone."""

    def __init__(self, p: Problem, options: dict[int, dict], busy: dict | None = None, allowed: set | None = None):
        from ortools.sat.python import cp_model

        self.cp_model = cp_model
        self.p = p
        busy = busy or {}
        model = self.model = cp_model.CpModel()
        Sum = cp_model.LinearExpr.sum

        # Claims to destinations, grouped by type.
        f = self.f = {}
        groups = self.groups = defaultdict(list)  # (type, destination) -> claims
        for c, dests in options.items():
            claim = p.claims[c]
            t = (need_of(claim), dm_class(claim))
            for dest in dests:
                f[(c, dest)] = model.new_bool_var("")
                groups[(t, dest)].append(c)
            if len(dests) > 1:
                model.add_at_most_one(f[(c, dest)] for dest in dests)

        def free(n: int, k: int) -> bool:
            """Whether interpreter n can still take slot k beside the bookings kept fixed."""
            s, kept = p.slots[k], busy.get((n, p.slots[k]["date"]))
            if not kept:
                return True
            if len(kept) >= p.interpreters[n]["dailyMaximum"]:
                return False
            if not p.interpreters[n]["remote"] and any(loc != s["loc"] for _, _, loc in kept):
                return False
            return all(b <= s["start"] or a >= s["end"] for a, b, _ in kept)

        able_here: dict = {}

        def interpreters(need, k: int) -> list[int]:
            if (need, k) not in able_here:
                place = (p.slots[k]["loc"], p.slots[k]["date"])
                able_here[(need, k)] = [n for n in p.interpreters_for(need, place) if free(n, k)]
            return able_here[(need, k)]

        # Slots to types, per group, with the balance and the notBefore suffix conditions.
        u = self.u = {}
        types_at = defaultdict(list)  # slot -> types with a u variable
        for (t, dest), cs in groups.items():
            need, klass = t
            dates = [p.claims[c].get("notBefore") for c in cs]
            lowest = None if any(d is None for d in dates) else min(dates)
            ks = [k for k in p.dest_slots[dest]
                  if (allowed is None or k in allowed) and (lowest is None or p.slots[k]["date"] >= lowest)
                  and (need is None or interpreters(need, k))
                  and p.dms_for(klass, (p.slots[k]["loc"], p.slots[k]["date"]))]
            for k in ks:
                if (k, t) not in u:
                    u[(k, t)] = model.new_bool_var("")
                    types_at[k].append(t)
            model.add(Sum([f[(c, dest)] for c in cs]) == Sum([u[(k, t)] for k in ks]))
            for date in sorted({d for d in dates if d is not None and (lowest is None or d > lowest)}):
                model.add(Sum([f[(c, dest)] for c in cs if (p.claims[c].get("notBefore") or "") >= date])
                          <= Sum([u[(k, t)] for k in ks if p.slots[k]["date"] >= date]))

        # Per slot: one type, its interpreter and its decision maker.
        y = self.y = {}
        z = self.z = {}
        i_slots = defaultdict(list)  # (interpreter, date) -> slots where y exists
        d_slots = defaultdict(list)
        for k, types in types_at.items():
            s = p.slots[k]
            place = (s["loc"], s["date"])
            if len(types) > 1:
                model.add_at_most_one(u[(k, t)] for t in types)
            needs = sorted({t[0] for t in types if t[0] is not None}, key=repr)
            if needs:
                able_by_need = {need: set(interpreters(need, k)) for need in needs}
                useful = sorted(set().union(*able_by_need.values()))
                for n in useful:
                    y[(k, n)] = model.new_bool_var("")
                    i_slots[(n, s["date"])].append(k)
                model.add(Sum([y[(k, n)] for n in useful]) == Sum([u[(k, t)] for t in types if t[0] is not None]))
                for need, able in able_by_need.items():
                    if len(able) < len(useful):
                        model.add(Sum([u[(k, t)] for t in types if t[0] == need])
                                  <= Sum([y[(k, n)] for n in useful if n in able]))
            classes = sorted({t[1] for t in types})
            able_by_class = {klass: set(p.dms_for(klass, place)) for klass in classes}
            useful = sorted(set().union(*able_by_class.values()))
            for n in useful:
                z[(k, n)] = model.new_bool_var("")
                d_slots[(n, s["date"])].append(k)
            model.add(Sum([z[(k, n)] for n in useful]) == Sum([u[(k, t)] for t in types]))
            for klass, able in able_by_class.items():
                if len(able) < len(useful):
                    model.add(Sum([u[(k, t)] for t in types if t[1] == klass])
                              <= Sum([z[(k, n)] for n in useful if n in able]))

        # People per day: daily maximum, one booking at a time, in-person interpreters at one location.
        w = self.w = {}
        self.overlap_constraints = 0
        for (n, date), ks in i_slots.items():
            kept = busy.get((n, date), [])
            maximum = p.interpreters[n]["dailyMaximum"] - len(kept)
            if len(ks) > maximum:
                model.add(Sum([y[(k, n)] for k in ks]) <= maximum)
            if maximum > 1:
                for clique in maximal_overlaps([(p.slots[k]["start"], p.slots[k]["end"], k) for k in ks]):
                    model.add_at_most_one(y[(k, n)] for k in clique)
                    self.overlap_constraints += 1
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
                    self.overlap_constraints += 1

        # The two objectives: the count alone, and urgency at a count (each booking weighs BIG + (least urgent
        # priority - priority), BIG above any sum of the bonuses, so the count still comes first).
        keys = list(f)
        self.count = Sum([f[key] for key in keys])
        priorities = [claim["priority"] for claim in p.claims] or [1]
        least_urgent = max(priorities)
        self.big = (least_urgent - min(priorities)) * len(p.claims) + 1
        self.weighted = cp_model.LinearExpr.weighted_sum(
            [f[key] for key in keys], [self.big + least_urgent - p.claims[key[0]]["priority"] for key in keys])

    def size(self) -> dict:
        proto = self.model.proto
        return {"f (claim, destination)": len(self.f), "u (slot, type)": len(self.u),
                "y (slot, interpreter)": len(self.y), "z (slot, decision maker)": len(self.z),
                "w (interpreter, day, location)": len(self.w), "variables": len(proto.variables),
                "constraints": len(proto.constraints), "overlap constraints": self.overlap_constraints}

    def hint(self, bookings: dict) -> None:
        """A complete hint from bookings {slot: (claim, interpreter, decision maker)} inside this model."""
        p = self.p
        chosen_f, chosen_u, chosen_y, chosen_z = set(), set(), set(), set()
        where = defaultdict(set)
        for k, (c, n_i, n_d) in bookings.items():
            claim, s = p.claims[c], p.slots[k]
            chosen_f.add((c, (s["loc"], s["rc"])))
            chosen_u.add((k, (need_of(claim), dm_class(claim))))
            chosen_z.add((k, n_d))
            if n_i is not None:
                chosen_y.add((k, n_i))
                where[(n_i, s["date"])].add(s["loc"])
        self.model.clear_hints()
        for variables, chosen in ((self.f, chosen_f), (self.u, chosen_u), (self.y, chosen_y), (self.z, chosen_z)):
            for key, var in variables.items():
                self.model.add_hint(var, key in chosen)
        for (n, date, loc), var in self.w.items():
            self.model.add_hint(var, loc in where[(n, date)])

    def solve(self, objective: str, seconds: float, workers: int, log: bool, sat_parameters: str,
              at_least: int | None = None):
        """Solves for `objective` ("count" or "urgency"); returns (status name, bookings or None, bound on the count
        when the objective is the count)."""
        from google.protobuf import text_format

        cp_model = self.cp_model
        if at_least is not None:
            self.model.add(self.count >= at_least)
        self.model.maximize(self.count if objective == "count" else self.weighted)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.5, seconds)
        solver.parameters.num_workers = workers
        solver.parameters.log_search_progress = log
        solver.parameters.log_to_stdout = False
        if log:
            solver.log_callback = lambda line: print(line, file=sys.stderr)
        if sat_parameters:
            text_format.Merge(sat_parameters, solver.parameters)
        status = solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return solver.status_name(status), None, None
        bound = int(solver.best_objective_bound) if objective == "count" else None
        return solver.status_name(status), self.read(solver), bound

    def read(self, solver) -> dict[int, tuple[int, int | None, int]]:
        """Bookings from a solution: within each (type, destination), the latest notBefore takes the latest date."""
        p = self.p
        bookings = {}
        for (t, dest), cs in self.groups.items():
            sent = [c for c in cs if solver.boolean_value(self.f[(c, dest)])]
            booked = [k for k in p.dest_slots[dest] if (k, t) in self.u and solver.boolean_value(self.u[(k, t)])]
            sent.sort(key=lambda c: p.claims[c].get("notBefore") or "", reverse=True)
            assert len(sent) == len(booked), "balance constraint broken"
            for c, k in zip(sent, booked):  # slots are latest date first
                place = (p.slots[k]["loc"], p.slots[k]["date"])
                n_i = None
                if t[0] is not None:
                    n_i = next(n for n in p.interpreters_at[place]
                               if (k, n) in self.y and solver.boolean_value(self.y[(k, n)]))
                n_d = next(n for n in p.dms_at[place] if (k, n) in self.z and solver.boolean_value(self.z[(k, n)]))
                bookings[k] = (c, n_i, n_d)
        return bookings


def solve_whole(p: Problem, options: dict[int, dict], start: dict, args, stats: dict) -> dict:
    """The exact model of the whole week: the count for most of the time, then urgency at that count."""
    began = time.monotonic()
    whole = ScheduleModel(p, options)
    if start:
        whole.hint(start)
    stats.update(whole.size())
    stats["build seconds"] = round(time.monotonic() - began, 1)
    began = time.monotonic()
    status, bookings, bound = whole.solve("count", args.time_limit * COUNT_PHASE_SHARE, args.workers, args.log,
                                          args.sat_parameters)
    stats["status"] = status
    if bookings is None:
        return start
    stats["count phase booked"] = len(bookings)
    stats["booked upper bound"] = bound
    whole.hint(bookings)
    status, better, _ = whole.solve("urgency", args.time_limit - (time.monotonic() - began), args.workers, args.log,
                                    args.sat_parameters, at_least=len(bookings))
    stats["urgency phase status"] = status
    stats["solve seconds"] = round(time.monotonic() - began, 1)
    return better if better is not None else bookings


def neighbourhoods(p: Problem, target_slots: int) -> list[tuple[frozenset, frozenset]]:
    """Neighbourhoods as (locations, dates): around each location, the nearest locations for the whole week until
    about `target_slots` slots; and, for each date, around each location the nearest locations on that date only
    until about the same number (interpreters and decision makers are planned day by day, so a day's neighbourhood
    can move a remote interpreter across the country). Each kept once."""
    week = frozenset(s["date"] for s in p.slots)
    counts = defaultdict(int)
    for s in p.slots:
        counts[(s["loc"], s["date"])] += 1
    found: list[tuple[frozenset, frozenset]] = []
    for dates in [week] + [frozenset([d]) for d in sorted(week)]:
        for centre, l in sorted(p.locations.items()):
            nearest = sorted(p.locations, key=lambda other: (great_circle_km(
                l["latitude"], l["longitude"], p.locations[other]["latitude"], p.locations[other]["longitude"]), other))
            group, held = [], 0
            for other in nearest:
                here = sum(counts[(other, d)] for d in dates)
                if group and held + here > target_slots:
                    break
                group.append(other)
                held += here
            key = (frozenset(group), dates)
            if key not in found:
                found.append(key)
    return found


def solve_by_neighbourhood(p: Problem, options: dict[int, dict], start: dict, args, stats: dict) -> dict:
    """Large neighbourhood search with the exact model: everything outside a neighbourhood (some locations on some
    dates) stays as it is, the model re-books the neighbourhood's slots among the claims not booked elsewhere, and
    the answer is kept when it books more (then, in the last part of the time, more urgently at the same count)."""
    began = time.monotonic()
    deadline = began + args.time_limit
    current = dict(start)
    groups = neighbourhoods(p, args.neighbourhood_slots)

    def within(k: int, group) -> bool:
        return p.slots[k]["loc"] in group[0] and p.slots[k]["date"] in group[1]

    # Visit first the neighbourhoods with most to gain: open slots left empty by the start, and claims left unbooked
    # that could take them.
    booked_claims = {c for c, _, _ in current.values()}
    empty = defaultdict(int)
    for ks in p.dest_slots.values():
        for k in ks:
            if k not in current:
                empty[(p.slots[k]["loc"], p.slots[k]["date"])] += 1
    waiting = defaultdict(int)
    for c, dests in options.items():
        if c not in booked_claims:
            for key in {(p.slots[k]["loc"], p.slots[k]["date"]) for ks in dests.values() for k in ks}:
                waiting[key] += 1
    potential = [min(sum(empty[(l, d)] for l in g for d in ds), sum(waiting[(l, d)] for l in g for d in ds))
                 for g, ds in groups]
    order = sorted(range(len(groups)), key=lambda g: (-potential[g], g))
    rounds, improved, largest = 0, 0, 0
    urgency_from = began + args.time_limit * COUNT_PHASE_SHARE
    while time.monotonic() < deadline - 1:
        group = groups[order[rounds % len(groups)]]
        rounds += 1
        objective = "count" if time.monotonic() < urgency_from else "urgency"
        inside = {k: v for k, v in current.items() if within(k, group)}
        outside = {k: v for k, v in current.items() if not within(k, group)}
        booked_outside = {c for c, _, _ in outside.values()}
        sub_options = {}
        for c, dests in options.items():
            if c in booked_outside:
                continue
            here = {dest: [k for k in ks if within(k, group)] for dest, ks in dests.items() if dest[0] in group[0]}
            here = {dest: ks for dest, ks in here.items() if ks}
            if here:
                sub_options[c] = here
        busy = defaultdict(list)
        for k, (_, n_i, _) in outside.items():
            if n_i is not None:
                s = p.slots[k]
                busy[(n_i, s["date"])].append((s["start"], s["end"], s["loc"]))
        allowed = {k for ks in p.dest_slots.values() for k in ks if within(k, group)}
        sub = ScheduleModel(p, sub_options, busy, allowed)
        sub.hint(inside)
        largest = max(largest, sub.size()["variables"])
        seconds = min(args.neighbourhood_seconds, deadline - time.monotonic())
        status, bookings, _ = sub.solve(objective, seconds, args.workers, args.log,
                                        NEIGHBOURHOOD_PARAMETERS + " " + args.sat_parameters,
                                        at_least=len(inside) if objective == "urgency" else None)
        if bookings is None:
            continue
        before = (len(inside), -sum(p.claims[c]["priority"] for c, _, _ in inside.values()))
        after = (len(bookings), -sum(p.claims[c]["priority"] for c, _, _ in bookings.values()))
        if after > before:
            current = {**outside, **bookings}
            improved += 1
    stats.update({"neighbourhoods": len(groups), "rounds": rounds, "rounds improving": improved,
                  "largest neighbourhood variables": largest, "solve seconds": round(time.monotonic() - began, 1)})
    return current


def flow_upper_bound(p: Problem, options: dict[int, dict]) -> int:
    """An upper bound on bookings from a maximum flow that keeps the slots and the decision makers' daily maxima but
    not interpreters or times: source -> claim (1) -> (location, room class, date) it could use (the slots there)
    -> (location, date) (the sum of the daily maxima of the decision makers there) -> sink. Every schedule is such a
    flow, so no schedule books more."""
    from ortools.graph.python import max_flow

    graph = max_flow.SimpleMaxFlow()
    nodes: dict = {}

    def node(key) -> int:
        if key not in nodes:
            nodes[key] = len(nodes)
        return nodes[key]

    source, sink = node("source"), node("sink")
    slots_per_day = defaultdict(int)
    for k, s in enumerate(p.slots):
        if s["open"]:
            slots_per_day[(s["loc"], s["rc"], s["date"])] += 1
    for c, dests in options.items():
        graph.add_arc_with_capacity(source, node(("claim", c)), 1)
        for (loc, rc), ks in dests.items():
            for date in sorted({p.slots[k]["date"] for k in ks}):
                graph.add_arc_with_capacity(node(("claim", c)), node(("day", loc, rc, date)), 1)
    for (loc, rc, date), count in slots_per_day.items():
        if ("day", loc, rc, date) in nodes:
            graph.add_arc_with_capacity(nodes[("day", loc, rc, date)], node(("place", loc, date)), count)
    for (loc, date), dms in p.dms_at.items():
        if ("place", loc, date) in nodes:
            graph.add_arc_with_capacity(nodes[("place", loc, date)], sink,
                                        sum(p.dms[n]["dailyMaximum"] for n in dms))
    if graph.solve(source, sink) != graph.OPTIMAL:
        raise RuntimeError("the maximum flow bound did not solve")
    return graph.optimal_flow()


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
    parser.add_argument("--mode", choices=["auto", "whole", "neighbourhoods"], default="auto",
                        help="solve the whole week's model, or search it by neighbourhoods of nearby locations; "
                        f"auto: whole up to {WHOLE_MODEL_PAIRS:,} claim-slot pairs")
    parser.add_argument("--neighbourhood-slots", type=int, default=150, help="about how many slots a neighbourhood holds")
    parser.add_argument("--neighbourhood-seconds", type=float, default=3.0, help="CP-SAT's time per neighbourhood")
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
    stats["flow upper bound"] = flow_upper_bound(problem, options)
    began = time.monotonic()
    start = Greedy(problem, options).run() if not args.no_hint else {}
    stats.update({"greedy booked": len(start), "greedy seconds": round(time.monotonic() - began, 1)})
    mode = args.mode
    if mode == "auto":
        mode = "whole" if stats["claim-slot pairs"] <= WHOLE_MODEL_PAIRS else "neighbourhoods"
    stats["mode"] = mode
    if mode == "whole":
        bookings = solve_whole(problem, options, start, args, stats)
    else:
        bookings = solve_by_neighbourhood(problem, options, start, args, stats)
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
