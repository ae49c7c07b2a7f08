-- The suppression list (issue 4 part 5): recipients that hard-bounced (5.1.x). The MTA's relay
-- adds them; the submission path then refuses them. address_key is the lower-case lookup form
-- (mailbox names compare case-insensitively here), address the spelling of the bounce.
create table suppression (
    address_key  text         primary key,
    address      text         not null,
    reason       text,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
