#!/usr/bin/env python3
"""Turns a klachtdesk JSON export into taskwarrior's import format, one task per
case with what a taskwarrior user would keep of it: the contact and the
complaint as the description, the service as the project, the handler and
state as tags, the contact log as annotations. Every task is pending, so that
`task list` lists the same cases as `klachtdesk list --all` (with
--closed-completed, closed cases become completed tasks instead). Used by
compare-taskwarrior.sh; see BENCHMARKS.md."""

import json
import sys
import uuid


def stamp(iso):
    """2026-11-26T09:00:00Z -> 20261126T090000Z, as taskwarrior writes dates."""
    return iso.replace("-", "").replace(":", "").split(".")[0].rstrip("Z") + "Z"


def task(case, closed_completed):
    contact = case["contact"]
    open_case = not closed_completed or case["state"] not in ("closed", "not-admissible")
    tags = [case["state"].replace("-", "_")]
    if case.get("handler"):
        tags.append("h_" + "".join(ch for ch in case["handler"] if ch.isalnum()))
    out = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, "klachtdesk:" + case["id"])),
        "description": f'{case["id"]} {contact["name"]}: {case["description"]}',
        "project": "".join(ch for ch in case["service"] if ch.isalnum()),
        "entry": stamp(case["registered_at"]),
        "status": "pending" if open_case else "completed",
        "tags": tags,
        "annotations": [
            {"entry": stamp(entry["at"]), "description": entry["text"]}
            for entry in case.get("contact_log", [])
        ],
    }
    if not open_case and case.get("closed_at"):
        out["end"] = stamp(case["closed_at"])
    elif not open_case:
        out["end"] = stamp(case["registered_at"])
    return out


def main():
    closed_completed = "--closed-completed" in sys.argv[1:]
    export = json.load(sys.stdin)
    for case in export["cases"]:
        print(json.dumps(task(case, closed_completed)))


if __name__ == "__main__":
    main()
