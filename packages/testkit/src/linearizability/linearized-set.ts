/**
 * The set of operations linearized so far, with a short canonical text for memoisation.
 *
 * Operations are numbered in call order. Every completed operation numbered below `firstOpen` (the lowest
 * completed operation not yet linearized) is in the set, and every member numbered above it was called before
 * that operation returned (the search cannot take it otherwise), so the set is `firstOpen`, the few members in
 * that window, and the operations with an unknown outcome below `firstOpen` that are members. The text is
 * therefore about as long as the concurrency of the history, not its length, which keeps a memo entry small.
 *
 * Adds and removes must come in stack order (the last added is the first removed), as the search makes them.
 */
export class LinearizedSet {
  private readonly members: Uint8Array;
  private readonly completed: Uint8Array;
  /** Indices of the operations with an unknown outcome, ascending. */
  private readonly unknownOutcome: readonly number[];
  private firstOpen: number;
  private maxMember = -1;
  private readonly firstOpenBefore: number[] = [];
  private readonly maxMemberBefore: number[] = [];

  constructor(completed: readonly boolean[]) {
    const size = completed.length;
    this.members = new Uint8Array(size);
    this.completed = Uint8Array.from(completed, Number);
    this.unknownOutcome = completed.flatMap((c, i) => (c ? [] : [i]));
    this.firstOpen = this.nextOpen(0);
  }

  add(i: number): void {
    this.members[i] = 1;
    this.firstOpenBefore.push(this.firstOpen);
    this.maxMemberBefore.push(this.maxMember);
    if (i > this.maxMember) this.maxMember = i;
    if (i === this.firstOpen) this.firstOpen = this.nextOpen(i + 1);
  }

  /** Removes `i`, which must be the member added last. */
  remove(i: number): void {
    this.members[i] = 0;
    this.firstOpen = this.firstOpenBefore.pop()!;
    this.maxMember = this.maxMemberBefore.pop()!;
  }

  /** Canonical: two sets give the same text iff they have the same members. */
  key(): string {
    const { members, firstOpen } = this;
    let text = String(firstOpen);
    for (let i = firstOpen + 1; i <= this.maxMember; i++) if (members[i] === 1) text += ',' + i;
    text += ';';
    for (const i of this.unknownOutcome) {
      if (i >= firstOpen) break;
      if (members[i] === 1) text += i + ',';
    }
    return text;
  }

  private nextOpen(from: number): number {
    let i = from;
    while (i < this.members.length && (this.completed[i] === 0 || this.members[i] === 1)) i++;
    return i;
  }
}
