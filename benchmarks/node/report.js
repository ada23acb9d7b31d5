'use strict';
// Writes the results of benchmarks/run.sh into docs/performance.md, between the markers
// "<!-- results:start -->" and "<!-- results:end -->", replacing what a previous run wrote there.
// Usage: node report.js RESULTS_DIR DOC_FILE LAMBDA_JAR CLASSPATH_FILE
const fs = require('fs');
const os = require('os');
const path = require('path');

const [dir, docFile, lambdaJar, classpathFile] = process.argv.slice(2);
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

function readJson(name) {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

function fmt(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(s, unit) {
  return s ? `${fmt(s.median)} ${unit} (${fmt(s.min)}–${fmt(s.max)}, n=${s.n})` : 'not measured';
}

function diffMs(a, b) {
  return a && b ? `${fmt(a.median - b.median)} ms` : 'n/a';
}

function ratio(a, b) {
  return a && b ? (a.median / b.median).toFixed(2) + '×' : 'n/a';
}

// JMH: every iteration of every fork is a sample.
function jmh(name) {
  const results = readJson(name) || [];
  return results.map((r) => ({
    benchmark: r.benchmark.replace(/^.*\.benchmarks\./, ''),
    params: r.params || {},
    unit: r.primaryMetric.scoreUnit,
    stats: stats(r.primaryMetric.rawData.flat()),
    alloc: r.secondaryMetrics && r.secondaryMetrics['gc.alloc.rate.norm']
      ? r.secondaryMetrics['gc.alloc.rate.norm'].score : undefined,
  }));
}

function serialized(name, handler) {
  return jmh(name).find((r) => r.params.handler === handler);
}

const drivers = {};
const driverFile = path.join(dir, 'drivers.jsonl');
if (fs.existsSync(driverFile)) {
  for (const line of fs.readFileSync(driverFile, 'utf8').split('\n')) {
    if (line.trim()) {
      const entry = JSON.parse(line);
      drivers[entry.name] = stats(entry.samples);
    }
  }
}
const d = (name) => drivers[name];

const nodeLogic = readJson('node-logic.json');
const nodeShipped = readJson('node-shipped.json');
const nLogic = nodeLogic && stats(nodeLogic.samples);
const nShipped = nodeShipped && stats(nodeShipped.samples);

const cp = classpathFile && fs.existsSync(classpathFile) ? fs.readFileSync(classpathFile, 'utf8').trim().split(':') : [];
const jar = (fragment) => cp.find((entry) => entry.includes(fragment));
const jarName = (fragment) => path.basename(jar(fragment) || fragment);
const newerDir = classpathFile ? path.join(path.dirname(classpathFile), 'newer-serialization') : '';
const newerJar = newerDir && fs.existsSync(newerDir) ? fs.readdirSync(newerDir).find((f) => f.endsWith('.jar')) : undefined;

const text = (name) => (fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8').trim() : 'unknown');
const failures = fs.existsSync(path.join(dir, 'failures.txt')) ? text('failures.txt') : '';

const out = [];
out.push(START);
out.push('');
out.push('_Written by `benchmarks/run.sh`; do not edit by hand. Each cell: median (min–max, number of samples)._');
out.push('');
out.push(`- Run: ${text('date.txt')}, ${text('duration.txt')}`);
out.push(`- Machine: ${os.cpus().length} cores (\`nproc\`: ${text('nproc.txt')}), ${os.cpus()[0].model}, ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
out.push(`- Load (\`uptime\`) at start: ${text('load-start.txt')}; at end: ${text('load-end.txt')}`);
out.push(`- JDK: ${text('java-version.txt')}; Node.js ${process.version}`);
out.push('- Lambda\'s flags ("C1"): `-XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1`; "C2": `-XX:+UseSerialGC` only');
out.push(`- Lambda's libraries: \`${jarName('/aws-lambda-java-runtime-interface-client/')}\` with \`${jarName('/aws-lambda-java-serialization/')}\`, the version the client declares; log lines through the client's JSON logger`);
if (fs.existsSync(path.join(dir, 'quick.txt'))) {
  out.push(`- **${text('quick.txt')}**`);
}
if (failures) {
  out.push(`- **Steps that failed** (their rows say "not measured"): ${failures.replace(/\n/g, '; ')}`);
}
out.push('');

out.push('### (a) Warm invocation through the runtime\'s serializer and JSON logger, against Node.js');
out.push('');
out.push('| configuration | this handler | trivial Java handler | fixed-response handler | this / trivial | fixed / trivial | this / fixed |');
out.push('|---|---:|---:|---:|---:|---:|---:|');
const runs = [
  ['C1 (Lambda\'s flags), log level WARN', 'jmh-serialized-c1-warn.json'],
  ['C1 (Lambda\'s flags), log level DEBUG', 'jmh-serialized-c1-debug.json'],
  ['C2, log level WARN', 'jmh-serialized-c2-warn.json'],
];
const byRun = {};
for (const [label, file] of runs) {
  const s = serialized(file, 'scoped');
  const t = serialized(file, 'trivial');
  const f = serialized(file, 'fixed');
  byRun[file] = { s: s && s.stats, t: t && t.stats, sa: s && s.alloc, ta: t && t.alloc, fa: f && f.alloc };
  out.push(`| ${label} | ${cell(s && s.stats, 'µs')} | ${cell(t && t.stats, 'µs')} | ${cell(f && f.stats, 'µs')} | ${ratio(s && s.stats, t && t.stats)} | ${ratio(f && f.stats, t && t.stats)} | ${ratio(s && s.stats, f && f.stats)} |`);
}
out.push('');
out.push('| Node.js 20, same event, in-process | time per invocation |');
out.push('|---|---:|');
out.push(`| recipe\'s logic without its log line | ${cell(nLogic, 'µs')} |`);
out.push(`| recipe as it ships (logs the whole event; stdout to /dev/null) | ${cell(nShipped, 'µs')} |`);
out.push('');
const c1 = byRun['jmh-serialized-c1-warn.json'];
const c1d = byRun['jmh-serialized-c1-debug.json'];
const c2 = byRun['jmh-serialized-c2-warn.json'];
out.push('Ratios of medians (time; below 1 means faster than the other):');
out.push('');
out.push('| ratio | C1 (Lambda\'s flags) | C2 |');
out.push('|---|---:|---:|');
out.push(`| this handler / recipe\'s logic in Node.js | ${ratio(c1.s, nLogic)} | ${ratio(c2.s, nLogic)} |`);
out.push(`| this handler / recipe as it ships | ${ratio(c1.s, nShipped)} | ${ratio(c2.s, nShipped)} |`);
out.push(`| trivial Java handler / recipe\'s logic in Node.js | ${ratio(c1.t, nLogic)} | ${ratio(c2.t, nLogic)} |`);
out.push(`| this handler / trivial Java handler | ${ratio(c1.s, c1.t)} | ${ratio(c2.s, c2.t)} |`);
out.push(`| this handler at DEBUG / at WARN (the runtime's JSON logger formats and writes each line) | ${ratio(c1d.s, c1.s)} | |`);
out.push('');
const newer = (handler) => serialized('jmh-serialized-c1-warn-newer.json', handler);
const ns = newer('scoped');
const nt = newer('trivial');
out.push(`With \`${newerJar || 'the newer serialization library'}\` (the version the runtime's tests use) instead, C1, WARN: this handler ${cell(ns && ns.stats, 'µs')}, trivial ${cell(nt && nt.stats, 'µs')}, this / trivial ${ratio(ns && ns.stats, nt && nt.stats)}.`);
out.push('');
const alloc = (v) => (v === undefined ? 'n/a' : `${Math.round(v)} B`);
out.push(`Allocated per invocation (C1, WARN): this handler ${alloc(c1.sa)}, trivial ${alloc(c1.ta)}, fixed-response ${alloc(c1.fa)}; at DEBUG: this handler ${alloc(c1d.sa)}.`);
out.push('');
const alone = (handler) => jmh('jmh-handler-alone.json').find((r) => r.params.handler === handler);
const aloneScoped = alone('scoped');
const aloneFixed = alone('fixed');
const deciding = aloneScoped && aloneFixed ? aloneScoped.stats.median - aloneFixed.stats.median : undefined;
const share = deciding !== undefined && c1.t ? `${((deciding / 1000 / c1.t.median) * 100).toFixed(1)} %` : 'n/a';
out.push('The handler alone on the same event, without the serializer (`SignInHandlerBenchmark`, C1, WARN; new strings for every call, as the serializer makes them):');
out.push('');
out.push('| handler | time per event | allocated |');
out.push('|---|---:|---:|');
out.push(`| this handler | ${cell(aloneScoped && aloneScoped.stats, 'ns')} | ${alloc(aloneScoped && aloneScoped.alloc)} |`);
out.push(`| fixed-response handler | ${cell(aloneFixed && aloneFixed.stats, 'ns')} | ${alloc(aloneFixed && aloneFixed.alloc)} |`);
out.push('');
const goal = deciding === undefined || !c1.t ? 'not measured' : deciding / 1000 / c1.t.median <= 0.05 ? 'met' : 'not met';
out.push(`Deciding (difference of the medians): ${deciding === undefined ? 'n/a' : fmt(deciding) + ' ns'}, which is ${share} of the trivial handler's whole invocation under C1. Goal, the decision adds at most 5 % to a warm invocation under Lambda's flags: ${goal}.`);
out.push('');

out.push('### (b) Cold start under the runtime interface client, and SnapStart');
out.push('');
out.push('| | this handler | trivial Java handler | Node.js, recipe | this / trivial | this / Node.js |');
out.push('|---|---:|---:|---:|---:|---:|');
out.push(`| process start to first response | ${cell(d('cold.scoped'), 'ms')} | ${cell(d('cold.trivial'), 'ms')} | ${cell(d('cold.node'), 'ms')} | ${ratio(d('cold.scoped'), d('cold.trivial'))} | ${ratio(d('cold.scoped'), d('cold.node'))} |`);
out.push(`| process start to first request for an event (init done) | ${cell(d('coldInit.scoped'), 'ms')} | ${cell(d('coldInit.trivial'), 'ms')} | ${cell(d('coldInit.node'), 'ms')} | ${ratio(d('coldInit.scoped'), d('coldInit.trivial'))} | ${ratio(d('coldInit.scoped'), d('coldInit.node'))} |`);
out.push(`| the handler's construction inside the runtime (\`InitTimingHandler\`) | ${cell(d('constructionInRuntime.scoped'), 'ms')} | ${cell(d('constructionInRuntime.trivial'), 'ms')} | | +${diffMs(d('constructionInRuntime.scoped'), d('constructionInRuntime.trivial'))} | |`);
out.push(`| SnapStart path: first event after the hooks and \`/restore/next\` (round trip) | ${cell(d('restoreFirstEvent.scoped'), 'ms')} | ${cell(d('restoreFirstEvent.trivial'), 'ms')} (no priming) | | | |`);
out.push(`| SnapStart path: process start to first request for an event (init and priming) | ${cell(d('ready.scoped'), 'ms')} | ${cell(d('ready.trivial'), 'ms')} | | | |`);
out.push('');

out.push('### (c) Synthesis: the construct against the same resources wired by hand (L2)');
out.push('');
out.push('| groups | ScopedGroupAuth | hand-wired L2 | construct / hand-wired |');
out.push('|---:|---:|---:|---:|');
for (const n of [10, 100, 1000]) {
  out.push(`| ${n.toLocaleString('en-US')} | ${cell(d('synth.construct.' + n), 'ms')} | ${cell(d('synth.handWired.' + n), 'ms')} | ${ratio(d('synth.construct.' + n), d('synth.handWired.' + n))} |`);
}
out.push('');
const requests = { construct: readJson('jsii-construct.json'), handWired: readJson('jsii-handWired.json') };
const count = (kind, ...apis) => (requests[kind] ? apis.reduce((sum, api) => sum + (requests[kind].byApi[api] || 0), 0) : 'n/a');
const total = (kind) => (requests[kind] ? requests[kind].total : 'n/a');
out.push('Requests to jsii in one synthesis of 100 groups, in a fresh JVM (`JSII_DEBUG=1`; counts do not depend on the load):');
out.push('');
out.push('| | all | create an object | call a method (`invoke`, `sinvoke`) | read or write a property (`get`, `sget`, `set`) | answer a callback into Java (`complete`) | load, naming |');
out.push('|---|---:|---:|---:|---:|---:|---:|');
for (const [kind, label] of [['construct', 'ScopedGroupAuth'], ['handWired', 'hand-wired L2']]) {
  out.push(`| ${label} | ${total(kind)} | ${count(kind, 'create')} | ${count(kind, 'invoke', 'sinvoke')} | ${count(kind, 'get', 'sget', 'set')} | ${count(kind, 'complete')} | ${count(kind, 'load', 'naming')} |`);
}
out.push('');

out.push('### (d) Init and per-event time by policy size');
out.push('');
out.push('Fresh JVM with Lambda\'s flags, single shot: the handler\'s construction (reading the policy file) and the first event through the serializer.');
out.push('');
out.push('| policy | construction | first event | construction − trivial\'s |');
out.push('|---|---:|---:|---:|');
const trivialInit = d('init.trivial');
for (const [key, label] of [['trivial', 'trivial handler'], ['2', '2 groups (the recipe\'s)'], ['10', '10 groups'], ['1000', '1,000 groups'], ['10000', '10,000 groups']]) {
  const s = d('init.' + key);
  const diff = s && trivialInit ? `${fmt(s.median - trivialInit.median)} ms` : 'n/a';
  out.push(`| ${label} | ${cell(s, 'ms')} | ${cell(d('initFirstEvent.' + key), 'ms')} | ${key === 'trivial' ? '' : diff} |`);
}
out.push('');
const crc = d('checksumInit.crc32c');
const sha = d('checksumInit.sha256');
out.push('The policy seal\'s checksum, first use in a fresh JVM with Lambda\'s flags (2 KB input; one JVM per sample):');
out.push('');
out.push('| checksum | first use | − CRC32C\'s |');
out.push('|---|---:|---:|');
out.push(`| \`java.util.zip.CRC32C\` | ${cell(crc, 'ms')} | |`);
out.push(`| \`MessageDigest.getInstance("SHA-256")\` | ${cell(sha, 'ms')} | ${crc && sha ? fmt(sha.median - crc.median) + ' ms' : 'n/a'} |`);
out.push('');
out.push('Warm, JMH with Lambda\'s flags (per call; iterations of all forks as samples; allocation from `-prof gc`):');
out.push('');
out.push('| benchmark | parameters | time | allocated |');
out.push('|---|---|---:|---:|');
for (const r of jmh('jmh-existing.json')) {
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ');
  const unit = r.unit.replace('/op', '').replace('us', 'µs');
  out.push(`| \`${r.benchmark}\` | ${params} | ${cell(r.stats, unit)} | ${alloc(r.alloc)} |`);
}
out.push('');

out.push('### (e) Function code size');
out.push('');
const size = (file) => (file && fs.existsSync(file) ? fs.statSync(file).size : undefined);
const events = jar('/aws-lambda-java-events/');
const core = jar('/aws-lambda-java-core/');
const crac = jar('/org/crac/');
const kb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB (${bytes.toLocaleString('en-US')} bytes)`);
out.push('| code | size |');
out.push('|---|---:|');
out.push(`| this project\'s function jar (\`${path.basename(lambdaJar)}\`) | ${kb(size(lambdaJar))} |`);
out.push(`| what a hand-written Java handler of this event packages: \`${path.basename(events || 'aws-lambda-java-events')}\` + \`${path.basename(core || 'aws-lambda-java-core')}\` | ${kb((size(events) || 0) + (size(core) || 0))} |`);
out.push(`| the same plus \`${path.basename(crac || 'crac')}\` for SnapStart hooks | ${kb((size(events) || 0) + (size(core) || 0) + (size(crac) || 0))} |`);
out.push(`| the recipe\'s logic in Node.js (\`benchmarks/node/recipe-logic.js\`, no dependencies) | ${kb(size(path.join(__dirname, 'recipe-logic.js')))} |`);
out.push('');

out.push('### Goals, this run');
out.push('');
out.push('| goal | this run | met |');
out.push('|---|---|---|');
const verdict = (value, limit) => (value === undefined || Number.isNaN(value) ? 'not measured' : value <= limit ? 'yes' : 'no');
const pct = (value) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const decisionShare = deciding !== undefined && c1.t ? deciding / 1000 / c1.t.median : undefined;
const debugCost = c1d.s && c1.s ? c1d.s.median / c1.s.median - 1 : undefined;
const initIn = d('constructionInRuntime.scoped');
const initTrivial = d('constructionInRuntime.trivial');
const initDiff = initIn && initTrivial ? initIn.median - initTrivial.median : undefined;
const restore = d('restoreFirstEvent.scoped');
out.push(`| the decision adds at most 5 % to a warm invocation under Lambda's flags | deciding ${deciding === undefined ? 'n/a' : fmt(deciding) + ' ns'}, ${pct(decisionShare)} of the trivial handler's invocation | ${verdict(decisionShare, 0.05)} |`);
out.push(`| DEBUG logging costs less than 20 % | DEBUG over WARN through the runtime's JSON logger: ${debugCost === undefined ? 'n/a' : '+' + pct(debugCost)} | ${verdict(debugCost, 0.2)} |`);
out.push(`| the handler's init within 10 ms of the trivial handler's | inside the runtime interface client: ${initDiff === undefined ? 'n/a' : '+' + fmt(initDiff) + ' ms'} | ${verdict(initDiff, 10)} |`);
out.push(`| the first event after a simulated SnapStart restore within 10 ms | ${restore ? fmt(restore.median) + ' ms' : 'n/a'} | ${verdict(restore && restore.median, 10)} |`);
out.push('');
out.push(END);

const doc = fs.readFileSync(docFile, 'utf8');
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) {
  throw new Error(`${docFile} has no ${START} ... ${END} section`);
}
fs.writeFileSync(docFile, doc.slice(0, start) + out.join('\n') + doc.slice(end + END.length));
console.log(`wrote the results into ${docFile}`);
