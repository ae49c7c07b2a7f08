-- Submission (issue 3): per-account sending limits, the login throttle, the hourly message
-- counters and the DKIM signing keys. Every replica shares these rows, so every limit holds
-- for the whole service, not per process.

-- Null: the yubin.policy.submission.* default applies. Zero stops the account's submissions.
alter table account
    add column max_messages_per_hour      integer check (max_messages_per_hour >= 0),
    add column max_recipients_per_message integer check (max_recipients_per_message >= 0);

-- The senders of an account are the aliases that name it, directly or through other aliases;
-- targets keep their spelling, so they are looked up case-folded.
create index alias_target_lower_target_idx on alias_target (lower(target));

-- Failed logins per client address (scope CLIENT) and per account name (scope ACCOUNT, also
-- for names that have no account, so that locking does not tell which accounts exist).
create table auth_failure (
    scope         varchar(16)  not null,
    subject       text         not null,
    window_start  timestamptz  not null,
    failures      integer      not null,
    locked_until  timestamptz,
    primary key (scope, subject)
);
create index auth_failure_window_start_idx on auth_failure (window_start);

-- Messages submitted per account and clock hour; the previous hour weighs in (sliding window).
create table submission_count (
    account     varchar(320) not null,
    hour_start  timestamptz  not null,
    messages    integer      not null,
    primary key (account, hour_start)
);
create index submission_count_hour_start_idx on submission_count (hour_start);

-- DKIM keys. The private key is AES-256-GCM encrypted (format version, nonce, ciphertext
-- with tag), bound to its domain and selector; no API ever serves it.
-- One active key per domain and algorithm; older ones stay for signatures still in flight.
create table dkim_key (
    domain       varchar(255) not null references domain (name) on delete cascade,
    selector     varchar(63)  not null,
    algorithm    varchar(32)  not null,
    public_key   bytea        not null,
    private_key  bytea        not null,
    active       boolean      not null,
    created_at   timestamptz  not null,
    primary key (domain, selector)
);
create unique index dkim_key_active_idx on dkim_key (domain, algorithm) where active;
