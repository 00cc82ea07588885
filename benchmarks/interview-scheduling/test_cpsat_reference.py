"""The CP-SAT reference against a plain model on tiny weeks: both solved to optimality must book the same number.

    cd benchmarks/interview-scheduling && ../.venv/bin/python -m unittest test_cpsat_reference

The plain model has a boolean for every (claim, slot, interpreter, decision maker) that validate.py's claim-level
rules accept, and pairwise conflicts for capacity, so it shares nothing with the reference's aggregated formulation
(claims to destinations, slots to claim types). Agreement on many small instances is the evidence that the
aggregation is exact. Needs ortools (the benchmarks' venv); skipped without it.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unittest

import generate
from validate import Instance, validate

try:
    from ortools.sat.python import cp_model
except ImportError:  # pragma: no cover - run with the venv's python
    cp_model = None

HERE = os.path.dirname(os.path.abspath(__file__))


def tiny_week(seed: int) -> dict:
    """A small generated week cut down to two or three centres, two days and a few dozen claims."""
    rng = random.Random(seed)
    week = generate.build(seed, "small")
    locations = week["locations"][: rng.choice([2, 3])]
    keep = {loc["id"] for loc in locations}
    days = set(week["week"][:2])
    rooms = [r for r in week["rooms"] if r["location"] in keep]
    room_ids = {r["id"] for r in rooms}
    slots = [s for s in week["slots"] if s["room"] in room_ids and s["date"] in days]
    slots = sorted(rng.sample(slots, min(len(slots), 14)), key=lambda s: s["id"])
    interpreters = rng.sample(week["interpreters"], 14)
    spoken = {(l["language"], l["dialect"]) for i in interpreters for l in i["languages"]}
    languages = {language for language, _ in spoken}

    def served(claim: dict) -> bool:
        need = claim["language"]
        return need is None or ((need["language"], need["dialect"]) in spoken if need["dialect"]
                                else need["language"] in languages)

    claims = rng.sample([c for c in week["claims"] if served(c)], 24)
    for claim in rng.sample(claims, 4):  # some claims only from the second day: the notBefore conditions
        claim["notBefore"] = week["week"][1]
    week.update({
        "locations": locations, "rooms": rooms, "slots": slots, "interpreters": interpreters,
        "decisionMakers": [d for d in week["decisionMakers"] if d["location"] in keep][:10], "claims": claims,
    })
    # Make sure the week's interpreters reach these centres: those that do not are made remote.
    for interpreter in week["interpreters"]:
        if not keep & set(interpreter["locations"]):
            interpreter["remote"] = True
    return week


def plain_optimum(raw: dict) -> int:
    inst = Instance(raw)
    model = cp_model.CpModel()
    b = {}
    for ref, claim in inst.claims.items():
        people = [None] if claim.get("language") is None else list(inst.interpreters)
        for sid in inst.slots:
            for iid in people:
                for did in inst.decision_makers:
                    if not inst.claim_level(claim, sid, iid, did):
                        b[(ref, sid, iid, did)] = model.new_bool_var("")
    by = {"claim": {}, "slot": {}, "i": {}, "d": {}}
    for key, var in b.items():
        ref, sid, iid, did = key
        by["claim"].setdefault(ref, []).append(var)
        by["slot"].setdefault(sid, []).append(var)
        if iid is not None:
            by["i"].setdefault((iid, sid), []).append(var)
        by["d"].setdefault((did, sid), []).append(var)
    for group in ("claim", "slot"):
        for variables in by[group].values():
            model.add(sum(variables) <= 1)

    def overlaps(a: str, c: str) -> bool:
        x, y = inst.slots[a], inst.slots[c]
        xa, ya = int(x["start"][:2]) * 60 + int(x["start"][3:]), int(y["start"][:2]) * 60 + int(y["start"][3:])
        return x["date"] == y["date"] and xa < ya + y["minutes"] and ya < xa + x["minutes"]

    for kind, people in (("i", inst.interpreters), ("d", inst.decision_makers)):
        for pid, person in people.items():
            used = {sid: vs for (who, sid), vs in by[kind].items() if who == pid}
            for date in {inst.slots[s]["date"] for s in used}:
                today = sorted(s for s in used if inst.slots[s]["date"] == date)
                model.add(sum(v for s in today for v in used[s]) <= person["dailyMaximum"])
                for n, s1 in enumerate(today):
                    for s2 in today[n + 1:]:
                        elsewhere = (kind == "i" and not person.get("remote")
                                     and inst.slot_location(s1)["id"] != inst.slot_location(s2)["id"])
                        if overlaps(s1, s2) or elsewhere:
                            model.add(sum(used[s1]) + sum(used[s2]) <= 1)
    model.maximize(sum(b.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    assert status == cp_model.OPTIMAL, solver.status_name(status)
    return int(solver.objective_value)


@unittest.skipIf(cp_model is None, "ortools is not installed (use benchmarks/.venv)")
class ReferenceIsExactTests(unittest.TestCase):
    def reference(self, raw: dict, *options: str) -> tuple[dict, dict]:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "instance.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(raw, f)
            run = subprocess.run([sys.executable, os.path.join(HERE, "cpsat_reference.py"), path,
                                  "--time-limit", "30", *options], capture_output=True, text=True, check=True)
        stats = json.loads([l for l in run.stderr.splitlines() if l.startswith("cp-sat: ")][-1][8:])
        return json.loads(run.stdout), stats

    def test_the_reference_books_as_many_as_the_plain_model_and_passes_the_validator(self):
        compared, binding = 0, 0
        for seed in range(1, 13):
            raw = tiny_week(seed)
            result, stats = self.reference(raw)
            with self.subTest(seed=seed):
                violations, counts = validate(raw, result)
                self.assertEqual(violations, [])
                self.assertEqual(stats["booked upper bound"], counts["booked"], "the reference proved its optimum")
                self.assertEqual(counts["booked"], plain_optimum(raw))
                self.assertGreaterEqual(stats["flow upper bound"], counts["booked"])
                compared += counts["booked"]
                binding += counts["booked"] < stats["claims bookable"]
        self.assertGreater(compared, 30, "the tiny weeks book enough claims for the comparison to mean something")
        self.assertGreaterEqual(binding, 6, "in most tiny weeks capacity, not the claim-level rules, decides")

    def test_the_search_by_neighbourhoods_improves_on_its_start_and_passes_the_validator(self):
        raw = generate.build(1, "small")
        result, stats = self.reference(raw, "--mode", "neighbourhoods", "--neighbourhood-slots", "60",
                                       "--time-limit", "15", "--neighbourhood-seconds", "2")
        violations, counts = validate(raw, result)
        self.assertEqual(violations, [])
        self.assertGreater(stats["rounds"], 1)
        self.assertGreaterEqual(counts["booked"], stats["greedy booked"])
        self.assertLessEqual(counts["booked"], stats["flow upper bound"])


if __name__ == "__main__":
    unittest.main()
