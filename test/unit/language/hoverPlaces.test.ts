import * as assert from 'node:assert/strict';
import { assignedCallStart, isKeywordName } from '../../../src/language/recognition/hoverPlaces';

describe('language: where in a call the hover speaks', () => {
  it('a keyword argument name, not a comparison or a value', () => {
    assert.equal(isKeywordName('=2.0, reduction="sum")'), true);
    assert.equal(isKeywordName(' = ALPHA)'), true);
    assert.equal(isKeywordName(' == 3'), false);
    assert.equal(isKeywordName(', targets)'), false);
    assert.equal(isKeywordName('"'), false);
  });

  it('the name a call is assigned to: a config key or a variable', () => {
    assert.equal(assignedCallStart("=dict(type='FocalLoss')"), 1);
    assert.equal(assignedCallStart("': dict(type='FocalLoss')"), 3);
    assert.equal(assignedCallStart(" = nn.CrossEntropyLoss()"), 3);
    assert.equal(assignedCallStart("': {'type': 'FocalLoss'}"), 3);
    assert.equal(assignedCallStart(' == nn.X()'), undefined);
    assert.equal(assignedCallStart(' = 0.25'), undefined);
    assert.equal(assignedCallStart('(x, y)'), undefined);
  });
});
