"""Reads schemathesis' NDJSON events (tools/api-check.sh) and fails unless every operation of
the document was reached past the token check: every read answered 200 at least once, and
every write answered something other than 401 and 429 (its input was judged). A run whose
every answer was a refusal would show conformance of the refusals only."""

import collections
import json
import sys

METHODS = {"GET", "PUT", "POST", "PATCH", "DELETE"}


def answers(path):
    seen = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished["recorder"]
            # Stateful scenarios chain operations; their calls count under each operation's
            # own label when it is one ("GET /api/v1/groups").
            if recorder["label"].split(" ", 1)[0] not in METHODS:
                continue
            for case_id, interaction in recorder.get("interactions", {}).items():
                response = interaction.get("response")
                case = recorder["cases"][case_id]["value"]
                if response:
                    seen[recorder["label"]][(case["method"], response["status_code"])] += 1
    return seen


def main():
    seen = answers(sys.argv[1])
    problems = []
    for label, statuses in sorted(seen.items()):
        method = label.split(" ", 1)[0]
        own = {status: n for (m, status), n in statuses.items() if m == method}
        summary = ", ".join(f"{status}×{n}" for status, n in sorted(own.items()))
        print(f"[api-check] {label}: {summary}")
        if method == "GET" and 200 not in own:
            problems.append(f"{label} never answered 200")
        if method != "GET" and not any(s not in (401, 429) for s in own):
            problems.append(f"{label} never got past the token check")
    if not seen:
        problems.append("no answers were recorded")
    for problem in problems:
        print(f"[api-check] ERROR: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
