import { expect } from 'chai';
import { crc32 } from 'node:zlib';
import {
  base62Fixed,
  checkToken,
  checksumOf,
  digestOf,
  generateToken,
  maskToken,
  RANDOM_LENGTH,
} from '../src/keys/format.js';

describe('api key format', () => {
  it('is em_<type>_<30 base62>_<6 base62 CRC32> with at least 160 random bits', () => {
    const token = generateToken('api');
    expect(token).to.match(/^em_api_[0-9A-Za-z]{30}_[0-9A-Za-z]{6}$/);
    expect(token).to.have.length(44);
    expect(RANDOM_LENGTH * Math.log2(62)).to.be.greaterThan(160);
    const body = token.slice(0, -7);
    expect(token.slice(-6)).to.equal(base62Fixed(crc32(body) >>> 0, 6));
    expect(checkToken(token)).to.equal('api');
  });

  it('encodes any CRC32 in exactly six characters', () => {
    expect(base62Fixed(0, 6)).to.equal('000000');
    expect(base62Fixed(0xffffffff, 6)).to.equal('4gfFC3');
    expect(checksumOf('em_api_x')).to.have.length(6);
  });

  it('refuses a changed character, a wrong checksum, a wrong type, truncation and overlong input', () => {
    const token = generateToken('api');
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(checkToken(flipped)).to.equal(undefined);
    expect(checkToken(`${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`)).to.equal(undefined);
    expect(checkToken(token.replace('em_api_', 'em_xyz_'))).to.equal(undefined);
    expect(checkToken(token.slice(0, -2))).to.equal(undefined);
    expect(checkToken(`${token}${'a'.repeat(300)}`)).to.equal(undefined);
    expect(checkToken(generateToken('wst'))).to.equal('wst');
  });

  it('never repeats and stores only a SHA-256 hex digest; shows only the last four characters', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generateToken('api')));
    expect(tokens.size).to.equal(2000);
    const token = [...tokens][0]!;
    expect(digestOf(token)).to.match(/^[0-9a-f]{64}$/);
    expect(maskToken(token)).to.equal(`em_api_…${token.slice(-4)}`);
  });
});
