// checkpoint-source: reads a checkpoint from bytes, a File/Blob, a Response or a URL in slices,
// so a model file is never held whole in memory: read(offset, length) resolves to a
// Uint8Array of exactly those bytes. Offsets must not go backwards past what a stream has
// already delivered (loadCheckpoint reads the header, then the tensors in file order).
// Slices come from a window of WINDOW bytes read at once, so many small tensors cost few reads;
// a slice is valid until the next read() (loadCheckpoint copies each into the heap at once).

import { AttentionError, describe } from './errors.js';

export const WINDOW = 8 * 1024 * 1024;
const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/**
 * A source over readRange(offset, length) -> Promise<Uint8Array> of a known size. Reads from
 * readRange move forward only: a slice running past the window keeps the window's tail and
 * reads on from its end (a stream cannot go back).
 */
function windowed(size, readRange, windowBytes, close = async () => {}) {
  let start = 0;
  let window = new Uint8Array(0);
  return {
    size,
    close,
    async read(offset, length) {
      if (offset + length > size) throw new AttentionError(`loadCheckpoint: the file ends at byte ${size}`);
      const end = start + window.length;
      if (offset < start || offset + length > end) {
        if (offset >= start && offset < end) {
          const keep = window.slice(offset - start); // a copy: readRange may reuse its buffer
          const more = await readRange(end, Math.min(size - end, Math.max(length - keep.length, windowBytes)));
          window = new Uint8Array(keep.length + more.length);
          window.set(keep);
          window.set(more, keep.length);
        } else {
          window = await readRange(offset, Math.min(size - offset, Math.max(length, windowBytes)));
        }
        start = offset;
      }
      return window.subarray(offset - start, offset - start + length);
    },
  };
}

function fromBytes(bytes, windowBytes) {
  return windowed(bytes.length, async (offset, length) => bytes.subarray(offset, offset + length), windowBytes);
}

function fromBlob(blob, windowBytes) {
  return windowed(
    blob.size,
    async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
    windowBytes,
  );
}

async function fromNodeFile(url, windowBytes) {
  const { open } = await import('node:fs/promises');
  let file;
  try {
    file = await open(url, 'r');
  } catch (error) {
    throw new AttentionError(`loadCheckpoint: cannot open ${url.pathname}: ${error.code ?? error.message}`);
  }
  const { size } = await file.stat();
  let buffer = new Uint8Array(0); // reused: each window is consumed before the next is read
  return windowed(
    size,
    async (offset, length) => {
      if (buffer.length < length) buffer = new Uint8Array(Math.max(length, windowBytes));
      const out = buffer.subarray(0, length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await file.read(out, done, length - done, offset + done);
        if (bytesRead === 0) throw new AttentionError('loadCheckpoint: the file was truncated while reading');
        done += bytesRead;
      }
      return out;
    },
    windowBytes,
    () => file.close(),
  );
}

/** A Response body read forward only; its size from Content-Length, else the whole body. */
async function fromResponse(response, windowBytes) {
  if (!response.ok)
    throw new AttentionError(`loadCheckpoint: ${response.url || 'the URL'} answered ${response.status}`);
  const size = Number(response.headers.get('content-length'));
  if (!response.body || !Number.isSafeInteger(size) || size <= 0 || response.headers.get('content-encoding')) {
    return fromBytes(new Uint8Array(await response.arrayBuffer()), windowBytes);
  }
  const reader = response.body.getReader();
  // The chunks the stream delivered (often 64 KB), from byte `position` on; joined once per
  // slice (joining per chunk would copy a window ~100 times).
  let position = 0;
  let chunks = [];
  let buffered = 0;
  const pull = async () => {
    const { done, value } = await reader.read();
    if (done) throw new AttentionError(`loadCheckpoint: the download ended at byte ${position + buffered} of ${size}`);
    chunks.push(value);
    buffered += value.length;
  };
  const drop = (until) => {
    while (chunks.length && position + chunks[0].length <= until) {
      position += chunks[0].length;
      buffered -= chunks[0].length;
      chunks.shift();
    }
    if (chunks.length && position < until) {
      chunks[0] = chunks[0].subarray(until - position);
      buffered -= until - position;
      position = until;
    }
  };
  return windowed(
    size,
    async (offset, length) => {
      if (offset < position) throw new AttentionError('loadCheckpoint: a streamed file cannot be read backwards');
      while (position + buffered < offset + length) {
        await pull();
        if (position + buffered <= offset) drop(position + buffered); // skipped bytes: keep nothing
      }
      drop(offset);
      const out = new Uint8Array(length);
      let done = 0;
      for (const chunk of chunks) {
        if (done === length) break;
        const part = chunk.subarray(0, length - done);
        out.set(part, done);
        done += part.length;
      }
      drop(offset + length);
      return out;
    },
    windowBytes,
    () => reader.cancel().catch(() => {}),
  );
}

/** bytes | ArrayBuffer | Blob/File | Response | URL | string (URL or path) -> a source. */
export async function openSource(source, windowBytes = WINDOW) {
  if (source instanceof ArrayBuffer) return fromBytes(new Uint8Array(source), windowBytes);
  if (source instanceof Uint8Array) return fromBytes(source, windowBytes);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return fromBlob(source, windowBytes);
  if (typeof Response !== 'undefined' && source instanceof Response) return fromResponse(source, windowBytes);
  if (typeof source === 'string' || source instanceof URL) {
    const base = typeof location !== 'undefined' ? location.href : `file://${isNode ? process.cwd() : ''}/`;
    let url;
    try {
      url = new URL(source, base);
    } catch {
      throw new AttentionError(`loadCheckpoint: not a URL or path: ${describe(source)}`);
    }
    if (isNode && url.protocol === 'file:') return fromNodeFile(url, windowBytes);
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new AttentionError(`loadCheckpoint: could not fetch ${url.href}: ${error.message}`);
    }
    return fromResponse(response, windowBytes);
  }
  throw new AttentionError(
    `loadCheckpoint: expects a Uint8Array, ArrayBuffer, File/Blob, Response or URL, got ${describe(source)}`,
  );
}
