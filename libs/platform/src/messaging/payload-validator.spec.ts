import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { payloadValidator } from './payload-validator';

class Line {
  @IsInt() @Min(1) quantity!: number;
}
class Order {
  @IsString() sku!: string;
  @ValidateNested() @Type(() => Line) line!: Line;
}
class Empty {}

const failureOf = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return (error as { getResponse(): unknown }).getResponse();
  }
  throw new Error('expected a validation failure');
};

describe('payloadValidator', () => {
  it('answers an instance of the contract class, nested types included', () => {
    const order = payloadValidator(Order)({ sku: 'a', line: { quantity: 2 } }) as Order;
    expect(order).toBeInstanceOf(Order);
    expect(order.line).toBeInstanceOf(Line);
  });

  it('names every offending field, nested ones by their path', () => {
    expect(failureOf(() => payloadValidator(Order)({ sku: 1, line: { quantity: 0 }, extra: true }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: expect.arrayContaining([
        { field: 'sku', message: 'sku must be a string' },
        { field: 'line.quantity', message: 'quantity must not be less than 1' },
        { field: 'extra', message: 'property extra should not exist' },
      ]) as unknown,
    });
  });

  it('takes an empty request for a class without rules, and refuses any field it does not have', () => {
    expect(payloadValidator(Empty)({})).toBeInstanceOf(Empty);
    expect(payloadValidator(Empty)(undefined)).toBeInstanceOf(Empty);
    expect(failureOf(() => payloadValidator(Empty)({ admin: true }))).toMatchObject({
      fields: [{ field: 'admin', message: 'property admin should not exist' }],
    });
  });
});
