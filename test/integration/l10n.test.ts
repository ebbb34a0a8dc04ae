// What reaches the extension of VS Code's display language. The harness runs this suite with the
// others in English, and once more in each extension host with VS Code in Korean (test/harness/
// run-integration.mjs; installTestLanguagePack in test/harness/server.mjs is what makes
// `--locale ko` take effect there). That run tells the suite the language it started VS Code in
// (globalThis.lossLensExpectedLanguage), so a Korean run that came up in English fails instead of
// passing the English branch. The Korean text expected is read from the files the extension ships
// (l10n/bundle.l10n.ko.json, package.nls.ko.json), not copied here.
import * as assert from './assert';
import * as vscode from 'vscode';
import { resolveKoreanParticles } from '../../src/core';
import { EXPECTED_HOST, actualHost } from './host';
import { hoverTexts, lossLensDiagnostics, poll } from './fixtures';

const EXTENSION_ID = 'loss-lens.loss-lens';
const FOCAL_CALL = 'from torchvision.ops import sigmoid_focal_loss\nloss = sigmoid_focal_loss(x, y, alpha=0.25)\n';
const DOUBLE_SOFTMAX = 'import torch\nimport torch.nn.functional as F\n\n\ndef f(scores, labels):\n    return F.cross_entropy(torch.softmax(scores, dim=1), labels)\n';

type Strings = Record<string, string>;

/** Whether VS Code runs in Korean (`ko`, `ko-kr`). */
const korean = (): boolean => vscode.env.language.toLowerCase().startsWith('ko');

/** A JSON file of the extension as shipped, read through VS Code's file system (both hosts). */
async function shipped(path: string): Promise<Strings> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, path));
  return JSON.parse(new TextDecoder().decode(bytes)) as Strings;
}

/** `template` with {0}, {1}, ... filled in, as vscode.l10n.t does. */
function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** What Loss Lens shows for a template filled in: Korean particles chosen for the words put in (은/는). */
function shown(template: string, ...args: (string | number)[]): string {
  return resolveKoreanParticles(format(template, ...args));
}

/**
 * The display language's text for an English template: the Korean bundle's value in Korean, the
 * template itself in English. Fails when the bundle lacks the key or leaves it English.
 */
function expectedText(ko: Strings, template: string): string {
  if (!korean()) return template;
  const text = ko[template];
  assert.ok(text, `l10n/bundle.l10n.ko.json has no translation of ${JSON.stringify(template)}`);
  assert.ok(text !== template || !/[A-Za-z]{4}/.test(template), `l10n/bundle.l10n.ko.json leaves ${JSON.stringify(template)} English`);
  return text;
}

/** The hover's Markdown at `position` of `document`, waiting for the extension to answer (up to 10 s). */
async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return (await poll(async () => (await hoverTexts(document.uri, position)).join('\n'), (text) => text.includes('sigmoid_focal_loss'))).value;
}

describe('Localisation', () => {
  let ko: Strings;
  let english: Strings;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    ko = await shipped('l10n/bundle.l10n.ko.json');
    english = await shipped('l10n/bundle.l10n.json');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('runs in the display language the harness started VS Code in', () => {
    const bundle = vscode.l10n.bundle;
    console.log(`vscode.env.language = ${vscode.env.language}; l10n bundle ${bundle ? `of ${Object.keys(bundle).length} strings` : 'none'}`);
    const expected = (globalThis as { lossLensExpectedLanguage?: string }).lossLensExpectedLanguage;
    if (expected) assert.equal(vscode.env.language, expected, `VS Code was started in ${expected}`);
    assert.equal(actualHost(), EXPECTED_HOST, 'the extension host this bundle was built for');
  });

  it('vscode.l10n gives the shipped bundle of the display language', () => {
    if (korean()) {
      // The bundle VS Code loaded is l10n/bundle.l10n.ko.json, key for key.
      const bundle = vscode.l10n.bundle;
      assert.ok(bundle, 'no l10n bundle loaded in Korean');
      assert.equal(Object.keys(bundle).length, Object.keys(ko).length, 'number of strings in the loaded bundle');
      for (const [key, value] of Object.entries(ko)) assert.equal(bundle[key], value, `loaded bundle's ${JSON.stringify(key)}`);
      assert.ok(/[가-힣]/.test(vscode.l10n.t('Open in Loss Explorer')), vscode.l10n.t('Open in Loss Explorer'));
    } else {
      assert.equal(vscode.l10n.bundle, undefined);
    }
    assert.equal(vscode.l10n.t('Open in Loss Explorer'), expectedText(ko, 'Open in Loss Explorer'));
    const template = 'Loss Lens: {0} (at character {1})';
    assert.equal(vscode.l10n.t(template, 'x', 3), format(expectedText(ko, template), 'x', 3));
  });

  it('the hover of a focal loss call is in the display language', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: FOCAL_CALL });
    await vscode.window.showTextDocument(document);
    const text = await hoverText(document, new vscode.Position(1, 10));
    console.log(`hover (${vscode.env.language}), first lines:\n${text.split('\n').slice(0, 8).join('\n')}`);
    // Its links, where each value came from (alpha written, gamma the library's default) and what
    // torchvision's default reduction means.
    for (const template of ['Open in Loss Explorer', "Chart this call's loss", 'written here', 'library default', '**"none"**: per element (the paper sums, then divides by the positives).']) {
      assert.ok(text.includes(expectedText(ko, template)), `the hover lacks ${JSON.stringify(expectedText(ko, template))}:\n${text}`);
    }
    if (korean()) {
      // No English sentence of the bundle is left in it (short ones could be part of a Korean text).
      const leftEnglish = Object.keys(english).filter((template) => !template.includes('{') && template.length >= 24 && ko[template] !== template && text.includes(template));
      assert.equal(leftEnglish.length, 0, `English left in the Korean hover: ${JSON.stringify(leftEnglish)}`);
    }
  });

  it('a lint diagnostic and its quick fix are in the display language', async () => {
    // A document of its own name: a new untitled document would be Untitled-1 at version 1 again,
    // like the hover's just closed, and the lint can then be handed that one's calls (seen here).
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/l10n_double_softmax.py' }));
    const editor = await vscode.window.showTextDocument(document);
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), DOUBLE_SOFTMAX)), 'edit not applied');
    const [diagnostic] = await lossLensDiagnostics(document.uri);
    assert.ok(diagnostic, 'no Loss Lens diagnostic');
    console.log(`diagnostic (${vscode.env.language}): ${diagnostic.message}`);
    assert.equal(diagnostic.message, shown(expectedText(ko, '{0} applies log_softmax itself: these probabilities get a second softmax'), 'cross_entropy'));
    assert.equal(diagnostic.relatedInformation?.[0]?.message, expectedText(ko, 'softmax applied here'));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `no preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    console.log(`quick fix (${vscode.env.language}): ${preferred.title}`);
    assert.equal(preferred.title, shown(expectedText(ko, 'Pass the logits to {0} (remove the {1})'), 'cross_entropy', 'softmax'));
  });

  it('the manifest\'s titles reach VS Code in the display language', async () => {
    // VS Code fills in the manifest's %placeholders% when it scans the extension: from
    // package.nls.<language>.json as { value, original } (original: package.nls.json's), or from
    // package.nls.json as plain text in English. The command palette shows `value` (the UI check
    // test/e2e/korean.e2e.mjs runs the command by its Korean title).
    const nls = await shipped('package.nls.json');
    const nlsKo = await shipped('package.nls.ko.json');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; title: string | { value: string; original: string } }[] } };
    for (const [command, key] of [['lossLens.openExplorer', 'command.openExplorer.title'], ['lossLens.computeLoss', 'command.computeLoss.title']] as const) {
      const title = manifest.contributes.commands.find((c) => c.command === command)?.title;
      console.log(`${command}'s title in packageJSON (${vscode.env.language}): ${JSON.stringify(title)}`);
      if (korean()) {
        assert.ok(nlsKo[key] && nlsKo[key] !== nls[key], `package.nls.ko.json translates ${key}`);
        assert.equal(JSON.stringify(title), JSON.stringify({ value: nlsKo[key], original: nls[key] }));
      } else {
        assert.equal(title, nls[key]);
      }
    }
  });
});
