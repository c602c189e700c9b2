export { FrameChain } from './chain.js';
export { EventStreamClient } from './client.js';
export { MAC_INFO, MAC_TAIL_LENGTH, deriveMacKey, hasValidMac, parseFrame } from './frames.js';
export { fetchTicket } from './ticket.js';
export { EVENTS_PATH, eventsUrl } from './url.js';
export { FrameVerifier } from './verifier.js';

/** @typedef {import('./frames.js').Frame} Frame */
/** @typedef {import('./chain.js').ChainStart} ChainStart */
/** @typedef {import('./chain.js').ChainVerdict} ChainVerdict */
/** @typedef {import('./verifier.js').Verdict} Verdict */
/** @typedef {import('./types.js').ClientOptions} ClientOptions */
/** @typedef {import('./types.js').StreamProblem} StreamProblem */
/** @typedef {import('./url.js').StreamQuery} StreamQuery */
