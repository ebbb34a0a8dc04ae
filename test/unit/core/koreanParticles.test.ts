// Korean particles after filled-in words (issue 20, item 16): "cross_entropy은(는)" reads as an
// unfinished template; the particle is chosen from how the word ends when read aloud.
import * as assert from 'node:assert/strict';
import { resolveKoreanParticles } from '../../../src/core';

describe('resolveKoreanParticles', () => {
  it('chooses the particle from the last syllable of Hangul', () => {
    assert.equal(resolveKoreanParticles('모델은(는) 없습니다'), '모델은 없습니다');
    assert.equal(resolveKoreanParticles('함수은(는) 없습니다'), '함수는 없습니다');
    assert.equal(resolveKoreanParticles('계산을(를) 실행'), '계산을 실행');
    assert.equal(resolveKoreanParticles('예제을(를) 실행'), '예제를 실행');
    assert.equal(resolveKoreanParticles('클래스이(가) 범위를'), '클래스가 범위를');
    // ㄹ takes 로, not 으로; other final consonants 으로.
    assert.equal(resolveKoreanParticles('레이블(으)로 끝납니다'), '레이블로 끝납니다');
    assert.equal(resolveKoreanParticles('행렬(으)로'), '행렬로');
    assert.equal(resolveKoreanParticles('확률밖(으)로'), '확률밖으로');
  });

  it('reads digits in Sino-Korean and Latin words as Korean writes them', () => {
    for (const [word, particle] of [
      ['cross_entropy', '는'], ['sigmoid_focal_loss', '는'], ['nn.CrossEntropyLoss', '는'], ['weight', '는'],
      ['label', '은'], ['model', '은'], ['mean', '은'], ['sum', '은'], ['Compute Loss for Selection', '은'],
      ['0.25', '는'], ['0.9', '는'], ['0.1', '은'], ['3', '은'], ['10', '은'], ['2', '는'],
      ['x', '는'], ['L', '은'], ['C', '는'],
    ] as const) {
      assert.equal(resolveKoreanParticles(`${word}은(는) 무시`), `${word}${particle} 무시`, word);
    }
  });

  it('looks through quotes and brackets to the word, and leaves an unfilled placeholder alone', () => {
    assert.equal(resolveKoreanParticles('"cross_entropy"은(는) 숫자가 아닙니다'), '"cross_entropy"는 숫자가 아닙니다');
    assert.equal(resolveKoreanParticles('[0.2, 0.8]은(는)'), '[0.2, 0.8]은');
    assert.equal(resolveKoreanParticles('FL (alpha 0.25, gamma 2)은(는) CE보다'), 'FL (alpha 0.25, gamma 2)는 CE보다');
    assert.equal(resolveKoreanParticles('torch.tensor(...)은(는)'), 'torch.tensor(...)는');
    // A template still to be filled decides nothing yet: the webview fills it later.
    assert.equal(resolveKoreanParticles('"{0}"은(는) 숫자가 아닙니다'), '"{0}"은(는) 숫자가 아닙니다');
    assert.equal(resolveKoreanParticles('{1}과(와) {0}'), '{1}과(와) {0}');
    assert.equal(resolveKoreanParticles('English text (with brackets)'), 'English text (with brackets)');
  });
});
