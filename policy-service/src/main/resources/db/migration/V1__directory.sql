-- The directory: local domains, their accounts and their aliases.
-- Addresses are stored in their lookup form (MailAddress.key(): local part folded to lower
-- case, domain as a lower-case A-label), so a primary key lookup is the directory lookup.

create table domain (
    name        varchar(255) primary key,
    created_at  timestamptz  not null
);

create table account (
    address        varchar(320) primary key,
    domain         varchar(255) not null references domain (name),
    password_hash  varchar(255) not null,
    quota_bytes    bigint       check (quota_bytes >= 0),
    created_at     timestamptz  not null
);
create index account_domain_idx on account (domain);

create table alias (
    address     varchar(320) primary key,
    domain      varchar(255) not null references domain (name),
    created_at  timestamptz  not null
);
create index alias_domain_idx on alias (domain);

-- Targets keep their order of entry; a target may be local, remote or another alias.
create table alias_target (
    alias_address  varchar(320) not null references alias (address) on delete cascade,
    position       integer      not null,
    target         varchar(320) not null,
    primary key (alias_address, position)
);
