-- Pakta schema. Plain SQL shared by the Node runtime (better-sqlite3) and Cloudflare D1.

CREATE TABLE bookings (
  id            TEXT PRIMARY KEY,
  tenant        TEXT NOT NULL,
  service       TEXT NOT NULL,
  agency        TEXT NOT NULL,
  channel       TEXT NOT NULL,
  date          TEXT NOT NULL,            -- YYYY-MM-DD in the hall's zone
  slot          TEXT NOT NULL,            -- HH:MM, the slot's start
  ticket_seq    INTEGER NOT NULL,         -- sequence within (tenant, service, date)
  ticket        TEXT NOT NULL,            -- PREFIX-NNN
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  status_idx    INTEGER NOT NULL,         -- index in the hall's status list
  citizen_key   TEXT,                     -- keyed hash of NIK, else phone; NULL once retention has run
  holder_name   TEXT,                     -- personal data: NULL once retention has run
  phone         TEXT,                     -- E.164, for delivery only; NULL once retention has run
  pact_version  TEXT NOT NULL,
  pact_hash     TEXT NOT NULL,
  pact_lang     TEXT NOT NULL,
  pact_at       INTEGER NOT NULL,         -- epoch seconds the pact was agreed to
  certificate   TEXT,                     -- compact JWS; NULL only between allocation and signing
  created_at    INTEGER NOT NULL,         -- epoch ms
  cancelled_at  INTEGER,
  purged_at     INTEGER
);

-- A duplicate number is impossible even if code is wrong.
CREATE UNIQUE INDEX bookings_ticket ON bookings (tenant, service, date, ticket_seq);
CREATE UNIQUE INDEX bookings_status_idx ON bookings (tenant, status_idx);
-- One active booking per citizen per service per day.
CREATE UNIQUE INDEX bookings_one_per_citizen ON bookings (tenant, service, date, citizen_key) WHERE status = 'active';
CREATE INDEX bookings_slot ON bookings (tenant, service, date, slot, channel, status);
CREATE INDEX bookings_pending ON bookings (id) WHERE certificate IS NULL;
CREATE INDEX bookings_revoked ON bookings (tenant, status_idx) WHERE status = 'cancelled';
CREATE INDEX bookings_retention ON bookings (tenant, date) WHERE purged_at IS NULL;

CREATE TABLE idempotency_keys (
  tenant        TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,            -- keyed hash (HMAC) of the request body: same key, other body → refused
  booking_id    TEXT NOT NULL REFERENCES bookings (id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (tenant, key)
);

CREATE TABLE signing_keys (
  kid           TEXT PRIMARY KEY,         -- RFC 7638 thumbprint
  private_jwk   TEXT NOT NULL,
  public_jwk    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  retired_at    INTEGER                   -- no longer signs; published until its certificates expire
);

CREATE TABLE secrets (
  name          TEXT PRIMARY KEY,
  value         TEXT NOT NULL
);
