#!/usr/bin/env node
// Every installed package must run on the oldest Node the README promises (package.json engines.node):
// a dependency that declares a newer Node makes `npm ci` warn and may break on a supported machine
// (issue 16: cookie@2 and content-disposition@3 asked for Node >= 22). Reads package-lock.json only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const oldest = semver.minVersion(pkg.engines.node);
const bad = [];
for (const [where, entry] of Object.entries(lock.packages)) {
  const range = entry.engines?.node;
  if (!where || !range || entry.optional) continue;
  if (!semver.satisfies(oldest, range, { includePrerelease: true })) bad.push(`${where}@${entry.version} needs Node ${range}`);
}
if (bad.length > 0) {
  console.error(`These packages do not run on Node ${oldest} (package.json engines.node "${pkg.engines.node}"):`);
  for (const b of bad) console.error(`  ${b}`);
  console.error('Pin versions that do (overrides in package.json) or raise the stated minimum in package.json and the README.');
  process.exit(1);
}
console.log(`All ${Object.keys(lock.packages).length - 1} locked packages run on Node ${oldest}.`);
