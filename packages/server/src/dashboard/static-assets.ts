import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The dashboard's files live in src/dashboard/static (shipped with the package: "files" has src), so
 * they are edited as plain HTML/CSS/JS and need no build step. Read once, at startup.
 */
const STATIC_DIR = fileURLToPath(new URL('../../src/dashboard/static/', import.meta.url));

const FILES: ReadonlyArray<readonly [path: string, file: string, contentType: string]> = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/dashboard/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ['/dashboard/style.css', 'style.css', 'text/css; charset=utf-8'],
];

export function loadStaticAssets(): Map<string, { contentType: string; body: Buffer }> {
  return new Map(FILES.map(([path, file, contentType]) => [path, { contentType, body: readFileSync(STATIC_DIR + file) }]));
}
