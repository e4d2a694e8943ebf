// Project lint rules that Redocly's configurable rules cannot express, because they look across nodes.

/** Every property of every schema says what it is. */
function schemaPropertyDescribed() {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          const { node } = ctx.resolve(property);
          if (typeof node?.description !== 'string' || node.description.trim() === '') {
            ctx.report({
              message: `Property "${name}" has no description.`,
              location: ctx.location.child(['properties', name]).key(),
            });
          }
        }
      },
    },
  };
}

/** A password is never echoed back by the API and is masked in docs and forms. */
function passwordWriteOnly() {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (name.toLowerCase() !== 'password') continue;
          const { node } = ctx.resolve(property);
          if (node?.writeOnly !== true || node?.format !== 'password') {
            ctx.report({
              message: `Property "${name}" must be \`writeOnly: true\` with \`format: password\`.`,
              location: ctx.location.child(['properties', name]).key(),
            });
          }
        }
      },
    },
  };
}

const errorSchemaName = 'ErrorResponse';

/** The name a $ref points at: the last JSON pointer segment, or the file name without its extension. */
function refTargetName(ref) {
  const [file, pointer] = ref.split('#');
  if (pointer) return pointer.split('/').pop();
  return file
    .split('/')
    .pop()
    .replace(/\.(ya?ml|json)$/, '');
}

/** Clients can rely on one error shape: every operation documents a 4xx whose JSON body is ErrorResponse. */
function clientErrorUsesErrorResponse() {
  return {
    Operation: {
      enter(operation, ctx) {
        const usesErrorResponse = Object.entries(operation.responses ?? {}).some(([status, response]) => {
          if (!/^4(\d\d|XX)$/.test(status)) return false;
          const schema = ctx.resolve(response).node?.content?.['application/json']?.schema;
          return typeof schema?.$ref === 'string' && refTargetName(schema.$ref) === errorSchemaName;
        });
        if (!usesErrorResponse) {
          ctx.report({
            message: `Operation has no 4xx response whose application/json schema is ${errorSchemaName}.`,
            location: ctx.location.child(['responses']).key(),
          });
        }
      },
    },
  };
}

export default function vaultRules() {
  return {
    id: 'vault',
    rules: {
      oas3: {
        'schema-property-described': schemaPropertyDescribed,
        'password-write-only': passwordWriteOnly,
        'client-error-uses-error-response': clientErrorUsesErrorResponse,
      },
    },
  };
}
