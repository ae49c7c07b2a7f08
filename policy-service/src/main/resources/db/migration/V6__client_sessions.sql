-- The open SMTP sessions of every MTA replica, for the connection concurrency limit
-- (ConnectionConcurrencyCheck). A row goes when the MTA reports the session ended, or, for an
-- MTA that never does (it crashed), once last_seen is older than the session lifetime.
create table client_session (
    session_id  text         primary key,
    client      text         not null,
    last_seen   timestamptz  not null
);
create index client_session_client_last_seen_idx on client_session (client, last_seen);
