package dev.yubin.mda.web;

import dev.yubin.core.address.MailAddress;
import dev.yubin.mda.mailbox.MailboxService;
import dev.yubin.mda.mailbox.RawMessage;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** CONTRACT §6: the messages of one mailbox. {@link AuthInterceptor} has set the caller. */
@RestController
@RequestMapping("/api/v1/mailboxes/{address}/messages")
class MailboxController {

    static final MediaType MESSAGE_RFC822 = MediaType.parseMediaType("message/rfc822");

    private final MailboxService mailboxes;

    MailboxController(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** Newest first. */
    @GetMapping
    List<MessageSummary> list(@PathVariable String address, @RequestParam(defaultValue = "INBOX") String folder,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return mailboxes.list(mailbox(address, caller), folder).stream().map(MessageSummary::of).toList();
    }

    @GetMapping("/{id}")
    MessageDetails get(@PathVariable String address, @PathVariable long id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return mailboxes.find(mailbox(address, caller), id)
                .map(MessageDetails::of)
                .orElseThrow(() -> Problems.messageNotFound(id));
    }

    /** The message as stored, Return-Path and Delivered-To first, byte for byte. */
    @GetMapping("/{id}/raw")
    ResponseEntity<Resource> raw(@PathVariable String address, @PathVariable long id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        RawMessage raw = mailboxes.raw(mailbox(address, caller), id).orElseThrow(() -> Problems.messageNotFound(id));
        return ResponseEntity.ok()
                .contentType(MESSAGE_RFC822)
                .contentLength(raw.size())
                .body(new InputStreamResource(raw.open()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String address, @PathVariable long id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!mailboxes.delete(mailbox(address, caller), id)) {
            throw Problems.messageNotFound(id);
        }
    }

    /** The mailbox of the path (400 when it is no address), if the caller may access it (else 403). */
    private static MailAddress mailbox(String address, Caller caller) {
        MailAddress mailbox = MailAddress.parse(address);
        if (!caller.mayAccess(mailbox)) {
            throw Problems.forbidden();
        }
        return mailbox;
    }
}
