// The "Why focal loss?" walkthrough (issue 14) in a real workbench: VS Code reads it from the
// manifest with the package.nls strings filled in, each step's command links run (the Loss
// Explorer's open the panel), and Help > Get Started can open it.
import * as assert from './assert';
import * as vscode from 'vscode';
import { explorerTabs, waitFor } from './fixtures';
import { commandLinks } from './walkthroughLinks';

const EXTENSION_ID = 'loss-lens.loss-lens';
const WALKTHROUGH_ID = `${EXTENSION_ID}#whyFocalLoss`;

interface Step {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly markdown?: string };
}
interface Walkthrough {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly Step[];
}

function manifest(): { contributes: { walkthroughs: Walkthrough[]; commands: { command: string; title: string | { value: string } }[] } } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.packageJSON;
}

const korean = () => vscode.env.language.toLowerCase().startsWith('ko');
const allTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);

describe('Walkthrough "Why focal loss?"', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is contributed with its five steps, in the display language', () => {
    const walkthrough = manifest().contributes.walkthroughs.find((w) => w.id === 'whyFocalLoss');
    assert.ok(walkthrough, 'no walkthrough whyFocalLoss');
    // The package.nls strings are in: no %key% is left anywhere VS Code shows it.
    assert.equal(walkthrough.title, korean() ? 'Focal loss는 왜 필요할까?' : 'Why focal loss?');
    assert.equal(walkthrough.steps.map((s) => s.id).join(), 'imbalance,balanced,focal,together,code');
    for (const step of walkthrough.steps) {
      for (const text of [step.title, step.description, step.media.markdown ?? '']) assert.ok(text && !/^%.*%$/.test(text), `${step.id}: ${text}`);
      assert.match(step.media.markdown!, korean() ? /\.ko\.md$/ : /\/\d-[a-z]+\.md$/);
    }
    console.log(`      display language ${vscode.env.language}; first step: ${walkthrough.steps[0]!.title}`);
  });

  it('localises the command titles too', () => {
    const open = manifest().contributes.commands.find((c) => c.command === 'lossLens.openExplorer');
    assert.ok(open);
    const title = typeof open.title === 'string' ? open.title : open.title.value;
    assert.equal(title, korean() ? 'Loss Explorer 열기' : 'Open Loss Explorer');
  });

  it("runs every step's command links: the Loss Explorer's open the panel in the step's state", async function () {
    // Step 1 builds the paper's 10^7 negatives in the page.
    this.timeout(90_000);
    const walkthrough = manifest().contributes.walkthroughs.find((w) => w.id === 'whyFocalLoss')!;
    let explorerLinks = 0;
    for (const step of walkthrough.steps) {
      const links = commandLinks(step.description);
      assert.ok(links.length > 0, `${step.id} has no command link`);
      for (const link of links) {
        const what = `${step.id}: [${link.label}]`;
        if (link.command === 'lossLens.openExplorer') {
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
          await waitFor(() => explorerTabs().length === 0, 'the editors to close');
          await vscode.commands.executeCommand(link.command, ...link.args);
          await waitFor(() => explorerTabs().length === 1, `${what}: the Loss Explorer`);
          explorerLinks++;
        } else if (link.command === 'lossLens.openSample') {
          const document = await vscode.commands.executeCommand<vscode.TextDocument>(link.command, ...link.args);
          assert.equal(document?.languageId, 'python', what);
          assert.match(document.getText(), /sigmoid_focal_loss\(logits, targets/);
          await waitFor(() => vscode.window.activeTextEditor?.document === document, `${what}: the sample in an editor`);
        } else {
          assert.equal(link.command, 'workbench.action.quickOpen', what);
          await vscode.commands.executeCommand(link.command, ...link.args);
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        }
      }
    }
    assert.ok(explorerLinks >= 6, `${explorerLinks} Loss Explorer links`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("opens the Loss Explorer beside the walkthrough, never as a tab on top of it (issue 20, item 6)", async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => allTabs().length === 0, 'the editors to close');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    const getStarted = () => allTabs().find((tab) => tab.input === undefined);
    await waitFor(() => getStarted() !== undefined, 'the walkthrough');
    const walkthroughColumn = getStarted()!.group.viewColumn;
    // A walkthrough button runs its link with no text editor active: every Loss Explorer link of
    // the steps, one after another, as a person clicks through them.
    const links = manifest().contributes.walkthroughs.find((w) => w.id === 'whyFocalLoss')!.steps
      .flatMap((step) => commandLinks(step.description))
      .filter((link) => link.command === 'lossLens.openExplorer')
      .slice(0, 3);
    for (const link of links) {
      await vscode.commands.executeCommand(link.command, ...link.args);
      await waitFor(() => explorerTabs().length === 1, `[${link.label}]: the Loss Explorer`);
      const explorer = explorerTabs()[0]!;
      assert.ok(explorer.group.viewColumn !== walkthroughColumn, `[${link.label}]: the Loss Explorer opened in the walkthrough's group`);
      // The walkthrough is still the tab shown in its own group: its step text stays readable.
      assert.ok(getStarted()?.isActive, `[${link.label}]: the walkthrough is hidden`);
    }
  });

  it('opens from workbench.action.openWalkthrough (Help > Get Started), also at a step', async () => {
    // The Get Started editor is the workbench's own: its tab has no input type the API names. The
    // API's tab label keeps the name the editor opened with ("Welcome", or the last walkthrough
    // shown) while the page shows "Walkthrough: Loss Lens", so the label is not checked here; the
    // page itself was checked by hand in the harness's workbench.
    const getStarted = () => allTabs().find((tab) => tab.input === undefined && tab.isActive);
    for (const args of [[WALKTHROUGH_ID, false], [{ category: WALKTHROUGH_ID, step: 'focal' }, false]]) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor(() => allTabs().length === 0, 'the editors to close');
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', ...args);
      await waitFor(() => getStarted() !== undefined, `the Get Started editor for ${JSON.stringify(args[0])}`);
    }
  });
});
