// Issue 24 through VS Code's own hover machinery (vscode.executeHoverProvider): three more places tests
// give a loss its values: MONAI's `@parameterized.expand(TEST_CASES)` with `FocalLoss(**input_param)`,
// a module-level `pytestmark`, and a fixture of the file with `params=[...]` returning `request.param`.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossHoverAt } from './fixtures';

const SOURCE = [
  'import pytest',
  'from parameterized import parameterized',
  'from monai.losses import FocalLoss',
  'from torchvision.ops import sigmoid_focal_loss',
  '',
  'TEST_CASES = [',
  '    [{"to_onehot_y": True, "gamma": 2.0}, 0.1],',
  '    [{"to_onehot_y": True, "alpha": 0.8, "gamma": 1.0}, 0.2],',
  ']',
  '',
  'class TestFocalLoss(unittest.TestCase):',
  '    @parameterized.expand(TEST_CASES)',
  '    def test_result(self, input_param, expected_val):',
  '        focal_loss = FocalLoss(**input_param)',
  '',
  'pytestmark = pytest.mark.parametrize("alpha", [0.25, 0.5])',
  '',
  '@pytest.fixture(params=[0.5, 2.0])',
  'def gamma(request):',
  '    return request.param',
  '',
  'def test_sigmoid_focal(alpha, gamma):',
  '    sigmoid_focal_loss(logits, labels, alpha=alpha, gamma=gamma)',
  '',
].join('\n');

describe('Issue 24: values from parameterized.expand, pytestmark and parametrized fixtures in the hover', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
    // A named untitled document (see testValues.test.ts for why not a plain openTextDocument({ content })).
    document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/issue24-more-test-values.py' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), SOURCE);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the source was not inserted');
    assert.equal(document.getText(), SOURCE);
    assert.equal(document.languageId, 'python');
  });

  it("MONAI's FocalLoss(**input_param) under parameterized.expand: every gamma and alpha a row passes", async () => {
    const hover = await lossHoverAt(document, 'FocalLoss(**input_param)');
    assert.ok(hover, 'no hover on FocalLoss(**input_param)');
    assert.match(hover, /gamma \*\*2 or 1\*\* \*\(parameterized\\?\.expand, line 12\)\*/);
    assert.match(hover, /alpha \*\*none or 0\\?\.8\*\* \*\(parameterized\\?\.expand, line 12\)\*/);
    assert.doesNotMatch(hover, /unresolved/);
  });

  it("pytestmark's alpha and the fixture's gamma, each at its line", async () => {
    const hover = await lossHoverAt(document, 'sigmoid_focal_loss(logits');
    assert.ok(hover, 'no hover on the test with pytestmark and a fixture');
    assert.match(hover, /alpha \*\*0\\?\.25 or 0\\?\.5\*\* \*\(pytest parametrize, line 16\)\*/);
    assert.match(hover, /gamma \*\*0\\?\.5 or 2\*\* \*\(the pytest fixture's params, line 18\)\*/);
  });
});
