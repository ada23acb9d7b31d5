'use strict';
// Counts the requests a JVM sent to the jsii kernel, from its standard error under JSII_DEBUG=1, where the kernel
// prints each request on a line of its own that starts with "> {". Writes one JSON object: the total and the
// count per kind of request ("api": create, invoke, get, ...; "complete" for the answers to the kernel's callbacks
// into Java code, such as lazy values and validations). Usage: node jsii-requests.js STDERR_FILE OUT_FILE
const fs = require('fs');

const [input, output] = process.argv.slice(2);
const byApi = {};
let total = 0;
for (const line of fs.readFileSync(input, 'utf8').split('\n')) {
  if (!line.startsWith('> {')) continue;
  let api = 'unparsed';
  try {
    const request = JSON.parse(line.slice(2));
    if (request.exit !== undefined) continue; // the JVM's goodbye, not a request
    api = request.api || (request.complete ? 'complete' : 'unknown');
  } catch (e) {
    // A request too long for one line of the trace is still one request.
  }
  byApi[api] = (byApi[api] || 0) + 1;
  total++;
}
if (total === 0) {
  throw new Error(`${input} has no jsii requests: was JSII_DEBUG=1 set?`);
}
fs.writeFileSync(output, JSON.stringify({ total, byApi }) + '\n');
