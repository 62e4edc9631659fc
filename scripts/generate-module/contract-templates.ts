import { ModuleNaming } from './module-name';

/** `libs/contracts/src/<name>/`: what other modules and the gateway may know of the new module. */
export function contractFiles({ name, pascal }: ModuleNaming): Record<string, string> {
  return {
    [`libs/contracts/src/${name}/index.ts`]: `export * from './${name}.contract';
export * from './${name}.dto';
export * from './${name}.events';
`,
    [`libs/contracts/src/${name}/${name}.dto.ts`]: `import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class Create${pascal}ItemRequest {
  @ApiProperty({ maxLength: 120, example: 'First item' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  title!: string;
}

export class List${pascal}ItemsRequest {}

export class ${pascal}ItemView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The user who created it' }) createdBy!: string;
  @ApiProperty() createdAt!: string;
}

export class ${pascal}ItemList {
  @ApiProperty({ type: [${pascal}ItemView] }) items!: ${pascal}ItemView[];
}
`,
    [`libs/contracts/src/${name}/${name}.contract.ts`]: `import { clientFor, command, defineContract, query } from '../shared';
import { Create${pascal}ItemRequest, ${pascal}ItemList, ${pascal}ItemView, List${pascal}ItemsRequest } from './${name}.dto';

/** Every call the ${name} module answers. The version is part of the pattern. */
export const ${pascal}Contract = defineContract('${name}', {
  createItem: command('${name}.item.create.v1', Create${pascal}ItemRequest).returns<${pascal}ItemView>(),
  listItems: query('${name}.item.list.v1', List${pascal}ItemsRequest).returns<${pascal}ItemList>(),
});

/** The typed client of the ${name} module (\`${name}Client.createItem(dto)\`): one method per call above. */
export class ${pascal}Client extends clientFor(${pascal}Contract) {}
`,
    [`libs/contracts/src/${name}/${name}.events.ts`]: `import { IsISO8601, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../shared';

export class ${pascal}ItemCreatedEvent {
  @IsUUID() itemId!: string;
  @IsString() title!: string;
  @IsString() createdBy!: string;
  @IsISO8601() createdAt!: string;
}

export const ${pascal}Events = {
  itemCreated: defineEvent('${name}.item.created.v1', ${pascal}ItemCreatedEvent, { orderingKey: 'itemId' }),
} as const;
`,
  };
}
