import { getMetadataStorage, ValidationTypes } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/**
 * What class-validator checks on each property of a DTO class, as sorted text:
 * `isEmail`, `maxLength(254)`, `isIn(["auth","audit"])`, `validateNested(each)`. Messages are left
 * out (they change no shape); a `@ValidateIf` condition is a function and shows as `validateIf` only.
 */
export function validationRulesOf(target: abstract new (...args: never[]) => unknown): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const property = rules.get(metadata.propertyName) ?? [];
    property.push(ruleOf(metadata));
    rules.set(metadata.propertyName, property);
  }
  for (const property of rules.values()) property.sort();
  return rules;
}

function ruleOf(metadata: ValidationMetadata): string {
  const name = metadata.name ?? nameOfType(metadata.type);
  const constraints = ((metadata.constraints as unknown[] | undefined) ?? []).filter(
    (constraint) => constraint !== undefined && typeof constraint !== 'function',
  );
  const each = metadata.each ? ['each'] : [];
  const args = [...constraints.map(constraintText), ...each];
  return args.length > 0 ? `${name}(${args.join(', ')})` : name;
}

function nameOfType(type: string): string {
  if (type === ValidationTypes.CONDITIONAL_VALIDATION) return 'validateIf';
  if (type === ValidationTypes.NESTED_VALIDATION) return 'validateNested';
  return type;
}

function constraintText(constraint: unknown): string {
  if (constraint instanceof RegExp) return String(constraint);
  return JSON.stringify(constraint, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
}
