'use strict';
// The warm, in-process counterpart of the JMH benchmark SerializedInvocationBenchmark: one invocation is the
// event's JSON bytes parsed, handled and the result serialized back to bytes, as the Node.js runtime does
// around a handler. Warm-up, then measured rounds of a fixed time; each round gives the mean time per
// invocation, like a JMH iteration. Usage: node warm.js EVENT_FILE LOG_EVENT(true|false) RESULT_FILE
// [warmupSeconds] [rounds] [roundSeconds]. Standard output carries the logged events: send it to /dev/null.
const fs = require('fs');
const { handle } = require('./recipe-logic');

const [eventFile, logArg, resultFile] = process.argv.slice(2);
const warmupSeconds = Number(process.argv[5] || 4);
const rounds = Number(process.argv[6] || 6);
const roundSeconds = Number(process.argv[7] || 1);
const logEvent = logArg === 'true';
const body = fs.readFileSync(eventFile);

let sink = 0;
function invoke() {
  const result = handle(JSON.parse(body.toString('utf8')), logEvent);
  sink += Buffer.from(JSON.stringify(result), 'utf8').length;
}

function round(seconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let count = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) {
      invoke();
    }
    count += 100;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / 1000 / count;
}

round(warmupSeconds);
const microseconds = [];
for (let i = 0; i < rounds; i++) {
  microseconds.push(round(roundSeconds));
}
fs.writeFileSync(resultFile, JSON.stringify({ logEvent, unit: 'us/op', samples: microseconds, sink }) + '\n');
