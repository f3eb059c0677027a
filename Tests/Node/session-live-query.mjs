// The official @instantdb/core client (unmodified, ../shared/jsclient) against a running
// instant-local: two clients subscribe to the same nested query, a third client writes
// (create, link, update, delete), both subscribers must see every change; a fourth
// client's queryOnce must see the final state.
//
// Usage: node session-live-query.mjs <port> <app-id> <path to shared/jsclient>
// Prints one line per step, then "ok"; on failure prints "fail: ..." and exits 1.
// Run by Tests/ServerTests/SessionNodeClientTests.swift, which skips it when node or the
// jsclient folder is missing.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [port, appId, jsclientDir] = process.argv.slice(2);
const { loadCore } = await import(pathToFileURL(path.join(jsclientDir, 'lib', 'node-env.mjs')).href);
const { core, initNode } = await loadCore();

const stepTimeoutMs = 10000;
const connect = (key) =>
  initNode({
    appId,
    apiURI: `http://127.0.0.1:${port}`,
    websocketURI: `ws://127.0.0.1:${port}/runtime/session`,
    __extraDedupeKey: key,
  });

// Resolves with the first result of `query` on `db` that satisfies `predicate`.
function waitFor(db, query, predicate, label) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for: ${label}`));
    }, stepTimeoutMs);
    unsubscribe = db.subscribeQuery(query, (result) => {
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
const bothSee = (predicate, label) =>
  Promise.all([waitFor(a, query, predicate, `${label} (a)`), waitFor(b, query, predicate, `${label} (b)`)]);

const a = connect('a');
const b = connect('b');
const writer = connect('writer');

try {
  await bothSee((data) => Array.isArray(data.goals), 'initial result');
  console.log('step: subscribed');

  const created = bothSee((data) => {
    const g = findGoal(data);
    return g && g.title === 'Get fit' && g.todos.some((t) => t.id === todo && t.title === 'Run');
  }, 'create and link');
  await writer.transact([
    core.tx.goals[goal].update({ title: 'Get fit' }),
    core.tx.todos[todo].update({ title: 'Run' }),
    core.tx.goals[goal].link({ todos: todo }),
  ]);
  await created;
  console.log('step: create and link');

  const updated = bothSee((data) => findGoal(data)?.title === 'Get fitter', 'update');
  await writer.transact(core.tx.goals[goal].update({ title: 'Get fitter' }));
  await updated;
  console.log('step: update');

  const deleted = bothSee((data) => findGoal(data)?.todos.length === 0, 'delete');
  await writer.transact(core.tx.todos[todo].delete());
  await deleted;
  console.log('step: delete');

  const reader = connect('reader');
  const once = await reader.queryOnce(query);
  const seen = (once.data.goals || []).find((g) => g.id === goal);
  if (!seen || seen.title !== 'Get fitter' || seen.todos.length !== 0) {
    throw new Error(`queryOnce saw ${JSON.stringify(once.data)}`);
  }
  console.log('step: queryOnce');
  console.log('ok');
  process.exit(0);
} catch (error) {
  console.log(`fail: ${error.message}`);
  process.exit(1);
}
