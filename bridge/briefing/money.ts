// Money as the user's texts show it: sign first, thousands separated by commas, whole units.
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

export function signedMoney(amount: number, currency: string): string {
  return `${whole.format(Math.round(amount) === 0 ? 0 : amount)} ${currency}`;
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An amount without a sign (a price, a bill): thousands separated by commas, whole units. */
export function money(amount: number, currency: string): string {
  return `${plain.format(Math.round(amount) === 0 ? 0 : amount)} ${currency}`;
}
