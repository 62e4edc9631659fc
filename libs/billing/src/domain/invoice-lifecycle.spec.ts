import { canMoveInvoice, moveInvoice } from './invoice-lifecycle';

describe('the invoice lifecycle', () => {
  it.each([
    ['open', 'paid'],
    ['open', 'void'],
    ['paid', 'refunded'],
  ] as const)('allows %s → %s', (from, to) => expect(moveInvoice(from, to)).toBe(to));

  it.each([
    ['open', 'refunded'],
    ['void', 'paid'],
    ['refunded', 'paid'],
    ['paid', 'void'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canMoveInvoice(from, to)).toBe(false);
    expect(() => moveInvoice(from, to)).toThrow(/cannot become/);
  });
});
