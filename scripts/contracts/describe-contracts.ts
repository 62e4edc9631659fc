import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import type { CallContract, EventContract } from '@app/contracts';
import { ContractDescription, ContractDescriptions, FieldMap } from './contract-description';
import { TypeField, TypeFieldReader } from './type-fields';
import { validationRulesOf } from './validation-rules';

export type DtoClass = abstract new (...args: never[]) => unknown;
export type PublishedContract = CallContract<object, unknown> | EventContract<object>;

export interface ContractSources {
  /** The TypeScript file the program starts from; declarations (below) are looked for in its folder and below. */
  entryFile: string;
  /** The published contracts, as loaded at run time. */
  contracts: readonly PublishedContract[];
  /** Exported DTO classes by name, to read the validation rules of nested ones. */
  classes: ReadonlyMap<string, DtoClass>;
}

/** The functions that declare a contract, each with its pattern as first argument: `command('auth.user.register.v1', …)`. */
const DECLARERS = new Set(['command', 'query', 'defineEvent']);
const TSCONFIG = join(__dirname, '..', '..', 'tsconfig.json');

/** Every published contract described by its resolved TypeScript types and its class-validator rules. */
export function describeContracts(sources: ContractSources): ContractDescriptions {
  const program = ts.createProgram([sources.entryFile], compilerOptions());
  const checker = program.getTypeChecker();
  const definitions = findDefinitions(program, dirname(sources.entryFile));
  const describer = new FieldDescriber(new TypeFieldReader(checker), sources.classes);
  const descriptions: ContractDescriptions = {};
  for (const contract of [...sources.contracts].sort((a, b) => a.pattern.localeCompare(b.pattern))) {
    const definition = definitions.get(contract.pattern);
    if (!definition) {
      throw new Error(
        `${contract.pattern} is published but no command/query/defineEvent('${contract.pattern}', …) call was found under ` +
          `${relative(process.cwd(), dirname(sources.entryFile))}: write its pattern as a string literal in that call`,
      );
    }
    const [first, second] = checker.getTypeArguments(checker.getTypeAtLocation(definition) as ts.TypeReference);
    descriptions[contract.pattern] = describeOne(contract, describer, first, second);
  }
  return descriptions;
}

function describeOne(contract: PublishedContract, describer: FieldDescriber, first: ts.Type, second?: ts.Type): ContractDescription {
  if (contract.kind === 'event') {
    const payload = describer.fieldsOf(contract.pattern, first, contract.payload);
    return { kind: 'event', payload, ...(contract.orderingKey ? { orderingKey: contract.orderingKey } : {}) };
  }
  if (!second)
    throw new Error(`${contract.pattern}: its command/query('${contract.pattern}', …) call is not followed by .returns<Response>()`);
  return {
    kind: contract.kind,
    request: describer.fieldsOf(contract.pattern, first, contract.request),
    response: describer.fieldsOf(contract.pattern, second),
  };
}

/** Joins each field's structural type to the validation rules of the class that declares it. */
class FieldDescriber {
  constructor(
    private readonly reader: TypeFieldReader,
    private readonly classes: ReadonlyMap<string, DtoClass>,
  ) {}

  fieldsOf(pattern: string, type: ts.Type, root?: DtoClass): FieldMap {
    const fields: FieldMap = {};
    for (const field of this.reader.fieldsOf(type)) {
      const rules = this.rulesOf(pattern, field, root);
      fields[field.path] = [field.type, ...rules.map((rule) => `@${rule}`)].join(' ');
    }
    return fields;
  }

  private rulesOf(pattern: string, field: TypeField, root?: DtoClass): string[] {
    if (!field.declaringClass) return [];
    const target = root?.name === field.declaringClass ? root : this.classes.get(field.declaringClass);
    if (!target) {
      throw new Error(
        `${pattern}: class ${field.declaringClass} (field ${field.path}) is not exported from the contracts; export it so its rules can be read`,
      );
    }
    return validationRulesOf(target).get(field.property) ?? [];
  }
}

/**
 * The declaration of each pattern in the files under `folder`, as the expression whose type names
 * its request (or payload) and response: `command('auth.user.register.v1', RegisterRequest)
 * .returns<UserView>()` is a `CallContract<RegisterRequest, UserView>`, `defineEvent(…)` an
 * `EventContract<Payload>`.
 */
function findDefinitions(program: ts.Program, folder: string): Map<string, ts.CallExpression> {
  const definitions = new Map<string, ts.CallExpression>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && DECLARERS.has(node.expression.text)) {
      const [pattern] = node.arguments;
      if (pattern && ts.isStringLiteralLike(pattern)) definitions.set(pattern.text, withItsResponse(node));
    }
    ts.forEachChild(node, visit);
  };
  const within = folder.endsWith(sep) ? folder : folder + sep;
  for (const file of program.getSourceFiles()) {
    if (!file.isDeclarationFile && file.fileName.split('/').join(sep).startsWith(within)) visit(file);
  }
  return definitions;
}

/** `command(…)` alone knows only its request; the `.returns<Response>()` applied to it, if any, knows both. */
function withItsResponse(declaration: ts.CallExpression): ts.CallExpression {
  const access = declaration.parent;
  const completed = ts.isPropertyAccessExpression(access) && access.name.text === 'returns' && ts.isCallExpression(access.parent);
  return completed ? access.parent : declaration;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(TSCONFIG, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(TSCONFIG)).options, noEmit: true };
}
