import { EVENT_GROUPS } from './config.js';
import { APP_KEYS, CLIENT_KEYS, ENV_KEYS, EXPECT_KEYS, PROPERTIES_KEYS, STACK_KEYS, STACK_NAME, TOP_KEYS } from './load.js';

/**
 * The JSON Schema of the spec file (schema/spec.schema.json, for editors: the YAML language
 * server), generated from the loader's own key lists so that the two cannot drift: every key the
 * loader accepts is in the schema, every other key is refused by both (additionalProperties
 * false). test/schema.test.ts checks the shipped file equals this and runs both on the specs.
 * A key the loader accepts whose type is not described here is allowed with any value.
 */
type Schema = Record<string, unknown>;

const text = { type: ['string', 'number'] };
/** D-164: a name shown in reports holds no control character (C0, DEL, C1); D-165: an application's is one word. */
const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
const shown = { ...text, pattern: NO_CONTROL };
const APP_NAME = '^[^\\s;\\u0000-\\u001f\\u007f-\\u009f]+$';
/** D-328: a client's is the rest of an event (connect C): not empty, no ';', no blank at either end. */
const CLIENT_NAME = '^[^\\s;\\u0000-\\u001f\\u007f-\\u009f](?:[^;\\u0000-\\u001f\\u007f-\\u009f]*[^\\s;\\u0000-\\u001f\\u007f-\\u009f])?$';
const names = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'property names: a list, or one comma-separated string' };
const whole = (min: number, max: number, description?: string): Schema => ({ type: 'integer', minimum: min, maximum: max, ...(description ? { description } : {}) });
/** D-204: a list, or one comma-separated string, as the loader reads every list of names (YamlReader.names). */
const GROUP = `(?:${EVENT_GROUPS.join('|')})`;
const eventGroups = { anyOf: [{ type: 'array', items: { enum: [...EVENT_GROUPS] } }, { type: 'string', pattern: `^[\\s,]*(?:${GROUP}(?:\\s*,[\\s,]*${GROUP})*)?[\\s,]*$` }], description: 'event groups: a list, or one comma-separated string' };
const IPV4 = '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$';

const KNOWN: Record<string, Record<string, Schema>> = {
  top: {
    sysplex: { ...shown, description: 'a name, shown in reports' },
    stacks: { type: 'array', minItems: 1, items: { $ref: '#/definitions/stack' } },
    clients: { type: ['array', 'null'], items: { $ref: '#/definitions/client' }, description: 'who connects to what' },
    environment: { $ref: '#/definitions/environment' },
    properties: { $ref: '#/definitions/properties' },
    expect: { $ref: '#/definitions/expect' },
  },
  stack: {
    name: { type: ['string', 'integer'], pattern: STACK_NAME.source, description: 'the TCP/IP stack: 1-8 letters, digits, @ # $; unique' },
    system: { ...shown, description: 'z/OS system name, shown in traces' },
    cpc: { ...shown, description: 'the CPC, used by CPCSCOPE' },
    routing: { enum: ['omproute', 'static'], default: 'omproute' },
    profile: { type: 'string', description: 'TCP/IP profile statements (a block scalar: profile: |)' },
    profileFile: { type: 'string', description: 'a TCP/IP profile file, relative to the spec file' },
    applications: { type: ['array', 'null'], items: { $ref: '#/definitions/application' } },
    symbols: { type: 'object', additionalProperties: { type: ['string', 'number'] }, description: 'MVS system symbols (&SYSCLONE. ...) substituted in the profile' },
  },
  application: {
    name: { ...text, pattern: APP_NAME, description: 'one word: no blank, no ;, no control character (events name it: app-stop S A)' },
    port: whole(1, 65535),
    bind: { type: 'string', description: 'INADDR_ANY (default) or an IPv4 or IPv6 address (a VIPARANGE DVIPA when a range of the stack covers it and nothing defines it)' },
    create: { enum: ['bind', 'ioctl'], default: 'bind', description: 'how the application creates its VIPARANGE DVIPA: bind, or ioctl (SIOCSVIPA/MODDVIPA)' },
    initially: { enum: ['up', 'down'], default: 'up', description: 'down: a standby instance, down until app-start' },
  },
  client: {
    name: { ...text, pattern: CLIENT_NAME, description: 'defaults to "<dvipa>:<port>" (IPv6: "[<dvipa>]:<port>"); no ;, no blank at either end, no control character (events name it: connect C)' },
    dvipa: { type: 'string', anyOf: [{ pattern: IPV4 }, { pattern: ':', description: 'an IPv6 DVIPA (any form; read in canonical form, SEMANTICS §12)' }] },
    port: whole(1, 65535),
  },
  environment: {
    start: {
      anyOf: [{ enum: ['running', 'down'] }, {
        type: 'object', additionalProperties: false, required: ['netstat'],
        properties: { netstat: { anyOf: [{ type: 'array', minItems: 1, items: { type: 'string' } }, { type: 'string', pattern: '[^\\s,]' }], description: 'NETSTAT VIPADYN reports, one per stack: a list, or one comma-separated string' } },
      }],
      default: 'running',
    },
    events: { ...eventGroups, default: ['terminate', 'start', 'connections'] },
    maxFailures: { anyOf: [whole(0, 250), { const: 'unlimited' }], default: 1 },
    maxConnections: whole(0, 250, 'per client and stack, default 1'),
  },
  properties: { only: names, skip: names },
  expect: { violated: { ...names, description: 'exactly these properties must be violated, all others must hold' } },
};

function object(known: Record<string, Schema>, keys: readonly string[], extra: Schema = {}): Schema {
  return { type: 'object', additionalProperties: false, properties: Object.fromEntries(keys.map((k) => [k, known[k] ?? {}])), ...extra };
}

export function specSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'dvipa-verify spec',
    description: 'A sysplex for dvipa-verify: stacks with their TCP/IP profile statements, applications, clients, what may fail (SPEC.md §1).',
    ...object(KNOWN.top!, TOP_KEYS, { required: ['stacks'] }),
    definitions: {
      stack: object(KNOWN.stack!, STACK_KEYS, { required: ['name'], not: { required: ['profile', 'profileFile'] } }),
      application: object(KNOWN.application!, APP_KEYS, { required: ['name', 'port'] }),
      client: object(KNOWN.client!, CLIENT_KEYS, { required: ['dvipa', 'port'] }),
      environment: object(KNOWN.environment!, ENV_KEYS),
      properties: object(KNOWN.properties!, PROPERTIES_KEYS),
      expect: object(KNOWN.expect!, EXPECT_KEYS, { required: ['violated'] }),
    },
  };
}

/** The text of schema/spec.schema.json. */
export const specSchemaText = (): string => `${JSON.stringify(specSchema(), null, 2)}\n`;
