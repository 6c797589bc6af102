const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over bytes, continuing from `hash`: cheap, deterministic, good enough to tell entries apart. */
export function fnv1a(bytes: Uint8Array, hash = FNV_OFFSET_BASIS): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

/** Mixes 32-bit numbers into a hash (for chaining index, term and data hashes). */
export function mixHash(hash: number, ...values: number[]): number {
  let h = hash;
  for (const v of values) {
    // Mix both halves so that indices and terms beyond 2^32 still change the hash.
    const lo = v >>> 0;
    const hi = Math.floor(v / 0x1_0000_0000) >>> 0;
    h = Math.imul(h ^ lo, FNV_PRIME);
    h = Math.imul(h ^ hi, FNV_PRIME);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export const HASH_SEED = FNV_OFFSET_BASIS;
