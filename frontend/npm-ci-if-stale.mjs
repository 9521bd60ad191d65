// Runs `npm ci` in this folder unless node_modules was installed from exactly this
// package-lock.json: after a successful install the lock file's SHA-256 is written to
// node_modules/.penguinmails-lock.sha256, and a build whose lock file has the same hash skips
// npm (about 0.1 s instead of a few seconds). Maven calls this in generate-resources;
// `-Dfrontend.skip` skips it altogether.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'node_modules', '.penguinmails-lock.sha256');
const lock = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock) {
  console.log('[frontend] node_modules matches package-lock.json: npm ci skipped');
  process.exit(0);
}
console.log('[frontend] npm ci (package-lock.json changed or node_modules missing)');
const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: here,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, lock + '\n');
