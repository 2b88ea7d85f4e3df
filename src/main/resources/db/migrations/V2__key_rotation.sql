-- Key rotation: a key signs from activate_at on, and stays published until retire_at (NULL: in use).
ALTER TABLE signing_keys ADD COLUMN activate_at timestamptz;
UPDATE signing_keys SET activate_at = created_at;
ALTER TABLE signing_keys ALTER COLUMN activate_at SET NOT NULL;
ALTER TABLE signing_keys ADD COLUMN retire_at timestamptz;
