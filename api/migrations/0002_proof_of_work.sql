-- Proof-of-work challenges already spent: each challenge buys one booking attempt (and its retries).
CREATE TABLE spent_challenges (
  signature   TEXT PRIMARY KEY,           -- the challenge's HMAC signature, unique per challenge
  owner       TEXT NOT NULL,              -- tenant + Idempotency-Key of the attempt that spent it
  expires_at  INTEGER NOT NULL            -- epoch ms; rows past it can be deleted
);
