import * as vscode from 'vscode';
import type { ExplorerCall } from '../protocol';
import { COMPARE_COMMAND } from './commandIds';
import { gatherBinaryReport } from './computeLossCommand';
import type { ComputeLossArgs } from './computeLossCommand';
import { ExplorerPanel } from './explorerPanel';
import type { LossReport } from './lossReport';
import { argsObject, registerSafeCommand } from './safeCommand';
import type { LossLensSettings } from './settingsValues';

/** "Compare CE, Balanced CE and Focal Loss...": the same quick inputs as Compute Loss, then the panel with that point. */
export function registerCompare(output: vscode.OutputChannel, settings: () => LossLensSettings, extensionUri: vscode.Uri): vscode.Disposable {
  return registerSafeCommand<LossReport>(COMPARE_COMMAND, output, async (...args) => {
    const report = await gatherBinaryReport(argsObject<ComputeLossArgs>(args), settings(), vscode.l10n.t('Compare'), false);
    if (!report) return undefined;
    const call: ExplorerCall = { label: vscode.l10n.t('Compare: your values'), api: 'loss-lens.compare', kind: 'focal', alpha: report.alpha, gamma: report.gamma };
    const point = 'p' in report.prediction ? { p: report.prediction.p, y: report.y } : { logit: report.prediction.logit, y: report.y };
    ExplorerPanel.createOrShow(extensionUri, { call, points: [point], source: 'compare' });
    return report;
  });
}
