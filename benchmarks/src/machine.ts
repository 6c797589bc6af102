/** What the figures were measured on: CPU, cores, RAM, kernel, Node, and the disk under the data directory. */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { DiskDescription, MachineDescription } from './results.js';

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** `df -PT DIR` → the device and filesystem type holding DIR. */
export function parseDfOutput(text: string): { device: string; fsType: string } | null {
  const line = text.trim().split('\n')[1];
  if (!line) return null;
  const [device, fsType] = line.split(/\s+/);
  return device && fsType ? { device, fsType } : null;
}

/** /sys/block name of a device path: /dev/vda1 → vda, /dev/nvme0n1p2 → nvme0n1. */
export function blockDeviceName(device: string): string {
  const name = basename(device);
  if (/^nvme\d+n\d+p\d+$/.test(name) || /^mmcblk\d+p\d+$/.test(name)) return name.replace(/p\d+$/, '');
  return name.replace(/\d+$/, '');
}

export function describeDisk(dir: string): DiskDescription {
  const path = realpathSync(dir);
  let df: { device: string; fsType: string } | null = null;
  try {
    df = parseDfOutput(execFileSync('df', ['-PT', path], { encoding: 'utf8' }));
  } catch {
    df = null;
  }
  const block = df ? blockDeviceName(df.device) : '';
  const rotational = block ? readText(`/sys/block/${block}/queue/rotational`) : null;
  return {
    path,
    device: df?.device ?? 'unknown',
    fsType: df?.fsType ?? 'unknown',
    rotational: rotational === null ? null : rotational === '1',
    model: block ? readText(`/sys/block/${block}/device/model`) : null,
  };
}

export function describeMachine(dataDir: string): MachineDescription {
  const cpuList = cpus();
  const osRelease = readText('/etc/os-release');
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    ramBytes: totalmem(),
    kernel: `${platform()} ${release()} ${arch()}`,
    os: /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease ?? '')?.[1] ?? platform(),
    node: process.version,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    disk: describeDisk(dataDir),
  };
}
