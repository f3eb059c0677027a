// The unmodified official clients (../shared/jsclient) against the real instant-local
// binary, end to end (issue 7, "The real client, end to end"):
//   1. two @instantdb/core clients subscribe to the same nested query; one of them
//      transacts (create, link, update, delete) and both see every change;
//   2. an @instantdb/admin HTTP write reaches both socket subscribers;
//   3. the admin SDK's subscribeQuery (SSE, POST /admin/subscribe-query) sees changes;
//   4. a core client whose WebSocket cannot connect falls back to the SSE transport
//      (GET/POST /runtime/sse) and sees changes too;
//   5. a third core client's queryOnce sees the final state.
//
// Usage: node realtime-scenario.mjs <instant-local binary> <path to shared/jsclient>
// Starts the binary itself (--port 0 --in-memory --json), prints one line per step, then
// "ok"; on failure prints "fail: ..." and exits 1. Run by Scripts/test, which skips it
// (and says so) when node or the jsclient folder is missing.

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const [binary, jsclientDir] = process.argv.slice(2);
const env = await import(pathToFileURL(path.join(jsclientDir, 'lib', 'node-env.mjs')).href);
const { core, InMemoryStorage } = await env.loadCore();
const admin = await env.loadAdmin();
const stepTimeoutMs = 15000;

// The server, started the way scripts are told to: one JSON line once it listens.
const server = spawn(binary, ['--port', '0', '--in-memory', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const { url, appId, adminToken } = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the server printed no JSON line')), stepTimeoutMs);
  readline.createInterface({ input: server.stdout }).once('line', (line) => {
    clearTimeout(timer);
    resolve(JSON.parse(line));
  });
  server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
});
const wsURL = url.replace(/^http/, 'ws');

// A minimal EventSource over fetch: Node 20 has none, and core only uses the SSE
// transport when given one (as @instantdb/react passes the browser's).
class FetchEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  constructor(target) {
    this.readyState = FetchEventSource.CONNECTING;
    this.abort = new AbortController();
    this.read(target);
  }
  async read(target) {
    try {
      const response = await fetch(target, { headers: { accept: 'text/event-stream' }, signal: this.abort.signal });
      if (!response.ok) throw new Error(`status ${response.status}`);
      this.readyState = FetchEventSource.OPEN;
      this.onopen?.({});
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).replace(/^ /, ''))
            .join('\n');
          if (data) this.onmessage?.({ data });
        }
      }
      throw new Error('stream ended');
    } catch (error) {
      if (this.readyState !== FetchEventSource.CLOSED) {
        this.readyState = FetchEventSource.CLOSED;
        this.onerror?.(error);
      }
    }
  }
  close() {
    this.readyState = FetchEventSource.CLOSED;
    this.abort.abort();
  }
}

const connect = (key, websocketURI = `${wsURL}/runtime/session`, EventSourceImpl = undefined) =>
  core.init(
    { appId, apiURI: url, websocketURI, __extraDedupeKey: key },
    InMemoryStorage,
    env.AlwaysOnlineNetworkListener,
    undefined,
    EventSourceImpl,
  );

// Resolves with the first result on `subscribe` that satisfies `predicate`.
function waitFor(subscribe, predicate, label) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for: ${label}`));
    }, stepTimeoutMs);
    unsubscribe = subscribe((result) => {
      if (result.error) {
        clearTimeout(timer);
        reject(new Error(`${label}: ${JSON.stringify(result.error)}`));
      } else if (result.data && predicate(result.data)) {
        clearTimeout(timer);
        setImmediate(() => unsubscribe());
        resolve(result.data);
      }
    });
  });
}

const query = { goals: { todos: {} } };
const goal = core.id();
const todo = core.id();
const findGoal = (data) => (data.goals || []).find((g) => g.id === goal);

const a = connect('a');
const b = connect('b');
// Its WebSocket URL answers 404, so core falls back to SSE (protocol-session §2.3).
const viaSSE = connect('sse', `${wsURL}/no-such-socket`, FetchEventSource);
const adminDb = admin.init({ appId, adminToken, apiURI: url });

const onCore = (db) => (callback) => db.subscribeQuery(query, callback);
const onAdmin = (callback) => {
  const subscription = adminDb.subscribeQuery(query, (payload) =>
    callback(payload.type === 'ok' ? { data: payload.data } : { error: payload.error ?? payload }),
  );
  return () => subscription.close();
};
// Every live view: the two socket clients, the SSE core client and the admin SSE stream.
const everyoneSees = (predicate, label) =>
  Promise.all([
    waitFor(onCore(a), predicate, `${label} (a)`),
    waitFor(onCore(b), predicate, `${label} (b)`),
    waitFor(onCore(viaSSE), predicate, `${label} (core over SSE)`),
    waitFor(onAdmin, predicate, `${label} (admin subscribeQuery)`),
  ]);

let status = 0;
try {
  await everyoneSees((data) => Array.isArray(data.goals), 'initial result');
  const transport = viaSSE._reactor._transport?.type;
  if (transport !== 'sse') throw new Error(`the fallback client runs over ${transport}, not sse`);
  console.log('step: subscribed');

  const created = everyoneSees((data) => {
    const g = findGoal(data);
    return g && g.title === 'Get fit' && g.todos.some((t) => t.id === todo && t.title === 'Run');
  }, 'create and link');
  await a.transact([
    core.tx.goals[goal].update({ title: 'Get fit' }),
    core.tx.todos[todo].update({ title: 'Run' }),
    core.tx.goals[goal].link({ todos: todo }),
  ]);
  await created;
  console.log('step: create and link');

  const updated = everyoneSees((data) => findGoal(data)?.title === 'Get fitter', 'update');
  await a.transact(core.tx.goals[goal].update({ title: 'Get fitter' }));
  await updated;
  console.log('step: update');

  const renamed = everyoneSees((data) => findGoal(data)?.title === 'Renamed by admin', 'admin write');
  await adminDb.transact(admin.tx.goals[goal].update({ title: 'Renamed by admin' }));
  await renamed;
  console.log('step: admin write');

  const deleted = everyoneSees((data) => findGoal(data)?.todos.length === 0, 'delete');
  await a.transact(core.tx.todos[todo].delete());
  await deleted;
  console.log('step: delete');

  const reader = connect('reader');
  const once = await reader.queryOnce(query);
  const seen = (once.data.goals || []).find((g) => g.id === goal);
  if (!seen || seen.title !== 'Renamed by admin' || seen.todos.length !== 0) {
    throw new Error(`queryOnce saw ${JSON.stringify(once.data)}`);
  }
  console.log('step: queryOnce');
  console.log('ok');
} catch (error) {
  console.log(`fail: ${error.message}`);
  status = 1;
}
server.kill('SIGTERM');
process.exit(status);
