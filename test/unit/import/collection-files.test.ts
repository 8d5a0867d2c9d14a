// Export file names to collections, folder expansion and import order.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  collectionOfFile,
  ExportFilesError,
  resolveExportFiles,
} from '../../../src/import/collection-files.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describe('export files', () => {
  it('names the collection of mongoexport file names, with or without a database prefix', () => {
    assert.equal(collectionOfFile('users.json'), 'users');
    assert.equal(collectionOfFile('rocketchat_room.jsonl'), 'rooms');
    assert.equal(collectionOfFile('rocketchat.rocketchat_subscription.ndjson'), 'subscriptions');
    assert.equal(collectionOfFile('rocketchat_roles.JSON'), 'roles');
    assert.equal(collectionOfFile('rocketchat_message.json'), null);
    assert.equal(collectionOfFile('users.csv'), null);
    assert.equal(collectionOfFile('constructor.json'), null);
  });

  it('expands a folder to its known files in import order and ignores the others', async () => {
    const dir = makeTempDir();
    try {
      for (const name of [
        'rocketchat_subscription.json',
        'users.json',
        'rocketchat_message.json',
        'rocketchat_roles.json',
        'rocketchat_settings.jsonl',
      ]) {
        writeFileSync(join(dir.path, name), '');
      }
      const files = await resolveExportFiles([dir.path]);
      assert.deepEqual(
        files.map((file) => [file.collection, file.path.slice(dir.path.length + 1)]),
        [
          ['roles', 'rocketchat_roles.json'],
          ['settings', 'rocketchat_settings.jsonl'],
          ['users', 'users.json'],
          ['subscriptions', 'rocketchat_subscription.json'],
        ],
      );
      await assert.rejects(resolveExportFiles([join(dir.path, 'rocketchat_message.json')]), ExportFilesError);
      await assert.rejects(resolveExportFiles([join(dir.path, 'missing.json')]), /no such file or folder/);
    } finally {
      dir.remove();
    }
  });
});
