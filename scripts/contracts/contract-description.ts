/**
 * What the snapshot keeps of one published pattern. A field map names each field by its path
 * (`latestInvoice.paidAt?`, `invoices[].id`) and gives its structural type followed by its
 * validation rules: `"string @isEmail @maxLength(254)"`.
 */
export type FieldMap = Record<string, string>;

export interface CallDescription {
  kind: 'command' | 'query';
  request: FieldMap;
  response: FieldMap;
}

export interface EventDescription {
  kind: 'event';
  payload: FieldMap;
  orderingKey?: string;
}

export type ContractDescription = CallDescription | EventDescription;

/** Every published pattern, sorted by name. */
export type ContractDescriptions = Record<string, ContractDescription>;
