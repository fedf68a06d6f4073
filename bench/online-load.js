"use strict";
// The steady load of the online bench, as its own process so nothing the bench
// does (spawning, waiting) stalls it: CLIENTS connections, each with one role —
// inserts, updates by key or reads by key (clients 0, 3, 6 insert; 1, 4, 7
// update; 2, 5 read), named in application_name so the bench can tell which
// ones wait on a lock — paced at one query every PACE ms, each
// waiting for its answer before the next (a query stuck behind a lock holds its
// client, as an application's pool would). Every query's start and end (epoch
// ms) go to OUT when the parent says "stop".
//   node bench/online-load.js URL OUT ROWS [CLIENTS=8] [PACE=10]
const { writeFileSync } = require("node:fs");
const { Client } = require("pg");

const [url, out, rowsArg, clientsArg, paceArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const clients = Number(clientsArg ?? 8);
const pace = Number(paceArg ?? 10);
const now = () => performance.timeOrigin + performance.now();
const KINDS = ["insert", "update", "read"];

let stopping = false;
const records = { kind: [], start: [], end: [], ok: [] };
const errors = {};

const key = () => 1 + Math.floor(Math.random() * rows);
function statement(kind, n) {
  if (kind === "insert") return ['INSERT INTO "orders" ("customerId", "code", "qty", "note") VALUES ($1, $2, $3, $4)', [1 + (n % 1000), `load ${n}`, n % 100, "from the load"]];
  if (kind === "update") return ['UPDATE "orders" SET "qty" = coalesce("qty", 0) + 1 WHERE "id" = $1', [key()]];
  return ['SELECT * FROM "orders" WHERE "id" = $1', [key()]];
}

async function connect(_, index) {
  const c = new Client({ connectionString: url, application_name: `online-bench-load-${KINDS[index % KINDS.length]}` });
  await c.connect();
  return c;
}

async function client(c, index) {
  let n = index;
  let next = now();
  while (!stopping) {
    const kind = KINDS[index % KINDS.length];
    const [sql, params] = statement(kind, n);
    const start = now();
    let ok = 1;
    try {
      await c.query(sql, params);
    } catch (error) {
      ok = 0;
      const message = String(error.message).slice(0, 120);
      errors[message] = (errors[message] ?? 0) + 1;
    }
    const end = now();
    records.kind.push(kind[0]);
    records.start.push(Math.round(start * 1000) / 1000);
    records.end.push(Math.round(end * 1000) / 1000);
    records.ok.push(ok);
    n += clients;
    next = Math.max(next + pace, end); // paced, but no burst to catch up after a wait
    const idle = next - now();
    if (idle > 0) await new Promise((resolve) => setTimeout(resolve, idle));
  }
  await c.end();
}

async function main() {
  const connections = await Promise.all(Array.from({ length: clients }, connect));
  const running = connections.map((c, i) => client(c, i));
  process.send?.("ready");
  process.on("message", (message) => {
    if (message === "stop") stopping = true;
  });
  await Promise.all(running);
  writeFileSync(out, JSON.stringify({ records, errors }));
  process.disconnect?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
