import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import type { BusEvent, CheckResult } from '@encoder-manager/sdk';
import { createFakeBus, createMemoryLogger } from '@encoder-manager/sdk/testing';
import { ExpiryWatcher } from '../src/keys/expiry.js';
import { testBackends } from './helpers/agent.js';
import { KEY_DEFAULTS, openKeyStore, type KeyStore } from './helpers/store.js';

const DAY = 86_400_000;

for (const backend of testBackends()) {
  describe(`api keys in the store (${backend.name})`, () => {
    let s: KeyStore;
    before(async () => {
      s = await openKeyStore(backend, { cacheTtlMs: 0 });
    });
    after(() => s.close());

    it('stores only the digest: the raw key appears nowhere in the table or the database files', async () => {
      const { token, record } = await s.keys.create({ name: 'grep-me', scope: 'read', createdBy: 'test' });
      const rows = await s.store.table('keys').where({ id: record.id });
      expect(JSON.stringify(rows)).not.to.include(token);
      expect(JSON.stringify(rows)).not.to.include(token.slice(7, 37));
      expect(await s.keys.authenticate(token)).to.include({ id: record.id, scope: 'read' });
      if (backend.name === 'sqlite') {
        const dir = dirname(backend.sqliteFile);
        for (const file of readdirSync(dir))
          expect(readFileSync(join(dir, file)).includes(token.slice(7, 37)), file).to.equal(false);
      }
    });

    it('expires: works 1 s before expiry, refused 1 s after; default 90 days, max 366', async () => {
      const { token, record } = await s.keys.create({
        name: 'short',
        scope: 'read',
        ttlDays: 1,
        createdBy: 'test',
      });
      expect(record.expiresAt - record.createdAt).to.equal(DAY);
      await s.clock.advance(DAY - 1000);
      expect(await s.keys.authenticate(token)).to.not.equal(undefined);
      await s.clock.advance(2000);
      expect(await s.keys.authenticate(token)).to.equal(undefined);
      const plain = await s.keys.create({ name: 'default', scope: 'read', createdBy: 'test' });
      expect(plain.record.expiresAt - plain.record.createdAt).to.equal(90 * DAY);
      await s.keys.create({ name: 'too-long', scope: 'read', ttlDays: 367, createdBy: 'test' }).then(
        () => expect.fail('accepted 367 days'),
        (error: { code: string; message: string }) => expect(error.code).to.equal('EM_API_KEY_INVALID'),
      );
    });

    it('revokes at once, and refuses to revoke twice', async () => {
      const { token, record } = await s.keys.create({
        name: 'revoke-me',
        scope: 'operate',
        createdBy: 'test',
      });
      const closed: string[] = [];
      const off = s.keys.onInactive((id) => closed.push(id));
      await s.keys.revoke(record.id, 'test');
      off();
      expect(closed).to.deep.equal([record.id]);
      expect(await s.keys.authenticate(token)).to.equal(undefined);
      await s.keys.revoke(record.id, 'test').then(
        () => expect.fail('revoked twice'),
        (error: { code: string }) => expect(error.code).to.equal('EM_API_KEY_NOT_FOUND'),
      );
    });

    for (const graceSec of [0, 3600, 86_400, 7 * 86_400]) {
      it(`rotates with ${graceSec} s of overlap: the old key is refused at grace end ± 1 s`, async () => {
        const old = await s.keys.create({
          name: `rotate-${graceSec}`,
          scope: 'admin',
          sites: ['hq'],
          createdBy: 'test',
        });
        const { issued, old: after } = await s.keys.rotate(old.record.id, graceSec, 'test');
        expect(issued.record).to.include({
          name: `rotate-${graceSec}`,
          scope: 'admin',
          rotatedFrom: old.record.id,
        });
        expect(issued.record.sites).to.deep.equal(['hq']);
        expect(after.replacedBy).to.equal(issued.record.id);
        if (graceSec > 0) {
          await s.clock.advance(graceSec * 1000 - 1000);
          expect(await s.keys.authenticate(old.token), 'old key 1 s before grace end').to.not.equal(
            undefined,
          );
          await s.clock.advance(2000);
        }
        expect(await s.keys.authenticate(old.token), 'old key after grace').to.equal(undefined);
        expect(await s.keys.authenticate(issued.token)).to.include({ id: issued.record.id });
      });
    }

    it('refuses a grace above 7 days and a second rotation of the same key', async () => {
      const { record } = await s.keys.create({ name: 'twice', scope: 'read', createdBy: 'test' });
      await s.keys.rotate(record.id, 8 * 86_400, 'test').then(
        () => expect.fail('accepted 8 d'),
        (e: { code: string }) => expect(e.code).to.equal('EM_API_KEY_INVALID'),
      );
      await s.keys.rotate(record.id, 60, 'test');
      await s.keys.rotate(record.id, 60, 'test').then(
        () => expect.fail('rotated twice'),
        (e: { code: string }) => expect(e.code).to.equal('EM_API_KEY_INVALID'),
      );
    });

    it('records last use in batches, not per request', async () => {
      const { record } = await s.keys.create({ name: 'used', scope: 'read', createdBy: 'test' });
      for (let i = 0; i < 50; i += 1) s.keys.lastUsed.mark(record.id, s.clock.now() + i, '127.0.0.9');
      expect(s.keys.lastUsed.size).to.equal(1);
      expect((await s.keys.get(record.id))!.lastUsedAt).to.equal(undefined);
      expect(await s.keys.lastUsed.flush()).to.equal(1);
      expect(await s.keys.get(record.id)).to.include({
        lastUsedAt: s.clock.now() + 49,
        lastUsedIp: '127.0.0.9',
      });
    });

    it('warns at 7 days (warning) and 1 day (critical) through check.result, once each, then resolves on rotation', async () => {
      const events: BusEvent[] = [];
      const log = createMemoryLogger([]);
      const bus = createFakeBus({ source: 'api', clock: s.clock, log, events });
      for (const key of await s.keys.list())
        if (!key.revokedAt) await s.keys.revoke(key.id, 'cleanup').catch(() => undefined);
      const { record } = await s.keys.create({
        name: 'expiring',
        scope: 'read',
        ttlDays: 10,
        createdBy: 'test',
      });
      const watcher = new ExpiryWatcher(s.keys, bus, s.clock, log, KEY_DEFAULTS);
      const results = () =>
        events
          .filter((e) => e.name === 'check.result')
          .map((e) => e.payload as CheckResult)
          .filter((r) => r.subject === `api-key/${record.id}`);
      await watcher.run();
      expect(results()).to.have.length(0);
      await s.clock.advance(3.5 * DAY);
      await watcher.run();
      expect(results().map((r) => r.status)).to.deep.equal(['warning']);
      expect(results()[0]).to.include({ check: 'api-key-expiry' });
      expect((await s.keys.get(record.id))!.expiryNotice).to.equal(7);
      await s.clock.advance(5.6 * DAY);
      await watcher.run();
      expect(results().map((r) => r.status)).to.deep.equal(['warning', 'critical']);
      await s.keys.rotate(record.id, 0, 'test');
      await watcher.run();
      await watcher.run();
      expect(results().map((r) => r.status)).to.deep.equal(['warning', 'critical', 'ok']);
    });
  });
}
