#!/usr/bin/env node
/** `raftbus-curve-keygen [name...]`: prints fresh CURVE key pairs as JSON, one object per name. */
import { generateCurveKeyPair } from './curve.js';

const names = process.argv.slice(2);
const pairs = Object.fromEntries((names.length > 0 ? names : ['node']).map((name) => [name, generateCurveKeyPair()]));
process.stdout.write(`${JSON.stringify(pairs, null, 2)}\n`);
