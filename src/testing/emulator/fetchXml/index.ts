/**
 * FetchXML for the emulator: a strict reader of the XML (xml.ts) → the query model every syntax
 * compiles to (compile.ts, conditions.ts) → the engine → Dataverse's response (answer.ts).
 */
export { answerFetchXml } from './answer.js';
export { compileFetchXml, type FetchPlan } from './compile.js';
export { fetchXmlOperators, notImplementedOperators } from './conditions.js';
