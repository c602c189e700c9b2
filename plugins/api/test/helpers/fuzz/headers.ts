import { randomBytes } from 'node:crypto';
import fc from 'fast-check';

/** Keys of the test agent, by scope, for requests that should get past authentication. */
export interface Credentials {
  readonly admin: string;
  readonly read: string;
  readonly operate: string;
}

type Header = readonly [string, string];

/** Printable header values, sometimes with characters HTTP forbids (the server must answer 400, not fail). */
const headerValue = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), weight: 12 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.constantFrom('', ' ', 'x'.repeat(9000), '\t', 'a\u0000b', 'ä', '%00'), weight: 1 },
);

function authorization(c: Credentials): fc.Arbitrary<Header[]> {
  const bearer = (key: string): Header[] => [['Authorization', `Bearer ${key}`]];
  return fc.oneof(
    { arbitrary: fc.constant(bearer(c.admin)), weight: 10 },
    {
      arbitrary: fc.constantFrom(bearer(c.read), bearer(c.operate), [['X-API-Key', c.admin]] as Header[]),
      weight: 3,
    },
    { arbitrary: fc.constant([] as Header[]), weight: 1 },
    {
      arbitrary: fc.constantFrom<Header[]>(
        bearer(`${c.admin.slice(0, -1)}x`),
        bearer(c.admin.slice(0, 20)),
        [['Authorization', 'Bearer']],
        [['Authorization', 'Basic YWRtaW46YWRtaW4=']],
        [
          ['Authorization', `Bearer ${c.admin}`],
          ['X-API-Key', c.read],
        ],
        [
          ['Authorization', `Bearer ${c.admin}`],
          ['Authorization', `Bearer ${c.read}`],
        ],
        [
          ['X-API-Key', c.admin],
          ['X-API-Key', c.admin],
        ],
        bearer('x'.repeat(8000)),
      ),
      weight: 2,
    },
    { arbitrary: headerValue.map((v): Header[] => [['Authorization', v]]), weight: 1 },
  );
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=nonsense',
  'application/merge-patch+json',
  'application/json; charset=utf-16',
  'application/',
  '*/*',
];

const contentType = fc.oneof(
  { arbitrary: fc.constant<Header[]>([['Content-Type', 'application/json']]), weight: 8 },
  { arbitrary: fc.constantFrom(...CONTENT_TYPES).map((v): Header[] => [['Content-Type', v]]), weight: 2 },
  { arbitrary: headerValue.map((v): Header[] => [['Content-Type', v]]), weight: 1 },
  { arbitrary: fc.constant<Header[]>([]), weight: 1 },
);

const EXTRA_NAMES = [
  'Origin',
  'X-Forwarded-For',
  'Accept',
  'Accept-Encoding',
  'Content-Encoding',
  'Cookie',
  'Range',
  'If-None-Match',
  'Expect',
  'Accept-Language',
  'X-Request-Id',
];

/** A header whose name is not an HTTP token: the server's parser must refuse it with 400. */
const brokenHeader = fc.tuple(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
  headerValue,
);

const extraHeaders = fc.array(
  fc.oneof(
    { arbitrary: brokenHeader, weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom(...EXTRA_NAMES), headerValue), weight: 4 },
    {
      arbitrary: fc.constantFrom<Header>(
        ['Content-Encoding', 'gzip'],
        ['Content-Encoding', 'deflate'],
        ['Content-Encoding', 'br'],
        ['Expect', '100-continue'],
        ['Origin', 'null'],
        ['X-Forwarded-For', '1.2.3.4, , ::1, garbage'],
      ),
      weight: 2,
    },
    { arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,19}$/), headerValue), weight: 2 },
  ),
  { maxLength: 3 },
);

/** A WebSocket handshake, valid or not, for the events path. */
const upgradeHeaders = fc.oneof(
  fc.constant<Header[]>([]),
  fc
    .tuple(
      fc.constantFrom('13', '8', '', 'x'),
      fc.constantFrom(randomBytes(16).toString('base64'), '', 'short', '!!!'),
    )
    .map(([version, key]): Header[] => [
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Version', version],
      ['Sec-WebSocket-Key', key],
    ]),
);

/** Authentication, content type, odd extra headers and (for the events path) a WebSocket handshake. */
export function headersArbitrary(credentials: Credentials, upgrade: boolean): fc.Arbitrary<Header[]> {
  return fc
    .tuple(
      authorization(credentials),
      contentType,
      extraHeaders,
      upgrade ? upgradeHeaders : fc.constant<Header[]>([]),
    )
    .map((groups) => groups.flat());
}
