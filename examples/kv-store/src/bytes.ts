import { Buffer } from 'node:buffer';

// Every put copies its value once, on every replica, so the copy's cost is per commit. An array of its own
// (`slice()`, `new Uint8Array(n)` above 64 bytes) is a malloc'd backing store that the next GC must sweep:
// 1.6–1.8 µs for 128 bytes in a loop on the development machine, against 0.1 µs for a one-byte string and
// 0.2 µs for a slice of Node's shared Buffer pool.

/**
 * The bytes as a one-byte string (latin1: one character per byte), which is how the store holds values:
 * on the V8 heap, compact, with nothing for the GC to sweep and nothing pinned.
 */
export function toByteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A new array with the bytes of a string made by toByteString (sliced from Node's Buffer pool when small). */
export function fromByteString(value: string): Uint8Array {
  const b = Buffer.from(value, 'latin1');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * A copy for a caller to keep: a plain Uint8Array, sliced from Node's Buffer pool when small. A held copy
 * keeps its 8 KiB pool slab alive, as any small Buffer does; it never pins the frame it was decoded from.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const b = Buffer.from(bytes);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
