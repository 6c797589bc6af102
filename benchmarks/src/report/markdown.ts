/** bench.md: the run as markdown tables (machine, floors, every level, ratios, processes, targets). */
import { TARGET_PAYLOAD_BYTES, findLevel, ratios } from '../compare.js';
import { formatBytes, formatMs, formatRate, formatRatio, levelLabel } from '../format.js';
import type { BenchReport, LevelResult, SystemRun } from '../results.js';

function systemName(r: Pick<SystemRun, 'system' | 'nodes'>): string {
  return r.system === 'raftbus' ? `raftbus ${r.nodes} nodes` : `etcd ${r.nodes} members`;
}

export function machineLine(report: BenchReport): string {
  const m = report.machine;
  const d = m.disk;
  const rotational = d.rotational === null ? '' : d.rotational ? ', reports rotational' : ', non-rotational';
  return (
    `${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.ramBytes)} RAM, ${m.os}, ${m.kernel}, Node ${m.node}; ` +
    `data directory on ${d.device} (${d.fsType}${d.model ? `, ${d.model}` : ''}${rotational}) at ${d.path}; load average at start ${m.loadAverage.join(' ')}`
  );
}

function cpuPerCommitUs(l: LevelResult): string {
  const total = Object.values(l.nodeCpuSeconds).reduce((a, b) => a + b, 0);
  const completed = l.commitsPerSecond * l.seconds;
  return total > 0 && completed > 0 ? ((total / completed) * 1e6).toFixed(0) : '–';
}

function levelsTable(runs: readonly SystemRun[]): string[] {
  const rows = [
    '| system | payload, load | commits/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | nodes\' CPU µs/commit | client CPU s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of runs) {
    for (const l of r.levels) {
      rows.push(
        `| ${systemName(r)} | ${levelLabel(l)} | ${formatRate(l.commitsPerSecond)} | ${formatMs(l.latencyMs.p50)} | ${formatMs(l.latencyMs.p90)} | ` +
          `${formatMs(l.latencyMs.p99)} | ${formatMs(l.latencyMs.p999)} | ${formatMs(l.latencyMs.max)} | ${l.errors + l.skipped} | ${cpuPerCommitUs(l)} | ` +
          `${l.clientCpuSeconds === null ? '–' : l.clientCpuSeconds.toFixed(2)} |`,
      );
    }
  }
  return rows;
}

/** With --rounds: each round's headline figures (128 B), so the spread behind every median shows. */
function roundsTable(rounds: readonly (readonly SystemRun[])[]): string[] {
  const p = TARGET_PAYLOAD_BYTES;
  const rows = [
    `| round | raftbus 3 nodes, 1 in flight: p50 ms | 3 nodes, 256: commits/s | p99 ms | 5 nodes, 256: commits/s | etcd, 1 in flight: p50 ms | etcd, 256: commits/s | 3 nodes / etcd at 256 |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  rounds.forEach((runs, i) => {
    const seq = findLevel(runs, 'raftbus', 3, p, 1);
    const wide = findLevel(runs, 'raftbus', 3, p, 256);
    const five = findLevel(runs, 'raftbus', 5, p, 256);
    const etcdSeq = findLevel(runs, 'etcd', 3, p, 1);
    const etcdWide = findLevel(runs, 'etcd', 3, p, 256);
    const rate = (l: LevelResult | undefined) => (l ? formatRate(l.commitsPerSecond) : '–');
    const ms = (l: LevelResult | undefined, f: 'p50' | 'p99') => (l ? formatMs(l.latencyMs[f]) : '–');
    const ratio = wide && etcdWide ? formatRatio(wide.commitsPerSecond / etcdWide.commitsPerSecond) : '–';
    rows.push(`| ${i + 1} | ${ms(seq, 'p50')} | ${rate(wide)} | ${ms(wide, 'p99')} | ${rate(five)} | ${ms(etcdSeq, 'p50')} | ${rate(etcdWide)} | ${ratio} |`);
  });
  return rows;
}

function ratioTable(title: string, a: SystemRun | undefined, b: SystemRun | undefined): string[] {
  const pairs = ratios(a, b);
  if (pairs.length === 0) return [];
  const rows = [`### ${title}`, '', '| payload | in flight | throughput | p50 | p99 |', '|---:|---:|---:|---:|---:|'];
  for (const p of pairs) rows.push(`| ${p.payloadBytes} B | ${p.inFlight} | ${formatRatio(p.throughput)} | ${formatRatio(p.p50)} | ${formatRatio(p.p99)} |`);
  return [...rows, ''];
}

export function renderMarkdown(report: BenchReport, svgFileName: string): string {
  const raftbus3 = report.runs.find((r) => r.system === 'raftbus' && r.nodes === 3);
  const raftbus5 = report.runs.find((r) => r.system === 'raftbus' && r.nodes === 5);
  const etcd = report.runs.find((r) => r.system === 'etcd');
  const out: string[] = ['# raftbus commit latency and throughput', ''];
  out.push(`Command: \`${report.command}\` — ${report.startedAt}, ${report.wallSeconds.toFixed(0)} s wall clock.`, '');
  out.push(`Machine: ${machineLine(report)}.`, '');
  if (report.rounds) {
    out.push(
      `Rounds: ${report.rounds.length}, alternating (${report.rounds[0]!.map(systemName).join(', ')}, then again). ` +
        'Every figure in the tables below is the median of its rounds, each on its own; the targets are judged on those medians.',
      '',
    );
  }
  out.push(
    'Workload: a put (the kv-store\'s `set`: no old value back, as etcd\'s put) of a random value of the payload size to one of 1000 keys, through `@raftbus/client` in its own process, ' +
      'into a `raftbus up --app kv-store` cluster (separate node processes, ZeroMQ, RocksDB, every write fdatasync\'ed). ' +
      'Closed loop: that many callers, each with one put outstanding. Latency: client send → result. ' +
      'etcd: the Go generator from ../shared/peer-bench (`-conc N -size P`, keys unique per put), which reports p50 and p99 only.',
    '',
  );
  if (report.floors) {
    const f = report.floors;
    const seq = raftbus3?.levels.find((l) => l.mode === 'closed' && l.inFlight === 1 && l.payloadBytes === TARGET_PAYLOAD_BYTES);
    const drift = f.rounds.map((r) => `${r.at}: ${formatMs(r.zmqRoundTripP50Ms)} + ${formatMs(r.fdatasyncP50Ms)} ms`).join(', ');
    out.push(
      `Floor (same run; start and end pooled — ${drift}): ZeroMQ loopback round trip p50 ${formatMs(f.zmqRoundTripMs.p50)} ms (p99 ${formatMs(f.zmqRoundTripMs.p99)}) + ` +
        `fdatasync p50 ${formatMs(f.fdatasyncMs.p50)} ms (p99 ${formatMs(f.fdatasyncMs.p99)}) = commit floor ${formatMs(f.commitFloorMs)} ms` +
        (seq ? `; raftbus sequential p50 ${formatMs(seq.latencyMs.p50)} ms = ${formatRatio(seq.latencyMs.p50 / f.commitFloorMs)} floor.` : '.'),
      '',
    );
  }
  if (report.rounds) out.push('## Rounds (128 B)', '', ...roundsTable(report.rounds), '');
  out.push('## Levels', '', ...levelsTable(report.runs), '');
  out.push(`![p50 and p99 latency against throughput](${svgFileName})`, '');
  const ratioRows = [...ratioTable('raftbus 3 nodes / etcd', raftbus3, etcd), ...ratioTable('raftbus 5 nodes / 3 nodes', raftbus5, raftbus3)];
  if (ratioRows.length) out.push('## Ratios', '', ...ratioRows);
  if (report.etcdSkipped) out.push(`etcd was not compared: ${report.etcdSkipped}`, '');
  out.push('## Processes (whole run)', '', '| system | process | pid | CPU s | peak RSS |', '|---|---|---:|---:|---:|');
  for (const r of report.runs) for (const p of r.processes) out.push(`| ${systemName(r)} | ${p.id}${p.role ? ` (${p.role} at start)` : ''} | ${p.pid} | ${p.cpuSeconds.toFixed(1)} | ${formatBytes(p.peakRssBytes)} |`);
  out.push('');
  for (const r of report.runs) if (r.failure) out.push(`**${systemName(r)} stopped early:** ${r.failure.split('\n')[0]}`, '');
  out.push('## Issue #8 targets (3 nodes, 128 B; informational)', '', '| target | goal | measured | met |', '|---|---|---|---|');
  for (const t of report.targets) out.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : 'no'} |`);
  out.push('');
  return out.join('\n');
}
