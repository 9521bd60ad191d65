// Runs `npm ci` in this folder unless node_modules already matches package-lock.json
// (npm writes node_modules/.package-lock.json on every install, so it is newer than the
// lock file exactly when nothing changed since). Maven calls this in generate-resources;
// `-Dfrontend.skip` skips it altogether.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const mtime = (file) => {
  try {
    return statSync(join(here, file)).mtimeMs;
  } catch {
    return -1;
  }
};

const installed = mtime('node_modules/.package-lock.json');
if (installed > mtime('package-lock.json') && installed > mtime('package.json')) {
  console.log('[frontend] node_modules is up to date with package-lock.json: npm ci skipped');
  process.exit(0);
}
console.log('[frontend] npm ci (package-lock.json changed or node_modules missing)');
const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: here,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
