import { EntryType, MessageType, NO_NODE, type Entry, type Message, type NodeId } from './types.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(MessageType));

function isIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function entriesWellFormed(m: Message): boolean {
  if (!Array.isArray(m.entries)) return false;
  let prev: Entry | undefined;
  for (const e of m.entries) {
    if (!isIndex(e.index) || !isIndex(e.term) || !(e.data instanceof Uint8Array)) return false;
    if (e.term > m.term) return false;
    if (prev ? e.index !== prev.index + 1 || e.term < prev.term : e.index !== m.index + 1 || e.term < m.logTerm) return false;
    prev = e;
  }
  return true;
}

/**
 * Structural validation of a message from the network. Anything that fails is dropped and counted:
 * a peer's bug or a corrupted frame must never reach the protocol's invariant assertions.
 */
export function isWellFormed(m: Message, self: NodeId): boolean {
  if (typeof m !== 'object' || m === null) return false;
  if (!KNOWN_TYPES.has(m.type) || m.to !== self || typeof m.from !== 'string' || m.from === NO_NODE || m.from === self) return false;
  if (!isIndex(m.term) || !isIndex(m.logTerm) || !isIndex(m.index) || !isIndex(m.commit) || !isIndex(m.rejectHint)) return false;
  if (m.type === MessageType.Append && !entriesWellFormed(m)) return false;
  if (m.type === MessageType.Propose) {
    if (!Array.isArray(m.entries) || m.entries.length === 0) return false;
    if (!m.entries.every((e) => e.index === 0 && e.term === 0 && e.type === EntryType.Normal && e.data instanceof Uint8Array)) return false;
  }
  if (m.type === MessageType.Snapshot) {
    const s = m.snapshot;
    if (!s || !(s.data instanceof Uint8Array) || !isIndex(s.meta?.index) || !isIndex(s.meta?.term) || s.meta.term > m.term) return false;
    if (!Array.isArray(s.meta.confState?.voters)) return false;
  }
  return true;
}
