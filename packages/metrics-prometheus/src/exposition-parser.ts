/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4): what a scrape of /metrics
 * must satisfy. It rejects what Prometheus would reject or silently misread: bad names, bad escapes,
 * a sample before its family's TYPE, a family split in two, duplicate series, a non-cumulative
 * histogram, a +Inf bucket that disagrees with _count, a negative counter. Used by tests and scripts;
 * it is not on any hot path.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly samples: Sample[];
}

/** The exposition is malformed; `line` is 1-based (0 when the problem is not one line). */
export class ExpositionError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'ExpositionError';
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly string[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count', ''],
};

/** Families in order of appearance (a family with a TYPE line and no samples is kept, empty). */
export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MutableFamily>();
  const closed = new Set<string>();
  const seriesSeen = new Set<string>();
  let current: { name: string; help: string | undefined; type: MetricType | undefined; family: MutableFamily; sampled: boolean } | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new ExpositionError(0, 'the exposition must end with a newline');
  for (let k = 0; k < lines.length - 1; k++) {
    const lineNo = k + 1;
    const line = lines[k]!;
    if (line.trim() === '') continue;
    const fail = (msg: string): never => {
      throw new ExpositionError(lineNo, msg);
    };
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!m) continue; // a plain comment
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      if (!METRIC_NAME.test(name)) fail(`bad metric name "${name}"`);
      if (current?.name !== name) {
        if (families.has(name) || closed.has(name)) fail(`metric family ${name} appears twice`);
        if (current) closed.add(current.name);
        const family: MutableFamily = { name, type: 'untyped', help: '', samples: [] };
        families.set(name, family);
        current = { name, help: undefined, type: undefined, family, sampled: false };
      }
      if (kind === 'HELP') {
        if (current.help !== undefined) fail(`second HELP for ${name}`);
        current.family.help = current.help = unescapeHelp(rest, fail);
      } else {
        if (current.type !== undefined || current.sampled) fail(`TYPE for ${name} must come once, before its samples`);
        if (!TYPES.includes(rest)) fail(`unknown type "${rest}"`);
        current.family.type = current.type = rest as MetricType;
      }
      continue;
    }
    const sample = parseSample(line, fail);
    if (!current || !familyOf(sample.name, current)) return fail(`sample ${sample.name} has no TYPE line before it`);
    current.sampled = true;
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seriesSeen.has(key)) fail(`duplicate series ${key}`);
    seriesSeen.add(key);
    if (current.type === 'counter' && sample.value < 0) fail(`counter ${sample.name} is negative`);
    current.family.samples.push(sample);
  }
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

type MutableFamily = { -readonly [K in keyof MetricFamily]: MetricFamily[K] };

/** The family a sample belongs to: the current one, by name or by its type's suffixes. */
function familyOf(sampleName: string, current: { name: string; type: MetricType | undefined } | undefined): string | undefined {
  if (!current || current.type === undefined) return undefined;
  const suffixes = SUFFIXES[current.type] ?? [''];
  return suffixes.some((s) => sampleName === current.name + s) ? current.name : undefined;
}

function parseSample(line: string, fail: (msg: string) => never): Sample {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+(-?\d+))?$/.exec(line);
  if (!m) return fail(`not a sample line: ${line}`);
  const labels = m[2] ? parseLabels(m[2], fail) : {};
  return { name: m[1]!, labels, value: parseValue(m[3]!, fail) };
}

function parseLabels(text: string, fail: (msg: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 1; // past '{'
  while (i < text.length - 1) {
    const eq = text.indexOf('=', i);
    if (eq < 0) fail(`bad label set ${text}`);
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name)) fail(`bad label name "${name}"`);
    if (name in labels) fail(`label ${name} appears twice`);
    if (text[eq + 1] !== '"') fail(`label ${name}: value must be quoted`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (c === '"') break;
      if (c === '\n') fail('raw newline in a label value');
      if (c !== '\\') {
        value += c;
        continue;
      }
      const next = text[++j];
      if (next === '\\') value += '\\';
      else if (next === '"') value += '"';
      else if (next === 'n') value += '\n';
      else fail(`bad escape \\${next ?? ''} in label ${name}`);
    }
    if (j >= text.length - 1 + 1) fail(`unterminated value of label ${name}`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (i !== text.length - 1) fail(`expected , or } after label ${name}`);
  }
  return labels;
}

/** As Go's strconv.ParseFloat, which Prometheus uses: special values in any case (prom-client writes "Nan"). */
function parseValue(text: string, fail: (msg: string) => never): number {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return special[1] === '' ? NaN : fail(`bad value "${text}"`);
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail(`bad value "${text}"`);
  return Number(text);
}

function unescapeHelp(text: string, fail: (msg: string) => never): string {
  return text.replace(/\\(.?)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    return fail(`bad escape \\${c} in HELP`);
  });
}

/** Buckets of each series cumulative and ending at +Inf, which equals _count. */
function checkHistogram(f: MetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number }>();
  const keyOf = (labels: Readonly<Record<string, string>>) =>
    JSON.stringify(Object.entries(labels).filter(([k]) => k !== 'le').sort());
  for (const s of f.samples) {
    const key = keyOf(s.labels);
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name.endsWith('_bucket')) {
      const le = s.labels['le'];
      if (le === undefined) throw new ExpositionError(0, `${s.name} without le`);
      entry.buckets.push([le === '+Inf' ? Infinity : Number(le), s.value]);
    } else if (s.name.endsWith('_count')) {
      entry.count = s.value;
    }
  }
  for (const [key, { buckets, count }] of series) {
    const where = `${f.name}${key}`;
    if (buckets.length === 0 || buckets.at(-1)![0] !== Infinity) throw new ExpositionError(0, `${where}: the last bucket must be le="+Inf"`);
    for (let k = 1; k < buckets.length; k++) {
      if (!(buckets[k]![0] > buckets[k - 1]![0])) throw new ExpositionError(0, `${where}: bucket bounds must increase`);
      if (buckets[k]![1] < buckets[k - 1]![1]) throw new ExpositionError(0, `${where}: bucket counts must be cumulative`);
    }
    if (count === undefined || count !== buckets.at(-1)![1]) throw new ExpositionError(0, `${where}: _count ${count} differs from the +Inf bucket ${buckets.at(-1)![1]}`);
  }
}

/** The value of one series: `labels` must match exactly (le excluded for histogram _sum/_count). */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      const keys = Object.keys(s.labels);
      if (keys.length === Object.keys(labels).length && keys.every((k) => s.labels[k] === labels[k])) return s.value;
    }
  }
  return undefined;
}
