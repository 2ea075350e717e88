"""The plain Python script yishi is measured against (see count.mjs): exact integer sums."""
import csv
import json
import sys


def centi(s):
    i, _, f = s.partition(".")
    return int(i) * 100 + int((f + "00")[:2])


def rows(path):
    if path.endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


units_file, ballots_file = sys.argv[1:3]
units = rows(units_file)
if isinstance(units, dict):
    units = units["units"]
ballots = rows(ballots_file)
area = {}
for u in units:
    owner = "developer" if u.get("status") in ("unsold", "undelivered") else u["owner"]
    area[owner] = area.get(owner, 0) + centi(u["area"])
sums = {k: [0, 0] for k in ("agree", "oppose", "abstain", "invalid")}
for b in ballots:
    s = sums[b["choice"]]
    s[0] += area[b["owner"]]
    s[1] += 1


def fmt(c):
    return f"{c // 100}.{c % 100:02d}"


out = {"total": {"area": fmt(sum(area.values())), "owners": len(area)}}
for k, (a, n) in sums.items():
    out[k] = {"area": fmt(a), "owners": n}
print(json.dumps(out, separators=(",", ":")))
