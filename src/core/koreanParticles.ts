/*
 * Korean particles after a word that was filled into a sentence. A translation cannot know whether
 * `{0}` ends in a consonant ("cross_entropy" reads 엔트로피: 는; "label" reads 레이블: 은), so it
 * writes both forms, 은(는), and the filled-in text is finished here from the word's last sound.
 * Pure text, used where sentences are formatted: the host's translator (src/extension/l10n.ts) and
 * the page's strings (src/webview/strings.ts).
 */

/** Each both-forms notation and its two forms: [after a final consonant, after a vowel]. */
const PAIRS: Record<string, readonly [string, string]> = {
  '은(는)': ['은', '는'],
  '는(은)': ['은', '는'],
  '이(가)': ['이', '가'],
  '가(이)': ['이', '가'],
  '을(를)': ['을', '를'],
  '를(을)': ['을', '를'],
  '과(와)': ['과', '와'],
  '와(과)': ['과', '와'],
  '(으)로': ['으로', '로'],
  '(이)라': ['이라', '라'],
};
const NOTATION = /은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로|\(이\)라/g;

/** How a word ends when read aloud: a vowel, a final consonant, or ㄹ (which takes 로, not 으로). */
type Ending = 'vowel' | 'consonant' | 'rieul';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Digits read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구. */
const DIGIT_ENDINGS: readonly Ending[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];
/** Single Latin letters read by name: 엘, 엠, 엔, 알 end in a consonant; the rest in a vowel. */
const LETTER_NAME_ENDINGS: Record<string, Ending> = { l: 'rieul', m: 'consonant', n: 'consonant', r: 'rieul' };

/** The ending of the text before `end`, or undefined when nothing readable precedes it. */
function endingBefore(text: string, end: number): Ending | undefined {
  let i = end;
  // Quotes, brackets and other marks are not read: "[0.2, 0.8]" ends in 8, `"x"` in x.
  while (i > 0 && !/[\p{L}\p{N}]/u.test(text[i - 1]!)) {
    // A placeholder still to be filled ("{0}은(는)" in a template) decides nothing yet.
    if (text[i - 1] === '}' && /\{\d+\}$/.test(text.slice(0, i))) return undefined;
    i--;
  }
  if (i === 0) return undefined;
  const last = text[i - 1]!;
  const code = last.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % 28;
    return final === 0 ? 'vowel' : final === 8 ? 'rieul' : 'consonant';
  }
  if (/\d/.test(last)) return DIGIT_ENDINGS[Number(last)];
  if (/[A-Za-z]/.test(last)) {
    const word = /[A-Za-z]+$/.exec(text.slice(0, i))![0];
    if (word.length === 1) return LETTER_NAME_ENDINGS[word.toLowerCase()] ?? 'vowel';
    // English words as Korean writes them: -l is ㄹ (label, model), -m, -n and -ng a consonant
    // (sum, mean, ring); other endings take a vowel (loss 로스, weight 웨이트, entropy 엔트로피).
    const lower = word.toLowerCase();
    if (lower.endsWith('l')) return 'rieul';
    if (/(?:m|n|ng)$/.test(lower)) return 'consonant';
    return 'vowel';
  }
  return undefined;
}

/**
 * `text` with each both-forms particle (은(는), 이(가), 을(를), 과(와), (으)로, (이)라) replaced
 * by the one form the word before it takes. A notation after an unfilled `{n}` or after nothing
 * readable is left as it is; text without notations comes back unchanged.
 */
export function resolveKoreanParticles(text: string): string {
  if (!text.includes('(')) return text;
  return text.replace(NOTATION, (notation, offset: number) => {
    const ending = endingBefore(text, offset);
    if (ending === undefined) return notation;
    const [afterConsonant, afterVowel] = PAIRS[notation]!;
    if (notation === '(으)로') return ending === 'consonant' ? afterConsonant : afterVowel;
    return ending === 'vowel' ? afterVowel : afterConsonant;
  });
}
