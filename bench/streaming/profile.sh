#!/usr/bin/env bash
# Profiles the engine adapter (after ./run.sh has built the harness and copied the engine JAR):
#   S1 (one 200,000-chunk stream) and S2 (sequential 3-chunk requests) under JFR, summarised by
#   bench.harness.JfrSummary; and the live heap of K open streams by class (bench.harness.Footprint)
#   for the engine and the apache-async baseline.
#
#   ./profile.sh                      # everything; output in target/profile/
#   ADAPTER=apache-async ./profile.sh # profile another adapter (focus package then: org.apache)
#
# Every JVM is wrapped in `timeout`; the firehose server is this script's child and is stopped by
# its pid at the end.
set -euo pipefail
cd "$(dirname "$0")"
[[ -f target/run-classpath.txt ]] || { echo "run ./run.sh (or QUICK=1 SCENARIOS=S0 ./run.sh) first"; exit 1; }
CP=$(cat target/run-classpath.txt)
JAVA=${JAVA:-java}
ADAPTER=${ADAPTER:-engine}
FOCUS=${FOCUS:-dev.providers.engine}
OUT=target/profile
mkdir -p "$OUT"
WORKER_OPTS=${BENCH_WORKER_JVM_OPTS:--Xmx2g -XX:+UseG1GC}

rm -f "$OUT/server.port"
timeout 1200 "$JAVA" -Xmx1g -XX:+UseSerialGC -Dfirehose.watchStdin=false -cp "$CP" bench.server.FirehoseServer \
  --port 0 --loops 2 --port-file "$OUT/server.port" --max-seconds 1200 > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s "$OUT/server.port" ]] && break; sleep 0.1; done
port=$(cat "$OUT/server.port")
echo "firehose pid $server on 127.0.0.1:$port; adapter $ADAPTER; loadavg $(cat /proc/loadavg)"

echo "== S1 under JFR (2 warm-up + 6 measured streams of 200,000 chunks)"
timeout 300 "$JAVA" $WORKER_OPTS -XX:StartFlightRecording=filename=$OUT/s1-$ADAPTER.jfr,settings=profile \
  -cp "$CP" bench.harness.Worker S1 "$ADAPTER" "$port" chunks=200000 warmup=2 iters=6 > "$OUT/s1-$ADAPTER.log" 2>&1
"$JAVA" -cp "$CP" bench.harness.JfrSummary "$OUT/s1-$ADAPTER.jfr" "$FOCUS" 25 > "$OUT/s1-$ADAPTER-all-threads.md"
"$JAVA" -cp "$CP" bench.harness.JfrSummary "$OUT/s1-$ADAPTER.jfr" "$FOCUS" 25 'providers-.*|I/O dispatcher.*|httpclient-dispatch.*' \
  > "$OUT/s1-$ADAPTER-client-threads.md"

echo "== S2 under JFR (1,000 warm-up + 20,000 sequential requests)"
timeout 300 "$JAVA" $WORKER_OPTS -XX:StartFlightRecording=filename=$OUT/s2-$ADAPTER.jfr,settings=profile \
  -cp "$CP" bench.harness.Worker S2 "$ADAPTER" "$port" warmup=1000 requests=20000 > "$OUT/s2-$ADAPTER.log" 2>&1
"$JAVA" -cp "$CP" bench.harness.JfrSummary "$OUT/s2-$ADAPTER.jfr" "$FOCUS" 30 > "$OUT/s2-$ADAPTER-all-threads.md"

echo "== live heap per open stream (K=1000), $ADAPTER and apache-async"
for a in apache-async "$ADAPTER"; do
  timeout 180 "$JAVA" $WORKER_OPTS -cp "$CP" bench.harness.Footprint "$a" "$port" k=1000 top=40 \
    > "$OUT/footprint-$a.md" 2> "$OUT/footprint-$a.log"
  head -2 "$OUT/footprint-$a.md"
done
echo "== summaries in $OUT/"
ls "$OUT"/*.md
