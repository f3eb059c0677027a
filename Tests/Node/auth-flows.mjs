// The official @instantdb/core and @instantdb/admin clients (unmodified, ../shared/jsclient)
// through instant-local's auth: guest sign-in, a magic code read from /dev/magic_codes that
// upgrades the guest, the socket reconnecting with the new refresh token, the local OAuth
// page flow ending in exchangeOAuthCode, an unsigned local id_token, sign-out, and the
// admin SDK's createToken / verifyToken / asUser.
//
// Usage: node auth-flows.mjs <port> <app-id> <admin-token> <path to shared/jsclient>
// Prints one line per step, then "ok"; on failure prints "fail: ..." and exits 1.
// Run by Tests/ServerTests/AuthNodeClientTests.swift.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [port, appId, adminToken, jsclientDir] = process.argv.slice(2);
const env = await import(pathToFileURL(path.join(jsclientDir, 'lib', 'node-env.mjs')).href);
const { initNode } = await env.loadCore();
const admin = await env.loadAdmin();
const apiURI = `http://127.0.0.1:${port}`;

const db = initNode({ appId, apiURI, websocketURI: `ws://127.0.0.1:${port}/runtime/session`, __extraDedupeKey: 'auth' });
const adminDb = admin.init({ appId, adminToken, apiURI });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function step(name) {
  console.log(`step: ${name}`);
}

async function latestCode(email) {
  const res = await fetch(`${apiURI}/dev/magic_codes?app_id=${appId}&email=${encodeURIComponent(email)}`);
  const { codes } = await res.json();
  return codes[codes.length - 1].code;
}

function base64url(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

try {
  const { user: guest } = await db.auth.signInAsGuest();
  check(guest.isGuest === true && guest.type === 'guest', `guest: ${JSON.stringify(guest)}`);
  step('guest');

  await db.auth.sendMagicCode({ email: 'nora@example.com' });
  const { user } = await db.auth.signInWithMagicCode({ email: 'nora@example.com', code: await latestCode('nora@example.com') });
  check(user.id === guest.id && user.type === 'user', `upgrade: ${JSON.stringify(user)}`);
  check((await db.getAuth())?.email === 'nora@example.com', 'getAuth after magic code');
  step('magic code upgrades the guest');

  // The client reconnects with the new refresh token; a bad token would sign it out.
  const result = await db.queryOnce({ goals: {} });
  check(Array.isArray(result.data.goals), `queryOnce: ${JSON.stringify(result)}`);
  check((await db.getAuth())?.id === user.id, 'still signed in after the socket re-init');
  step('socket init with refresh token');

  const authURL = db.auth.createAuthorizationURL({ clientName: 'google', redirectURL: 'http://localhost:9/cb' });
  const page = await (await fetch(authURL)).text();
  const state = page.match(/name="state" value="([^"]+)"/)[1];
  const callback = await fetch(`${apiURI}/runtime/oauth/callback?state=${state}&email=olga%40example.com`, { redirect: 'manual' });
  const location = new URL(callback.headers.get('location'));
  check(location.searchParams.get('_instant_oauth_redirect') === 'true', `location: ${location}`);
  const { user: oauthUser } = await db.auth.exchangeOAuthCode({ code: location.searchParams.get('code') });
  check(oauthUser.email === 'olga@example.com', `oauth: ${JSON.stringify(oauthUser)}`);
  step('oauth page flow');

  const idToken = `${base64url({ alg: 'none' })}.${base64url({ email: 'pia@example.com', nonce: 'n-1' })}.`;
  const { user: idUser, created } = await db.auth.signInWithIdToken({ clientName: 'apple', idToken, nonce: 'n-1' });
  check(idUser.email === 'pia@example.com' && created === true, `id_token: ${JSON.stringify(idUser)}`);
  step('id_token');

  const token = idUser.refresh_token;
  await db.auth.signOut();
  check((await db.getAuth()) === null, 'signed out');
  for (let i = 0; i < 50; i++) {
    // signOut invalidates the token in the background.
    const r = await fetch(`${apiURI}/runtime/auth/verify_refresh_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'app-id': appId, 'refresh-token': token }),
    });
    if (r.status === 400) break;
    check(i < 49, 'token still valid after sign-out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  step('sign out');

  const adminToken2 = await adminDb.auth.createToken('quin@example.com');
  const verified = await adminDb.auth.verifyToken(adminToken2);
  check(verified.email === 'quin@example.com', `verifyToken: ${JSON.stringify(verified)}`);
  const seen = await adminDb.asUser({ token: adminToken2 }).query({ $users: {} });
  check(seen.$users.length === 1 && seen.$users[0].email === 'quin@example.com', `asUser: ${JSON.stringify(seen)}`);
  step('admin createToken, verifyToken, asUser');

  console.log('ok');
  process.exit(0);
} catch (e) {
  console.log(`fail: ${e?.stack ?? e}`);
  process.exit(1);
}
