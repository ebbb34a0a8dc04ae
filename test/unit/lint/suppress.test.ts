// Suppression comments (issue 23, item 5): honoured only inside comments, per line and per file;
// the edit behind "Ignore this rule on this line"; a suppression that silences nothing is reported;
// "Fix all" takes each finding's safe preferred fix.
import * as assert from 'node:assert/strict';
import { fixAllEdits, ignoreRuleOnLine, lintPython } from '../../../src/language/lint';
import { applyEdits as apply } from './applyEdits';

const CALL = 'import torch\nimport torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(torch.softmax(x, dim=1), y)';


const rules = (text: string) => lintPython(text).map((f) => f.rule);

describe('loss lint suppression', () => {
  it('a suppression inside a string on the line is not one', () => {
    assert.deepEqual(rules(`${CALL}, "# loss-lens: ignore"\n`), ['double-softmax']);
    assert.deepEqual(rules(`${CALL}, '# noqa: loss-lens'\n`), ['double-softmax']);
    assert.deepEqual(rules(`${CALL}  # loss-lens: ignore\n`), []);
    // A '#' in a string before the real comment.
    assert.deepEqual(rules(`${CALL}, "#"  # loss-lens: ignore[double-softmax]\n`), []);
  });

  it('a file-level suppression silences its rules everywhere in the file', () => {
    assert.deepEqual(rules(`# loss-lens: ignore-file[double-softmax]\n${CALL}\n`), []);
    assert.deepEqual(rules(`# loss-lens: ignore-file\n${CALL}\n`), []);
    const other = `# loss-lens: ignore-file[double-sigmoid]\n${CALL}\n`;
    assert.deepEqual(rules(other), ['unused-suppression', 'double-softmax']);
    assert.equal(lintPython('s = """\n# loss-lens: ignore-file\n"""\n' + CALL + '\n').length, 1, 'a docstring is not a comment');
  });

  it('reports a suppression that silences nothing, and its fix removes it', () => {
    const text = 'import torch.nn.functional as F\nloss = F.cross_entropy(logits, y)  # loss-lens: ignore[double-softmax]\n';
    const [finding, ...rest] = lintPython(text);
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'unused-suppression');
    assert.equal(text.slice(finding!.start, finding!.end), 'loss-lens: ignore[double-softmax]');
    assert.equal(apply(text, finding!.fixes[0]!.edits), 'import torch.nn.functional as F\nloss = F.cross_entropy(logits, y)\n');
    // A comment alone on its line goes with the line.
    const alone = '# loss-lens: ignore-file\nx = 1\n';
    assert.equal(apply(alone, lintPython(alone)[0]!.fixes[0]!.edits), 'x = 1\n');
    // Only the names that match nothing are dropped from a list.
    const partial = `${CALL}  # loss-lens: ignore[double-softmax, unstable-bce]\n`;
    const [unused] = lintPython(partial);
    assert.match(unused!.message, /^unstable-bce in this suppression/);
    assert.match(apply(partial, unused!.fixes[0]!.edits), /# loss-lens: ignore\[double-softmax\]\n$/);
    // A noqa comment naming other tools is reported without a fix.
    const noqa = 'x = 1  # noqa: E501, loss-lens\n';
    assert.deepEqual(lintPython(noqa).map((f) => [f.rule, f.fixes.length]), [['unused-suppression', 0]]);
  });

  it('"Ignore this rule on this line" adds the comment, or the rule to the line\'s list', () => {
    const text = `${CALL}\n`;
    const [finding] = lintPython(text);
    const edit = ignoreRuleOnLine(text, finding!.start, finding!.rule)!;
    const ignored = apply(text, [edit]);
    assert.match(ignored, /, y\)  # loss-lens: ignore\[double-softmax\]\n$/);
    assert.deepEqual(lintPython(ignored), []);
    const listed = `${CALL}  # loss-lens: ignore[unstable-bce]\n`;
    const more = apply(listed, [ignoreRuleOnLine(listed, lintPython(listed)[0]!.start, 'double-softmax')!]);
    assert.match(more, /# loss-lens: ignore\[unstable-bce, double-softmax\]\n$/);
    // Not after a backslash continuation, nor inside a string that spans lines.
    assert.equal(ignoreRuleOnLine('loss = F.cross_entropy(p, \\\n    y)\n', 7, 'double-softmax'), undefined);
    assert.equal(ignoreRuleOnLine('s = """a\nb"""\n', 2, 'double-softmax'), undefined);
  });

  it('Fix all applies every safe preferred fix once, and nothing unsafe', () => {
    const text = [
      'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '',
      'def f(x, y):', '    return F.cross_entropy(torch.softmax(x, dim=1), y)', '',
      'def g(x, y):', '    return F.binary_cross_entropy_with_logits(torch.sigmoid(x), y)', '',
      'model = nn.Sequential(nn.Linear(20, 1), nn.Sigmoid())',
      'criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))',
      'loss = criterion(model(x), y)', 'preds = model(x_val) > 0.5', '',
    ].join('\n');
    const fixed = apply(text, fixAllEdits(lintPython(text)));
    assert.match(fixed, /return F\.cross_entropy\(x, y\)/);
    assert.match(fixed, /return F\.binary_cross_entropy_with_logits\(x, y\)/);
    assert.match(fixed, /nn\.Sequential\(nn\.Linear\(20, 1\), nn\.Sigmoid\(\)\)/, 'the unsafe fix is left');
    assert.deepEqual(rules(fixed), ['double-sigmoid']);
  });
});
