#!/usr/bin/env bash
# The one command behind docs/performance.md: builds the benchmarks, runs every measurement and writes the
# results into docs/performance.md between its result markers, replacing those of the previous run.
# Run from anywhere: `bash benchmarks/run.sh`. About 13 minutes on 2 cores (allow up to 25 on a slower machine).
# Needs JDK 17+, Maven and Node.js 20+ on the PATH. Benchmarks report; a failing step is named in the results,
# never fails a build.
#
# QUICK=1 shortens every measurement (for checking the script, not for numbers).
set -uo pipefail
cd "$(dirname "$0")/.."

OUT=benchmarks/target/results
rm -rf "$OUT"
mkdir -p "$OUT"
started=$(date +%s)
date -u '+%Y-%m-%d %H:%M UTC' > "$OUT/date.txt"
uptime | sed 's/^.*load average/load average/' > "$OUT/load-start.txt"
nproc > "$OUT/nproc.txt"
java -version 2>&1 | sed -n 2p > "$OUT/java-version.txt"

fail() {
  echo "$1" >> "$OUT/failures.txt"
  echo "benchmarks/run.sh: $1 failed; continuing" >&2
}

echo "== build" >&2
if ! mvn -B -ntp -q -Pbenchmarks -pl benchmarks -am -DskipTests package; then
  echo "benchmarks/run.sh: the build failed; nothing measured" >&2
  exit 1
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
LAMBDA_JAR=$(ls runtime/target/scoped-group-auth-runtime-*-lambda.jar | head -1)
EVENT=benchmarks/src/main/resources/sign-in-event.json
C1="-XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1"
C2="-XX:+UseSerialGC"
# The same classpath with the serialization library the runtime's tests use instead of the one the runtime
# interface client declares, for one comparison run.
NEWER_SERIALIZATION=$(ls benchmarks/target/newer-serialization/aws-lambda-java-serialization-*.jar | head -1)
CP_NEWER=$(echo "$CP" | tr ':' '\n' | sed "s#^.*/aws-lambda-java-serialization-[^/]*\.jar\$#$NEWER_SERIALIZATION#" | paste -sd:)

if [ "${QUICK:-}" = 1 ]; then
  JMH_RUN=(-f 1 -wi 1 -w 1 -i 2 -r 1); JMH_WARM=("${JMH_RUN[@]}"); NODE_RUN=(1 2 1); SAMPLES=1; SYNTH_SIZES=(10 100)
  CHECKSUM_SAMPLES=2
  echo "QUICK=1: shortened measurements, to check the script only" > "$OUT/quick.txt"
else
  JMH_RUN=(-f 2 -wi 4 -w 1 -i 5 -r 1); NODE_RUN=(4 10 1); SAMPLES=7; SYNTH_SIZES=(10 100 1000)
  CHECKSUM_SAMPLES=20
  # The warm invocation differs from fork to fork by a few per cent (compilation order), as much as the
  # differences it is meant to show, so it runs in more, shorter forks.
  JMH_WARM=(-f 6 -wi 3 -w 1 -i 3 -r 1)
fi
jmh() {
  java -cp "$CP" org.openjdk.jmh.Main "$@" -prof gc
}

echo "== (a) whole invocation through the serializer and the runtime's JSON logger: JMH, C1 and C2, WARN and DEBUG" >&2
AWS_LAMBDA_LOG_LEVEL=WARN jmh SerializedInvocationBenchmark "${JMH_WARM[@]}" -jvmArgsAppend "$C1" \
  -rf json -rff "$OUT/jmh-serialized-c1-warn.json" || fail "(a) JMH C1 WARN"
AWS_LAMBDA_LOG_LEVEL=DEBUG jmh SerializedInvocationBenchmark "${JMH_WARM[@]}" -jvmArgsAppend "$C1" \
  -rf json -rff "$OUT/jmh-serialized-c1-debug.json" || fail "(a) JMH C1 DEBUG"
AWS_LAMBDA_LOG_LEVEL=WARN jmh SerializedInvocationBenchmark "${JMH_WARM[@]}" -jvmArgsAppend "$C2" \
  -rf json -rff "$OUT/jmh-serialized-c2-warn.json" || fail "(a) JMH C2 WARN"
AWS_LAMBDA_LOG_LEVEL=WARN java -cp "$CP_NEWER" org.openjdk.jmh.Main SerializedInvocationBenchmark -p handler=scoped,trivial \
  "${JMH_WARM[@]}" -jvmArgsAppend "$C1" -prof gc -rf json -rff "$OUT/jmh-serialized-c1-warn-newer.json" \
  || fail "(a) JMH C1 WARN with the newer serialization library"
AWS_LAMBDA_LOG_LEVEL=WARN jmh SignInHandlerBenchmark "${JMH_RUN[@]}" -jvmArgsAppend "$C1" \
  -rf json -rff "$OUT/jmh-handler-alone.json" || fail "(a) JMH handler alone"
echo "== (a) the recipe's logic in Node.js" >&2
node benchmarks/node/warm.js "$EVENT" false "$OUT/node-logic.json" "${NODE_RUN[@]}" > /dev/null \
  || fail "(a) Node.js without the log line"
node benchmarks/node/warm.js "$EVENT" true "$OUT/node-shipped.json" "${NODE_RUN[@]}" > /dev/null \
  || fail "(a) Node.js as shipped"

echo "== (b) cold start and SnapStart path under the runtime interface client" >&2
java -cp "$CP" io.github.scopedgroupauth.examples.e2e.ColdStartBenchmark "$LAMBDA_JAR" "$OUT/drivers.jsonl" \
  "$SAMPLES" benchmarks/node "$EVENT" || fail "(b) cold start"

echo "== (d) init in a fresh JVM, and the existing JMH benchmarks with Lambda's flags" >&2
java -cp "$CP" io.github.scopedgroupauth.benchmarks.InitBenchmark "$OUT/drivers.jsonl" "$SAMPLES" \
  || fail "(d) init"
java -cp "$CP" io.github.scopedgroupauth.benchmarks.ChecksumInitBenchmark "$OUT/drivers.jsonl" "$CHECKSUM_SAMPLES" \
  || fail "(d) the checksum's first use"
AWS_LAMBDA_LOG_LEVEL=WARN jmh 'ScopePolicyDecideBenchmark|PreTokenGenerationHandlerBenchmark|PolicyFileReadBenchmark' \
  -f 1 -wi 3 -w 1 -i 4 -r 1 -jvmArgsAppend "$C1" -rf json -rff "$OUT/jmh-existing.json" || fail "(d) JMH"

echo "== (c) synthesis" >&2
java -cp "$CP" io.github.scopedgroupauth.benchmarks.SynthBenchmark "$OUT/drivers.jsonl" 3 "$LAMBDA_JAR" \
  "${SYNTH_SIZES[@]}" || fail "(c) synthesis"
# Where the construct's extra time goes: the requests each kind sends to jsii in one synthesis of 100 groups, in a
# fresh JVM (JSII_DEBUG=1 makes the kernel print every request). Counts, not times: the load does not move them.
for kind in construct handWired; do
  JSII_DEBUG=1 java -cp "$CP" io.github.scopedgroupauth.benchmarks.SynthBenchmark once "$kind" 100 "$LAMBDA_JAR" \
    > /dev/null 2> "$OUT/jsii-$kind.log" \
    && node benchmarks/node/jsii-requests.js "$OUT/jsii-$kind.log" "$OUT/jsii-$kind.json" \
    || fail "(c) jsii requests of $kind"
  rm -f "$OUT/jsii-$kind.log"
done

uptime | sed 's/^.*load average/load average/' > "$OUT/load-end.txt"
echo "$(( ($(date +%s) - started) / 60 )) minutes for the whole run" > "$OUT/duration.txt"
echo "== report" >&2
node benchmarks/node/report.js "$OUT" docs/performance.md "$LAMBDA_JAR" benchmarks/target/classpath.txt
