// The briefing: the twin state as the short text n8n sends to Telegram and the plugin writes into
// the daily note. Pure: the same state always gives the same text.
import type { TwinState } from '../contract/twin-state';
import { dayLines } from './day-line';
import { financeLines, healthLines, pantryLines } from './domain-lines';

export const TELEGRAM_LIMIT = 4096;

/** Cuts at a line break so that no message is cut mid-word by Telegram. */
export function fitTelegram(text: string, limit = TELEGRAM_LIMIT): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf('\n', limit - 2);
  let end = cut > 0 ? cut : limit - 2;
  // Never split a surrogate pair (an emoji): a lone surrogate is not valid UTF-8 and Telegram refuses it.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
  return `${text.slice(0, end)}\n…`;
}

export function briefing(state: TwinState): string {
  const sections = [healthLines(state.health), financeLines(state.finance), pantryLines(state.pantry)];
  const text = ['📊 AUTONOMOUS LIVING STATUS', ...dayLines(state), '', ...sections.flatMap((s, i) => (i > 0 && s.length > 1 ? ['', ...s] : s))].join(
    '\n',
  );
  return fitTelegram(text);
}
