#!/usr/bin/env bash
# Measures the web page (`sipvista serve`) on a generated capture of about 1 GB (issue 6): starts the server as its own
# process, opens the page in headless Chromium and times the first view, the overview, the timeline, jumps, a filter
# and a scroll sweep (io.sipvista.cli.browser.PageTiming). With --readme it rewrites the table in README.md between
# <!-- page:start --> and <!-- page:end -->.
#
# Needs: java 17, Maven, chromium + chromium-driver (Debian), about 1 GB free in the work directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${TMPDIR:-/tmp}/sipvista-bench"
calls=1600; rate=10; hold=30
readme=0
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift ;;
    --calls) calls="$2"; shift ;;
    --readme) readme=1 ;;
    -h|--help) echo "usage: bench/page.sh [--work DIR] [--calls N (default 1600: ~1 GB)] [--readme]"; exit 0 ;;
    *) echo "bench/page.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
cd "$root"
mvn -q -B -DskipTests install -pl sipvista-testkit,sipvista-core,sipvista-cli -am >/dev/null
cp_file="$(mktemp)"; trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -pl sipvista-cli -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
mkdir -p "$work"
capture="$work/page-$calls.pcap"
if [ ! -s "$capture" ]; then
  java -cp sipvista-testkit/target/classes io.sipvista.testkit.SyntheticCalls "$capture" "$calls" "$rate" "$hold" \
    media,rtcp,register >&2
fi
size_mb=$(( $(stat -L -c %s "$capture") / 1000000 ))
table="$(java -cp "sipvista-cli/target/test-classes:$(cat "$cp_file")" io.sipvista.cli.browser.PageTiming \
  "$root/sipvista" "$capture")"
cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
header="Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(java -version 2>&1 | sed -n 1p), $(chromium --version 2>/dev/null | sed -n 1p): \`bench/page.sh\` on a generated capture of ${size_mb} MB ($calls calls with G.711 both ways and RTCP, ~$((rate * hold)) up at once), warm page cache."
printf '%s\n\n%s\n' "$header" "$table"
if [ "$readme" = 1 ]; then
  python3 - "$root/README.md" "$header" "$table" <<'PY'
import sys
path, header, table = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
start, end = "<!-- page:start -->", "<!-- page:end -->"
if start not in text or end not in text:
    sys.exit("README.md has no page markers")
a = text.index(start) + len(start)
b = text.index(end)
open(path, "w", encoding="utf-8").write(text[:a] + "\n" + header + "\n\n" + table + "\n" + text[b:])
PY
fi
