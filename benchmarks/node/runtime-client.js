'use strict';
// A minimal Lambda Runtime API client for the cold-start benchmark: asks for an event, runs the recipe's logic
// on it (logging the whole event, as the recipe ships) and posts the result, in a loop. No framework, so the
// time from process start to the first response is Node.js's own start plus this file.
const http = require('http');
const { handle } = require('./recipe-logic');

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const base = '/2018-06-01/runtime/invocation/';

function request(method, path, body) {
  return new Promise((resolve, reject) => {
    const [host, port] = api.split(':');
    const req = http.request({ host, port: Number(port), path, method }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body) {
      req.setHeader('Content-Type', 'application/json');
      req.end(body);
    } else {
      req.end();
    }
  });
}

async function loop() {
  for (;;) {
    const next = await request('GET', base + 'next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const result = handle(JSON.parse(next.body.toString('utf8')), true);
    await request('POST', base + id + '/response', JSON.stringify(result));
  }
}

loop().catch((error) => {
  console.error(error);
  process.exit(1);
});
