// checkpoint-source: reads a checkpoint from bytes, a File/Blob, a Response or a URL in slices,
// so a model file is never held whole in memory: read(offset, length) resolves to a
// Uint8Array of exactly those bytes. Offsets must not go backwards past what a stream has
// already delivered (loadCheckpoint reads the header, then the tensors in file order).
// Slices come from a window of WINDOW bytes read at once, so many small tensors cost few reads.

import { AttentionError, describe } from './errors.js';

export const WINDOW = 8 * 1024 * 1024;
const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** A random-access source over read(offset, length) -> Promise<Uint8Array> of a known size. */
function windowed(size, readRange, close = async () => {}) {
  let start = 0;
  let window = new Uint8Array(0);
  return {
    size,
    close,
    async read(offset, length) {
      if (offset + length > size) throw new AttentionError(`loadCheckpoint: the file ends at byte ${size}`);
      if (offset < start || offset + length > start + window.length) {
        start = offset;
        window = await readRange(offset, Math.min(size - offset, Math.max(length, WINDOW)));
      }
      return window.subarray(offset - start, offset - start + length);
    },
  };
}

function fromBytes(bytes) {
  return windowed(bytes.length, async (offset, length) => bytes.subarray(offset, offset + length));
}

function fromBlob(blob) {
  return windowed(
    blob.size,
    async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  );
}

async function fromNodeFile(url) {
  const { open } = await import('node:fs/promises');
  let file;
  try {
    file = await open(url, 'r');
  } catch (error) {
    throw new AttentionError(`loadCheckpoint: cannot open ${url.pathname}: ${error.code ?? error.message}`);
  }
  const { size } = await file.stat();
  return windowed(
    size,
    async (offset, length) => {
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await file.read(out, done, length - done, offset + done);
        if (bytesRead === 0) throw new AttentionError('loadCheckpoint: the file was truncated while reading');
        done += bytesRead;
      }
      return out;
    },
    () => file.close(),
  );
}

/** A Response body read forward only; its size from Content-Length, else the whole body. */
async function fromResponse(response) {
  if (!response.ok)
    throw new AttentionError(`loadCheckpoint: ${response.url || 'the URL'} answered ${response.status}`);
  const size = Number(response.headers.get('content-length'));
  if (!response.body || !Number.isSafeInteger(size) || size <= 0 || response.headers.get('content-encoding')) {
    return fromBytes(new Uint8Array(await response.arrayBuffer()));
  }
  const reader = response.body.getReader();
  let position = 0; // bytes of the body consumed
  let pending = new Uint8Array(0); // delivered by the stream, from `position`
  const next = async () => {
    const { done, value } = await reader.read();
    if (done)
      throw new AttentionError(`loadCheckpoint: the download ended at byte ${position + pending.length} of ${size}`);
    const joined = new Uint8Array(pending.length + value.length);
    joined.set(pending);
    joined.set(value, pending.length);
    pending = joined;
  };
  return windowed(
    size,
    async (offset, length) => {
      while (position + pending.length < offset) {
        position += pending.length;
        pending = new Uint8Array(0);
        await next();
      }
      pending = pending.subarray(offset - position);
      position = offset;
      while (pending.length < length) await next();
      const out = pending.slice(0, length);
      pending = pending.subarray(length);
      position += length;
      return out;
    },
    () => reader.cancel().catch(() => {}),
  );
}

/** bytes | ArrayBuffer | Blob/File | Response | URL | string (URL or path) -> a source. */
export async function openSource(source) {
  if (source instanceof ArrayBuffer) return fromBytes(new Uint8Array(source));
  if (source instanceof Uint8Array) return fromBytes(source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return fromBlob(source);
  if (typeof Response !== 'undefined' && source instanceof Response) return fromResponse(source);
  if (typeof source === 'string' || source instanceof URL) {
    const base = typeof location !== 'undefined' ? location.href : `file://${isNode ? process.cwd() : ''}/`;
    let url;
    try {
      url = new URL(source, base);
    } catch {
      throw new AttentionError(`loadCheckpoint: not a URL or path: ${describe(source)}`);
    }
    if (isNode && url.protocol === 'file:') return fromNodeFile(url);
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new AttentionError(`loadCheckpoint: could not fetch ${url.href}: ${error.message}`);
    }
    return fromResponse(response);
  }
  throw new AttentionError(
    `loadCheckpoint: expects a Uint8Array, ArrayBuffer, File/Blob, Response or URL, got ${describe(source)}`,
  );
}
