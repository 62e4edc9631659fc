import { canMoveInvoice, moveInvoice, sourcesOf } from './invoice-lifecycle';

describe('the invoice lifecycle', () => {
  it.each([
    ['open', 'paid'],
    ['open', 'void'],
    ['open', 'abandoned'],
    ['abandoned', 'void'],
    ['paid', 'refunding'],
    ['refunding', 'refunded'],
    ['refunding', 'paid'],
  ] as const)('allows %s → %s', (from, to) => expect(moveInvoice(from, to)).toBe(to));

  it.each([
    ['open', 'refunded'],
    ['void', 'paid'],
    ['refunded', 'paid'],
    ['paid', 'void'],
    ['paid', 'refunded'],
    ['abandoned', 'paid'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canMoveInvoice(from, to)).toBe(false);
    expect(() => moveInvoice(from, to)).toThrow(/cannot become/);
  });

  it('names where a conditional update may start from', () => {
    expect(sourcesOf('void').sort()).toEqual(['abandoned', 'open']);
    expect(sourcesOf('refunding')).toEqual(['paid']);
  });
});
