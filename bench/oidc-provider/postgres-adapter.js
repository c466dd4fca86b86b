// Stores oidc-provider's models (sessions, grants, codes, refresh tokens, interactions, ...) in
// PostgreSQL, so that the comparison with IdentityHub (which keeps all of these in its database) is
// like for like. One table; the payload as jsonb.
import pg from 'pg';

let pool;

export async function connect(connectionString) {
  pool = new pg.Pool({ connectionString, max: 20 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS oidc_models (
      id text NOT NULL,
      type text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (id, type))`);
  await pool.query('CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models (grant_id)');
  await pool.query('CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models (uid)');
  await pool.query(`
    CREATE TABLE IF NOT EXISTS accounts (
      id text PRIMARY KEY,
      username text NOT NULL,
      given_name text,
      family_name text,
      email text)`);
  return pool;
}

export function database() {
  return pool;
}

function withConsumed(row) {
  if (!row) return undefined;
  const payload = row.payload;
  if (row.consumed_at) payload.consumed = Math.floor(row.consumed_at.getTime() / 1000);
  return payload;
}

export class PostgresAdapter {
  constructor(name) {
    this.type = name;
  }

  async upsert(id, payload, expiresIn) {
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    await pool.query(
      `INSERT INTO oidc_models (id, type, payload, grant_id, uid, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id, type) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
         uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
      [id, this.type, payload, payload.grantId ?? null, payload.uid ?? null, expiresAt]);
  }

  async find(id) {
    const { rows } = await pool.query(
      'SELECT payload, consumed_at FROM oidc_models WHERE id = $1 AND type = $2 AND (expires_at IS NULL OR expires_at > now())',
      [id, this.type]);
    return withConsumed(rows[0]);
  }

  async findByUid(uid) {
    const { rows } = await pool.query(
      'SELECT payload, consumed_at FROM oidc_models WHERE uid = $1 AND type = $2 AND (expires_at IS NULL OR expires_at > now())',
      [uid, this.type]);
    return withConsumed(rows[0]);
  }

  async findByUserCode() {
    return undefined;
  }

  async consume(id) {
    await pool.query('UPDATE oidc_models SET consumed_at = now() WHERE id = $1 AND type = $2', [id, this.type]);
  }

  async destroy(id) {
    await pool.query('DELETE FROM oidc_models WHERE id = $1 AND type = $2', [id, this.type]);
  }

  async revokeByGrantId(grantId) {
    await pool.query('DELETE FROM oidc_models WHERE grant_id = $1', [grantId]);
  }
}
