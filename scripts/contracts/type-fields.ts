import ts from 'typescript';

/**
 * One field of a resolved TypeScript type. `path` names it from the root, TypeScript-like:
 * `latestInvoice.paidAt?`, `invoices[].status`, `payload.[string]`, `actor(kind="user").id`.
 */
export interface TypeField {
  path: string;
  /** Structural, sorted: `string`, `"month" | "year"`, `object | null`, `string[]`. */
  type: string;
  /** The class that declares the field, if any: its validation rules are read at run time. */
  declaringClass?: string;
  property: string;
}

const INTRINSICS: [ts.TypeFlags, string][] = [
  [ts.TypeFlags.String, 'string'],
  [ts.TypeFlags.Number, 'number'],
  [ts.TypeFlags.Boolean, 'boolean'],
  [ts.TypeFlags.BigInt, 'bigint'],
  [ts.TypeFlags.Null, 'null'],
  [ts.TypeFlags.Undefined, 'undefined'],
  [ts.TypeFlags.Unknown, 'unknown'],
  [ts.TypeFlags.Any, 'any'],
  [ts.TypeFlags.Never, 'never'],
];

function membersOf(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/** Prints a type by its structure, never by an alias or class name: renaming a class changes nothing sent. */
export class TypeFieldReader {
  constructor(private readonly checker: ts.TypeChecker) {}

  fieldsOf(type: ts.Type): TypeField[] {
    const fields: TypeField[] = [];
    this.collectProperties(type, '', fields, []);
    return fields.sort((a, b) => a.path.localeCompare(b.path));
  }

  private collectProperties(type: ts.Type, prefix: string, fields: TypeField[], stack: ts.Type[]): void {
    if (stack.includes(type)) return void fields.push({ path: `${prefix}(recursive)`, type: 'recursive', property: '' });
    const inner = [...stack, type];
    for (const property of this.checker.getPropertiesOfType(type)) {
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const declared = membersOf(this.checker.getTypeOfSymbol(property));
      // An optional field's `undefined` is said by the `?` of its path.
      const members = optional ? declared.filter((member) => !(member.flags & ts.TypeFlags.Undefined)) : declared;
      const path = `${prefix}${property.name}${optional ? '?' : ''}`;
      fields.push({ path, type: this.describeMembers(members), declaringClass: this.declaringClassOf(property), property: property.name });
      this.collectNested(members, path, fields, inner);
    }
    for (const index of this.checker.getIndexInfosOfType(type)) {
      const path = `${prefix}[${this.describe(index.keyType)}]`;
      fields.push({ path, type: this.describe(index.type), property: '' });
      this.collectNested(membersOf(index.type), path, fields, inner);
    }
  }

  /** The fields inside an object, an array's elements, or each object member of a union. */
  private collectNested(members: readonly ts.Type[], path: string, fields: TypeField[], stack: ts.Type[]): void {
    const objects = members.filter((member) => this.isObject(member));
    for (const member of members.filter((candidate) => this.checker.isArrayType(candidate))) {
      this.collectNested(membersOf(this.elementOf(member)), `${path}[]`, fields, stack);
    }
    if (objects.length === 1) this.collectProperties(objects[0], `${path}.`, fields, stack);
    else for (const object of objects) this.collectProperties(object, `${path}(${this.variantName(object)}).`, fields, stack);
  }

  describe(type: ts.Type): string {
    return this.describeMembers(membersOf(type));
  }

  private describeMembers(members: readonly ts.Type[]): string {
    return members.length === 1 ? this.describeOne(members[0]) : this.describeUnion(members);
  }

  private describeOne(type: ts.Type): string {
    if (type.isStringLiteral()) return JSON.stringify(type.value);
    if (type.isNumberLiteral()) return String(type.value);
    if (type.flags & ts.TypeFlags.BooleanLiteral) return this.checker.typeToString(type);
    const intrinsic = INTRINSICS.find(([flag]) => type.flags & flag);
    if (intrinsic) return intrinsic[1];
    if (this.checker.isArrayType(type)) return `${this.parenthesized(this.describe(this.elementOf(type)))}[]`;
    if (this.checker.isTupleType(type)) {
      return `[${this.checker
        .getTypeArguments(type as ts.TypeReference)
        .map((element) => this.describe(element))
        .join(', ')}]`;
    }
    if (this.isObject(type)) return 'object';
    throw new Error(`cannot describe the type ${this.checker.typeToString(type)} structurally`);
  }

  private describeUnion(members: readonly ts.Type[]): string {
    const names = new Set(members.map((member) => this.describeOne(member)));
    if (names.has('true') && names.has('false')) {
      names.delete('true');
      names.delete('false');
      names.add('boolean');
    }
    return [...names].sort().join(' | ');
  }

  /** A variant of a union of objects, by its discriminant (`kind="user"`) or else by its field names. */
  private variantName(object: ts.Type): string {
    for (const property of this.checker.getPropertiesOfType(object)) {
      const type = this.checker.getTypeOfSymbol(property);
      if (type.isStringLiteral() || type.isNumberLiteral()) return `${property.name}=${this.describe(type)}`;
    }
    return this.checker
      .getPropertiesOfType(object)
      .map((property) => property.name)
      .sort()
      .join(',');
  }

  private declaringClassOf(property: ts.Symbol): string | undefined {
    const parent = property.valueDeclaration?.parent;
    return parent && ts.isClassDeclaration(parent) ? parent.name?.text : undefined;
  }

  private elementOf(array: ts.Type): ts.Type {
    return this.checker.getTypeArguments(array as ts.TypeReference)[0];
  }

  private isObject(type: ts.Type): boolean {
    return (type.flags & ts.TypeFlags.Object) !== 0 && !this.checker.isArrayType(type) && !this.checker.isTupleType(type);
  }

  private parenthesized(description: string): string {
    return description.includes(' | ') ? `(${description})` : description;
  }
}
