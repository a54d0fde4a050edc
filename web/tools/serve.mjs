// serve: a small static file server for dist/ (or another folder), for the README's serve
// command and the browser tests. Options: --dir DIR (default dist), --port N (default 8080,
// 0 = any free port), --csp (send the strict Content-Security-Policy the widget must work under),
// --no-gzip (send every file as is).
// Files whose type compresses (text, JSON, SVG, .wasm, .bin, .tsv) go out gzipped when the client
// says Accept-Encoding: gzip, as any production static host would; each file is compressed once
// (level 9) and kept in memory, keyed by path, size and mtime, so a rebuilt dist/ is picked up.
// The command line gzips by default and compresses every file at start-up (level 9 on the 4.7 MB
// word vectors takes seconds); serve() used from tests gzips only when asked ({compress: true}),
// so browser tests do not wait on compression.
// It is not a production server: no range requests, no ETags, no HTTP/2.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback, constants as zlibConstants } from 'node:zlib';

const gzip = promisify(gzipCallback);
// Already-compressed formats gain nothing from gzip.
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.wasm',
  '.svg',
  '.bin',
  '.xml',
  '.txt',
  '.tsv',
  '.md',
]);
const gzipCache = new Map(); // file -> {key: `${size}:${mtimeMs}`, bytes: Promise<Buffer>}

function gzipped(file, info) {
  const key = `${info.size}:${info.mtimeMs}`;
  const cached = gzipCache.get(file);
  if (cached && cached.key === key) return cached.bytes;
  const bytes = readFile(file).then((raw) => gzip(raw, { level: zlibConstants.Z_BEST_COMPRESSION }));
  bytes.catch(() => gzipCache.delete(file));
  gzipCache.set(file, { key, bytes });
  return bytes;
}

// "gzip" or "*" listed without q=0 (e.g. "gzip, deflate, br" or "gzip;q=0.8").
function acceptsGzip(request) {
  return (request.headers['accept-encoding'] ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding.trim() === 'gzip' || coding.trim() === '*') && !(q && Number(q.slice(2)) === 0);
  });
}

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";

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
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Compresses every compressible file under dir into the cache; resolves when done. */
export async function precompress(dir) {
  const entries = await readdir(resolve(dir), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && COMPRESSIBLE.has(extname(e.name)));
  for (const entry of files) {
    const file = join(entry.parentPath ?? entry.path, entry.name);
    await gzipped(file, await stat(file));
  }
  return files.length;
}

/** Starts serving dir; resolves to {server, url}. */
export function serve({
  dir = 'dist',
  port = 8080,
  host = '127.0.0.1',
  csp = false,
  log = false,
  compress = false,
} = {}) {
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
        // A public static site: other origins may load the widget's module scripts, wasm and
        // assets (module scripts and fetch() across origins need this; the Share dialog's
        // web-component snippet is pasted into pages on other sites).
        'Access-Control-Allow-Origin': '*',
      };
      if (csp) headers['Content-Security-Policy'] = STRICT_CSP;
      const compressible = compress && COMPRESSIBLE.has(extname(file));
      if (compressible) headers.Vary = 'Accept-Encoding';
      if (compressible && acceptsGzip(request)) {
        const body = await gzipped(file, info);
        headers['Content-Encoding'] = 'gzip';
        headers['Content-Length'] = body.length;
        response.writeHead(200, headers);
        response.end(request.method === 'HEAD' ? undefined : body);
      } else {
        response.writeHead(200, headers);
        if (request.method === 'HEAD') response.end();
        else createReadStream(file).pipe(response);
      }
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
    compress: !args.includes('--no-gzip'),
  }).catch((error) => {
    console.error(`serve: could not listen: ${error.message} (set PORT=... to use another port)`);
    process.exit(1);
  });
  if (!args.includes('--no-gzip')) precompress(option('--dir', 'dist')).catch(() => {});
  console.log(`Attention Playground is being served at ${url}  (tutorial: ${url}tutorial/)  Ctrl+C stops it.`);
}
