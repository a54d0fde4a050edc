// serve: a small static file server for dist/ (or another folder), for the README's serve
// command and the browser tests. Options: --dir DIR (default dist), --port N (default 8080,
// 0 = any free port), --csp (send the strict Content-Security-Policy the widget must work under).
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.bin': 'application/octet-stream',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Starts serving dir; resolves to {server, url}. */
export function serve({ dir = 'dist', port = 8080, host = '127.0.0.1', csp = false, log = false } = {}) {
  const rootDir = resolve(dir);
  const server = createServer(async (request, response) => {
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    } catch {
      response.writeHead(400).end('Bad request');
      return;
    }
    let file = resolve(join(rootDir, path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      response.writeHead(403).end('Forbidden');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!path.endsWith('/')) {
          response.writeHead(301, { Location: `${path}/` }).end();
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      };
      if (csp) headers['Content-Security-Policy'] = STRICT_CSP;
      response.writeHead(200, headers);
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
      if (log) console.log(`${request.method} ${path} 200`);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      if (log) console.log(`${request.method} ${path} 404`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actualPort = server.address().port;
      resolvePromise({ server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const { url } = await serve({
    dir: option('--dir', 'dist'),
    port: Number(option('--port', process.env.PORT ?? 8080)),
    csp: args.includes('--csp'),
    log: args.includes('--log'),
  }).catch((error) => {
    console.error(`serve: could not listen: ${error.message} (set PORT=... to use another port)`);
    process.exit(1);
  });
  console.log(`Attention Playground is being served at ${url}  (tutorial: ${url}tutorial/)  Ctrl+C stops it.`);
}
