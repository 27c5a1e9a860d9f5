// Postfix maillog parsing: the public surface. Pure functions, text in,
// typed events out; the pieces live in ./maillog/.

export type * from './maillog/types';
export { parseMaillogLine, splitProgram, type ParseOptions } from './maillog/parse-line';
export { parseMaillogMessage } from './maillog/parse-message';
export { parseMaillogStream, emptyStats, KIND_NEEDLES, type MaillogStats, type StreamOptions } from './maillog/stream';
export { parseTimestamp, type TimeOptions } from './maillog/timestamp';
export { parseRemoteReply } from './maillog/reply';
export { parseCommandCounters, parseDelays, parsePeer } from './maillog/tokens';
