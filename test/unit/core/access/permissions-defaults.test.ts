// Permissions over a database that lacks a default permission document (written by an earlier Roster).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Permissions } from '../../../../src/core/access/permissions.js';
import { testStores } from '../../../helpers/test-stores.js';

for (const [name, fresh] of testStores()) {
  describe(`Permissions without a stored document (${name})`, () => {
    it('grants a permission missing from the database to its default roles, and exists() stays false', async () => {
      const { store, dispose } = await fresh();
      const permissions = new Permissions(store);
      try {
        assert.equal(await permissions.has(['user'], 'view-d-room'), true);
        assert.equal(await permissions.has(['anonymous'], 'view-d-room'), false);
        assert.equal(await permissions.exists('view-d-room'), false);
      } finally {
        permissions.close();
        await dispose();
      }
    });

    it('lets a stored permission document override its default roles', async () => {
      const { store, dispose } = await fresh();
      await store.permissions.saveMany([{ _id: 'view-d-room', roles: ['admin'] }]);
      const permissions = new Permissions(store);
      try {
        assert.equal(await permissions.has(['user'], 'view-d-room'), false);
        assert.equal(await permissions.has(['admin'], 'view-d-room'), true);
        assert.equal(await permissions.exists('view-d-room'), true);
      } finally {
        permissions.close();
        await dispose();
      }
    });
  });
}
