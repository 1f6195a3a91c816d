#!/usr/bin/env bash
# Times `sipvista analyze` against tshark and sngrep on synthetic captures (issue 7), and the start of
# `./sipvista frames` on the small included capture against tshark listing its frames and sngrep loading it.
#
# Generates the workloads with the testkit's SyntheticCalls (deterministic, seed 1) into a work directory, then
# runs every tool on the same files, alternating tools and workloads, N runs each, and prints per tool and workload:
# median wall time, MB/s, SIP messages/s, peak RSS, and sipvista's speed relative to each peer (the peer's median
# wall time divided by sipvista's: above 1 sipvista is faster). With --readme it also rewrites the results table in
# README.md between the bench markers. A tool that is not installed is skipped, and the output says so.
#
# Needs: java 17, GNU time (/usr/bin/time, Debian package `time`), the built jars (built here with Maven if
# missing); optional: tshark, sngrep.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]
  --full                 the issue's sizes: RTP-heavy ~1 GB (1,600 calls, ~300 up at once, 30 s of media),
                         signalling-only 200,000 messages, concurrency sweep 100,1000,10000 (25,000 calls, 1 s of
                         media each). Default: small sizes that run in a few minutes on 2 cores.
  --runs N               timed runs per tool and workload (default 3)
  --work DIR             where the captures go (default ${TMPDIR:-/tmp}/sipvista-bench); kept and reused
  --workloads LIST       any of rtp,sig,sweep,start (default all four; start: `./sipvista frames` on the
                         included capture, 5 timed runs for each of --runs, against `tshark -n -r` and sngrep)
  --tools LIST           any of sipvista,tshark-sip,tshark-rtp,sngrep (default all; missing ones are skipped)
  --rtp CALLS,UP,SECONDS RTP-heavy workload: calls, calls up at once, seconds of media (default 120,30,10)
  --sig MESSAGES         signalling-only workload: about this many SIP messages (default 20000)
  --sweep LEVELS         concurrency sweep: calls up at once, comma-separated (default 100,1000)
  --sweep-calls N        calls per sweep capture (default 2500)
  --sweep-seconds S      seconds of media per sweep call (default 1)
  --timeout S            stop a run after S seconds and report the tool as slower than that (default: none;
                         --full sets 600, since sngrep slows down with the number of calls up at once)
  --readme               rewrite the table in README.md between <!-- bench:start --> and <!-- bench:end -->
  -h, --help             this text
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=3
work="${TMPDIR:-/tmp}/sipvista-bench"
workloads="rtp,sig,sweep,start"
tools="sipvista,tshark-sip,tshark-rtp,sngrep"
rtp_spec="120,30,10"
sig_messages=20000
sweep_levels="100,1000"
sweep_calls=2500
sweep_seconds=1
readme=0
size=small
timeout_s=0

while [ $# -gt 0 ]; do
  case "$1" in
    --full) size=full; rtp_spec="1600,300,30"; sig_messages=200000; sweep_levels="100,1000,10000"
            sweep_calls=25000; sweep_seconds=1; [ "$timeout_s" != 0 ] || timeout_s=600 ;;
    --timeout) timeout_s="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --work) work="$2"; shift ;;
    --workloads) workloads="$2"; shift ;;
    --tools) tools="$2"; shift ;;
    --rtp) rtp_spec="$2"; size=custom; shift ;;
    --sig) sig_messages="$2"; size=custom; shift ;;
    --sweep) sweep_levels="$2"; size=custom; shift ;;
    --sweep-calls) sweep_calls="$2"; size=custom; shift ;;
    --sweep-seconds) sweep_seconds="$2"; size=custom; shift ;;
    --readme) readme=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

case "$runs" in ''|*[!0-9]*|0) echo "bench: --runs needs a positive number" >&2; exit 2 ;; esac
case "$timeout_s" in ''|*[!0-9]*) echo "bench: --timeout needs a number of seconds" >&2; exit 2 ;; esac
for w in ${workloads//,/ }; do
  case "$w" in rtp|sig|sweep|start) ;;
    *) echo "bench: unknown workload $w (rtp, sig, sweep, start)" >&2; exit 2 ;; esac
done
for t in ${tools//,/ }; do
  case "$t" in sipvista|tshark-sip|tshark-rtp|sngrep) ;;
    *) echo "bench: unknown tool $t (sipvista, tshark-sip, tshark-rtp, sngrep)" >&2; exit 2 ;; esac
done
has() { case ",$1," in *",$2,"*) return 0 ;; *) return 1 ;; esac; }

gnu_time=/usr/bin/time
if ! "$gnu_time" -f '%M' true >/dev/null 2>&1; then
  echo "bench: GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install time)" >&2
  exit 1
fi

# --- build what is missing -----------------------------------------------------------------------------------
jar="$root/sipvista-cli/target/sipvista.jar"
gen_cp="$root/sipvista-testkit/target/classes"
if [ ! -f "$gen_cp/io/sipvista/testkit/SyntheticCalls.class" ] || [ ! -f "$jar" ]; then
  echo "bench: building sipvista (mvn package, tests skipped)..." >&2
  (cd "$root" && mvn -q -B -Dmaven.test.skip=true -pl sipvista-cli -am package) >&2
fi
"$root/sipvista" --version >/dev/null 2>&1 || true   # rebuilds the jar when it is older than the sources

# --- the tools -----------------------------------------------------------------------------------------------
available=()
skipped=()
for t in sipvista tshark-sip tshark-rtp sngrep; do
  has "$tools" "$t" || continue
  case "$t" in
    sipvista) available+=("$t") ;;
    tshark-sip|tshark-rtp)
      if command -v tshark >/dev/null 2>&1; then available+=("$t"); else skipped+=("$t (tshark not installed)"); fi ;;
    sngrep)
      if command -v sngrep >/dev/null 2>&1; then available+=("$t"); else skipped+=("$t (sngrep not installed)"); fi ;;
  esac
done
# the command line of a tool on file $2 of workload $3, into the array cmd: for sipvista the java command that
# ./sipvista would exec (its class-data archive was made beside the jar by its first run above, outside the
# timings); the start workload times what a user types: the launcher itself, its checks included
command_of() {
  local tool="$1" file="$2" workload="${3:-}"
  if [ "$workload" = start ]; then
    case "$tool" in
      sipvista) cmd=("$root/sipvista" frames "$file") ;;
      tshark-sip) cmd=(tshark -n -r "$file") ;;
      sngrep) cmd=(sngrep -N -q -I "$file") ;;
      *) cmd=() ;;
    esac
    return
  fi
  case "$tool" in
    # the java command the launcher would run (its JVM options for this file, SIPVISTA_JAVA_OPTS included)
    sipvista) mapfile -t cmd < <(SIPVISTA_DRY_RUN=1 "$root/sipvista" analyze "$file") ;;
    tshark-sip) cmd=(tshark -q -n -r "$file" -z sip,stat) ;;
    tshark-rtp) cmd=(tshark -q -n -r "$file" -z rtp,streams) ;;
    sngrep) cmd=(sngrep -N -q -l 1000000 -I "$file") ;;
  esac
}
label_of() {
  if [ "${2:-}" = start ]; then
    case "$1" in
      sipvista) echo "./sipvista frames" ;;
      tshark-sip) echo "tshark -n -r" ;;
      sngrep) echo "sngrep -N -q -I" ;;
    esac
    return
  fi
  case "$1" in
    sipvista) echo "sipvista analyze" ;;
    tshark-sip) echo "tshark -z sip,stat" ;;
    tshark-rtp) echo "tshark -z rtp,streams" ;;
    sngrep) echo "sngrep -N -q -l 1000000 -I" ;;
  esac
}

# --- the workloads -------------------------------------------------------------------------------------------
mkdir -p "$work"
names=()
declare -A file_of desc_of sip_of
generate() { # name file calls rate hold flags description
  local name="$1" file="$2" calls="$3" rate="$4" hold="$5" flags="$6" desc="$7"
  if [ ! -s "$file" ] || [ ! -s "$file.tally" ]; then
    echo "bench: generating $name ($desc)..." >&2
    java -cp "$gen_cp" io.sipvista.testkit.SyntheticCalls "$file" "$calls" "$rate" "$hold" "$flags" > "$file.tally"
  fi
  names+=("$name")
  file_of[$name]="$file"
  desc_of[$name]="$desc"
  # "N frames: S SIP, R RTP, C RTCP"
  sip_of[$name]="$(awk '{print $3}' "$file.tally")"
}

if has "$workloads" rtp; then
  IFS=, read -r rc ru rs <<<"$rtp_spec"
  generate rtp "$work/rtp-$rc-$ru-$rs.pcap" "$rc" 10 "$rs" "media,rtcp,register,notfound=0.05,concurrent=$ru" \
    "RTP-heavy: $rc calls, ~$ru up at once, $rs s of G.711 both ways with RTCP"
fi
if has "$workloads" sig; then
  # about 10.8 SIP messages per call: 4 for the registration, 7 for an answered call
  sc=$(( (sig_messages * 10 + 107) / 108 ))
  generate sig "$work/sig-$sig_messages.pcap" "$sc" 10 30 "register,notfound=0.05,concurrent=1000" \
    "signalling only: $sc calls (~$sig_messages messages), ~1,000 up at once"
fi
if has "$workloads" sweep; then
  IFS=, read -r -a levels <<<"$sweep_levels"
  for up in "${levels[@]}"; do
    generate "sweep-$up" "$work/sweep-$sweep_calls-$sweep_seconds-$up.pcap" "$sweep_calls" 10 "$sweep_seconds" \
      "media,rtcp,register,notfound=0.05,concurrent=$up" \
      "sweep: $sweep_calls calls, ~$up up at once, $sweep_seconds s of media"
  done
fi
if has "$workloads" start; then
  names+=(start)
  file_of[start]="$root/examples/sip-register-and-call.pcap"
  desc_of[start]="start-up: the included 78-frame capture, frame by frame (5 timed runs for each run)"
  sip_of[start]=72
fi
[ "${#names[@]}" -gt 0 ] || { echo "bench: no workload chosen" >&2; exit 2; }
[ "${#available[@]}" -gt 0 ] || { echo "bench: no tool to run" >&2; exit 2; }
for n in "${names[@]}"; do cat "${file_of[$n]}" > /dev/null; done   # warm the page cache

# --- the runs: alternating tools and workloads ---------------------------------------------------------------
results="$work/results.tsv"
: > "$results"
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
declare -A failed
count=${#available[@]}
for ((r = 1; r <= runs; r++)); do
  for n in "${names[@]}"; do
    for ((k = 0; k < count; k++)); do
      t="${available[$(( (k + r - 1) % count ))]}"   # a different tool goes first each run
      command_of "$t" "${file_of[$n]}" "$n"
      [ "${#cmd[@]}" -gt 0 ] || continue   # no such run on this workload (tshark's RTP tap at start-up)
      repeat=1
      [ "$n" != start ] || repeat=5
      for ((i = 1; i <= repeat; i++)); do
        echo "bench: run $r/$runs  $n  $(label_of "$t" "$n")" >&2
        limit=()
        [ "$timeout_s" = 0 ] || limit=(timeout -s KILL "$timeout_s")
        start=$(date +%s%N)
        if "$gnu_time" -f '%M' -o "$tmp/rss" ${limit[@]+"${limit[@]}"} "${cmd[@]}" > /dev/null 2> "$tmp/err"; then
          end=$(date +%s%N)
          printf '%s\t%s\t%s\t%s\n' "$n" "$t" "$(( end - start ))" "$(tail -1 "$tmp/rss")" >> "$results"
        elif [ "$timeout_s" != 0 ] && [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$timeout_s" ]; then
          # stopped at the limit: counted as taking the limit, and shown as "more than" it
          printf '%s\t%s\t%s\t%s\ttimeout\n' "$n" "$t" "$(( timeout_s * 1000000000 ))" "0" >> "$results"
          echo "bench: $(label_of "$t" "$n") stopped after $timeout_s s on $n" >&2
        else
          failed[$n/$t]="$(tail -3 "$tmp/err" | tr '\n' ' ')"
          echo "bench: $(label_of "$t" "$n") failed on $n: ${failed[$n/$t]}" >&2
        fi
      done
    done
  done
done

# --- the table -----------------------------------------------------------------------------------------------
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2];
  else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
table="$tmp/table.md"
{
  echo "| workload | capture | tool | median wall | MB/s | SIP msg/s | peak RSS | sipvista's speed ÷ this tool's |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
  for n in "${names[@]}"; do
    bytes=$(stat -c %s "${file_of[$n]}")
    sip=${sip_of[$n]}
    sv_wall=$(awk -F'\t' -v n="$n" '$1 == n && $2 == "sipvista" {print $3}' "$results" | median)
    sv_over=$(awk -F'\t' -v n="$n" '$1 == n && $2 == "sipvista" && $5 == "timeout" {c++} END {print c + 0}' "$results")
    for t in "${available[@]}"; do
      command_of "$t" "${file_of[$n]}" "$n"
      [ "${#cmd[@]}" -gt 0 ] || continue
      wall=$(awk -F'\t' -v n="$n" -v t="$t" '$1 == n && $2 == t {print $3}' "$results" | median)
      rss=$(awk -F'\t' -v n="$n" -v t="$t" '$1 == n && $2 == t && $5 != "timeout" {print $4}' "$results" | median)
      over=$(awk -F'\t' -v n="$n" -v t="$t" '$1 == n && $2 == t && $5 == "timeout" {c++} END {print c + 0}' \
        "$results")
      if [ -z "$wall" ]; then
        echo "| $n | | $(label_of "$t" "$n") | failed | | | | |"
        continue
      fi
      awk -v n="$n" -v desc="${desc_of[$n]}" -v tool="$(label_of "$t" "$n")" -v t="$t" -v wall="$wall" -v rss="$rss" \
          -v bytes="$bytes" -v sip="$sip" -v sv="$sv_wall" -v over="$over" -v sv_over="$sv_over" 'BEGIN {
        s = wall / 1e9
        gt = over > 0 ? "> " : ""   # a run stopped at the limit: the median is a lower bound
        lt = over > 0 ? "< " : ""
        bound = over > 0 && sv_over > 0 ? "~ " : over > 0 ? "> " : sv_over > 0 ? "< " : ""
        ratio = (t == "sipvista") ? "—" : (sv == "" ? "n/a" : sprintf("%s%.2f×", bound, wall / sv))
        size = bytes < 1e6 ? sprintf("%.0f kB", bytes / 1e3) : sprintf("%.1f MB", bytes / 1e6)
        printf "| %s | %s, %d SIP msgs | %s | %s%.2f s | %s%.1f | %s%.0f | %s | %s |\n",
          n, size, sip, tool, gt, s, lt, bytes / 1e6 / s, lt, sip / s,
          rss == "" ? "—" : sprintf("%.0f MB", rss / 1024), ratio
      }'
    done
  done
} > "$table"

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu" ] || cpu=$(lscpu 2>/dev/null | awk -F': +' '/Model name/ {print $2; exit}' || true)
ram=$(awk '/^MemTotal/ {printf "%.0f GB", $2 / 1024 / 1024}' /proc/meminfo 2>/dev/null || echo "? GB")
machine="$(nproc) cores, ${cpu:-unknown CPU}, $ram RAM"
java_version=$(java -version 2>&1 | head -1)
tshark_version=$(command -v tshark >/dev/null 2>&1 && tshark --version 2>/dev/null | head -1 | sed 's/ *(Git.*//; s/\.$//' \
  || echo "tshark absent")
sngrep_version=$(command -v sngrep >/dev/null 2>&1 && sngrep -V 2>/dev/null | head -1 || echo "sngrep absent")
when=$(date -u +%Y-%m-%d)
invocation="bench/run.sh"
[ "$size" != full ] || invocation="bench/run.sh --full"
summary="Measured $when on $machine ($java_version; $tshark_version; $sngrep_version): \`$invocation\`, $size sizes,\
 median of $runs runs each, warm page cache, load average $load_before before the runs, peak RSS from GNU time."
notes=""
for s in "${skipped[@]+"${skipped[@]}"}"; do notes+="Skipped: $s. "; done
for k in "${!failed[@]}"; do notes+="Failed: $k. "; done
while IFS=$'\t' read -r n t; do
  notes+="Stopped at the ${timeout_s} s limit: $(label_of "$t" "$n") on $n (shown as more than the limit). "
done < <(awk -F'\t' '$5 == "timeout" {print $1 "\t" $2}' "$results" | sort -u)

echo
echo "$summary"
[ -z "$notes" ] || echo "$notes"
echo
for n in "${names[@]}"; do echo "  $n: ${desc_of[$n]} (${file_of[$n]})"; done
echo
cat "$table"

if [ "$readme" = 1 ]; then
  readme_file="$root/README.md"
  if ! grep -q '<!-- bench:start -->' "$readme_file" || ! grep -q '<!-- bench:end -->' "$readme_file"; then
    echo "bench: README.md has no <!-- bench:start --> / <!-- bench:end --> markers" >&2
    exit 1
  fi
  {
    echo "$summary"
    [ -z "$notes" ] || { echo; echo "$notes"; }
    echo
    for n in "${names[@]}"; do echo "* \`$n\`: ${desc_of[$n]}"; done
    echo
    cat "$table"
  } > "$tmp/block"
  awk -v block="$tmp/block" '
    /<!-- bench:start -->/ {print; while ((getline line < block) > 0) print line; skip = 1; next}
    /<!-- bench:end -->/ {skip = 0}
    !skip {print}' "$readme_file" > "$tmp/readme" && cat "$tmp/readme" > "$readme_file"
  echo "bench: README.md table rewritten" >&2
fi
