-- Accounts, sessions and the audit log hardened: sign-in throttling reads recent failed sign-ins from the audit
-- log (by account name and by address), the admins' audit viewer pages through it by time, sessions record when
-- they were last used, and the audit log refuses TRUNCATE as it already refuses UPDATE and DELETE.

-- Failed and successful sign-ins of one account name, and failed sign-ins from one address, newest first.
CREATE INDEX audit_log_sign_in_actor_idx ON audit_log (actor, at DESC) WHERE action IN ('login', 'login.failed');
CREATE INDEX audit_log_sign_in_address_idx ON audit_log (address, at DESC) WHERE action = 'login.failed';
-- The audit viewer: newest first, optionally by action.
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);

ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
