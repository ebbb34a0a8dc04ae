/* Type checks for JSON data from outside (a debuggee's summary, a webview message). */

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isNumberOrNull = (v: unknown): v is number | null => v === null || isNumber(v);
export const isCount = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 0;
export const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);
export const isCountList = (v: unknown): v is number[] => Array.isArray(v) && v.every(isCount);
