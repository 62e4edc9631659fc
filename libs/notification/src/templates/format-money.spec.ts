import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it.each([
    [900, 'EUR', '9.00 EUR'],
    [5, 'EUR', '0.05 EUR'],
    [123456, 'usd', '1234.56 USD'],
    [0, 'EUR', '0.00 EUR'],
    [500, 'JPY', '500 JPY'],
    [1234, 'BHD', '1.234 BHD'],
    [1999, 'XYZ', '19.99 XYZ'],
  ])('%i minor units of %s read as %s', (amountMinor, currency, expected) => {
    expect(formatMoney(amountMinor, currency)).toBe(expected);
  });
});
