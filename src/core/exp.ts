/*
 * exp(d) for d <= 0, the softmax kernel's one transcendental per class. V8's Math.exp is a call
 * into C++ that costs ~20-40 ns on the benchmark machine, more than the rest of a row's arithmetic;
 * this is plain arithmetic V8 inlines, 2-3x faster, and within 1.5 ulp of Math.exp for results
 * above the subnormal range (checked against it in exp.test.ts).
 *
 * Method (as fdlibm's and musl's exp): d = (k / N) ln 2 + r with k = round(d N / ln 2) and
 * |r| <= ln 2 / 2N, so exp(d) = 2^floor(k / N) 2^((k mod N) / N) exp(r). The two powers of 2 come
 * from tables, exp(r) from its Taylor series to r^5 (the next term is below 1e-18 relative).
 */

const LOG2_N = 7;
const N = 1 << LOG2_N;
/** 2^(j / N), j in [0, N). */
const FRACTION_POWERS = Float64Array.from({ length: N }, (_, j) => 2 ** (j / N));
/** 2^-i, i in [0, 1100): exact (powers of 2), reaching 0 past the subnormals. */
const NEGATIVE_POWERS = new Float64Array(1100);
for (let i = 0, v = 1; i < NEGATIVE_POWERS.length; i++, v /= 2) NEGATIVE_POWERS[i] = v;

const N_OVER_LN2 = N / Math.LN2;
// ln 2 / N split in two (fdlibm's ln2_hi, ln2_lo): k ln2_hi is exact for |k| < 2^21, so r keeps its precision.
const LN2_HI = 6.9314718036912381649e-1 / N;
const LN2_LO = 1.9082149292705877e-10 / N;
// Adding and subtracting 1.5 * 2^52 rounds a double to the nearest integer (|x| < 2^51).
const ROUND = 6755399441055744;
/** Below this exp(d) is 0 in double precision (the last subnormal is exp(-744.44)). */
const UNDERFLOW = -745.2;

/** exp(d) for d <= 0 (and -Infinity, giving 0); exp(0) is exactly 1. */
export function expNonPositive(d: number): number {
  if (!(d > UNDERFLOW)) return 0;
  const kf = d * N_OVER_LN2 + ROUND - ROUND;
  const r = d - kf * LN2_HI - kf * LN2_LO;
  const k = kf | 0;
  // exp(r) - 1 to r^5 in Estrin's form: a shorter dependency chain than Horner's.
  const r2 = r * r;
  const p = r + r2 * (1 / 2 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
  const t = FRACTION_POWERS[k & (N - 1)]!;
  // k & (N - 1) and k >> LOG2_N are k mod N and floor(k / N) for negative k too (two's complement).
  return (t + t * p) * NEGATIVE_POWERS[-(k >> LOG2_N)]!;
}
