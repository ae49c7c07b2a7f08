package dev.yubin.mda.web;

import dev.yubin.core.address.MailAddress;

/** Who an authenticated request comes from. */
sealed interface Caller {

    String ATTRIBUTE = "dev.yubin.mda.web.Caller";

    boolean mayAccess(MailAddress mailbox);

    /** The admin token: every mailbox. */
    record Admin() implements Caller {
        @Override
        public boolean mayAccess(MailAddress mailbox) {
            return true;
        }
    }

    /** A user who gave their password: their own mailbox only. */
    record Owner(MailAddress address) implements Caller {
        @Override
        public boolean mayAccess(MailAddress mailbox) {
            return address.key().equals(mailbox.key());
        }
    }
}
