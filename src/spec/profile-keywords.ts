import { kw, type Keyword } from './profile-tokens.js';

/** Statements of the VIPADYNAMIC block (SEMANTICS §7, D-43). */
export const VIPADEFINE = kw('VIPADEFINE', 'VIPADEF');
export const VIPABACKUP = kw('VIPABACKUP', 'VIPAB');
export const VIPADELETE = kw('VIPADELETE', 'VIPADEL');
export const VIPARANGE = kw('VIPARANGE', 'VIPAR');
export const VIPADISTRIBUTE = kw('VIPADISTRIBUTE', 'VIPADIST');
export const VIPAROUTE = kw('VIPAROUTE');
export const VIPASMPARMS = kw('VIPASMPARMS', 'VIPASM'); // D-180: IBM's diagram spells it VIPASMparms
export const ENDVIPADYNAMIC = kw('ENDVIPADYNAMIC', 'ENDVIPAD');
export const VIPA_BLOCK_STATEMENTS: readonly Keyword[] = [
  VIPADEFINE, VIPABACKUP, VIPADELETE, VIPARANGE, VIPADISTRIBUTE, VIPAROUTE, VIPASMPARMS,
];

/** Top-level statements modelled. */
export const VIPADYNAMIC = kw('VIPADYNAMIC', 'VIPAD');
export const GLOBALCONFIG = kw('GLOBALCONFIG', 'GLOBALCONF');
export const IPCONFIG = kw('IPCONFIG', 'IPCONF');
export const IPCONFIG6 = kw('IPCONFIG6');
export const HOME = kw('HOME');

/** Blocks that are skipped whole (D-44): statement -> its end keyword. */
export const SKIPPED_BLOCKS: ReadonlyMap<string, string> = new Map([
  ['BEGINROUTES', 'ENDROUTES'], ['AUTOLOG', 'ENDAUTOLOG'], ['BSDROUTINGPARMS', 'ENDBSDROUTINGPARMS'],
  ['IPSEC', 'ENDIPSEC'], ['NETACCESS', 'ENDNETACCESS'], ['SRCIP', 'ENDSRCIP'],
]);

/** Other top-level statements of a real profile: accepted, reported once as not modelled. */
const OTHER_STATEMENTS = [
  'ARPAGE', 'ATMARPSV', 'ATMLIS', 'ATMPVC', 'DEFADDRTABLE', 'DELETE', 'DEVICE', 'GATEWAY', 'INCLUDE',
  'INTERFACE', 'ITRACE', 'LINK', 'NETMONITOR', 'PKTTRACE', 'PORT', 'PORTRANGE',
  'PRIMARYINTERFACE', 'SACONFIG', 'SMFCONFIG', 'SMFPARMS', 'SOMAXCONN', 'START', 'STOP', 'TCPCONFIG',
  'TRANSLATE', 'UDPCONFIG', 'ROUTE', 'DEFAULTNETACCESS',
];

export const TOP_STATEMENTS: readonly Keyword[] = [
  VIPADYNAMIC, GLOBALCONFIG, IPCONFIG, IPCONFIG6, HOME, ENDVIPADYNAMIC,
  ...[...SKIPPED_BLOCKS.keys()].map((k) => kw(k)),
  ...OTHER_STATEMENTS.map((k) => kw(k)),
];

/** Inside VIPADYNAMIC these words are operands, not statements (D-44). */
export const BLOCK_OPERANDS: ReadonlySet<string> = new Set(['PORT', 'PORTRANGE', 'DELETE']);

export const MOVEABLE = kw('MOVEABLE', 'MOVE');
export const IMMEDIATE = kw('IMMEDIATE', 'IMMED');
export const WHENIDLE = kw('WHENIDLE');
export const SERVICEMGR = kw('SERVICEMGR');
export const CPCSCOPE = kw('CPCSCOPE');
export const TIER1 = kw('TIER1');
export const TIER2 = kw('TIER2');
export const SYSPLEXMONITOR = kw('SYSPLEXMONITOR', 'SYSPLEXMON');
