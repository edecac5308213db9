#!/bin/sh
# export --group-by on a sweep written here (3 learning rates x 3 seeds,
# one seed logging every 10 steps and stopping early, so steps must be
# aligned): every row matches mean, std, min, max and n worked out by
# python3 from the plain export, by the rule the README gives (the union
# of steps; a run counts where it covers a step, interpolated between its
# points). JSON carries the same numbers; the groups by a hyperparameter
# on real logs; a bad spec is a usage error.
. "$TB_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
W="$TB_BUILDDIR/tests/tools/tbwrite"
T=$(tb_tmpdir); trap 'rm -rf "$T"' EXIT INT TERM
for lr in 0.1 0.03 0.01; do for seed in 1 2 3; do
	d="$T/sweep/lr${lr}_seed$seed"; mkdir -p "$d"
	awk -v lr=$lr -v seed=$seed 'BEGIN { srand(seed * 7 + lr * 1000); print "header 1700000000"
		every = seed == 3 ? 10 : 5; last = seed == 3 ? 150 : 200
		for (s = 0; s <= last; s += every) {
			v = exp(-lr * s * 0.3) * (1 + 0.25 * (seed - 2)) + 0.03 * rand()
			printf "scalar train/loss %d %.6f %d\n", s, v, 1700000000 + s
			if (s % 20 == 0) printf "double eval/acc %d %.9f %d\n", s, 1 - v / 2, 1700000000 + s
		} }' | "$W" "$d/events.out.tfevents.1.host"
done; done
SPEC='~^lr([0-9.]+)_seed'
"$TB_BIN" export --logdir "$T/sweep" >"$T/plain.csv"
"$TB_BIN" export --logdir "$T/sweep" --group-by "$SPEC" >"$T/group.csv"
check "export --group-by exits 0" test $? -eq 0
check "header run,tag,step,mean,std,min,max,n" test "$(head -1 "$T/group.csv")" = "run,tag,step,mean,std,min,max,n"
check "three groups, named by the capture" test "$(tail -n +2 "$T/group.csv" | cut -d, -f1 | sort -u | tr '\n' ' ')" = "0.01 0.03 0.1 "
out=$(python3 - "$T/plain.csv" "$T/group.csv" <<'PY'
import csv, math, re, sys
from collections import defaultdict
series = defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    series[(r["run"], r["tag"])].append((int(r["step"]), float(r["value"])))
groups = defaultdict(list)
for (run, tag), pts in series.items():
    groups[(re.match(r"^lr([0-9.]+)_seed", run).group(1), tag)].append(sorted(pts))
def at(pts, s):
    if s < pts[0][0] or s > pts[-1][0]:
        return None
    for i, (st, v) in enumerate(pts):
        if st == s:
            return v
        if st > s:
            (s0, v0) = pts[i - 1]
            return v0 + (v - v0) * (s - s0) / (st - s0)
want = {}
for (g, tag), runs in groups.items():
    for s in sorted({st for pts in runs for st, _ in pts}):
        vals = [x for x in (at(p, s) for p in runs) if x is not None]
        m = sum(vals) / len(vals)
        sd = math.sqrt(sum((x - m) ** 2 for x in vals) / len(vals))
        want[(g, tag, s)] = (m, sd, min(vals), max(vals), len(vals))
got = {}
for r in csv.DictReader(open(sys.argv[2])):
    got[(r["run"], r["tag"], int(r["step"]))] = tuple(float(r[k]) for k in ("mean", "std", "min", "max")) + (int(r["n"]),)
bad = [k for k in want if k not in got or got[k][4] != want[k][4] or
       any(abs(a - b) > 1e-6 * max(1, abs(b)) for a, b in zip(got[k][:4], want[k][:4]))]
print(len(want), len(got), len(bad), sum(1 for k in want if want[k][4] < 3), "first wrong:", bad[:1],
      [got.get(k) for k in bad[:1]], [want[k] for k in bad[:1]])
PY
)
diag "$out"
set -- $out
check "every row matches the hand computation ($1 rows, $3 wrong)" test "$1" -gt 150 -a "$1" = "$2" -a "$3" = 0
check "steps where the early-stopping seed is gone count 2 runs ($4 rows)" test "$4" -gt 10
"$TB_BIN" export --logdir "$T/sweep" --group-by "$SPEC" --format json --tag acc >"$T/group.json"
check "JSON: the same rows as CSV" python3 -c "
import csv, json, sys
j = json.load(open('$T/group.json'))
c = [r for r in csv.DictReader(open('$T/group.csv')) if r['tag'] == 'eval/acc']
ok = len(j) == len(c) > 0 and all(a['run'] == b['run'] and a['step'] == int(b['step']) and a['n'] == int(b['n'])
    and all(a[k] == float(b[k]) for k in ('mean', 'std', 'min', 'max')) for a, b in zip(j, c))
sys.exit(0 if ok else 1)"
"$TB_BIN" export --logdir "$T/sweep" --group-by '~(a' >/dev/null 2>"$T/err"
check "a bad regex: exit 2" test $? -eq 2
check "a bad regex: named" grep -q -- "--group-by: bad regex" "$T/err"
# a hyperparameter on real logs: TensorBoard's hparams tutorial
D="${TB_REALDATA:-/nonexistent}/tfevents/TheCodeheadMT__TensorBoard-Tutorial"
if [ -d "$D" ]; then
	g=$("$TB_BIN" export --logdir "$D" --group-by optimizer --tag batch_loss | tail -n +2 | cut -d, -f1 | sort -u | tr '\n' ' ')
	check "--group-by optimizer on the hparams tutorial: adam, rmsprop, sgd ($g)" \
		test "$g" = "optimizer=adam optimizer=rmsprop optimizer=sgd "
	g=$("$TB_BIN" export --logdir "$D" --group-by=-units --tag batch_loss | tail -n +2 | cut -d, -f1 | sort -u | head -1)
	check "--group-by -units: the other keys that differ name the groups ($g)" test "$g" = "dropout=0.2 optimizer=adam"
else
	skip "realdata absent"; skip "realdata absent"
fi
done_testing
