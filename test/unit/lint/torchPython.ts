// Runs fixed code under Debian's Python with PyTorch (python3-torch), so the lint tests can check
// that a quick fix computes what it says: the code a fix gives, executed on random inputs against
// the per-sample formula. The suites that use it skip, saying why, when torch is not importable.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

let available: boolean | undefined;

/** Whether `python3 -c "import torch"` works here. */
export function pythonWithTorch(): boolean {
  available ??= spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
  return available;
}

/**
 * Runs `driver` with `request` JSON-decoded as `request` (torch, torch.nn as nn and
 * torch.nn.functional as F imported, float64 by default, seeded); the driver prints one JSON answer.
 */
export function runTorch(driver: string, request: unknown): unknown {
  const prelude = 'import json, sys, warnings\nwarnings.simplefilter("ignore")\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\ntorch.set_default_dtype(torch.float64)\ntorch.manual_seed(0)\nrequest = json.load(sys.stdin)\n';
  const run = spawnSync(PYTHON, ['-c', prelude + driver], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
