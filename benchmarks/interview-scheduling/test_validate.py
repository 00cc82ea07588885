"""Hand-made instance/result pairs for validate.py: one valid schedule, then one broken rule at a time.

    cd benchmarks/interview-scheduling && python3 -m unittest test_validate
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest

from validate import validate

HERE = os.path.dirname(os.path.abspath(__file__))
WEEK = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]
NEAR_CROYDON = (51.40, -0.10)  # 2.7 km from Croydon, 64 km from Brighton


def claim(reference, **overrides):
    record = {"reference": reference, "priority": 4, "cohort": None, "kind": "substantive", "child": False,
              "responsibleAdult": False, "language": None, "latitude": NEAR_CROYDON[0],
              "longitude": NEAR_CROYDON[1], "maximumTravelKm": 50, "needsStepFree": False, "notBefore": None}
    record.update(overrides)
    return record


def lang(language, dialect=None):
    return {"language": language, "dialect": dialect}


def instance():
    """Two centres (Croydon open all week, Brighton closed on 3 December), a handful of people and claims."""
    return {
        "format": "casework-schedule-instance/1", "week": WEEK, "earliestDate": "2026-12-01", "manifestShare": 0.5,
        "policy": {"slotMinutes": {"substantive": 120, "complex-substantive": 240, "targeted-nationality": 45,
                                   "concise": 48}, "childBreakMinutes": 15},
        "locations": [
            {"id": "LOC01", "name": "Croydon", "latitude": 51.3762, "longitude": -0.0982, "openDays": WEEK},
            {"id": "LOC02", "name": "Brighton", "latitude": 50.8225, "longitude": -0.1372,
             "openDays": ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-04"]},
        ],
        "rooms": [
            {"id": "LOC01-R01", "location": "LOC01", "childSuitable": True, "stepFree": True},
            {"id": "LOC01-R02", "location": "LOC01", "childSuitable": False, "stepFree": False},
            {"id": "LOC01-R03", "location": "LOC01", "childSuitable": False, "stepFree": True},
            {"id": "LOC02-R01", "location": "LOC02", "childSuitable": False, "stepFree": True},
        ],
        "slots": [
            {"id": "S1", "room": "LOC01-R01", "date": "2026-12-01", "start": "09:30", "minutes": 150},
            {"id": "S2", "room": "LOC01-R02", "date": "2026-12-01", "start": "09:30", "minutes": 135},
            {"id": "S3", "room": "LOC01-R02", "date": "2026-12-01", "start": "13:00", "minutes": 135},
            {"id": "S4", "room": "LOC01-R01", "date": "2026-12-01", "start": "13:00", "minutes": 60},
            {"id": "S5", "room": "LOC02-R01", "date": "2026-12-01", "start": "09:30", "minutes": 135},
            {"id": "S6", "room": "LOC01-R02", "date": "2026-11-30", "start": "09:30", "minutes": 135},
            {"id": "S7", "room": "LOC02-R01", "date": "2026-12-03", "start": "09:30", "minutes": 135},
            {"id": "S8", "room": "LOC01-R02", "date": "2026-12-02", "start": "09:30", "minutes": 135},
            {"id": "S9", "room": "LOC01-R03", "date": "2026-12-01", "start": "11:00", "minutes": 135},
            {"id": "S10", "room": "LOC02-R01", "date": "2026-12-01", "start": "13:00", "minutes": 135},
            {"id": "S11", "room": "LOC01-R03", "date": "2026-12-01", "start": "14:00", "minutes": 135},
        ],
        "interpreters": [
            {"id": "I1", "languages": [lang("Kurdish", "Sorani"), lang("Arabic")], "locations": ["LOC01"],
             "remote": False, "days": ["2026-12-01", "2026-12-02"], "dailyMaximum": 2},
            {"id": "I2", "languages": [lang("Farsi")], "locations": [], "remote": True, "days": ["2026-12-01"],
             "dailyMaximum": 1},
            {"id": "I3", "languages": [lang("Arabic", "Levantine")], "locations": ["LOC01", "LOC02"],
             "remote": False, "days": ["2026-12-01"], "dailyMaximum": 2},
        ],
        "decisionMakers": [
            {"id": "D1", "location": "LOC01", "cohorts": ["AMESA", "general"], "childrenTrained": True,
             "days": ["2026-12-01", "2026-12-02"], "dailyMaximum": 2},
            {"id": "D2", "location": "LOC01", "cohorts": ["MAKHU"], "childrenTrained": False,
             "days": ["2026-12-01"], "dailyMaximum": 1},
            {"id": "D3", "location": "LOC02", "cohorts": ["AMESA", "general"], "childrenTrained": False,
             "days": ["2026-12-01"], "dailyMaximum": 1},
            {"id": "D4", "location": "LOC01", "cohorts": ["general"], "childrenTrained": False,
             "days": ["2026-12-01"], "dailyMaximum": 1},
            {"id": "D5", "location": "LOC02", "cohorts": ["AMESA"], "childrenTrained": False,
             "days": ["2026-12-01"], "dailyMaximum": 1},
            {"id": "D6", "location": "LOC01", "cohorts": ["AMESA"], "childrenTrained": False,
             "days": ["2026-12-01"], "dailyMaximum": 1},
        ],
        "claims": [
            claim("C1", cohort="MAKHU", language=lang("Kurdish", "Sorani")),
            claim("C2", maximumTravelKm=80),
            claim("C3", child=True, responsibleAdult=True, language=lang("Arabic")),  # any Arabic dialect
            claim("C4", cohort="AMESA", language=lang("Farsi"), maximumTravelKm=100),
            claim("C5", kind="targeted-nationality", language=lang("Arabic", "Levantine"), maximumTravelKm=40),
            claim("C6", cohort="MAKHU", language=lang("Kurdish", "Sorani")),
            claim("C7", child=True, responsibleAdult=False),
            claim("C8", cohort="AMESA", language=lang("Farsi"), maximumTravelKm=100),
            claim("C9", cohort="MAKHU", language=lang("Kurdish", "Sorani")),
        ],
    }


def result():
    """A schedule that keeps every rule."""
    return {
        "format": "casework-schedule-result/1", "solver": "hand", "seconds": 0.0,
        "bookings": [
            {"claim": "C1", "slot": "S2", "interpreter": "I1", "decisionMaker": "D2"},
            {"claim": "C2", "slot": "S3", "interpreter": None, "decisionMaker": "D1"},
            {"claim": "C3", "slot": "S1", "interpreter": "I3", "decisionMaker": "D1"},
            {"claim": "C4", "slot": "S5", "interpreter": "I2", "decisionMaker": "D3"},
            {"claim": "C5", "slot": "S4", "interpreter": "I3", "decisionMaker": "D4"},
        ],
        "reserves": [{"claim": "C6", "slot": "S2"}],
        "unbooked": [
            {"claim": "C7", "constraint": "responsible-adult", "explanation": "a child with no responsible adult"},
            {"claim": "C8", "constraint": "capacity", "explanation": "the only Farsi interpreter is booked"},
            {"claim": "C9", "constraint": "capacity", "explanation": "the Sorani interpreter is booked"},
        ],
    }


def find(records, key, value):
    return next(r for r in records if r.get("id", r.get("reference", r.get("claim"))) == value)


def booking(res, reference):
    return next(b for b in res["bookings"] if b["claim"] == reference)


class ValidScheduleTests(unittest.TestCase):
    def test_the_valid_schedule_has_no_violation(self):
        violations, counts = validate(instance(), result())
        self.assertEqual(violations, [])
        self.assertEqual(counts, {"booked": 5, "reserves": 1, "unbooked": 3})

    def test_a_remote_interpreter_may_work_two_centres_in_a_day(self):
        inst, res = instance(), result()
        find(inst["interpreters"], "id", "I2")["dailyMaximum"] = 2
        res["unbooked"] = [u for u in res["unbooked"] if u["claim"] != "C8"]
        res["bookings"].append({"claim": "C8", "slot": "S11", "interpreter": "I2", "decisionMaker": "D6"})
        self.assertEqual(validate(inst, res)[0], [])



class BrokenRuleTests(unittest.TestCase):
    """Each test breaks one rule of a valid schedule and expects exactly that rule's code."""

    def codes(self, inst, res):
        return {code for code, _ in validate(inst, res)[0]}

    def assertOnly(self, code, inst, res):
        self.assertEqual(self.codes(inst, res), {code})

    def test_double_booking_a_slot(self):
        inst, res = instance(), result()
        res["unbooked"] = [u for u in res["unbooked"] if u["claim"] != "C8"]
        res["bookings"].append({"claim": "C8", "slot": "S5", "interpreter": "I2", "decisionMaker": "D5"})
        self.assertIn("double-booking", self.codes(inst, res))

    def test_double_booking_a_claim_booked_and_reserve(self):
        res = result()
        res["reserves"].append({"claim": "C2", "slot": "S1"})
        self.assertOnly("double-booking", instance(), res)

    def test_slot_length(self):
        inst = instance()
        find(inst["claims"], "reference", "C1")["kind"] = "complex-substantive"
        self.assertOnly("slot-length", inst, result())

    def test_slot_length_counts_a_childs_breaks(self):
        inst = instance()
        find(inst["slots"], "id", "S1")["minutes"] = 135  # 120 + 2 x 15 = 150 needed
        self.assertOnly("slot-length", inst, result())

    def test_travel_distance(self):
        inst = instance()
        find(inst["claims"], "reference", "C4")["maximumTravelKm"] = 60  # Brighton is 64 km away
        self.assertOnly("travel-distance", inst, result())

    def test_notice_before_the_claims_not_before(self):
        inst = instance()
        find(inst["claims"], "reference", "C2")["notBefore"] = "2026-12-02"
        self.assertOnly("notice", inst, result())

    def test_notice_before_the_earliest_date(self):
        inst, res = instance(), result()
        booking(res, "C2")["slot"] = "S6"  # 30 November, before earliestDate
        find(inst["decisionMakers"], "id", "D1")["days"].append("2026-11-30")
        self.assertOnly("notice", inst, res)

    def test_notice_outside_the_week(self):
        inst = instance()
        inst["week"] = [d for d in WEEK if d != "2026-12-02"]
        inst["locations"][0]["openDays"] = WEEK
        res = result()
        booking(res, "C2")["slot"] = "S8"  # 2 December, not in the week
        self.assertOnly("notice", inst, res)

    def test_location_closed(self):
        inst = instance()
        find(inst["locations"], "id", "LOC02")["openDays"] = ["2026-12-02"]
        self.assertOnly("location-closed", inst, result())

    def test_room_access_step_free(self):
        inst = instance()
        find(inst["claims"], "reference", "C1")["needsStepFree"] = True
        self.assertOnly("room-access", inst, result())

    def test_room_access_child_suitable(self):
        inst = instance()
        find(inst["rooms"], "id", "LOC01-R01")["childSuitable"] = False
        self.assertOnly("room-access", inst, result())

    def test_responsible_adult(self):
        inst = instance()
        find(inst["claims"], "reference", "C3")["responsibleAdult"] = False
        self.assertOnly("responsible-adult", inst, result())

    def test_interpreter_language_wrong_dialect(self):
        inst = instance()
        find(inst["claims"], "reference", "C1")["language"] = lang("Kurdish", "Kurmanji")
        self.assertOnly("interpreter-language", inst, result())

    def test_interpreter_language_undialected_interpreter_for_a_named_dialect(self):
        res = result()
        booking(res, "C5")["interpreter"] = "I1"  # lists Arabic with no dialect; C5 needs Levantine
        self.assertOnly("interpreter-language", instance(), res)

    def test_interpreter_language_interpreter_for_a_claim_that_needs_none(self):
        res = result()
        booking(res, "C2")["interpreter"] = "I1"
        self.assertOnly("interpreter-language", instance(), res)

    def test_interpreter_language_missing_interpreter(self):
        res = result()
        booking(res, "C4")["interpreter"] = None
        self.assertOnly("interpreter-language", instance(), res)

    def test_interpreter_available_day(self):
        inst = instance()
        find(inst["interpreters"], "id", "I3")["days"] = ["2026-12-02"]
        self.assertOnly("interpreter-available", inst, result())

    def test_interpreter_available_location(self):
        inst = instance()
        find(inst["interpreters"], "id", "I3")["locations"] = ["LOC02"]
        self.assertOnly("interpreter-available", inst, result())

    def test_interpreter_capacity_daily_maximum(self):
        inst = instance()
        find(inst["interpreters"], "id", "I3")["dailyMaximum"] = 1
        self.assertOnly("interpreter-capacity", inst, result())

    def test_interpreter_capacity_overlap(self):
        inst, res = instance(), result()
        booking(res, "C5")["slot"] = "S9"  # 11:00-12:00, while I3 is in S1 until 12:00
        self.assertOnly("interpreter-capacity", inst, res)

    def test_interpreter_capacity_two_centres_in_person(self):
        inst, res = instance(), result()
        i3 = find(inst["interpreters"], "id", "I3")
        i3["languages"].append(lang("Farsi"))
        i3["dailyMaximum"] = 3
        res["unbooked"] = [u for u in res["unbooked"] if u["claim"] != "C8"]
        res["bookings"].append({"claim": "C8", "slot": "S10", "interpreter": "I3", "decisionMaker": "D5"})
        self.assertOnly("interpreter-capacity", inst, res)

    def test_decision_maker_trained_cohort(self):
        inst = instance()
        find(inst["claims"], "reference", "C1")["cohort"] = "BRIDORA"
        self.assertOnly("decision-maker-trained", inst, result())

    def test_decision_maker_trained_general_work_in_progress(self):
        inst = instance()
        find(inst["decisionMakers"], "id", "D4")["cohorts"] = ["AMESA"]  # C5 has no cohort: needs "general"
        self.assertOnly("decision-maker-trained", inst, result())

    def test_decision_maker_trained_children(self):
        inst = instance()
        find(inst["decisionMakers"], "id", "D1")["childrenTrained"] = False
        self.assertOnly("decision-maker-trained", inst, result())

    def test_decision_maker_available_day(self):
        inst = instance()
        find(inst["decisionMakers"], "id", "D4")["days"] = ["2026-12-02"]
        self.assertOnly("decision-maker-available", inst, result())

    def test_decision_maker_available_location(self):
        inst = instance()
        find(inst["decisionMakers"], "id", "D3")["location"] = "LOC01"
        self.assertOnly("decision-maker-available", inst, result())

    def test_decision_maker_capacity_daily_maximum(self):
        inst = instance()
        find(inst["decisionMakers"], "id", "D1")["dailyMaximum"] = 1
        self.assertOnly("decision-maker-capacity", inst, result())

    def test_decision_maker_capacity_overlap(self):
        res = result()
        booking(res, "C2")["slot"] = "S9"  # 11:00-12:00, while D1 is in S1 until 12:00
        self.assertOnly("decision-maker-capacity", instance(), res)

    def test_reserve_for_a_slot_not_booked(self):
        res = result()
        res["reserves"][0]["slot"] = "S8"
        self.assertOnly("reserve", instance(), res)

    def test_reserve_two_for_one_slot(self):
        res = result()
        res["unbooked"] = [u for u in res["unbooked"] if u["claim"] != "C9"]
        res["reserves"].append({"claim": "C9", "slot": "S2"})
        self.assertOnly("reserve", instance(), res)

    def test_reserve_that_the_booked_interpreter_cannot_serve(self):
        res = result()
        res["reserves"][0]["slot"] = "S5"  # Farsi interpreter, Brighton
        self.assertOnly("reserve", instance(), res)

    def test_reserve_more_than_the_manifest_share(self):
        inst = instance()
        inst["manifestShare"] = 0.0
        self.assertOnly("reserve", inst, result())

    def test_format_a_claim_left_out(self):
        res = result()
        res["unbooked"] = [u for u in res["unbooked"] if u["claim"] != "C7"]
        self.assertOnly("format", instance(), res)

    def test_format_an_unknown_slot(self):
        res = result()
        booking(res, "C2")["slot"] = "S99"
        self.assertOnly("format", instance(), res)

    def test_unbooked_blamed_on_a_rule_although_bookable(self):
        res = result()
        res["unbooked"][1]["constraint"] = "interpreter-language"
        self.assertOnly("unbooked-reason", instance(), res)

    def test_unbooked_blamed_on_a_later_rule_than_the_first_that_leaves_no_slot(self):
        res = result()
        res["unbooked"][0]["constraint"] = "travel-distance"  # C7 is a child with no responsible adult
        self.assertOnly("unbooked-reason", instance(), res)

    def test_unbooked_blamed_in_the_cumulative_order(self):
        inst, res = instance(), result()
        # C9 (Sorani, MAKHU) may only come on 4 December; Brighton, the only centre open that day with a slot, is out of
        # reach: no slot in reach is on an allowed date, so `notice`, although a slot on 4 December exists.
        find(inst["claims"], "reference", "C9")["notBefore"] = "2026-12-04"
        inst["slots"].append({"id": "S12", "room": "LOC02-R01", "date": "2026-12-04", "start": "09:30", "minutes": 135})
        res["unbooked"][2]["constraint"] = "notice"
        self.assertEqual(validate(inst, res)[0], [])
        res["unbooked"][2]["constraint"] = "travel-distance"
        self.assertOnly("unbooked-reason", inst, res)

    def test_unbooked_blamed_on_capacity_although_never_bookable(self):
        res = result()
        res["unbooked"][0]["constraint"] = "capacity"
        self.assertOnly("unbooked-reason", instance(), res)


class CommandLineTests(unittest.TestCase):
    def run_validate(self, inst, res):
        with tempfile.TemporaryDirectory() as folder:
            paths = [os.path.join(folder, "instance.json"), os.path.join(folder, "result.json")]
            for path, value in zip(paths, (inst, res)):
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(value, f)
            return subprocess.run([sys.executable, os.path.join(HERE, "validate.py"), *paths],
                                  capture_output=True, text=True)

    def test_valid_prints_counts_and_exits_0(self):
        run = self.run_validate(instance(), result())
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("booked 5, reserves 1, unbooked 3", run.stdout)

    def test_violation_prints_its_code_and_exits_1(self):
        inst = instance()
        find(inst["claims"], "reference", "C1")["needsStepFree"] = True
        run = self.run_validate(inst, result())
        self.assertEqual(run.returncode, 1)
        self.assertIn("room-access: booking of C1 in S2", run.stdout)

    def test_an_instance_whose_room_has_overlapping_slots_is_refused(self):
        inst = instance()
        find(inst["slots"], "id", "S4")["start"] = "11:00"  # LOC01-R01 already has S1 until 12:00
        run = self.run_validate(inst, result())
        self.assertEqual(run.returncode, 2)
        self.assertIn("slots S1 and S4 of room LOC01-R01 overlap on 2026-12-01", run.stderr)

    def test_an_instance_with_a_slot_past_midnight_is_refused(self):
        inst = instance()
        find(inst["slots"], "id", "S11")["start"] = "23:00"
        run = self.run_validate(inst, result())
        self.assertEqual(run.returncode, 2)
        self.assertIn("slot S11: ends after midnight", run.stderr)

    def test_an_unreadable_instance_names_the_field(self):
        inst = instance()
        del inst["slots"][0]["room"]
        run = self.run_validate(inst, result())
        self.assertEqual(run.returncode, 2)
        self.assertIn("slot S1: missing field 'room'", run.stderr)


if __name__ == "__main__":
    unittest.main()
