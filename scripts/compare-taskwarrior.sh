#!/usr/bin/env bash
# klachtdesk against taskwarrior on the same generated queue, in one run so
# that the machine's noise falls on both alike: `list` of everything, `list`
# of one service, and one write (a call logged / an annotation). The queue is
# made by `klachtdesk bench --generate N`, exported, and imported into a
# private taskwarrior data folder by to_taskwarrior.py. Needs taskwarrior
# (`task`, Debian's package) and hyperfine. See BENCHMARKS.md.
#
# klachtdesk is timed twice: alone (each command opens the database itself,
# as on a machine where nobody has a board open), and with a desk running
# (`klachtdesk serve`, as whenever an operator has a board open: commands
# are then answered by the desk).
#
#   scripts/compare-taskwarrior.sh [CASES] [RUNS]      (default 10000, 20)
set -euo pipefail
cases="${1:-10000}"
runs="${2:-20}"
here="$(cd "$(dirname "$0")" && pwd)"
exe="${KLACHTDESK:-$here/../target/release/klachtdesk}"
for tool in task hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install taskwarrior hyperfine)" >&2; exit 2; }
done
[ -x "$exe" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work="$(mktemp -d /tmp/klachtdesk-vs-task-XXXXXX)"
desk=""
trap '[ -n "$desk" ] && kill "$desk" 2>/dev/null; rm -rf "$work"' EXIT

export KLACHTDESK_DB="$work/db"
export KLACHTDESK_CONFIG="$work/config.toml"
# No automatic backup: the first write of the day would copy the database.
printf '[backup]\nenabled = false\n' > "$KLACHTDESK_CONFIG"
"$exe" bench --generate "$cases" --dir "$KLACHTDESK_DB" >/dev/null
"$exe" export --all --out "$work/cases.json" >/dev/null

export TASKDATA="$work/task" TASKRC="$work/taskrc"
mkdir -p "$TASKDATA"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$TASKDATA" > "$TASKRC"
python3 "$here/to_taskwarrior.py" < "$work/cases.json" > "$work/tasks.json"
task import "$work/tasks.json" >/dev/null 2>&1

open_case="$("$exe" list 2>/dev/null | awk '/^K-/ && !found {print $1; found=1}')"
first_task="$(task _ids 2>/dev/null | awk 'NR==1')"
echo "$cases cases; klachtdesk logs on $open_case, taskwarrior annotates task $first_task" >&2

hyperfine --warmup 3 --runs "$runs" --style basic --export-markdown "$work/result.md" \
  -n 'klachtdesk list --all' "$exe list --all" \
  -n 'task list' "task list" \
  -n 'klachtdesk list --service Consultancy' "$exe list --service Consultancy" \
  -n 'task project:Consultancy list' "task project:Consultancy list" \
  -n 'klachtdesk log' "$exe log $open_case --kind call --text 'Caller rang again.'" \
  -n 'task annotate' "task $first_task annotate 'Caller rang again.'" >&2
cat "$work/result.md"

"$exe" serve >/dev/null 2>&1 &
desk=$!
for _ in $(seq 100); do [ -S "$(dirname "$KLACHTDESK_DB")/.db.sock" ] && break; sleep 0.1; done
echo "with a desk running (pid $desk)" >&2
hyperfine --warmup 3 --runs "$runs" --style basic --export-markdown "$work/desk.md" \
  -n 'klachtdesk list --all (desk)' "$exe list --all" \
  -n 'task list' "task list" \
  -n 'klachtdesk list --service Consultancy (desk)' "$exe list --service Consultancy" \
  -n 'task project:Consultancy list' "task project:Consultancy list" \
  -n 'klachtdesk log (desk)' "$exe log $open_case --kind call --text 'Caller rang again.'" \
  -n 'task annotate' "task $first_task annotate 'Caller rang again.'" >&2
cat "$work/desk.md"
