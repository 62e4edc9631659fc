/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY, 3 for BHD); 2 if unknown. */
function minorDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * An amount in minor units, as people read it: `formatMoney(900, 'EUR')` is `"9.00 EUR"`.
 * Integer arithmetic only, so no binary rounding creeps in.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = minorDigitsOf(code);
  const sign = amountMinor < 0 ? '-' : '';
  const minor = Math.abs(Math.trunc(amountMinor));
  if (digits === 0) return `${sign}${minor} ${code}`;
  const scale = 10 ** digits;
  const whole = Math.floor(minor / scale);
  const fraction = String(minor % scale).padStart(digits, '0');
  return `${sign}${whole}.${fraction} ${code}`;
}
